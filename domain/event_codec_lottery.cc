#include "domain/event_codec_lottery.h"

#include <algorithm>

#include "domain/event_codec_internal.h"
#include "domain/event_codec_price.h"
#include "domain/events.capnp.h"
#include "domain/packed_strings.h"

namespace hoyo::domain::internal {

namespace s = schema;

namespace {

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

template <class ListBuilder>
void put_wins(ListBuilder list, const std::vector<DrawWin>& wins) {
  for (unsigned i = 0; i < wins.size(); ++i) {
    list[i].setApplication(text(wins[i].application));
    list[i].setStyle(static_cast<s::RoomStyle>(wins[i].style));
  }
}

template <class ListReader>
std::vector<DrawWin> wins_of(ListReader list) {
  std::vector<DrawWin> out;
  for (auto w : list)
    out.push_back({str(w.getApplication()), static_cast<RoomStyle>(w.getStyle())});
  return out;
}

}  // namespace

void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryOpened& e) {
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
  if (!p.auditor_secret.empty()) b.setAuditorSecret(data(p.auditor_secret));
  b.setConfirmation(static_cast<std::uint8_t>(p.confirmation));
  b.setConfirmDays(static_cast<std::uint8_t>(p.confirm_days));
  b.setRelease(static_cast<std::uint8_t>(p.release));
  b.setReleaseAt(p.release_at);
  b.setNotifyLosers(p.notify_losers);
  b.setOfferDays(static_cast<std::uint8_t>(p.offer_days));
  put_allotment(b.initAllotment(static_cast<unsigned>(p.allotment.size())), p.allotment);
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryApplied& e) {
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
  put_guests(b.initGuests(static_cast<unsigned>(a.guests.size())), a.guests);
  b.setReduction(static_cast<std::uint8_t>(a.reduction));
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryDrawn& e) {
  auto b = m.initRoot<s::LotteryDrawn>();
  b.setLottery(text(e.lottery));
  b.setSecret({reinterpret_cast<const capnp::byte*>(e.secret.data()), e.secret.size()});
  b.setSeed({e.seed.data(), e.seed.size()});
  b.setInputs({e.inputs.data(), e.inputs.size()});
  b.setAlgorithm(static_cast<s::DrawAlgorithm>(e.algorithm));
  put_wins(b.initWins(static_cast<unsigned>(e.wins.size())), e.wins);
  if (!e.order.empty()) {
    const std::string packed = pack_strings(e.order);
    b.setOrderPacked({reinterpret_cast<const capnp::byte*>(packed.data()), packed.size()});
  }
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryPublished& e) {
  auto b = m.initRoot<s::LotteryPublished>();
  b.setLottery(text(e.lottery));
  b.setAt(e.at);
  if (!e.kept.empty()) put_allotment(b.initKept(static_cast<unsigned>(e.kept.size())), e.kept);
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryResultsTold& e) {
  auto b = m.initRoot<s::LotteryResultsTold>();
  b.setLottery(text(e.lottery));
  b.setTold(e.told);
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryWinsBooked& e) {
  auto b = m.initRoot<s::LotteryWinsBooked>();
  b.setLottery(text(e.lottery));
  b.setBooked(e.booked);
  b.setAll(e.all);
  if (!e.passed.empty()) put_wins(b.initPassed(static_cast<unsigned>(e.passed.size())), e.passed);
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LosersToTell& e) {
  auto b = m.initRoot<s::LosersToTell>();
  b.setLottery(text(e.lottery));
  b.setDue(e.due);
  b.setRelease(e.release);
  b.setMore(e.more);
  auto rooms = b.initRooms(static_cast<unsigned>(e.rooms.size()));
  for (unsigned i = 0; i < e.rooms.size(); ++i) {
    rooms[i].setFacility(text(e.rooms[i].facility));
    rooms[i].setFirst(e.rooms[i].first.days);
    rooms[i].setNights(static_cast<std::uint16_t>(e.rooms[i].nights));
    rooms[i].setStyle(static_cast<s::RoomStyle>(e.rooms[i].style));
  }
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LosersTold& e) {
  auto b = m.initRoot<s::LosersTold>();
  b.setLottery(text(e.lottery));
  b.setDue(e.due);
  b.setTold(e.told);
  b.setAll(e.all);
}

void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryAuditorCommitted& e) {
  auto b = m.initRoot<s::LotteryAuditorCommitted>();
  b.setLottery(text(e.lottery));
  b.setSeedHash({e.seed_hash.data(), e.seed_hash.size()});
  b.setAt(e.at);
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryAuditorRevealed& e) {
  auto b = m.initRoot<s::LotteryAuditorRevealed>();
  b.setLottery(text(e.lottery));
  b.setSecret(data(e.secret));
}
void encode_lottery(capnp::MallocMessageBuilder& m, const LotteryApplicationsCancelled& e) {
  auto b = m.initRoot<s::LotteryApplicationsCancelled>();
  b.setLottery(text(e.lottery));
  auto ids = b.initApplications(static_cast<unsigned>(e.applications.size()));
  for (unsigned i = 0; i < e.applications.size(); ++i) ids.set(i, text(e.applications[i]));
}

std::optional<Event> decode_lottery(std::string_view type, capnp::FlatArrayMessageReader& m) {
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
    p.auditor_secret = bytes(b.getAuditorSecret());
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
    a.guests = get_guests(b.getGuests());
    a.reduction = get_reduction(b.getReduction());
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
    d.wins = wins_of(b.getWins());
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
    return LotteryWinsBooked{str(b.getLottery()), b.getBooked(), b.getAll(),
                             wins_of(b.getPassed())};
  }
  if (type == "LosersToTell") {
    auto b = root<s::LosersToTell>(m);
    LosersToTell e{str(b.getLottery()), b.getDue(), b.getRelease(), {}, b.getMore()};
    for (auto r : b.getRooms()) {
      e.rooms.push_back({str(r.getFacility()), Date{r.getFirst()}, static_cast<int>(r.getNights()),
                         static_cast<RoomStyle>(r.getStyle())});
    }
    return e;
  }
  if (type == "LosersTold") {
    auto b = root<s::LosersTold>(m);
    return LosersTold{str(b.getLottery()), b.getDue(), b.getTold(), b.getAll()};
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
    return LotteryAuditorRevealed{str(b.getLottery()), bytes(b.getSecret())};
  }
  if (type == "LotteryApplicationsCancelled") {
    auto b = root<s::LotteryApplicationsCancelled>(m);
    LotteryApplicationsCancelled c{str(b.getLottery()), {}};
    for (auto id : b.getApplications()) c.applications.push_back(str(id));
    return c;
  }
  return std::nullopt;
}

}  // namespace hoyo::domain::internal
