#include "domain/event_codec.h"

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <algorithm>
#include <cstring>
#include <vector>

#include "domain/event_codec_internal.h"
#include "domain/event_codec_offers.h"
#include "domain/event_codec_penalties.h"
#include "domain/event_codec_price.h"
#include "domain/event_codec_rates.h"
#include "domain/events.capnp.h"
#include "domain/packed_strings.h"

namespace hoyo::domain {
namespace {

namespace s = schema;
using internal::str;
using internal::text;

void put_facility(s::Facility::Builder b, const Facility& f) {
  b.setId(text(f.id));
  b.setName(text(f.name));
  b.setNameEn(text(f.name_en));
  auto types = b.initRoomTypes(static_cast<unsigned>(f.room_types.size()));
  for (unsigned i = 0; i < f.room_types.size(); ++i) {
    types[i].setStyle(static_cast<s::RoomStyle>(f.room_types[i].style));
    types[i].setRooms(static_cast<std::uint32_t>(f.room_types[i].rooms));
    types[i].setCapacity(static_cast<std::uint32_t>(f.room_types[i].capacity));
  }
  b.setStyleWish(f.style_wish);
  auto r = b.initRules();
  r.setOpenMonthsBefore(f.rules.open_months_before);
  r.setOpenHour(f.rules.open_hour);
  r.setCloseDaysBefore(f.rules.close_days_before);
  r.setChangeCloseDaysBefore(f.rules.change_close_days_before);
  r.setCancelCloseDaysBefore(f.rules.cancel_close_days_before);
  r.setMaxUpcoming(f.rules.max_upcoming);
  r.setMaxNights(f.rules.max_nights);
  auto closed = b.initClosed(static_cast<unsigned>(f.closed.size()));
  unsigned i = 0;
  for (Date d : f.closed) closed.set(i++, d.days);
  internal::put_rates(b, f.rates);
  internal::put_penalty_overrides(b, f.penalties);
}

Facility get_facility(s::Facility::Reader b) {
  Facility f;
  f.id = str(b.getId());
  f.name = str(b.getName());
  f.name_en = str(b.getNameEn());
  for (auto t : b.getRoomTypes()) {
    f.room_types.push_back({static_cast<RoomStyle>(t.getStyle()), static_cast<int>(t.getRooms()),
                            static_cast<int>(t.getCapacity())});
  }
  f.style_wish = b.getStyleWish();
  auto r = b.getRules();
  f.rules = {r.getOpenMonthsBefore(),
             r.getOpenHour(),
             r.getCloseDaysBefore(),
             r.getChangeCloseDaysBefore(),
             r.getCancelCloseDaysBefore(),
             r.getMaxUpcoming(),
             r.getMaxNights()};
  for (auto d : b.getClosed()) f.closed.insert(Date{d});
  f.rates = internal::get_rates(b);
  f.penalties = internal::get_penalty_overrides(b);
  return f;
}

template <class ListBuilder>
void put_people(ListBuilder list, const std::vector<int>& people) {
  for (unsigned i = 0; i < people.size(); ++i) list.set(i, static_cast<std::uint16_t>(people[i]));
}

template <class ListReader>
std::vector<int> get_people(ListReader list) {
  std::vector<int> people;
  for (auto p : list) people.push_back(p);
  return people;
}

template <class ListBuilder>
void put_dates(ListBuilder list, const std::vector<Date>& dates) {
  for (unsigned i = 0; i < dates.size(); ++i) list.set(i, dates[i].days);
}

template <class ListReader>
std::vector<Date> get_dates(ListReader list) {
  std::vector<Date> dates;
  for (auto d : list) dates.push_back(Date{d});
  return dates;
}

template <class ListBuilder>
void put_allotment(ListBuilder list, const std::vector<Allotment>& allotment) {
  for (unsigned i = 0; i < allotment.size(); ++i) {
    list[i].setFacility(text(allotment[i].facility));
    list[i].setNight(allotment[i].night.days);
    list[i].setStyle(static_cast<s::RoomStyle>(allotment[i].style));
    list[i].setRooms(static_cast<std::uint32_t>(allotment[i].rooms));
  }
}

template <class ListReader>
std::vector<Allotment> get_allotment(ListReader list) {
  std::vector<Allotment> out;
  for (auto a : list) {
    out.push_back({str(a.getFacility()), Date{a.getNight()}, static_cast<RoomStyle>(a.getStyle()),
                   static_cast<int>(a.getRooms())});
  }
  return out;
}

struct Encoder {
  capnp::MallocMessageBuilder& m;
  // Every account event (event_codec_accounts.cc).
  template <class AccountEvent>
  void operator()(const AccountEvent& e) const {
    internal::encode_account(m, e);
  }
  void operator()(const FacilityRegistered& e) const {
    put_facility(m.initRoot<s::FacilityRegistered>().initFacility(), e.facility);
  }
  void operator()(const FacilityChanged& e) const {
    put_facility(m.initRoot<s::FacilityChanged>().initFacility(), e.facility);
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
  void operator()(const LotteryOpened& e) const {
    const LotteryPeriod& p = e.period;
    auto b = m.initRoot<s::LotteryOpened>().initPeriod();
    b.setId(text(p.id));
    b.setStayMonth(p.stay_month.days);
    auto facilities = b.initFacilities(static_cast<unsigned>(p.facilities.size()));
    for (unsigned i = 0; i < p.facilities.size(); ++i) facilities.set(i, text(p.facilities[i]));
    b.setOpensAt(p.opens_at);
    b.setClosesAt(p.closes_at);
    b.setDrawAt(p.draw_at);
    b.setPublishAt(p.publish_at);
    b.setPreferenceSlots(static_cast<std::uint8_t>(p.preference_slots));
    b.setAlgorithm(static_cast<s::DrawAlgorithm>(p.algorithm));
    b.setSeedHash({p.seed_hash.data(), p.seed_hash.size()});
    b.setPriorityLostPeriods(static_cast<std::uint8_t>(p.priority_lost_periods));
    b.setDrawRule(static_cast<std::uint8_t>(p.draw_rule));
    if (p.auditor_seed_hash != std::array<std::uint8_t, 32>{}) {
      b.setAuditorSeedHash({p.auditor_seed_hash.data(), p.auditor_seed_hash.size()});
    }
    b.setAuditorCommittedAt(p.auditor_committed_at);
    if (!p.auditor_secret.empty()) b.setAuditorSecret(internal::data(p.auditor_secret));
    b.setConfirmation(static_cast<std::uint8_t>(p.confirmation));
    b.setConfirmDays(static_cast<std::uint8_t>(p.confirm_days));
    b.setRelease(static_cast<std::uint8_t>(p.release));
    b.setReleaseAt(p.release_at);
    b.setNotifyLosers(p.notify_losers);
    b.setOfferDays(static_cast<std::uint8_t>(p.offer_days));
    put_allotment(b.initAllotment(static_cast<unsigned>(p.allotment.size())), p.allotment);
  }
  void operator()(const LotteryApplied& e) const {
    const LotteryApplication& a = e.application;
    auto b = m.initRoot<s::LotteryApplied>();
    b.setId(text(a.id));
    b.setLottery(text(a.lottery));
    b.setUser(text(a.user));
    b.setFacility(text(a.facility));
    b.setCheckIn(a.check_in.days);
    b.setNights(static_cast<std::uint8_t>(a.nights));
    put_people(b.initPeople(static_cast<unsigned>(a.people.size())), a.people);
    b.setWish(static_cast<s::StyleWish>(a.wish));
    b.setPreference(static_cast<std::uint8_t>(a.preference));
    b.setAppliedAt(a.applied_at);
    internal::put_guests(b.initGuests(static_cast<unsigned>(a.guests.size())), a.guests);
    b.setReduction(static_cast<std::uint8_t>(a.reduction));
  }
  void operator()(const LotteryDrawn& e) const {
    auto b = m.initRoot<s::LotteryDrawn>();
    b.setLottery(text(e.lottery));
    b.setSecret({reinterpret_cast<const capnp::byte*>(e.secret.data()), e.secret.size()});
    b.setSeed({e.seed.data(), e.seed.size()});
    b.setInputs({e.inputs.data(), e.inputs.size()});
    b.setAlgorithm(static_cast<s::DrawAlgorithm>(e.algorithm));
    auto wins = b.initWins(static_cast<unsigned>(e.wins.size()));
    for (unsigned i = 0; i < e.wins.size(); ++i) {
      wins[i].setApplication(text(e.wins[i].application));
      wins[i].setStyle(static_cast<s::RoomStyle>(e.wins[i].style));
    }
    if (!e.order.empty()) {
      const std::string packed = pack_strings(e.order);
      b.setOrderPacked({reinterpret_cast<const capnp::byte*>(packed.data()), packed.size()});
    }
  }
  void operator()(const LotteryPublished& e) const {
    auto b = m.initRoot<s::LotteryPublished>();
    b.setLottery(text(e.lottery));
    b.setAt(e.at);
    if (!e.kept.empty()) put_allotment(b.initKept(static_cast<unsigned>(e.kept.size())), e.kept);
  }
  void operator()(const LotteryResultsTold& e) const {
    auto b = m.initRoot<s::LotteryResultsTold>();
    b.setLottery(text(e.lottery));
    b.setTold(e.told);
  }
  void operator()(const LotteryWinsBooked& e) const {
    auto b = m.initRoot<s::LotteryWinsBooked>();
    b.setLottery(text(e.lottery));
    b.setBooked(e.booked);
    b.setAll(e.all);
  }
  void operator()(const LotteryAuditorCommitted& e) const {
    auto b = m.initRoot<s::LotteryAuditorCommitted>();
    b.setLottery(text(e.lottery));
    b.setSeedHash({e.seed_hash.data(), e.seed_hash.size()});
    b.setAt(e.at);
  }
  void operator()(const LotteryAuditorRevealed& e) const {
    auto b = m.initRoot<s::LotteryAuditorRevealed>();
    b.setLottery(text(e.lottery));
    b.setSecret(internal::data(e.secret));
  }
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
  void operator()(const LotteryApplicationsCancelled& e) const {
    auto b = m.initRoot<s::LotteryApplicationsCancelled>();
    b.setLottery(text(e.lottery));
    auto ids = b.initApplications(static_cast<unsigned>(e.applications.size()));
    for (unsigned i = 0; i < e.applications.size(); ++i) ids.set(i, text(e.applications[i]));
  }
};

template <class T>
typename T::Reader root(capnp::FlatArrayMessageReader& reader) {
  return reader.getRoot<T>();
}

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
    return e;
  }
  if (type == "ReservationPaid") {
    auto b = root<s::ReservationPaid>(m);
    return ReservationPaid{str(b.getNumber()), b.getAt()};
  }
  if (type == "ReservationCancelled") {
    auto b = root<s::ReservationCancelled>(m);
    return ReservationCancelled{str(b.getNumber()), b.getWaived(), str(b.getReason())};
  }
  if (type == "LotteryOpened") {
    auto b = root<s::LotteryOpened>(m).getPeriod();
    LotteryPeriod p;
    p.id = str(b.getId());
    p.stay_month = Date{b.getStayMonth()};
    for (auto f : b.getFacilities()) p.facilities.push_back(str(f));
    p.opens_at = b.getOpensAt();
    p.closes_at = b.getClosesAt();
    p.draw_at = b.getDrawAt();
    p.publish_at = b.getPublishAt();
    p.preference_slots = b.getPreferenceSlots();
    p.algorithm = static_cast<DrawAlgorithm>(b.getAlgorithm());
    p.priority_lost_periods = b.getPriorityLostPeriods();
    auto hash = b.getSeedHash();
    if (hash.size() != p.seed_hash.size()) return std::nullopt;
    std::copy(hash.begin(), hash.end(), p.seed_hash.begin());
    const std::uint8_t rule = b.getDrawRule();
    if (rule != 1 && rule != 2) return std::nullopt;
    p.draw_rule = static_cast<DrawRule>(rule);
    if (auto auditor = b.getAuditorSeedHash(); auditor.size() != 0) {
      if (auditor.size() != p.auditor_seed_hash.size()) return std::nullopt;
      std::copy(auditor.begin(), auditor.end(), p.auditor_seed_hash.begin());
    }
    p.auditor_committed_at = b.getAuditorCommittedAt();
    p.auditor_secret = internal::bytes(b.getAuditorSecret());
    if (b.getConfirmation() > 1 || b.getRelease() > 1) return std::nullopt;
    p.confirmation = static_cast<ConfirmationRule>(b.getConfirmation());
    p.confirm_days = b.getConfirmDays();
    p.release = static_cast<ReleaseRule>(b.getRelease());
    p.release_at = b.getReleaseAt();
    p.notify_losers = b.getNotifyLosers();
    p.offer_days = b.getOfferDays();
    p.allotment = get_allotment(b.getAllotment());
    return LotteryOpened{std::move(p)};
  }
  if (type == "LotteryApplied") {
    auto b = root<s::LotteryApplied>(m);
    LotteryApplication a;
    a.id = str(b.getId());
    a.lottery = str(b.getLottery());
    a.user = str(b.getUser());
    a.facility = str(b.getFacility());
    a.check_in = Date{b.getCheckIn()};
    a.nights = b.getNights();
    a.people = get_people(b.getPeople());
    a.wish = static_cast<StyleWish>(b.getWish());
    a.preference = b.getPreference();
    a.applied_at = b.getAppliedAt();
    a.guests = internal::get_guests(b.getGuests());
    a.reduction = internal::get_reduction(b.getReduction());
    return LotteryApplied{std::move(a)};
  }
  if (type == "LotteryDrawn") {
    auto b = root<s::LotteryDrawn>(m);
    LotteryDrawn d;
    d.lottery = str(b.getLottery());
    auto secret = b.getSecret();
    d.secret.assign(reinterpret_cast<const char*>(secret.begin()), secret.size());
    auto seed = b.getSeed();
    if (seed.size() != d.seed.size()) return std::nullopt;
    std::copy(seed.begin(), seed.end(), d.seed.begin());
    auto inputs = b.getInputs();
    if (inputs.size() != d.inputs.size()) return std::nullopt;
    std::copy(inputs.begin(), inputs.end(), d.inputs.begin());
    d.algorithm = static_cast<DrawAlgorithm>(b.getAlgorithm());
    for (auto w : b.getWins()) {
      d.wins.push_back({str(w.getApplication()), static_cast<RoomStyle>(w.getStyle())});
    }
    for (auto user : b.getOrder()) d.order.push_back(str(user));
    if (b.hasOrderPacked()) {
      auto packed = b.getOrderPacked();
      auto order = unpack_strings({reinterpret_cast<const char*>(packed.begin()), packed.size()});
      if (!order) return std::nullopt;
      d.order = std::move(*order);
    }
    return d;
  }
  if (type == "LotteryPublished") {
    auto b = root<s::LotteryPublished>(m);
    return LotteryPublished{str(b.getLottery()), b.getAt(), get_allotment(b.getKept())};
  }
  if (type == "LotteryResultsTold") {
    auto b = root<s::LotteryResultsTold>(m);
    return LotteryResultsTold{str(b.getLottery()), b.getTold()};
  }
  if (type == "LotteryWinsBooked") {
    auto b = root<s::LotteryWinsBooked>(m);
    return LotteryWinsBooked{str(b.getLottery()), b.getBooked(), b.getAll()};
  }
  if (type == "LotteryAuditorCommitted") {
    auto b = root<s::LotteryAuditorCommitted>(m);
    LotteryAuditorCommitted c{str(b.getLottery()), {}, b.getAt()};
    auto hash = b.getSeedHash();
    if (hash.size() != c.seed_hash.size()) return std::nullopt;
    std::copy(hash.begin(), hash.end(), c.seed_hash.begin());
    return c;
  }
  if (type == "LotteryAuditorRevealed") {
    auto b = root<s::LotteryAuditorRevealed>(m);
    return LotteryAuditorRevealed{str(b.getLottery()), internal::bytes(b.getSecret())};
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
  if (type == "LotteryApplicationsCancelled") {
    auto b = root<s::LotteryApplicationsCancelled>(m);
    LotteryApplicationsCancelled c{str(b.getLottery()), {}};
    for (auto id : b.getApplications()) c.applications.push_back(str(id));
    return c;
  }
  if (type == "FacilityRegistered") {
    return FacilityRegistered{get_facility(root<s::FacilityRegistered>(m).getFacility())};
  }
  if (type == "FacilityChanged") {
    return FacilityChanged{get_facility(root<s::FacilityChanged>(m).getFacility())};
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
