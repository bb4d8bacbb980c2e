// Demo data, one mechanism for `hoyod --demo-data` and `hoyoctl demo-data`:
// fills an EMPTY data directory (a log with no events) with three facilities
// (大平台みなと荘 with Japanese-style rooms for 5 and Western-style rooms for 2,
// asking the style wish; two with standard rooms for 4; at most 20 rooms
// each; no closed dates; 高原の保養所 (kogen) takes cancellation-waitlist
// entries with the default settings), one lottery period for the stay month
// three months ahead whose first-come window is not yet open (committed by the
// operator to the secret "demo-secret-YYYY-MM" and by the auditor to
// "demo-auditor-secret-YYYY-MM"), a demo operator, auditor and administrator
// (demo-admin, who manages staff accounts only), and two demo
// users with known passwords. On a log that holds events it does
// nothing and says so.
#pragma once

#include <string>
#include <vector>

#include "accounts/account_service.h"

namespace hoyo::accounts {

// The demo logins, as the README lists them.
struct DemoLogin {
  std::string who;    // "operator", "auditor", "admin", "user"
  std::string login;  // operator login or user number
  std::string password;
};

struct DemoResult {
  bool filled = false;  // false: the log was not empty; nothing was written
  std::string message;  // for the log line
  std::vector<DemoLogin> logins;
};

// Uses the processor and the accounts service over `store`; the clock
// decides "now" (dates are relative to it).
DemoResult fill_demo_data(eventstore::EventStore& store, processor::CommandProcessor& processor,
                          AccountService& accounts, const processor::Clock& clock);

}  // namespace hoyo::accounts
