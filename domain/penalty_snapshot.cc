#include "domain/penalty_snapshot.h"

namespace hoyo::domain {

bool has_penalty_record(const Reservation& r) {
  return r.attendance != Attendance::kUnknown || !r.override_reason.empty();
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

void save_penalties(SnapshotWriter& w, const BookingState& s) {
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
  w.u64(s.suspensions.size());
  for (const auto& [user, x] : s.suspensions) {
    w.str(user);
    w.i64(x.from.days);
    w.i64(x.until.days);
    w.u64(static_cast<std::uint64_t>(x.cause));
    w.str(x.number);
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
    Suspension x;
    x.from.days = static_cast<std::int32_t>(r.i64());
    x.until.days = static_cast<std::int32_t>(r.i64());
    const std::uint64_t cause = r.u64();
    if (cause > static_cast<std::uint64_t>(SuspensionCause::kNoShow)) return r.reject();
    x.cause = static_cast<SuspensionCause>(cause);
    x.number = r.str();
    s.suspensions[std::move(user)] = std::move(x);
  }
  s.limits.nights_per_fiscal_year = static_cast<int>(r.i64());
  s.limits.nights_per_month = static_cast<int>(r.i64());
  s.limits.min_people_per_room = static_cast<int>(r.i64());
}

}  // namespace hoyo::domain
