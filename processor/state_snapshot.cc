#include "processor/state_snapshot.h"

#include <cstring>
#include <vector>

#include "domain/account_snapshot.h"
#include "domain/offer_snapshot.h"
#include "domain/penalty_snapshot.h"
#include "domain/price_snapshot.h"
#include "domain/publication_snapshot.h"
#include "domain/result_notice_snapshot.h"
#include "domain/snapshot_codec.h"
#include "domain/waitlist_snapshot.h"

namespace hoyo::processor {
namespace {

using domain::SnapshotReader;
using domain::SnapshotWriter;

void put_people(SnapshotWriter& w, const std::vector<int>& people) {
  w.u64(people.size());
  for (int p : people) w.i64(p);
}
std::vector<int> get_people(SnapshotReader& r) {
  std::vector<int> out(r.u64() & 0xff);  // a night count: never large
  for (int& p : out) p = static_cast<int>(r.i64());
  return out;
}

template <class Map>
void put_lists(SnapshotWriter& w, const Map& m) {
  w.u64(m.size());
  for (const auto& [key, list] : m) {
    w.str(key);
    w.u64(list.size());
    for (const auto& v : list) {
      if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::string>) {
        w.str(v);
      } else {
        w.i64(v);
      }
    }
  }
}
template <class Map>
void get_lists(SnapshotReader& r, Map& m) {
  const std::uint64_t n = r.u64();
  if constexpr (requires { m.reserve(n); }) m.reserve(n);
  for (std::uint64_t i = 0; i < n && !r.failed(); ++i) {
    auto& list = m[r.str()];
    const std::uint64_t k = r.u64();
    for (std::uint64_t j = 0; j < k && !r.failed(); ++j) {
      if constexpr (std::is_same_v<typename std::decay_t<decltype(list)>::value_type,
                                   std::string>) {
        list.push_back(r.str());
      } else {
        list.push_back(static_cast<typename std::decay_t<decltype(list)>::value_type>(r.i64()));
      }
    }
  }
}

void put_reservation(SnapshotWriter& w, const domain::Reservation& x) {
  w.str(x.number);
  w.str(x.user);
  w.str(x.facility);
  w.i64(x.check_in.days);
  w.i64(x.nights);
  put_people(w, x.people);
  w.u64(static_cast<std::uint64_t>(x.style));
  w.u64(static_cast<std::uint64_t>(x.wish));
  w.u64(static_cast<std::uint64_t>(x.status));
  w.u64(static_cast<std::uint64_t>(x.origin));
  w.i64(x.booked_at);
  w.str(x.application);
}
domain::Reservation get_reservation(SnapshotReader& r) {
  domain::Reservation x;
  x.number = r.str();
  x.user = r.str();
  x.facility = r.str();
  x.check_in.days = static_cast<std::int32_t>(r.i64());
  x.nights = static_cast<int>(r.i64());
  x.people = get_people(r);
  x.style = static_cast<domain::RoomStyle>(r.u64());
  x.wish = static_cast<domain::StyleWish>(r.u64());
  x.status = static_cast<domain::ReservationStatus>(r.u64());
  x.origin = static_cast<domain::Origin>(r.u64());
  x.booked_at = r.i64();
  x.application = r.str();
  return x;
}

void put_application(SnapshotWriter& w, const domain::LotteryApplication& a) {
  w.str(a.id);
  w.str(a.lottery);
  w.str(a.user);
  w.str(a.facility);
  w.i64(a.check_in.days);
  w.i64(a.nights);
  put_people(w, a.people);
  w.u64(static_cast<std::uint64_t>(a.wish));
  w.i64(a.preference);
  w.u64(static_cast<std::uint64_t>(a.status));
  w.i64(a.applied_at);
}
domain::LotteryApplication get_application(SnapshotReader& r) {
  domain::LotteryApplication a;
  a.id = r.str();
  a.lottery = r.str();
  a.user = r.str();
  a.facility = r.str();
  a.check_in.days = static_cast<std::int32_t>(r.i64());
  a.nights = static_cast<int>(r.i64());
  a.people = get_people(r);
  a.wish = static_cast<domain::StyleWish>(r.u64());
  a.preference = static_cast<int>(r.i64());
  a.status = static_cast<domain::ApplicationStatus>(r.u64());
  a.applied_at = r.i64();
  return a;
}

}  // namespace

