#include "domain/event_codec_price.h"

namespace hoyo::domain::internal {

void put_guests(capnp::List<schema::Guests>::Builder list, const std::vector<Guests>& guests) {
  for (unsigned i = 0; i < guests.size(); ++i) {
    list[i].setAdults(static_cast<std::uint16_t>(guests[i].adults));
    list[i].setChildren(static_cast<std::uint16_t>(guests[i].children));
    list[i].setInfants(static_cast<std::uint16_t>(guests[i].infants));
  }
}

std::vector<Guests> get_guests(capnp::List<schema::Guests>::Reader list) {
  std::vector<Guests> out;
  for (auto g : list) out.push_back({g.getAdults(), g.getChildren(), g.getInfants()});
  return out;
}

void put_price(schema::Price::Builder b, const Price& price) {
  b.setTotal(price.total);
  auto lines = b.initLines(static_cast<unsigned>(price.lines.size()));
  for (unsigned i = 0; i < price.lines.size(); ++i) {
    const PriceLine& l = price.lines[i];
    lines[i].setDate(l.date.days);
    lines[i].setCategory(static_cast<std::uint8_t>(l.category));
    lines[i].setCount(l.count);
    lines[i].setUnitPrice(l.unit_price);
    lines[i].setAmount(l.amount);
  }
}

Price get_price(schema::Price::Reader r) {
  Price out;
  out.total = r.getTotal();
  for (auto l : r.getLines()) {
    out.lines.push_back({Date{l.getDate()}, static_cast<PriceCategory>(l.getCategory()),
                         l.getCount(), l.getUnitPrice(), l.getAmount()});
  }
  return out;
}

Reduction get_reduction(std::uint8_t stored) {
  return stored <= static_cast<std::uint8_t>(Reduction::kDisability)
             ? static_cast<Reduction>(stored)
             : Reduction::kNone;
}

}  // namespace hoyo::domain::internal
