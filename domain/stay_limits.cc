#include "domain/stay_limits.h"

#include <set>

#include "domain/booking_state.h"
#include "domain/lottery.h"
#include "domain/message_args.h"
#include "domain/rates.h"
#include "domain/stay_rules.h"

namespace hoyo::domain {
namespace {

using base::Error;
using base::ErrorCode;
using base::MessageId;

int max_of(const StayLimits& l, LimitKind kind) {
  return kind == LimitKind::kNightsPerFiscalYear ? l.nights_per_fiscal_year : l.nights_per_month;
}

constexpr LimitKind kKinds[] = {LimitKind::kNightsPerFiscalYear, LimitKind::kNightsPerMonth};

}  // namespace

base::Status validate_stay_limits(const StayLimits& l) {
  std::vector<base::FieldError> errors;
  auto range = [&](int v, const char* field, int max) {
    if (v < 0 || v > max) {
      errors.push_back({field,
                        "out_of_range",
                        MessageId::kRange,
                        {{"min", std::int64_t{0}}, {"max", std::int64_t{max}}}});
    }
  };
  range(l.nights_per_fiscal_year, "nightsPerFiscalYear", 366);
  range(l.nights_per_month, "nightsPerMonth", 31);
  range(l.min_people_per_room, "minPeoplePerRoom", 20);
  if (errors.empty()) return {};
  Error e{ErrorCode::kValidation, errors.front().message, errors.front().args};
  e.fields = std::move(errors);
  return e;
}

const char* limit_kind_name(LimitKind k) {
  return k == LimitKind::kNightsPerMonth ? "nights_per_month" : "nights_per_fiscal_year";
}

Date limit_period(LimitKind kind, Date day) {
  return kind == LimitKind::kNightsPerFiscalYear ? Date::from_ymd(fiscal_year(day), 4, 1)
                                                 : day.first_of_month_plus(0);
}

int nights_counted(const Reservation& r, LimitKind kind, Date period) {
  if (!r.active()) return 0;
  int n = 0;
  for (int i = 0; i < r.nights; ++i) n += limit_period(kind, r.check_in.plus_days(i)) == period;
  return n;
}

namespace {

// The nights of the user's reservations in the period of `kind` containing
// `day`; with `shown_only`, of those shown to them (shown_to_holder).
int nights_booked(const BookingState& s, const std::string& user, LimitKind kind, Date day,
                  bool shown_only) {
  const Date period = limit_period(kind, day);
  int n = 0;
  if (auto it = s.by_user.find(user); it != s.by_user.end()) {
    for (const std::string& number : it->second) {
      const Reservation& r = s.reservations.at(number);
      if (!shown_only || s.shown_to_holder(r)) n += nights_counted(r, kind, period);
    }
  }
  return n;
}

}  // namespace

int nights_held(const BookingState& s, const std::string& user, LimitKind kind, Date day) {
  const Date period = limit_period(kind, day);
  int n = nights_booked(s, user, kind, day, false);
  // A win whose booking a later batch writes counts as the stay it won: it
  // will be booked, and is held for it meanwhile.
  for (const LotteryApplication* a : s.wins_to_book_of(user)) {
    for (int i = 0; i < a->nights; ++i) n += limit_period(kind, a->check_in.plus_days(i)) == period;
  }
  return n;
}

std::vector<LimitUsage> limit_usage(const BookingState& s, const std::string& user, Date day) {
  std::vector<LimitUsage> out;
  for (LimitKind kind : kKinds) {
    const int max = max_of(s.limits, kind);
    if (max > 0)
      out.push_back({kind, limit_period(kind, day), max, nights_booked(s, user, kind, day, true)});
  }
  return out;
}

std::vector<LimitUsage> limit_usage_ahead(const StayLimits& limits,
                                          const std::vector<const Reservation*>& stays,
                                          Date today) {
  auto held = [&](LimitKind kind, Date period) {
    int n = 0;
    for (const Reservation* r : stays) n += nights_counted(*r, kind, period);
    return n;
  };
  std::vector<LimitUsage> out;
  for (LimitKind kind : kKinds) {
    const int max = max_of(limits, kind);
    if (max <= 0) continue;
    const Date now = limit_period(kind, today);
    std::set<Date> periods{now};
    if (kind == LimitKind::kNightsPerMonth) {
      for (const Reservation* r : stays) {
        for (int i = 0; i < r->nights; ++i) {
          const Date month = limit_period(kind, r->check_in.plus_days(i));
          if (month > now && nights_counted(*r, kind, month) > 0) periods.insert(month);
        }
      }
    }
    for (Date p : periods) out.push_back({kind, p, max, held(kind, p)});
  }
  return out;
}

base::Status check_stay_limits(const BookingState& s, const std::string& user, Date check_in,
                               int nights, const std::vector<int>& people) {
  if (base::Status e = check_min_people(s.limits, people); !e.ok()) return e;
  for (LimitKind kind : kKinds) {
    const int max = max_of(s.limits, kind);
    if (max <= 0) continue;
    // The stay's nights in each period they fall in, with what is held there.
    for (int i = 0; i < nights; ++i) {
      const Date night = check_in.plus_days(i);
      int taking = 0;
      for (int j = 0; j < nights; ++j) {
        taking += limit_period(kind, check_in.plus_days(j)) == limit_period(kind, night);
      }
      const int used = nights_held(s, user, kind, night);
      if (used + taking > max) {
        return Error{ErrorCode::kLimitReached,
                     kind == LimitKind::kNightsPerFiscalYear ? MessageId::kNightsPerYearLimit
                                                             : MessageId::kNightsPerMonthLimit,
                     {{"max", std::int64_t{max}},
                      {"used", std::int64_t{used}},
                      {"period", day_arg(limit_period(kind, night))}}};
      }
    }
  }
  return {};
}

}  // namespace hoyo::domain
