#include "domain/stay_price.h"

namespace hoyo::domain {

base::Result<std::optional<Price>> stay_price(const Facility& f, const PriceRequest& request) {
  if (auto guests = guests_per_night(request); !guests.ok()) return guests.error();
  auto price = price_stay(f.rates, request);
  if (price.ok()) return std::optional<Price>(std::move(price).value());
  if (price.error().code != base::ErrorCode::kNotFound) return price.error();
  if (request.reduction != Reduction::kNone) {
    return base::Error::validation("reduction", "not_offered",
                                   base::MessageId::kReductionNotOffered);
  }
  return std::optional<Price>();
}

}  // namespace hoyo::domain
