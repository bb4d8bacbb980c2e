// Stay reminders (docs/accounts.md, "Notices"): a notice a number of days
// before a stay's check-in, with its facility, dates and people, to users
// with reminders on; sent once for each reservation and check-in day.
#pragma once

#include <string>

#include "domain/civil_time.h"

namespace hoyo::domain {

// Days before check-in, by default and at most (the scheduler's setting;
// 0 turns stay reminders off).
inline constexpr int kDefaultStayReminderDays = 3;
inline constexpr int kMaxStayReminderDays = 60;

// When the reminder of a stay checking in on `check_in` is due: 09:00 Tokyo
// time `days` days before that day.
Instant stay_reminder_due(Date check_in, int days);

// The id of the reminder of reservation `number` checking in on `check_in`;
// a stay whose check-in changes gets a reminder of its own.
std::string stay_reminder_id(const std::string& number, Date check_in);

}  // namespace hoyo::domain
