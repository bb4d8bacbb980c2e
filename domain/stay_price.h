// The price a booking records (docs/booking-core.md, "Fees"): the stay priced
// by the facility's rate tables, or none where it has no table in force. Used
// by the booking rules and by the quote a user asks for before booking.
#pragma once

#include <optional>

#include "base/status.h"
#include "domain/facility.h"
#include "domain/pricing.h"

namespace hoyo::domain {

// The price of `request` at `f` (request.reduced_nights_used: the holder's
// caps used, BookingState::reduced_nights_used). The guests are checked first
// (guests_per_night). Then nullopt when some night of the stay has no rate
// table in force (a facility without tables included): the stay is booked
// unpriced, and a reduction claimed is refused (kValidation `reduction`,
// `not_offered`). Otherwise price_stay's answer, its refusals included.
base::Result<std::optional<Price>> stay_price(const Facility& f, const PriceRequest& request);

}  // namespace hoyo::domain
