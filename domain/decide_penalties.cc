// The penalty rules (issue 17): the ward's settings (and its limits on stays), attendance after the
// check-in day, suspensions and their lifting, and the checks that the
// booking and lottery rules call (a suspended user, the centre's waiver).
#include <algorithm>

#include "domain/decide_internal.h"

namespace hoyo::domain::internal {
namespace {

Error only_operators() { return {ErrorCode::kForbidden, MessageId::kOnlyOperatorsPenalties}; }

// A reason is given plain (tests, tools: check_reason_text) or sealed under
// the user's data key (what the HTTP layer gives, having checked and trimmed
// the text the same way before sealing): its length is the text's.
Status check_reason(const char* field, const std::string& plain, const SealedText& sealed,
                    MessageId missing) {
  if (!plain.empty() || sealed.empty()) return check_reason_text(field, plain, missing);
  if (sealed.text_size() == 0) return Error::validation(field, "required", missing);
  if (sealed.text_size() > kMaxReasonBytes) {
    return Error::validation(field, "too_long", MessageId::kReasonTooLong,
                             {{"max", static_cast<std::int64_t>(kMaxReasonBytes)}});
  }
  return {};
}

}  // namespace

Status check_sealed_for(const BookingState& s, const std::string& user, const SealedText& sealed,
                        const char* field) {
  if (sealed.empty()) return {};
  const Registration* r = s.accounts.user(user);
  if (r && sealed.key_id == r->submitted.key_id) return {};
  if ((!r || r->erased) && sealed.key_id.starts_with(kUnkeptKeyPrefix)) return {};
  return Error::validation(field, "sealed_key", MessageId::kInvalidInput);
}

Status check_not_suspended(const BookingState& s, const Actor& a, const std::string& user,
                           const std::string& override_reason, Instant now,
                           const SealedText& sealed_override) {
  if (a.kind == Actor::Kind::kSystem) return {};
  // A reason given is checked whether or not it is needed.
  const bool overridden = !override_reason.empty() || !sealed_override.empty();
  if (overridden) {
    if (Status e = check_reason("overrideReason", override_reason, sealed_override,
                                MessageId::kUserSuspendedOverride);
        !e.ok()) {
      return e;
    }
  }
  const Suspension* sus = s.suspension_on(user, tokyo_date(now));
  if (!sus) return {};
  if (a.kind == Actor::Kind::kOperator) {
    if (overridden) return {};
    return Error{
        ErrorCode::kSuspended, MessageId::kUserSuspendedOverride, {{"until", day_arg(sus->until)}}};
  }
  return Error{ErrorCode::kSuspended, MessageId::kUserSuspended, {{"until", day_arg(sus->until)}}};
}

Status check_waiver(const BookingState& s, const Actor& a, const std::string& user,
                    const PenaltyWaiver& w) {
  if (!w.waive && w.reason.empty() && w.sealed_reason.empty()) return {};
  if (a.kind != Actor::Kind::kOperator) return only_operators();
  if (Status e = check_sealed_for(s, user, w.sealed_reason, "reason"); !e.ok()) return e;
  return check_reason("reason", w.reason, w.sealed_reason, MessageId::kWaiverNeedsReason);
}

void suspend(const BookingState& s, const Suspended& what, Instant now, std::vector<Event>& out) {
  const Reservation& r = *what.reservation;
  const PenaltyRules rules = s.penalties_at(s.facilities.at(r.facility));
  if (!rules.enabled) return;
  const int days =
      what.cause == SuspensionCause::kNoShow ? rules.no_show_days : rules.late_cancellation_days;
  UserSuspended e{r.user, what.cause, r.number, what.from, suspension_until(what.from, days)};
  const Date today = tokyo_date(now);
  if (e.until < today) return;  // reported after it would have ended
  const Suspension x{e.from, e.until, e.cause, e.number};
  // The same suspension decided again changes nothing unless it ends later.
  if (const Suspension* same = s.suspension_named(r.user, x.id(), today);
      same && same->until >= e.until) {
    return;
  }
  // Every other suspension is kept beside those held, so that lifting one
  // leaves the others barring the user; but while one held ends as late or
  // later, the user is not told of an end that is not theirs.
  const Suspension* held = s.suspension_on(r.user, today);
  out.push_back(e);
  if (!held || held->until < e.until) suspension_notice(s, e, now, out);
}

Events decide_one(const BookingState& s, const Actor& a, const SetPenaltyRules& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return only_operators();
  const PenaltyRules& r = c.rules;
  if (Status e = validate_penalty_rules(
          {r.enabled, r.late_days, r.late_cancellation_days, r.no_show_days}, "");
      !e.ok()) {
    return e;
  }
  if (r == s.penalties) return std::vector<Event>{};
  return std::vector<Event>{PenaltyRulesSet{r}};
}

Events decide_one(const BookingState& s, const Actor& a, const SetStayLimits& c, Instant) {
  if (a.kind != Actor::Kind::kOperator) return only_operators();
  if (Status e = validate_stay_limits(c.limits); !e.ok()) return e;
  if (c.limits == s.limits) return std::vector<Event>{};
  return std::vector<Event>{StayLimitsSet{c.limits}};
}

Events decide_one(const BookingState& s, const Actor& a, const RecordAttendance& c, Instant now) {
  if (a.kind != Actor::Kind::kOperator) return only_operators();
  const Reservation* r = s.reservation(c.number);
  if (!r) return Error{ErrorCode::kNotFound, MessageId::kNoReservation, {{"number", c.number}}};
  if (!r->active()) {
    return Error{ErrorCode::kConflict, MessageId::kReservationCancelled, {{"number", c.number}}};
  }
  if (c.attendance == Attendance::kUnknown) {
    return Error::validation("status", "invalid", MessageId::kFieldAttendance);
  }
  // A stay is recorded from its check-in day; a no-show only after it (a
  // guest may still arrive that evening).
  const Date from = c.attendance == Attendance::kNoShow ? r->check_in.plus_days(1) : r->check_in;
  if (tokyo_date(now) < from) {
    return Error{ErrorCode::kNotOpen, MessageId::kAttendanceNotYet, {{"date", day_arg(from)}}};
  }
  if (r->attendance == c.attendance) return std::vector<Event>{};
  if (r->attendance != Attendance::kUnknown) {
    return Error{ErrorCode::kConflict, MessageId::kAttendanceRecorded, {{"number", c.number}}};
  }
  std::vector<Event> out{AttendanceRecorded{c.number, c.attendance, now}};
  if (c.attendance == Attendance::kNoShow) {
    suspend(s, {r, SuspensionCause::kNoShow, r->check_in}, now, out);
  }
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const LiftSuspension& c, Instant now) {
  if (a.kind != Actor::Kind::kOperator) return only_operators();
  if (Status e = check_sealed_for(s, c.user, c.sealed_reason, "reason"); !e.ok()) return e;
  if (Status e = check_reason("reason", c.reason, c.sealed_reason, MessageId::kLiftNeedsReason);
      !e.ok()) {
    return e;
  }
  const Date today = tokyo_date(now);
  if (!c.suspension.empty() && !s.suspension_named(c.user, c.suspension, today)) {
    return Error{ErrorCode::kNotFound, MessageId::kNoSuspension, {{"suspension", c.suspension}}};
  }
  if (!s.suspension_on(c.user, today)) return Error{ErrorCode::kConflict, MessageId::kNotSuspended};
  SuspensionLifted e{c.user, stored_reason(c.reason), now, c.suspension, c.sealed_reason};
  // What still bars the user once it is lifted: the notice says so.
  const Suspension* remains =
      c.suspension.empty() ? nullptr : in_force_on(s.suspensions.at(c.user), today, c.suspension);
  std::vector<Event> out{e};
  lifted_notice(s, e, remains, out);
  return out;
}

}  // namespace hoyo::domain::internal
