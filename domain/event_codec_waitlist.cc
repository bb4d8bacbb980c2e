#include "domain/event_codec_waitlist.h"

#include "domain/event_codec_internal.h"
#include "domain/event_codec_price.h"

namespace hoyo::domain::internal {

namespace s = schema;

void put_waitlist_settings(s::Facility::Builder b, const WaitlistSettings& w) {
  if (w == WaitlistSettings{}) return;
  auto o = b.initWaitlist();
  o.setEnabled(w.enabled);
  o.setEntriesPerMonth(w.entries_per_month);
  o.setCloseDaysBefore(w.close_days_before);
  o.setPickMinute(w.pick_minute);
  o.setOfferDays(w.offer_days);
  o.setOfferByMinute(w.offer_by_minute);
}

WaitlistSettings get_waitlist_settings(s::Facility::Reader b) {
  WaitlistSettings w;
  if (!b.hasWaitlist()) return w;
  auto o = b.getWaitlist();
  w.enabled = o.getEnabled();
  w.entries_per_month = o.getEntriesPerMonth();
  w.close_days_before = o.getCloseDaysBefore();
  w.pick_minute = o.getPickMinute();
  w.offer_days = o.getOfferDays();
  w.offer_by_minute = o.getOfferByMinute();
  return w;
}

namespace {

bool known_style(s::RoomStyle x) { return static_cast<int>(x) < kStyleCount; }
bool known_wish(s::StyleWish x) {
  return static_cast<int>(x) <= static_cast<int>(StyleWish::kWestern);
}

}  // namespace

void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistJoined& e) {
  const WaitlistEntry& x = e.entry;
  auto b = m.initRoot<s::WaitlistJoined>().initEntry();
  b.setId(text(x.id));
  b.setUser(text(x.user));
  b.setFacility(text(x.facility));
  b.setCheckIn(x.check_in.days);
  b.setNights(static_cast<std::uint8_t>(x.nights));
  put_people(b.initPeople(static_cast<unsigned>(x.people.size())), x.people);
  b.setWish(static_cast<s::StyleWish>(x.wish));
  b.setJoinedAt(x.joined_at);
  if (!x.guests.empty()) put_guests(b.initGuests(static_cast<unsigned>(x.guests.size())), x.guests);
  b.setReduction(static_cast<std::uint8_t>(x.reduction));
}

void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistLeft& e) {
  auto b = m.initRoot<s::WaitlistLeft>();
  b.setEntry(text(e.entry));
  b.setAt(e.at);
}

void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistRoomHeld& e) {
  const WaitlistHold& h = e.hold;
  auto b = m.initRoot<s::WaitlistRoomHeld>().initHold();
  b.setId(text(h.id));
  b.setFacility(text(h.facility));
  b.setStyle(static_cast<s::RoomStyle>(h.style));
  put_dates(b.initNights(static_cast<unsigned>(h.nights.size())), h.nights);
  b.setHeldAt(h.held_at);
  b.setPickAt(h.pick_at);
}

void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistHoldReleased& e) {
  auto b = m.initRoot<s::WaitlistHoldReleased>();
  b.setHold(text(e.hold));
  put_dates(b.initFreed(static_cast<unsigned>(e.freed.size())), e.freed);
  b.setAt(e.at);
}

void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistOffered& e) {
  const WaitlistOffer& o = e.offer;
  auto root = m.initRoot<s::WaitlistOffered>();
  root.setSeed(e.seed);
  root.setCandidates(e.candidates);
  auto b = root.initOffer();
  b.setId(text(o.id));
  b.setEntry(text(o.entry));
  b.setHold(text(o.hold));
  b.setUser(text(o.user));
  b.setFacility(text(o.facility));
  b.setCheckIn(o.check_in.days);
  b.setNights(static_cast<std::uint8_t>(o.nights));
  put_people(b.initPeople(static_cast<unsigned>(o.people.size())), o.people);
  b.setStyle(static_cast<s::RoomStyle>(o.style));
  b.setWish(static_cast<s::StyleWish>(o.wish));
  b.setAt(o.at);
  b.setOfferBy(o.offer_by);
}

