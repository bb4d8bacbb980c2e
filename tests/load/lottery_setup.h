// The lottery periods the set-up opens through the API on the test clock:
// the load's own period (its applications; committed to by the auditor, never
// drawn), and periods run through
// publication (opened under the two-party rule, committed to by the auditor,
// applied to, drawn and published) for the wins to confirm (wins.h) and the
// offers to answer (offers.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "http_client.h"
#include "model.h"
#include "world.h"

namespace hoyo::load {

// "WHAT: STATUS BODY", or "WHAT: ERROR" when there was no answer.
std::string failed(const std::string& what, const Answer& a);
// The month `n` months after the one of `date` (YYYY-MM-DD), as YYYY-MM.
std::string month_after(const std::string& date, int n);
// Day `day` of `month` (YYYY-MM), as YYYY-MM-DD.
std::string day_of(const std::string& month, int day);
// The test clock's now (GET /api/test/clock), seconds since the epoch; the
// reason on failure in `error`.
std::optional<std::int64_t> clock_now(HttpClient& http, std::string* error);
// Moves the test clock to `to`; answers once every event due by then is durable.
Answer move_clock(HttpClient& http, std::int64_t to);

// Opens the period the load applies to (world.lottery): every facility of
// world.rooms, for the stay month `month`, its window open from 10 s after
// the clock's `now` to the first of the month before the stay month, never
// drawn. Reads it back as a user (`user_cookie`). Sets world.lottery, stay_month, lottery_closes,
// preference_slots and lottery_facilities.
std::optional<std::string> open_load_lottery(HttpClient& http, const Staff& staff,
                                             const std::string& user_cookie,
                                             const std::string& month, std::int64_t now,
                                             World& world);

// A period to run through publication: one facility and style, one night per
// application (2 people, first preference, the claims asked), `allotment`
// rooms held per night.
struct PeriodPlan {
  std::string what;  // names it in failures
  std::string facility, style, month;
  std::string release = "first_come";  // or "runners_up"
  int confirm_days = 60;
  int offer_days = 2;
  bool release_at_publication = false;                 // releaseAt one second after publishAt
  std::vector<std::pair<std::string, int>> allotment;  // night, rooms
  std::vector<std::pair<std::string, std::string>> applicants;  // cookie, night
  // The applications' claims (their wins are priced with them): with
  // `guests`, one adult and one child a night, and an infant with every
  // other applicant; with `senior`, every third claims the senior reduction.
  bool guests = false;
  bool senior = false;
  int winners = 0;  // the draw must make this many
};

struct PublishedPeriod {
  std::string lottery;
  std::uint64_t position = 0;  // the publication's
  std::int64_t clock = 0;      // the test clock after it
};

// Runs `plan` from the clock's `now`: opens in 10 s, closes 10 s later, draws
// and publishes 10 s apart; the clock ends 45 s on. The reason on failure.
std::optional<std::string> run_period(HttpClient& http, const Staff& staff, const PeriodPlan& plan,
                                      std::int64_t now, PublishedPeriod& out);

}  // namespace hoyo::load
