#include "domain/event_codec_penalties.h"

#include "domain/event_codec_internal.h"

namespace hoyo::domain::internal {

namespace s = schema;

void put_penalty_overrides(s::Facility::Builder b, const PenaltyRulesPatch& p) {
  if (p.empty()) return;
  auto o = b.initPenalties();
  if (p.enabled) o.setHasEnabled(true), o.setEnabled(*p.enabled);
  if (p.late_days) o.setHasLateDays(true), o.setLateDays(*p.late_days);
  if (p.late_cancellation_days) {
    o.setHasLateCancellationDays(true), o.setLateCancellationDays(*p.late_cancellation_days);
  }
  if (p.no_show_days) o.setHasNoShowDays(true), o.setNoShowDays(*p.no_show_days);
}

PenaltyRulesPatch get_penalty_overrides(s::Facility::Reader b) {
  PenaltyRulesPatch p;
  if (!b.hasPenalties()) return p;
  auto o = b.getPenalties();
  if (o.getHasEnabled()) p.enabled = o.getEnabled();
  if (o.getHasLateDays()) p.late_days = o.getLateDays();
  if (o.getHasLateCancellationDays()) p.late_cancellation_days = o.getLateCancellationDays();
  if (o.getHasNoShowDays()) p.no_show_days = o.getNoShowDays();
  return p;
}

void encode_penalty(capnp::MallocMessageBuilder& m, const PenaltyRulesSet& e) {
  auto r = m.initRoot<s::PenaltyRulesSet>().initRules();
  r.setEnabled(e.rules.enabled);
  r.setLateDays(e.rules.late_days);
  r.setLateCancellationDays(e.rules.late_cancellation_days);
  r.setNoShowDays(e.rules.no_show_days);
}

void encode_penalty(capnp::MallocMessageBuilder& m, const AttendanceRecorded& e) {
  auto b = m.initRoot<s::AttendanceRecorded>();
  b.setNumber(text(e.number));
  b.setAttendance(static_cast<std::uint8_t>(e.attendance));
  b.setAt(e.at);
}

void encode_penalty(capnp::MallocMessageBuilder& m, const UserSuspended& e) {
  auto b = m.initRoot<s::UserSuspended>();
  b.setUser(text(e.user));
  b.setCause(static_cast<std::uint8_t>(e.cause));
  b.setNumber(text(e.number));
  b.setFrom(e.from.days);
  b.setUntil(e.until.days);
}

void encode_penalty(capnp::MallocMessageBuilder& m, const SuspensionLifted& e) {
  auto b = m.initRoot<s::SuspensionLifted>();
  b.setUser(text(e.user));
  b.setReason(text(e.reason));
  b.setAt(e.at);
  if (!e.suspension.empty()) b.setSuspension(text(e.suspension));
  if (!e.sealed_reason.empty()) put_sealed(b.initSealedReason(), e.sealed_reason);
}

void encode_penalty(capnp::MallocMessageBuilder& m, const StayLimitsSet& e) {
  auto l = m.initRoot<s::StayLimitsSet>().initLimits();
  l.setNightsPerFiscalYear(e.limits.nights_per_fiscal_year);
  l.setNightsPerMonth(e.limits.nights_per_month);
  l.setMinPeoplePerRoom(e.limits.min_people_per_room);
}

std::optional<Event> decode_penalty(std::string_view type, capnp::FlatArrayMessageReader& m) {
  if (type == "PenaltyRulesSet") {
    auto r = m.getRoot<s::PenaltyRulesSet>().getRules();
    return PenaltyRulesSet{
        {r.getEnabled(), r.getLateDays(), r.getLateCancellationDays(), r.getNoShowDays()}};
  }
  if (type == "AttendanceRecorded") {
    auto b = m.getRoot<s::AttendanceRecorded>();
    if (b.getAttendance() > 2) return std::nullopt;
    return AttendanceRecorded{str(b.getNumber()), static_cast<Attendance>(b.getAttendance()),
                              b.getAt()};
  }
  if (type == "UserSuspended") {
    auto b = m.getRoot<s::UserSuspended>();
    if (b.getCause() > 1) return std::nullopt;
    return UserSuspended{str(b.getUser()), static_cast<SuspensionCause>(b.getCause()),
                         str(b.getNumber()), Date{b.getFrom()}, Date{b.getUntil()}};
  }
  if (type == "StayLimitsSet") {
    auto l = m.getRoot<s::StayLimitsSet>().getLimits();
    return StayLimitsSet{
        {l.getNightsPerFiscalYear(), l.getNightsPerMonth(), l.getMinPeoplePerRoom()}};
  }
  if (type == "SuspensionLifted") {
    auto b = m.getRoot<s::SuspensionLifted>();
    SuspensionLifted e{str(b.getUser()), str(b.getReason()), b.getAt(), str(b.getSuspension())};
    if (b.hasSealedReason()) e.sealed_reason = get_sealed(b.getSealedReason());
    return e;
  }
  return std::nullopt;
}

}  // namespace hoyo::domain::internal
