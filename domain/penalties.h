// Penalties (利用停止, issue 17): what a late cancellation or a no-show costs,
// as data. The ward sets the rules (PenaltyRulesSet); a facility may override
// any of them (Facility::penalties). Pure functions of the rules and dates.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/civil_time.h"

namespace hoyo::domain {

// The ward's penalty rules with their defaults (docs/booking-core.md, "Penalties").
struct PenaltyRules {
  bool enabled = true;  // whether penalties apply at all
  // The late period: a cancellation recorded on a Tokyo date from
  // check-in − late_days through the check-in day is inside it.
  int late_days = 3;
  int late_cancellation_days = 30;  // suspension after a late cancellation
  int no_show_days = 60;            // suspension after a no-show
  bool operator==(const PenaltyRules&) const = default;
};

// A facility's overrides: those given replace the ward's, the others follow it.
struct PenaltyRulesPatch {
  std::optional<bool> enabled;
  std::optional<int> late_days, late_cancellation_days, no_show_days;
  PenaltyRules over(PenaltyRules base) const;
  bool empty() const { return *this == PenaltyRulesPatch{}; }
  bool operator==(const PenaltyRulesPatch&) const = default;
};

// Checks the values given (kValidation naming each field under `prefix`,
// such as "penalties.lateDays"): late_days 0–60, each suspension 1–365 days.
base::Status validate_penalty_rules(const PenaltyRulesPatch& p, const std::string& prefix);

// What the facility reported of a stay after its check-in day.
enum class Attendance : std::uint8_t { kUnknown = 0, kStayed = 1, kNoShow = 2 };
const char* attendance_name(Attendance a);  // "unknown", "stayed", "no_show"
// "stayed" or "no_show"; nullopt for anything else.
std::optional<Attendance> parse_attendance(std::string_view s);

enum class SuspensionCause : std::uint8_t { kLateCancellation = 0, kNoShow = 1 };
const char* suspension_cause_name(SuspensionCause c);  // "late_cancellation", "no_show"

// One suspension of a user: no first-come booking and no lottery application
// from `from` through `until` (both included). A user may hold several; the
// one in force with the latest end is what refusals and the member menu show.
struct Suspension {
  Date from;
  Date until;
  SuspensionCause cause = SuspensionCause::kLateCancellation;
  std::string number;  // the reservation that caused it
  bool active_on(Date d) const { return from <= d && d <= until; }
  // The name clients lift it by: "<cause>-<number>-<from>", such as
  // "no_show-1234567890-2027-03-20". A reservation causes one suspension per
  // cause and day, so the name is unique among a user's suspensions, and it
  // is the same on replay and after a snapshot (it is made of the event).
  std::string id() const;
  bool operator==(const Suspension&) const = default;
};

// A user's suspensions not lifted, in the order they were suspended (those
// ended may linger until the next suspension or lift of the user prunes them).
using Suspensions = std::vector<Suspension>;

// The suspension of `list` in force on `day` with the latest end, else null;
// leaving out the one named `except` if given.
const Suspension* in_force_on(const Suspensions& list, Date day, std::string_view except = {});
// The suspension of `list` named `id` if it is in force on `day`, else null.
const Suspension* in_force_named(const Suspensions& list, const std::string& id, Date day);

// The last day of a suspension of `days` days starting on `from`.
inline Date suspension_until(Date from, int days) { return from.plus_days(days - 1); }

// True when a cancellation (or a dropped night) recorded at `now` by the
// centre is late: the user's own window (`user_closes`) has closed and the
// Tokyo date of `now` is inside the late period before `night`.
bool is_late(const PenaltyRules& rules, Instant user_closes, Date night, Instant now);

}  // namespace hoyo::domain
