#include "domain/booking_windows.h"

namespace hoyo::domain {
namespace {

Instant closes_n_days_before(int n, Date check_in) {
  // 24:00 of (check_in - n) is 00:00 of (check_in - n + 1).
  return tokyo_midnight(check_in.plus_days(-n + 1));
}

}  // namespace

Instant first_come_opens(const BookingRules& rules, Date night) {
  return tokyo_time(night.first_of_month_plus(-rules.open_months_before), rules.open_hour, 0);
}

Instant first_come_closes(const BookingRules& rules, Date check_in) {
  return closes_n_days_before(rules.close_days_before, check_in);
}

Instant change_closes(const BookingRules& rules, Date check_in) {
  return closes_n_days_before(rules.change_close_days_before, check_in);
}

Instant cancel_closes(const BookingRules& rules, Date check_in) {
  return closes_n_days_before(rules.cancel_close_days_before, check_in);
}

Instant closes_for(bool by_operator, Instant closes, Date check_in) {
  return by_operator ? tokyo_time(check_in.plus_days(1), 0, 0) : closes;
}

bool first_come_open(const BookingRules& rules, Date check_in, int nights, Instant now) {
  if (now >= first_come_closes(rules, check_in)) return false;
  for (int i = 0; i < nights; ++i) {
    if (now < first_come_opens(rules, check_in.plus_days(i))) return false;
  }
  return true;
}

}  // namespace hoyo::domain
