#include "processor/booking_sections.h"

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

}  // namespace hoyo::processor
