// The ward's limits on stays (issue 17, "Limits"): nights per user per
// fiscal year (April to March) and per calendar month, across every
// facility, and a minimum of people per room. All off by default. Pure.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/civil_time.h"

namespace hoyo::domain {

struct BookingState;
struct Reservation;

// 0 turns a limit off.
struct StayLimits {
  int nights_per_fiscal_year = 0;
  int nights_per_month = 0;
  int min_people_per_room = 0;
  bool operator==(const StayLimits&) const = default;
};

// Checks the values (kValidation naming each field): nights 0–366 a year,
// 0–31 a month, people 0–20.
base::Status validate_stay_limits(const StayLimits& l);

enum class LimitKind : std::uint8_t { kNightsPerFiscalYear = 0, kNightsPerMonth = 1 };
const char* limit_kind_name(LimitKind k);  // "nights_per_fiscal_year", "nights_per_month"

// One active limit as it stands for a user in one period.
struct LimitUsage {
  LimitKind kind = LimitKind::kNightsPerFiscalYear;
  Date period;  // the first day of the fiscal year (April 1) or of the month
  int max = 0;
  int used = 0;
  int left() const { return used >= max ? 0 : max - used; }
  bool operator==(const LimitUsage&) const = default;
};

// The first day of the period of `kind` that contains `day`: April 1 of its
// fiscal year, or the first of its month.
Date limit_period(LimitKind kind, Date day);

// The nights of `r` that `kind`'s limit counts in `period` (a limit_period):
// each of its nights in that period while it is booked (first-come stays and
// lottery wins, confirmed or not); a lapsed or cancelled one counts none.
int nights_counted(const Reservation& r, LimitKind kind, Date period);

// The nights `user` holds in the period of `kind` that contains `day`: the
// sum of nights_counted over their reservations, and the nights of their
// wins not booked yet (BookingState::wins_to_book_of) in that period.
int nights_held(const BookingState& s, const std::string& user, LimitKind kind, Date day);

// The active limits for the periods that contain `day` (none when off), as
// the user is shown them: `used` counts the reservations shown to them
// (BookingState::shown_to_holder), so a win whose period's results are not
// out is left out until they are, though check_stay_limits counts it.
std::vector<LimitUsage> limit_usage(const BookingState& s, const std::string& user, Date day);

// What a user holds against each active limit of `limits`, from their
// reservations `stays` (any status; each counted by nights_counted): the
// fiscal year that contains `today`, the month that contains it, then each
// later month in which they hold a night, in order of period. None when off.
// The reader's view of limit_usage: it needs no BookingState.
std::vector<LimitUsage> limit_usage_ahead(const StayLimits& limits,
                                          const std::vector<const Reservation*>& stays, Date today);

// Ok when `user` may take the `nights` nights from `check_in` on under the
// ward's limits; otherwise kLimitReached naming the limit, its period, the
// nights used and the maximum. And each night's people at least
// min_people_per_room (kValidation, field `people`, code `too_few`).
base::Status check_stay_limits(const BookingState& s, const std::string& user, Date check_in,
                               int nights, const std::vector<int>& people);

}  // namespace hoyo::domain
