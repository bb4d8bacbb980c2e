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

PricedWin price_win(const Facility& f, const LotteryApplication& app, Date check_in, int nights,
                    const std::vector<int>& people, const std::map<int, int>& used) {
  return price_claimed(f, app.check_in, app.guests, app.reduction, check_in, nights, people, used);
}

PricedWin price_claimed(const Facility& f, Date claimed_from, const std::vector<Guests>& claimed,
                        Reduction reduction, Date check_in, int nights,
                        const std::vector<int>& people, const std::map<int, int>& used) {
  PricedWin out;
  const int offset = check_in.days - claimed_from.days;
  if (!claimed.empty() && offset >= 0 &&
      static_cast<std::size_t>(offset + nights) <= claimed.size()) {
    out.guests.assign(claimed.begin() + offset, claimed.begin() + offset + nights);
  }
  PriceRequest ask{check_in, nights, out.guests, people, reduction, used};
  if (!guests_per_night(ask).ok()) ask.guests = out.guests = {};
  auto price = stay_price(f, ask);
  if (!price.ok() && ask.reduction != Reduction::kNone) {
    ask.reduction = Reduction::kNone;
    price = stay_price(f, ask);
  }
  out.reduction = ask.reduction;
  if (price.ok()) out.price = std::move(price).value();
  return out;
}

}  // namespace hoyo::domain
