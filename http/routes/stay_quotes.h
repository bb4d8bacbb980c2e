// The price a booking or a change would record now, answered before OK
// (docs/api.md, "The price before OK: quotes"): nothing is booked, changed
// or held. The member's quote routes and the operator's (on a user's behalf)
// answer with these, so both quote by the same rules.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>

#include "domain/commands.h"
#include "http/app/call.h"
#include "http/codec/stay_body.h"
#include "projections/stay_view.h"

namespace hoyo::http {

// The price a booking of stay `st` would record now for `user` (their reduced
// nights used count against the caps), as JSON (null: unpriced); refused as
// the booking's price would be.
base::Result<boost::json::value> price_now(const projections::StayView& v, const std::string& user,
                                           const Stay& st);

// The answer to a quote of booking `st` for `user`: 200 {facilityId, checkIn,
// nights, guests, reduction, price}, or refused as the booking would be for
// the stay's shape (the facility, check_stay_request, check_min_people, the
// price). The booking's checks of the writer's state are its own (window,
// suspension, limits, vacancy).
Response stay_quote(const Call& call, const projections::StayView& v, const std::string& user,
                    const Stay& st);

// The answer to a quote of change `c` of reservation `seen` (nullopt: none
// the asker may see): 200 {reservationNumber, checkIn, nights, people,
// roomStyle, guests, reduction, price, priceDifference}, or refused as the
// change would be (the reservation, the change window, the user's or the
// centre's when `by_centre`, plan_change, a new room's vacancy, the price).
// A room free now may still be taken before the change is made.
Response change_quote(const Call& call, const projections::StayView& v,
                      const std::optional<domain::Reservation>& seen,
                      const domain::ChangeReservation& c, bool by_centre, domain::Instant now);

}  // namespace hoyo::http