void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistOfferAccepted& e) {
  auto b = m.initRoot<s::WaitlistOfferAccepted>();
  b.setOffer(text(e.offer));
  b.setNumber(text(e.number));
  b.setAt(e.at);
}

void encode_waitlist(capnp::MallocMessageBuilder& m, const WaitlistOfferClosed& e) {
  auto b = m.initRoot<s::WaitlistOfferClosed>();
  b.setOffer(text(e.offer));
  b.setStatus(static_cast<std::uint8_t>(e.status));
  b.setAt(e.at);
}

std::optional<Event> decode_waitlist(std::string_view type, capnp::FlatArrayMessageReader& m) {
  if (type == "WaitlistJoined") {
    auto b = m.getRoot<s::WaitlistJoined>().getEntry();
    if (!known_wish(b.getWish())) return std::nullopt;
    WaitlistEntry x;
    x.id = str(b.getId());
    x.user = str(b.getUser());
    x.facility = str(b.getFacility());
    x.check_in = Date{b.getCheckIn()};
    x.nights = b.getNights();
    x.people = get_people(b.getPeople());
    x.wish = static_cast<StyleWish>(b.getWish());
    x.joined_at = b.getJoinedAt();
    x.guests = get_guests(b.getGuests());
    x.reduction = get_reduction(b.getReduction());
    return WaitlistJoined{std::move(x)};
  }
  if (type == "WaitlistLeft") {
    auto b = m.getRoot<s::WaitlistLeft>();
    return WaitlistLeft{str(b.getEntry()), b.getAt()};
  }
  if (type == "WaitlistRoomHeld") {
    auto b = m.getRoot<s::WaitlistRoomHeld>().getHold();
    if (!known_style(b.getStyle())) return std::nullopt;
    WaitlistHold h;
    h.id = str(b.getId());
    h.facility = str(b.getFacility());
    h.style = static_cast<RoomStyle>(b.getStyle());
    h.nights = get_dates(b.getNights());
    h.held_at = b.getHeldAt();
    h.pick_at = b.getPickAt();
    return WaitlistRoomHeld{std::move(h)};
  }
  if (type == "WaitlistHoldReleased") {
    auto b = m.getRoot<s::WaitlistHoldReleased>();
    return WaitlistHoldReleased{str(b.getHold()), get_dates(b.getFreed()), b.getAt()};
  }
  if (type == "WaitlistOffered") {
    auto root = m.getRoot<s::WaitlistOffered>();
    auto b = root.getOffer();
    if (!known_style(b.getStyle()) || !known_wish(b.getWish())) return std::nullopt;
    WaitlistOffer o;
    o.id = str(b.getId());
    o.entry = str(b.getEntry());
    o.hold = str(b.getHold());
    o.user = str(b.getUser());
    o.facility = str(b.getFacility());
    o.check_in = Date{b.getCheckIn()};
    o.nights = b.getNights();
    o.people = get_people(b.getPeople());
    o.style = static_cast<RoomStyle>(b.getStyle());
    o.wish = static_cast<StyleWish>(b.getWish());
    o.at = b.getAt();
    o.offer_by = b.getOfferBy();
    return WaitlistOffered{std::move(o), root.getSeed(), root.getCandidates()};
  }
  if (type == "WaitlistOfferAccepted") {
    auto b = m.getRoot<s::WaitlistOfferAccepted>();
    return WaitlistOfferAccepted{str(b.getOffer()), str(b.getNumber()), b.getAt()};
  }
  if (type == "WaitlistOfferClosed") {
    auto b = m.getRoot<s::WaitlistOfferClosed>();
    const std::uint8_t status = b.getStatus();
    if (status < static_cast<std::uint8_t>(WaitlistOfferStatus::kDeclined) ||
        status > static_cast<std::uint8_t>(WaitlistOfferStatus::kWithdrawn)) {
      return std::nullopt;
    }
    return WaitlistOfferClosed{str(b.getOffer()), static_cast<WaitlistOfferStatus>(status),
                               b.getAt()};
  }
  return std::nullopt;
}

}  // namespace hoyo::domain::internal
