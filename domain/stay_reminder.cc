#include "domain/stay_reminder.h"

namespace hoyo::domain {

Instant stay_reminder_due(Date check_in, int days) {
  return tokyo_time(check_in.plus_days(-days), 9, 0);
}

std::string stay_reminder_id(const std::string& number, Date check_in) {
  return "stay-" + number + "-" + check_in.to_string();
}

}  // namespace hoyo::domain
