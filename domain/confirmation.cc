#include "domain/confirmation.h"

#include <algorithm>

#include "domain/booking_windows.h"

namespace hoyo::domain {

const char* confirmation_rule_name(ConfirmationRule r) {
  return r == ConfirmationRule::kRequired ? "required" : "none";
}

const char* release_rule_name(ReleaseRule r) {
  return r == ReleaseRule::kRunnersUp ? "runners_up" : "first_come";
}

const char* confirmation_name(Confirmation c) {
  switch (c) {
    case Confirmation::kRequired:
      return "required";
    case Confirmation::kConfirmed:
      return "confirmed";
    case Confirmation::kNone:
      break;
  }
  return "none";
}

Instant win_confirm_by(int confirm_days, const BookingRules& rules, Date check_in,
                       Instant published_at) {
  const Instant by_days =
      tokyo_midnight(tokyo_date(published_at).plus_days(confirm_days + 1)) - kMicrosPerSecond;
  const Instant by_window = first_come_closes(rules, check_in) - kMicrosPerSecond;
  return std::min(by_days, by_window);
}

Instant lapse_due(Instant confirm_by) { return confirm_by + kMicrosPerSecond; }

Instant release_due(Instant release_at, Instant confirm_by) {
  const Instant at =
      release_at != 0 ? release_at : tokyo_time(tokyo_date(confirm_by).plus_days(1), 12, 0);
  return std::max(at, lapse_due(confirm_by));
}

Instant reminder_due(Instant confirm_by, Instant before) { return lapse_due(confirm_by) - before; }

std::vector<Date> nights_to_free(const BookingRules& rules, Date check_in, int nights, Instant at) {
  std::vector<Date> out;
  for (int i = 0; i < nights; ++i) {
    const Date night = check_in.plus_days(i);
    if (at < first_come_closes(rules, night)) out.push_back(night);
  }
  return out;
}

}  // namespace hoyo::domain
