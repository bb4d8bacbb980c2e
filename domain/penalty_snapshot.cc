#include "domain/penalty_snapshot.h"

namespace hoyo::domain {

bool has_penalty_record(const Reservation& r) {
  return r.attendance != Attendance::kUnknown || !r.override_reason.empty() ||
         !r.sealed_override_reason.empty();
}

void save_penalty_record(SnapshotWriter& w, const Reservation& r) {
  w.u64(static_cast<std::uint64_t>(r.attendance));
  w.str(r.override_reason);
}

void restore_penalty_record(SnapshotReader& r, Reservation& into) {
  const std::uint64_t attendance = r.u64();
  if (attendance > static_cast<std::uint64_t>(Attendance::kNoShow)) return r.reject();
  into.attendance = static_cast<Attendance>(attendance);
  into.override_reason = r.str();
}

namespace {

void save_suspension(SnapshotWriter& w, const Suspension& x) {
  w.i64(x.from.days);
  w.i64(x.until.days);
  w.u64(static_cast<std::uint64_t>(x.cause));
  w.str(x.number);
}

Suspension restore_suspension(SnapshotReader& r) {
  Suspension x;
  x.from.days = static_cast<std::int32_t>(r.i64());
  x.until.days = static_cast<std::int32_t>(r.i64());
  const std::uint64_t cause = r.u64();
  if (cause > static_cast<std::uint64_t>(SuspensionCause::kNoShow)) r.reject();
  x.cause = static_cast<SuspensionCause>(cause & 1);
  x.number = r.str();
  return x;
}

}  // namespace

void save_penalties(SnapshotWriter& w, const BookingState& s, bool one_per_user) {
  w.u64(s.penalties.enabled ? 1 : 0);
  w.i64(s.penalties.late_days);
  w.i64(s.penalties.late_cancellation_days);
  w.i64(s.penalties.no_show_days);
  for (const auto& [number, r] : s.reservations) {
    if (!has_penalty_record(r)) continue;
    w.str(number);
    save_penalty_record(w, r);
  }
  w.str({});  // the end of the reservations (a number is never empty)
  w.u64(one_per_user ? s.suspensions.size() : 0);
  for (const auto& [user, list] : s.suspensions) {
    if (!one_per_user) break;
    const Suspension* latest = &list.front();  // a user in the map has one at least
    for (const Suspension& x : list) {
      if (x.until > latest->until) latest = &x;
    }
    w.str(user);
    save_suspension(w, *latest);
  }
  w.i64(s.limits.nights_per_fiscal_year);
  w.i64(s.limits.nights_per_month);
  w.i64(s.limits.min_people_per_room);
}

void restore_penalties(SnapshotReader& r, BookingState& s) {
  s.penalties.enabled = r.u64() != 0;
  s.penalties.late_days = static_cast<int>(r.i64());
  s.penalties.late_cancellation_days = static_cast<int>(r.i64());
  s.penalties.no_show_days = static_cast<int>(r.i64());
  for (std::string number = r.str(); !number.empty() && !r.failed(); number = r.str()) {
    auto it = s.reservations.find(number);
    if (it == s.reservations.end()) return r.reject();
    restore_penalty_record(r, it->second);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string user = r.str();
    s.suspensions[std::move(user)] = {restore_suspension(r)};
  }
  s.limits.nights_per_fiscal_year = static_cast<int>(r.i64());
  s.limits.nights_per_month = static_cast<int>(r.i64());
  s.limits.min_people_per_room = static_cast<int>(r.i64());
}

void save_suspensions(SnapshotWriter& w, const BookingState& s) {
  w.u64(s.suspensions.size());
  for (const auto& [user, list] : s.suspensions) {
    w.str(user);
    w.u64(list.size());
    for (const Suspension& x : list) save_suspension(w, x);
  }
}

void restore_suspensions(SnapshotReader& r, BookingState& s) {
  s.suspensions.clear();
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    Suspensions& list = s.suspensions[r.str()];
    for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) {
      list.push_back(restore_suspension(r));
    }
    if (list.empty()) return r.reject();  // a user is kept with one at least
  }
}

}  // namespace hoyo::domain
