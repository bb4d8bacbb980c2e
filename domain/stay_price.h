// The price a booking records (docs/booking-core.md, "Fees"): the stay priced
// by the facility's rate tables, or none where it has no table in force. Used
// by the booking rules and by the quote a user asks for before booking.
#pragma once

#include <optional>

#include "base/status.h"
#include "domain/facility.h"
#include "domain/lottery.h"
#include "domain/pricing.h"

namespace hoyo::domain {

// The price of `request` at `f` (request.reduced_nights_used: the holder's
// caps used, BookingState::reduced_nights_used). The guests are checked first
// (guests_per_night). Then nullopt when some night of the stay has no rate
// table in force (a facility without tables included): the stay is booked
// unpriced, and a reduction claimed is refused (kValidation `reduction`,
// `not_offered`). Otherwise price_stay's answer, its refusals included.
base::Result<std::optional<Price>> stay_price(const Facility& f, const PriceRequest& request);

// A stay booked on an earlier claim (a lottery win, an accepted offer): the
// guests and reduction it records and its price (nullopt: unpriced).
struct PricedWin {
  std::vector<Guests> guests;
  Reduction reduction = Reduction::kNone;
  std::optional<Price> price;
};
// The price a lottery win or an accepted runner-up offer records when it is
// booked: the nights [check_in, check_in + nights) of application `app` (its
// whole stay, or for an offer the part offered) with `people` per night, the
// application's guests of those nights and its claimed reduction, at `f`'s
// rate tables, with `used` the user's reduced nights already used. Never
// refuses: the draw has decided. A reduction the tables no longer offer is
// dropped (the stay priced without it); guests that do not fit the nights
// are dropped (everyone an adult); no table in force leaves it unpriced.
PricedWin price_win(const Facility& f, const LotteryApplication& app, Date check_in, int nights,
                    const std::vector<int>& people, const std::map<int, int>& used);
// The same for any stay decided on what was claimed earlier (a lottery
// application, a waitlist entry): `claimed` the guests per night asked for
// the stay from `claimed_from` (empty: everyone an adult) and `reduction`
// the reduction claimed then; each is dropped as price_win says.
PricedWin price_claimed(const Facility& f, Date claimed_from, const std::vector<Guests>& claimed,
                        Reduction reduction, Date check_in, int nights,
                        const std::vector<int>& people, const std::map<int, int>& used);

}  // namespace hoyo::domain
