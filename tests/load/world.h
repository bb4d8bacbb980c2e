// The scene the load plays in, set up through the API on a fresh hoyod
// started with --demo-data --test-clock: the staff's sessions, the users (the
// two demo users and more registered through the operators' postcard route,
// each logged in with its activation code and given a password of its own),
// the load's own lottery period to apply to (lottery_setup.h; its window
// outlasts the clock's moves below), runner-up offers to answer (offers.h:
// the clock moves a day or two on), a few scarce nights per facility for the
// first-come bookings to fight over (one of them at the load's own small
// facility taking cancellation-waitlist entries, waitlist.h; one at the
// facility where the centre's cancellations are late, penalties.h), the
// ward's limits on nights, and a lottery win for every user to confirm
// (wins.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http_client.h"
#include "model.h"

namespace hoyo::load {

// Nights of one facility the bookings aim at.
struct Target {
  std::string facility;
  std::vector<std::string> nights;         // consecutive, YYYY-MM-DD
  int rooms = 0;                           // every style together
  std::vector<std::string> styles;         // the facility's room styles
  std::map<std::string, int> style_rooms;  // rooms per style
  bool style_wish = false;                 // the facility asks japanese/western
  int weight = 1;                          // how often bookings aim here
  bool reductions = false;                 // its rate table on the nights offers reduced rates
  bool centre_cancels =
      false;  // users cannot change or cancel there: the centre does (penalties.h)
};

// The period whose lapsed wins were offered to runners-up (offers.h): one
// room held on each of its nights.
struct OfferNights {
  std::string lottery, facility;
  std::vector<std::string> nights;  // YYYY-MM-DD
};

struct World {
  std::string generation;  // part of every Idempotency-Key: keys never repeat across directories
  std::string today;       // the business date (Tokyo) on the test clock
  std::string lottery, stay_month;  // the load's lottery and its month (YYYY-MM)
  std::int64_t lottery_closes = 0;  // the load lottery's closesAt, seconds since the epoch
  std::string win_lottery;          // the period whose wins need confirmation (wins.h)
  OfferNights offers;               // the period whose offers the load answers (offers.h)
  int preference_slots = 0;
  int max_upcoming = 2;           // first-come reservations a user may hold (rules.max_upcoming)
  std::string waitlist_facility;  // the facility taking waitlist entries (waitlist.h)
  int waitlist_entries_per_month = 0;
  int clock_days = 0;  // the days the clock has moved on since the set-up (waitlist.h)
  // The ward's limits on nights per user (PUT /api/operator/settings/limits),
  // set low so that bookings reach them; 0 is off.
  int nights_per_month = 0, nights_per_fiscal_year = 0;
  // The penalty facility's suspensions, in days (penalties.h).
  int late_cancellation_days = 0, no_show_days = 0;
  std::vector<std::string> lottery_facilities;
  std::vector<Target> targets;
  std::map<std::string, int> rooms;  // facility -> rooms of every style
  std::vector<std::string> projections = {"stays", "accounts", "demand", "operator-index",
                                          "audit-index"};

  const Target* target(const std::string& facility) const;
  // The business date now: `today` moved on `clock_days` days.
  std::string business_day() const;
};

struct Staff {
  std::string operator_cookie, auditor_cookie;
};

// A login hoyod printed on its first start with --demo-data (its
// "demoLogins" line): who is "operator", "auditor" or "user".
struct DemoLogin {
  std::string who, login, password;
};
// The demo logins from hoyod's log; empty when it printed none.
std::vector<DemoLogin> demo_logins(const std::string& log);

struct SetupOptions {
  int users = 24;  // the demo users and more registered by postcard
  std::string generation;
  std::vector<DemoLogin> logins;  // from demo_logins()
};

// Sets the scene; the reason on failure.
std::optional<std::string> set_up(HttpClient& http, const SetupOptions& options, World& world,
                                  Staff& staff, std::vector<UserModel>& users);

// Logs the staff (the first demo operator and auditor) and every user in
// again: after the set-up's clock moved past their sessions' idle timeout.
std::optional<std::string> log_in_again(HttpClient& http, const SetupOptions& options, Staff& staff,
                                        std::vector<UserModel>& users);

// Logs a user in (POST /api/session); the cookie, or empty.
std::string log_in(HttpClient& http, const std::string& number, const std::string& password,
                   std::string* error);

}  // namespace hoyo::load
