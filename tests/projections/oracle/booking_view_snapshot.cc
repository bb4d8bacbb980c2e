// BookingView checkpoints: every container of the booking state, in order
// (vectors keep their order, so a restored state equals the saved one).
#include "projections/account_snapshot.h"
#include "tests/projections/oracle/booking_view.h"
#include "projections/snapshot_codec.h"

namespace hoyo::projections {
namespace {

using namespace hoyo::domain;

void put_lists(SnapshotWriter& w,
               const std::unordered_map<std::string, std::vector<std::string>>& m) {
  w.u64(m.size());
  for (const auto& [k, v] : m) {
    w.str(k);
    w.u64(v.size());
    for (const auto& x : v) w.str(x);
  }
}

template <class Map>
void get_lists(SnapshotReader& r, Map& m) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    auto& v = m[r.str()];
    for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) v.push_back(r.str());
  }
}

}  // namespace

std::string BookingView::save() const {
  const BookingState& s = state_;
  SnapshotWriter w;
  w.u64(s.facilities.size());
  for (const auto& [id, f] : s.facilities) w.event(FacilityRegistered{f});
  w.u64(s.reservations.size());
  for (const auto& [n, r] : s.reservations) {
    w.event(ReservationBooked{r});
    w.u64(static_cast<std::uint64_t>(r.status));
  }
  put_lists(w, s.by_user);
  w.u64(s.lotteries.size());
  for (const auto& [id, p] : s.lotteries) w.event(LotteryOpened{p});
  w.u64(s.applications.size());
  for (const auto& [id, a] : s.applications) {
    w.event(LotteryApplied{a});
    w.u64(static_cast<std::uint64_t>(a.status));
  }
  put_lists(w, s.applications_by_user);
  w.u64(s.applications_in_order.size());
  for (const auto& [k, v] : s.applications_in_order) {
    w.str(k);
    w.u64(v.size());
    for (const auto& x : v) w.str(x);
  }
  w.u64(s.draws.size());
  for (const auto& [id, d] : s.draws) w.event(d);
  w.u64(s.published.size());
  for (const auto& [id, p] : s.published) {
    w.str(id);
    w.u64(p);
  }
  std::vector<std::tuple<std::string, std::int32_t, int, Inventory::Count>> counts;
  s.inventory.for_each([&](const std::string& f, Date d, RoomStyle st, Inventory::Count c) {
    counts.emplace_back(f, d.days, static_cast<int>(st), c);
  });
  w.u64(counts.size());
  for (const auto& [f, d, st, c] : counts) {
    w.str(f);
    w.i64(d);
    w.u64(static_cast<std::uint64_t>(st));
    w.i64(c.booked);
    w.i64(c.held);
  }
  save_accounts(w, s.accounts);
  return w.take();
}

bool BookingView::restore(std::string_view bytes) {
  BookingState s;
  SnapshotReader r(bytes);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    Facility f = r.event<FacilityRegistered>().facility;
    s.facilities[f.id] = std::move(f);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    Reservation res = r.event<ReservationBooked>().reservation;
    res.status = static_cast<ReservationStatus>(r.u64());
    s.reservations[res.number] = std::move(res);
  }
  get_lists(r, s.by_user);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    LotteryPeriod p = r.event<LotteryOpened>().period;
    s.lotteries[p.id] = std::move(p);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    LotteryApplication a = r.event<LotteryApplied>().application;
    a.status = static_cast<ApplicationStatus>(r.u64());
    s.applications[a.id] = std::move(a);
  }
  get_lists(r, s.applications_by_user);
  get_lists(r, s.applications_in_order);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    LotteryDrawn d = r.event<LotteryDrawn>();
    s.draws[d.lottery] = std::move(d);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string id = r.str();
    s.published[id] = r.u64() != 0;
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const std::string f = r.str();
    const Date d{static_cast<std::int32_t>(r.i64())};
    const auto st = static_cast<RoomStyle>(r.u64());
    s.inventory.add_booked(f, d, st, static_cast<int>(r.i64()));
    s.inventory.add_held(f, d, st, static_cast<int>(r.i64()));
  }
  restore_accounts(r, s.accounts);
  if (r.failed() || !r.at_end()) return false;
  state_ = std::move(s);
  return true;
}

}  // namespace hoyo::projections
