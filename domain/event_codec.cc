#include "domain/event_codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <cstring>
#include <vector>

#include "domain/event_codec_facility.h"
#include "domain/event_codec_internal.h"
#include "domain/event_codec_lottery.h"
#include "domain/event_codec_offers.h"
#include "domain/event_codec_penalties.h"
#include "domain/event_codec_price.h"
#include "domain/event_codec_waitlist.h"
#include "domain/events.capnp.h"

namespace hoyo::domain {
namespace {

namespace s = schema;
using internal::get_dates;
using internal::get_people;
using internal::put_dates;
using internal::put_people;
using internal::root;
using internal::str;
using internal::text;

struct Encoder {
  capnp::MallocMessageBuilder& m;
  // Every account event (event_codec_accounts.cc).
  template <class AccountEvent>
  void operator()(const AccountEvent& e) const {
    internal::encode_account(m, e);
  }
  void operator()(const FacilityRegistered& e) const {
    internal::put_facility(m.initRoot<s::FacilityRegistered>().initFacility(), e.facility);
  }
  void operator()(const FacilityChanged& e) const {
    internal::put_facility(m.initRoot<s::FacilityChanged>().initFacility(), e.facility);
  }
  void operator()(const DatesClosed& e) const {
    auto b = m.initRoot<s::DatesClosed>();
    b.setFacility(text(e.facility));
    put_dates(b.initDates(static_cast<unsigned>(e.dates.size())), e.dates);
  }
  void operator()(const DatesReopened& e) const {
    auto b = m.initRoot<s::DatesReopened>();
    b.setFacility(text(e.facility));
    put_dates(b.initDates(static_cast<unsigned>(e.dates.size())), e.dates);
  }
  void operator()(const ReservationBooked& e) const {
    const Reservation& r = e.reservation;
    auto root = m.initRoot<s::ReservationBooked>();
    root.setFromHold(e.from_hold);
    auto b = root.initReservation();
    b.setNumber(text(r.number));
    b.setUser(text(r.user));
    b.setFacility(text(r.facility));
    b.setCheckIn(r.check_in.days);
    b.setNights(static_cast<std::uint8_t>(r.nights));
    put_people(b.initPeople(static_cast<unsigned>(r.people.size())), r.people);
    b.setStyle(static_cast<s::RoomStyle>(r.style));
    b.setWish(static_cast<s::StyleWish>(r.wish));
    b.setOrigin(static_cast<s::Origin>(r.origin));
    b.setBookedAt(r.booked_at);
    b.setApplication(text(r.application));
    internal::put_guests(b.initGuests(static_cast<unsigned>(r.guests.size())), r.guests);
    b.setReduction(static_cast<std::uint8_t>(r.reduction));
    if (r.price) internal::put_price(b.initPrice(), *r.price);
    b.setConfirmation(static_cast<std::uint8_t>(r.confirmation));
    b.setConfirmBy(r.confirm_by);
    b.setOverrideReason(text(r.override_reason));
    if (!r.sealed_override_reason.empty()) {
      internal::put_sealed(b.initSealedOverrideReason(), r.sealed_override_reason);
    }
  }
  void operator()(const ReservationChanged& e) const {
    auto b = m.initRoot<s::ReservationChanged>();
    b.setNumber(text(e.number));
    b.setCheckIn(e.check_in.days);
    b.setNights(static_cast<std::uint8_t>(e.nights));
    put_people(b.initPeople(static_cast<unsigned>(e.people.size())), e.people);
    b.setStyle(static_cast<s::RoomStyle>(e.style));
    b.setWish(static_cast<s::StyleWish>(e.wish));
    internal::put_guests(b.initGuests(static_cast<unsigned>(e.guests.size())), e.guests);
    b.setReduction(static_cast<std::uint8_t>(e.reduction));
    if (e.price) internal::put_price(b.initPrice(), *e.price);
    if (e.price_difference) b.initPriceDifference().setTotal(*e.price_difference);
    b.setWaived(e.waived);
    b.setWaiverReason(text(e.reason));
    if (!e.sealed_reason.empty()) internal::put_sealed(b.initSealedReason(), e.sealed_reason);
  }
  void operator()(const ReservationPaid& e) const {
    auto b = m.initRoot<s::ReservationPaid>();
    b.setNumber(text(e.number));
    b.setAt(e.at);
  }
  void operator()(const ReservationCancelled& e) const {
    auto b = m.initRoot<s::ReservationCancelled>();
    b.setNumber(text(e.number));
    b.setWaived(e.waived);
    b.setReason(text(e.reason));
    if (!e.sealed_reason.empty()) internal::put_sealed(b.initSealedReason(), e.sealed_reason);
  }
  void operator()(const PenaltyRulesSet& e) const { internal::encode_penalty(m, e); }
  void operator()(const AttendanceRecorded& e) const { internal::encode_penalty(m, e); }
  void operator()(const UserSuspended& e) const { internal::encode_penalty(m, e); }
  void operator()(const SuspensionLifted& e) const { internal::encode_penalty(m, e); }
  void operator()(const StayLimitsSet& e) const { internal::encode_penalty(m, e); }
  void operator()(const RoomOffered& e) const { internal::encode_offer(m, e); }
  void operator()(const OfferAccepted& e) const { internal::encode_offer(m, e); }
  void operator()(const OfferDeclined& e) const { internal::encode_offer(m, e); }
  void operator()(const OfferLapsed& e) const { internal::encode_offer(m, e); }
  void operator()(const WaitlistJoined& e) const { internal::encode_waitlist(m, e); }
  void operator()(const WaitlistLeft& e) const { internal::encode_waitlist(m, e); }
  void operator()(const WaitlistRoomHeld& e) const { internal::encode_waitlist(m, e); }
  void operator()(const WaitlistHoldReleased& e) const { internal::encode_waitlist(m, e); }
  void operator()(const WaitlistOffered& e) const { internal::encode_waitlist(m, e); }
  void operator()(const WaitlistOfferAccepted& e) const { internal::encode_waitlist(m, e); }
  void operator()(const WaitlistOfferClosed& e) const { internal::encode_waitlist(m, e); }
  void operator()(const LotteryOpened& e) const { internal::encode_lottery(m, e); }
  void operator()(const LotteryApplied& e) const { internal::encode_lottery(m, e); }
  void operator()(const LotteryDrawn& e) const { internal::encode_lottery(m, e); }
  void operator()(const LotteryPublished& e) const { internal::encode_lottery(m, e); }
  void operator()(const LotteryResultsTold& e) const { internal::encode_lottery(m, e); }
  void operator()(const LotteryWinsBooked& e) const { internal::encode_lottery(m, e); }
  void operator()(const LosersToTell& e) const { internal::encode_lottery(m, e); }
  void operator()(const LosersTold& e) const { internal::encode_lottery(m, e); }
  void operator()(const LotteryAuditorCommitted& e) const { internal::encode_lottery(m, e); }
  void operator()(const LotteryAuditorRevealed& e) const { internal::encode_lottery(m, e); }
  void operator()(const LotteryApplicationsCancelled& e) const { internal::encode_lottery(m, e); }
  void operator()(const ReservationConfirmed& e) const {
    m.initRoot<s::ReservationConfirmed>().setNumber(text(e.number));
  }
  void operator()(const WinLapsed& e) const {
    auto b = m.initRoot<s::WinLapsed>();
    b.setNumber(text(e.number));
    b.setDue(e.due);
  }
  void operator()(const LapsedRoomReleased& e) const {
    auto b = m.initRoot<s::LapsedRoomReleased>();
    b.setNumber(text(e.number));
    b.setDue(e.due);
    put_dates(b.initFreed(static_cast<unsigned>(e.freed.size())), e.freed);
  }
};

std::optional<Event> decode_root(std::string_view type, capnp::FlatArrayMessageReader& m) {
  if (type == "ReservationBooked") {
    auto booked = root<s::ReservationBooked>(m);
    auto b = booked.getReservation();
    Reservation r;
    r.number = str(b.getNumber());
    r.user = str(b.getUser());
    r.facility = str(b.getFacility());
    r.check_in = Date{b.getCheckIn()};
    r.nights = b.getNights();
    r.people = get_people(b.getPeople());
    r.style = static_cast<RoomStyle>(b.getStyle());
    r.wish = static_cast<StyleWish>(b.getWish());
    r.origin = static_cast<Origin>(b.getOrigin());
    r.booked_at = b.getBookedAt();
    r.application = str(b.getApplication());
    r.guests = internal::get_guests(b.getGuests());
    r.reduction = internal::get_reduction(b.getReduction());
    if (b.hasPrice()) r.price = internal::get_price(b.getPrice());
    if (b.getConfirmation() > 2) return std::nullopt;
    r.confirmation = static_cast<Confirmation>(b.getConfirmation());
    r.confirm_by = b.getConfirmBy();
    r.override_reason = str(b.getOverrideReason());
    if (b.hasSealedOverrideReason()) {
      r.sealed_override_reason = internal::get_sealed(b.getSealedOverrideReason());
    }
    return ReservationBooked{std::move(r), booked.getFromHold()};
  }
  if (type == "ReservationChanged") {
    auto b = root<s::ReservationChanged>(m);
    ReservationChanged e{str(b.getNumber()),
                         Date{b.getCheckIn()},
                         b.getNights(),
                         get_people(b.getPeople()),
                         static_cast<RoomStyle>(b.getStyle()),
                         static_cast<StyleWish>(b.getWish()),
                         internal::get_guests(b.getGuests()),
                         internal::get_reduction(b.getReduction()),
                         std::nullopt,
                         std::nullopt};
    if (b.hasPrice()) e.price = internal::get_price(b.getPrice());
    if (b.hasPriceDifference()) e.price_difference = b.getPriceDifference().getTotal();
    e.waived = b.getWaived();
    e.reason = str(b.getWaiverReason());
    if (b.hasSealedReason()) e.sealed_reason = internal::get_sealed(b.getSealedReason());
    return e;
  }
  if (type == "ReservationPaid") {
    auto b = root<s::ReservationPaid>(m);
    return ReservationPaid{str(b.getNumber()), b.getAt()};
  }
  if (type == "ReservationCancelled") {
    auto b = root<s::ReservationCancelled>(m);
    ReservationCancelled e{str(b.getNumber()), b.getWaived(), str(b.getReason())};
    if (b.hasSealedReason()) e.sealed_reason = internal::get_sealed(b.getSealedReason());
    return e;
  }
  if (type == "ReservationConfirmed") {
    return ReservationConfirmed{str(root<s::ReservationConfirmed>(m).getNumber())};
  }
  if (type == "WinLapsed") {
    auto b = root<s::WinLapsed>(m);
    return WinLapsed{str(b.getNumber()), b.getDue()};
  }
  if (type == "LapsedRoomReleased") {
    auto b = root<s::LapsedRoomReleased>(m);
    return LapsedRoomReleased{str(b.getNumber()), b.getDue(), get_dates(b.getFreed())};
  }
  if (type == "FacilityRegistered") {
    return FacilityRegistered{internal::get_facility(root<s::FacilityRegistered>(m).getFacility())};
  }
  if (type == "FacilityChanged") {
    return FacilityChanged{internal::get_facility(root<s::FacilityChanged>(m).getFacility())};
  }
  if (type == "DatesClosed") {
    auto b = root<s::DatesClosed>(m);
    return DatesClosed{str(b.getFacility()), get_dates(b.getDates())};
  }
  if (type == "DatesReopened") {
    auto b = root<s::DatesReopened>(m);
    return DatesReopened{str(b.getFacility()), get_dates(b.getDates())};
  }
  if (auto e = internal::decode_penalty(type, m)) return e;
  if (auto e = internal::decode_offer(type, m)) return e;
  if (auto e = internal::decode_waitlist(type, m)) return e;
  if (auto e = internal::decode_lottery(type, m)) return e;
  return internal::decode_account(type, m);
}

}  // namespace

EncodedEvent encode_event(const Event& e) {
  capnp::MallocMessageBuilder message(128);
  std::visit(Encoder{message}, e);
  const kj::Array<capnp::word> flat = capnp::messageToFlatArray(message);
  const auto bytes = flat.asBytes();
  return {event_type(e), std::string(reinterpret_cast<const char*>(bytes.begin()), bytes.size())};
}

std::optional<Event> decode_event(std::string_view type, std::string_view payload) {
  if (payload.empty() || payload.size() % sizeof(capnp::word) != 0) return std::nullopt;
  // Aligned words: the payload may sit anywhere in its envelope. Read in place
  // when it happens to be aligned, else copy into this thread's buffer (the
  // decoded event owns copies of everything, so the buffer is free again after).
  const std::size_t n = payload.size() / sizeof(capnp::word);
  const capnp::word* words = nullptr;
  if (reinterpret_cast<std::uintptr_t>(payload.data()) % alignof(capnp::word) == 0) {
    words = reinterpret_cast<const capnp::word*>(payload.data());
  } else {
    thread_local std::vector<capnp::word> buffer;
    if (buffer.size() < n) buffer.resize(n);
    std::memcpy(buffer.data(), payload.data(), payload.size());
    words = buffer.data();
  }
  try {
    capnp::FlatArrayMessageReader reader(kj::arrayPtr(words, n));
    return decode_root(type, reader);
  } catch (const kj::Exception&) {
    return std::nullopt;
  }
}

}  // namespace hoyo::domain
