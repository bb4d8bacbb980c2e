#include "domain/penalties.h"

#include <vector>

namespace hoyo::domain {

using base::Error;
using base::ErrorCode;
using base::FieldError;
using base::MessageId;

PenaltyRules PenaltyRulesPatch::over(PenaltyRules base) const {
  if (enabled) base.enabled = *enabled;
  if (late_days) base.late_days = *late_days;
  if (late_cancellation_days) base.late_cancellation_days = *late_cancellation_days;
  if (no_show_days) base.no_show_days = *no_show_days;
  return base;
}

base::Status validate_penalty_rules(const PenaltyRulesPatch& p, const std::string& prefix) {
  std::vector<FieldError> errors;
  auto range = [&](const std::optional<int>& v, const char* name, int min, int max) {
    if (v && (*v < min || *v > max)) {
      errors.push_back({prefix + name,
                        "out_of_range",
                        MessageId::kRange,
                        {{"min", std::int64_t{min}}, {"max", std::int64_t{max}}}});
    }
  };
  range(p.late_days, "lateDays", 0, 60);
  range(p.late_cancellation_days, "lateCancellationDays", 1, 365);
  range(p.no_show_days, "noShowDays", 1, 365);
  if (errors.empty()) return {};
  Error e{ErrorCode::kValidation, errors.front().message, errors.front().args};
  e.fields = std::move(errors);
  return e;
}

const char* attendance_name(Attendance a) {
  switch (a) {
    case Attendance::kStayed:
      return "stayed";
    case Attendance::kNoShow:
      return "no_show";
    case Attendance::kUnknown:
      break;
  }
  return "unknown";
}

std::optional<Attendance> parse_attendance(std::string_view s) {
  if (s == "stayed") return Attendance::kStayed;
  if (s == "no_show") return Attendance::kNoShow;
  return std::nullopt;
}

const char* suspension_cause_name(SuspensionCause c) {
  return c == SuspensionCause::kNoShow ? "no_show" : "late_cancellation";
}

std::string Suspension::id() const {
  return std::string(suspension_cause_name(cause)) + "-" + number + "-" + from.to_string();
}

const Suspension* in_force_on(const Suspensions& list, Date day, std::string_view except) {
  const Suspension* latest = nullptr;
  for (const Suspension& x : list) {
    if (!x.active_on(day) || (latest && x.until <= latest->until)) continue;
    if (except.empty() || x.id() != except) latest = &x;
  }
  return latest;
}

const Suspension* in_force_named(const Suspensions& list, const std::string& id, Date day) {
  for (const Suspension& x : list) {
    if (x.active_on(day) && x.id() == id) return &x;
  }
  return nullptr;
}

bool is_late(const PenaltyRules& rules, Instant user_closes, Date night, Instant now) {
  if (!rules.enabled || now < user_closes) return false;
  const Date today = tokyo_date(now);
  return night.plus_days(-rules.late_days) <= today && today <= night;
}

}  // namespace hoyo::domain