std::string encode_booking_section(const domain::BookingState& s) {
  SnapshotWriter w;
  w.u64(s.facilities.size());
  for (const auto& [id, f] : s.facilities) w.event(domain::FacilityRegistered{f});
  struct Cell {
    std::string facility;
    domain::Date day;
    domain::RoomStyle style;
    domain::Inventory::Count count;
  };
  std::vector<Cell> cells;
  s.inventory.for_each([&](const std::string& f, domain::Date d, domain::RoomStyle st,
                           const domain::Inventory::Count& c) {
    cells.push_back({f, d, st, c});
  });
  w.u64(cells.size());
  for (const Cell& c : cells) {
    w.str(c.facility);
    w.i64(c.day.days);
    w.u64(static_cast<std::uint64_t>(c.style));
    w.i64(c.count.booked);
    w.i64(c.count.held);
  }
  w.u64(s.reservations.size());
  for (const auto& [number, x] : s.reservations) put_reservation(w, x);
  put_lists(w, s.by_user);
  put_lists(w, s.first_come_last_nights);
  w.u64(s.lotteries.size());
  for (const auto& [id, p] : s.lotteries) w.event(domain::LotteryOpened{p});
  w.u64(s.applications.size());
  for (const auto& [id, a] : s.applications) put_application(w, a);
  put_lists(w, s.applications_by_user);
  put_lists(w, s.applications_in_order);
  w.u64(s.draws.size());
  for (const auto& [id, d] : s.draws) w.event(d);
  w.u64(s.published.size());
  for (const auto& [id, p] : s.published) {
    w.str(id);
    w.u64(p ? 1 : 0);
  }
  return w.take();
}

bool decode_booking_section(std::string_view bytes, domain::BookingState& s) {
  SnapshotReader r(bytes);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    domain::Facility f = r.event<domain::FacilityRegistered>().facility;
    s.facilities[f.id] = std::move(f);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const std::string facility = r.str();
    const domain::Date day{static_cast<std::int32_t>(r.i64())};
    const auto style = static_cast<domain::RoomStyle>(r.u64());
    const auto booked = static_cast<int>(r.i64());
    const auto held = static_cast<int>(r.i64());
    if (static_cast<int>(style) >= domain::kStyleCount) return false;
    s.inventory.add_booked(facility, day, style, booked);
    s.inventory.add_held(facility, day, style, held);
  }
  const std::uint64_t reservations = r.u64();
  s.reservations.reserve(reservations);
  for (std::uint64_t n = reservations; n > 0 && !r.failed(); --n) {
    domain::Reservation x = get_reservation(r);
    std::string key = x.number;
    s.reservations.emplace(std::move(key), std::move(x));
  }
  get_lists(r, s.by_user);
  get_lists(r, s.first_come_last_nights);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    domain::LotteryPeriod p = r.event<domain::LotteryOpened>().period;
    s.lotteries[p.id] = std::move(p);
  }
  const std::uint64_t applications = r.u64();
  s.applications.reserve(applications);
  for (std::uint64_t n = applications; n > 0 && !r.failed(); --n) {
    domain::LotteryApplication a = get_application(r);
    std::string key = a.id;
    s.applications.emplace(std::move(key), std::move(a));
  }
  get_lists(r, s.applications_by_user);
  get_lists(r, s.applications_in_order);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    domain::LotteryDrawn d = r.event<domain::LotteryDrawn>();
    std::string key = d.lottery;
    s.draws[key] = std::move(d);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string id = r.str();
    s.published[id] = r.u64() != 0;
  }
  if (r.failed() || !r.at_end()) return false;
  domain::index_stays(s);
  return true;
}

