#include "http/codec/price_json.h"

namespace hoyo::http {

namespace json = boost::json;

json::value price_json(const std::optional<domain::Price>& price) {
  if (!price) return nullptr;
  json::array lines;
  for (const domain::PriceLine& l : price->lines) {
    lines.push_back({{"date", l.date.to_string()},
                     {"category", domain::price_category_name(l.category)},
                     {"count", l.count},
                     {"unitPrice", l.unit_price},
                     {"amount", l.amount}});
  }
  return json::object{
      {"total", price->total}, {"currency", domain::kCurrency}, {"lines", std::move(lines)}};
}

json::array guests_json(const std::vector<domain::Guests>& guests, const std::vector<int>& people) {
  json::array out;
  if (guests.empty()) {
    for (int p : people) out.push_back({{"adults", p}, {"children", 0}, {"infants", 0}});
    return out;
  }
  for (const domain::Guests& g : guests) {
    out.push_back({{"adults", g.adults}, {"children", g.children}, {"infants", g.infants}});
  }
  return out;
}

void add_claim_json(json::object& o, const std::vector<domain::Guests>& guests,
                    domain::Reduction reduction) {
  if (!guests.empty()) o["guests"] = guests_json(guests, {});
  if (reduction != domain::Reduction::kNone) o["reduction"] = domain::reduction_name(reduction);
}

json::value price_difference_json(const std::vector<domain::Event>& events) {
  for (const domain::Event& e : events) {
    if (const auto* c = std::get_if<domain::ReservationChanged>(&e)) {
      if (c->price_difference) return *c->price_difference;
    }
  }
  return nullptr;
}

}  // namespace hoyo::http
