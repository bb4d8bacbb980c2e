#include "domain/event_codec_offers.h"

#include "domain/event_codec_internal.h"
#include "domain/events.capnp.h"

namespace hoyo::domain::internal {

namespace s = schema;

void encode_offer(capnp::MallocMessageBuilder& m, const RoomOffered& e) {
  const Offer& o = e.offer;
  auto b = m.initRoot<s::RoomOffered>().initOffer();
  b.setId(text(o.id));
  b.setLottery(text(o.lottery));
  b.setUser(text(o.user));
  b.setApplication(text(o.application));
  b.setLapsed(text(o.lapsed));
  b.setFacility(text(o.facility));
  b.setCheckIn(o.check_in.days);
  b.setNights(static_cast<std::uint8_t>(o.nights));
  auto people = b.initPeople(static_cast<unsigned>(o.people.size()));
  for (unsigned i = 0; i < o.people.size(); ++i) {
    people.set(i, static_cast<std::uint16_t>(o.people[i]));
  }
  b.setStyle(static_cast<s::RoomStyle>(o.style));
  b.setWish(static_cast<s::StyleWish>(o.wish));
  b.setRank(static_cast<std::uint32_t>(o.rank));
  b.setAt(o.at);
  b.setOfferBy(o.offer_by);
}

void encode_offer(capnp::MallocMessageBuilder& m, const OfferAccepted& e) {
  auto b = m.initRoot<s::OfferAccepted>();
  b.setOffer(text(e.offer));
  b.setNumber(text(e.number));
  b.setAt(e.at);
}

void encode_offer(capnp::MallocMessageBuilder& m, const OfferDeclined& e) {
  auto b = m.initRoot<s::OfferDeclined>();
  b.setOffer(text(e.offer));
  b.setAt(e.at);
}

void encode_offer(capnp::MallocMessageBuilder& m, const OfferLapsed& e) {
  auto b = m.initRoot<s::OfferLapsed>();
  b.setOffer(text(e.offer));
  b.setDue(e.due);
}

std::optional<Event> decode_offer(std::string_view type, capnp::FlatArrayMessageReader& m) {
  if (type == "RoomOffered") {
    auto b = m.getRoot<s::RoomOffered>().getOffer();
    if (static_cast<int>(b.getStyle()) >= kStyleCount ||
        static_cast<int>(b.getWish()) > static_cast<int>(StyleWish::kWestern)) {
      return std::nullopt;
    }
    Offer o;
    o.id = str(b.getId());
    o.lottery = str(b.getLottery());
    o.user = str(b.getUser());
    o.application = str(b.getApplication());
    o.lapsed = str(b.getLapsed());
    o.facility = str(b.getFacility());
    o.check_in = Date{b.getCheckIn()};
    o.nights = b.getNights();
    for (auto p : b.getPeople()) o.people.push_back(p);
    o.style = static_cast<RoomStyle>(b.getStyle());
    o.wish = static_cast<StyleWish>(b.getWish());
    o.rank = static_cast<int>(b.getRank());
    o.at = b.getAt();
    o.offer_by = b.getOfferBy();
    return RoomOffered{std::move(o)};
  }
  if (type == "OfferAccepted") {
    auto b = m.getRoot<s::OfferAccepted>();
    return OfferAccepted{str(b.getOffer()), str(b.getNumber()), b.getAt()};
  }
  if (type == "OfferDeclined") {
    auto b = m.getRoot<s::OfferDeclined>();
    return OfferDeclined{str(b.getOffer()), b.getAt()};
  }
  if (type == "OfferLapsed") {
    auto b = m.getRoot<s::OfferLapsed>();
    return OfferLapsed{str(b.getOffer()), b.getDue()};
  }
  return std::nullopt;
}

}  // namespace hoyo::domain::internal