std::string encode_confirmations_section(const domain::BookingState& s) {
  SnapshotWriter w;
  w.u64(s.reservations.size());
  for (const auto& [number, x] : s.reservations) {
    if (x.confirmation == domain::Confirmation::kNone) continue;
    w.str(number);
    w.u64(static_cast<std::uint64_t>(x.confirmation));
    w.i64(x.confirm_by);
  }
  w.str({});  // the end of the reservations
  w.u64(s.reminded.size());
  for (const std::string& number : s.reminded) w.str(number);
  w.u64(s.awaiting_release.size());
  for (const auto& [due, number] : s.awaiting_release) {
    w.i64(due);
    w.str(number);
  }
  return w.take();
}

bool decode_confirmations_section(std::string_view bytes, domain::BookingState& s) {
  SnapshotReader r(bytes);
  r.u64();  // how many reservations there were: a hint only
  for (std::string number = r.str(); !number.empty() && !r.failed(); number = r.str()) {
    const std::uint64_t confirmation = r.u64();
    const domain::Instant by = r.i64();
    auto it = s.reservations.find(number);
    if (r.failed() || it == s.reservations.end() || confirmation > 2) return false;
    it->second.confirmation = static_cast<domain::Confirmation>(confirmation);
    it->second.confirm_by = by;
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) s.reminded.insert(r.str());
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const domain::Instant due = r.i64();
    s.awaiting_release.insert({due, r.str()});
  }
  if (r.failed() || !r.at_end()) return false;
  domain::index_confirmations(s);
  return true;
}

std::string encode_reminders_section(const domain::BookingState& s) {
  SnapshotWriter w;
  w.u64(s.stay_reminded.size());
  for (const std::string& id : s.stay_reminded) w.str(id);
  w.u64(s.losers_told.size());
  for (const auto& [lottery, at] : s.losers_told) {
    w.str(lottery);
    w.i64(at);
  }
  return w.take();
}

bool decode_reminders_section(std::string_view bytes, domain::BookingState& s) {
  SnapshotReader r(bytes);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) s.stay_reminded.insert(r.str());
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string lottery = r.str();
    const domain::Instant at = r.i64();
    s.losers_told.insert({std::move(lottery), at});
  }
  return !r.failed() && r.at_end();
}

namespace {

std::string encode_keys(const IdempotencyRegistry& keys, domain::Instant since) {
  SnapshotWriter w;
  keys.for_each_durable([&](const eventstore::EventId& key, const IdempotencyRegistry::Entry& e) {
    if (e.at < since) return;
    w.str({reinterpret_cast<const char*>(key.data()), key.size()});
    w.i64(e.kind);
    w.i64(e.at);
    w.u64(e.outcome.last_position);
    w.u64(e.outcome.events.size());
    for (const domain::Event& ev : e.outcome.events) w.event(ev);
  });
  return w.take();
}

bool decode_keys(std::string_view bytes, IdempotencyRegistry& keys) {
  SnapshotReader r(bytes);
  while (!r.at_end() && !r.failed()) {
    const std::string id = r.str();
    eventstore::EventId key{};
    if (id.size() != key.size()) return false;
    std::memcpy(key.data(), id.data(), key.size());
    const auto kind = static_cast<int>(r.i64());
    const domain::Instant at = r.i64();
    IdempotencyRegistry::Entry& e = keys.start(key, kind, at);
    e.durable = true;
    e.outcome.last_position = r.u64();
    for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
      // Any event kind: read its type and payload through the generic codec.
      const std::string type = r.str();
      const std::string payload = r.str();
      auto ev = domain::decode_event(type, payload);
      if (!ev) return false;
      e.outcome.events.push_back(std::move(*ev));
    }
  }
  return !r.failed();
}

}  // namespace

eventstore::Snapshot encode_state(const FoldedState& s, const eventstore::Hash& chain,
                                  domain::Instant keys_since, domain::Instant now,
                                  std::uint32_t format) {
  eventstore::Snapshot snap;
  snap.format = format;
  snap.position = s.position;
  snap.chain = chain;
  snap.sections[kBookingSection] = encode_booking_section(s.state);
  SnapshotWriter accounts;
  domain::save_accounts(accounts, s.state.accounts);
  snap.sections[kAccountsSection] = accounts.take();
  snap.sections[kKeysSection] = encode_keys(s.keys, keys_since);
  if (format >= 2) {
    SnapshotWriter w;
    w.i64(s.last_now);
    w.u64(s.events);
    w.i64(now);
    snap.sections[kWriterSection] = w.take();
  }
  if (format >= 3) {
    SnapshotWriter w;
    domain::save_notice_state(w, s.state.accounts);
    snap.sections[kNoticesSection] = w.take();
  }
  if (format >= 4) {
    SnapshotWriter w;
    domain::save_prices(w, s.state);
    snap.sections[kPricesSection] = w.take();
  }
  if (format >= 4) snap.sections[kConfirmationsSection] = encode_confirmations_section(s.state);
  if (format >= 5) snap.sections[kRemindersSection] = encode_reminders_section(s.state);
  if (format >= 6) {
    SnapshotWriter w;
    domain::save_penalties(w, s.state, format < 11);
    snap.sections[kPenaltiesSection] = w.take();
  }
  if (format >= 7) {
    SnapshotWriter w;
    domain::save_offers(w, s.state);
    snap.sections[kOffersSection] = w.take();
  }
  if (format >= 8) {
    SnapshotWriter w;
    domain::save_application_claims(w, s.state);
    snap.sections[kApplicationClaimsSection] = w.take();
  }
  if (format >= 9) {
    SnapshotWriter w;
    domain::save_results_to_tell(w, s.state);
    snap.sections[kResultsSection] = w.take();
  }
  if (format >= 10) {
    SnapshotWriter w;
    domain::save_wins_to_book(w, s.state);
    snap.sections[kPublicationsSection] = w.take();
  }
  if (format >= 11) {
    SnapshotWriter w;
    domain::save_suspensions(w, s.state);
    snap.sections[kSuspensionsSection] = w.take();
  }
  if (format >= kPublicationRatesFormat) {
    SnapshotWriter w;
    domain::save_publication_rates(w, s.state);
    snap.sections[kPublicationRatesSection] = w.take();
  }
  if (format >= kWaitlistFormat) {
    SnapshotWriter w;
    domain::save_waitlist(w, s.state.waitlist);
    snap.sections[kWaitlistSection] = w.take();
  }
  if (format >= 14) {
    SnapshotWriter w;
    domain::save_losers_to_tell(w, s.state);
    snap.sections[kLosersSection] = w.take();
  }
  return snap;
}

bool decode_state(const eventstore::Snapshot& snap, domain::Instant recorded_at, FoldedState& out,
                  std::string& why) {
  auto section = [&](StateSection id) -> const std::string* {
    auto it = snap.sections.find(id);
    return it == snap.sections.end() ? nullptr : &it->second;
  };
  const std::string* booking = section(kBookingSection);
  const std::string* accounts = section(kAccountsSection);
  const std::string* keys = section(kKeysSection);
  if (!booking || !accounts || !keys) return why = "missing_section", false;
  if (!decode_booking_section(*booking, out.state)) return why = "bad_booking_section", false;
  SnapshotReader ar(*accounts);
  domain::restore_accounts(ar, out.state.accounts);
  if (ar.failed() || !ar.at_end()) return why = "bad_accounts_section", false;
  if (!decode_keys(*keys, out.keys)) return why = "bad_keys_section", false;
  out.position = snap.position;
  out.last_now = recorded_at;
  out.events = 0;
  out.written_at = recorded_at;
  if (const std::string* writer = section(kWriterSection)) {
    SnapshotReader wr(*writer);
    out.last_now = wr.i64();
    out.events = wr.u64();
    out.written_at = wr.i64();
    if (wr.failed()) return why = "bad_writer_section", false;
  } else if (snap.format >= 2) {
    return why = "missing_section", false;
  }
  if (const std::string* notices = section(kNoticesSection)) {
    SnapshotReader nr(*notices);
    domain::restore_notice_state(nr, out.state.accounts);
    if (nr.failed() || !nr.at_end()) return why = "bad_notices_section", false;
  } else if (snap.format >= 3) {
    return why = "missing_section", false;
  }
  if (const std::string* prices = section(kPricesSection)) {
    SnapshotReader pr(*prices);
    domain::restore_prices(pr, out.state);
    if (pr.failed() || !pr.at_end()) return why = "bad_prices_section", false;
  } else if (snap.format >= 4) {
    return why = "missing_section", false;
  }
  if (const std::string* confirmations = section(kConfirmationsSection)) {
    if (!decode_confirmations_section(*confirmations, out.state)) {
      return why = "bad_confirmations_section", false;
    }
  } else if (snap.format >= 4) {
    return why = "missing_section", false;
  }
  if (const std::string* reminders = section(kRemindersSection)) {
    if (!decode_reminders_section(*reminders, out.state)) {
      return why = "bad_reminders_section", false;
    }
  } else if (snap.format >= 5) {
    return why = "missing_section", false;
  }
  if (const std::string* penalties = section(kPenaltiesSection)) {
    SnapshotReader pr(*penalties);
    domain::restore_penalties(pr, out.state);
    if (pr.failed() || !pr.at_end()) return why = "bad_penalties_section", false;
  } else if (snap.format >= 6) {
    return why = "missing_section", false;
  }
  if (const std::string* offers = section(kOffersSection)) {
    SnapshotReader orr(*offers);
    domain::restore_offers(orr, out.state);
    if (orr.failed() || !orr.at_end()) return why = "bad_offers_section", false;
  } else if (snap.format >= 7) {
    return why = "missing_section", false;
  }
  if (const std::string* claims = section(kApplicationClaimsSection)) {
    SnapshotReader cr(*claims);
    domain::restore_application_claims(cr, out.state);
    if (cr.failed() || !cr.at_end()) return why = "bad_application_claims_section", false;
  } else if (snap.format >= 8) {
    return why = "missing_section", false;
  }
  if (const std::string* results = section(kResultsSection)) {
    SnapshotReader rr(*results);
    domain::restore_results_to_tell(rr, out.state);
    if (rr.failed() || !rr.at_end()) return why = "bad_results_section", false;
  } else if (snap.format >= 9) {
    return why = "missing_section", false;
  }
  if (const std::string* publications = section(kPublicationsSection)) {
    SnapshotReader pr(*publications);
    domain::restore_wins_to_book(pr, out.state);
    if (pr.failed() || !pr.at_end()) return why = "bad_publications_section", false;
  } else if (snap.format >= 10) {
    return why = "missing_section", false;
  } else {
    domain::recall_booked_wins(out.state);
  }
  if (const std::string* suspensions = section(kSuspensionsSection)) {
    SnapshotReader sr(*suspensions);
    domain::restore_suspensions(sr, out.state);
    if (sr.failed() || !sr.at_end()) return why = "bad_suspensions_section", false;
  } else if (snap.format >= 11) {
    return why = "missing_section", false;
  }
  if (const std::string* rates = section(kPublicationRatesSection)) {
    SnapshotReader rr(*rates);
    domain::restore_publication_rates(rr, out.state);
    if (rr.failed() || !rr.at_end()) return why = "bad_publication_rates_section", false;
  } else if (snap.format >= kPublicationRatesFormat) {
    return why = "missing_section", false;
  } else {
    domain::recall_publication_rates(out.state);
  }
  if (const std::string* waitlist = section(kWaitlistSection)) {
    SnapshotReader wr(*waitlist);
    domain::restore_waitlist(wr, out.state.waitlist);
    if (wr.failed() || !wr.at_end()) return why = "bad_waitlist_section", false;
  } else if (snap.format >= kWaitlistFormat) {
    return why = "missing_section", false;
  }
  if (const std::string* losers = section(kLosersSection)) {
    SnapshotReader lr(*losers);
    domain::restore_losers_to_tell(lr, out.state);
    if (lr.failed() || !lr.at_end()) return why = "bad_losers_section", false;
  } else if (snap.format >= 14) {
    return why = "missing_section", false;
  }
  return true;
}

}  // namespace hoyo::processor
