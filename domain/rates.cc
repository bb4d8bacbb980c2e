#include "domain/rates.h"

#include <set>
#include <string>

#include "domain/holidays.h"
#include "domain/message_args.h"

namespace hoyo::domain {
namespace {

using base::FieldError;
using base::MessageId;

constexpr int kSaturday = 6;
constexpr int kMaxCapNights = 366;

// A month-day that names a day in some year (2/29 included).
bool real_month_day(MonthDay md) {
  static const unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return md.month >= 1 && md.month <= 12 && md.day >= 1 && md.day <= kDays[md.month - 1];
}

void check_amount(std::vector<FieldError>& errors, const std::string& field, Yen amount) {
  if (amount < 0 || amount > kMaxRateYen) {
    errors.push_back(
        {field, "out_of_range", MessageId::kRange, {{"min", 0}, {"max", kMaxRateYen}}});
  }
}

void check_reduced(std::vector<FieldError>& errors, const std::string& field,
                   const std::optional<ReducedRate>& r) {
  if (!r) return;
  check_amount(errors, field + ".perNight", r->per_night);
  if (r->nights_per_fiscal_year < 1 || r->nights_per_fiscal_year > kMaxCapNights) {
    errors.push_back({field + ".nightsPerFiscalYear",
                      "out_of_range",
                      MessageId::kRange,
                      {{"min", 1}, {"max", kMaxCapNights}}});
  }
}

void check_table(std::vector<FieldError>& errors, const std::string& at, const RateTable& t) {
  check_amount(errors, at + ".adult", t.adult);
  check_amount(errors, at + ".child", t.child);
  check_amount(errors, at + ".infant", t.infant);
  check_amount(errors, at + ".saturdaySurcharge", t.saturday_surcharge);
  check_amount(errors, at + ".holidayEveSurcharge", t.holiday_eve_surcharge);
  check_amount(errors, at + ".bathingTax", t.bathing_tax);
  check_reduced(errors, at + ".senior", t.senior);
  check_reduced(errors, at + ".disability", t.disability);
  if (t.reduced_excluded_ranges.size() > kMaxExcludedRanges) {
    errors.push_back({at + ".excludedRanges",
                      "too_many",
                      MessageId::kExcludedRangesLimit,
                      {{"max", kMaxExcludedRanges}}});
  }
  for (const MonthDayRange& r : t.reduced_excluded_ranges) {
    if (!real_month_day(r.from) || !real_month_day(r.to)) {
      errors.push_back({at + ".excludedRanges", "invalid", MessageId::kExcludedRangeInvalid, {}});
      break;
    }
  }
}

}  // namespace

const char* reduction_name(Reduction r) {
  switch (r) {
    case Reduction::kNone:
      return "none";
    case Reduction::kSenior:
      return "senior";
    case Reduction::kDisability:
      return "disability";
  }
  return "none";  // unreachable: every reduction is listed
}

std::optional<Reduction> parse_reduction(std::string_view s) {
  for (Reduction r : {Reduction::kNone, Reduction::kSenior, Reduction::kDisability}) {
    if (s == reduction_name(r)) return r;
  }
  return std::nullopt;
}

bool MonthDayRange::contains(Date d) const {
  const MonthDay md{d.month(), d.day()};
  if (from <= to) return from <= md && md <= to;
  return md >= from || md <= to;  // wraps the year end
}

int fiscal_year(Date d) { return d.month() >= 4 ? d.year() : d.year() - 1; }

const RateTable* rate_in_force(const std::vector<RateTable>& tables, Date night) {
  const RateTable* best = nullptr;
  for (const RateTable& t : tables) {
    if (t.effective_from <= night && (!best || best->effective_from < t.effective_from)) best = &t;
  }
  return best;
}

bool reduction_excluded(const RateTable& table, Date night) {
  if (table.reduced_excludes_saturdays && night.weekday() == kSaturday) return true;
  if (table.reduced_excludes_holiday_eves && is_holiday_eve(night)) return true;
  for (const MonthDayRange& r : table.reduced_excluded_ranges) {
    if (r.contains(night)) return true;
  }
  return false;
}

const ReducedRate* reduced_rate(const RateTable& table, Reduction r) {
  const std::optional<ReducedRate>* rate = r == Reduction::kSenior       ? &table.senior
                                           : r == Reduction::kDisability ? &table.disability
                                                                         : nullptr;
  return rate && *rate ? &**rate : nullptr;
}

base::Status validate_rate_tables(const std::vector<RateTable>& tables) {
  std::vector<FieldError> errors;
  if (tables.size() > kMaxRateTables) {
    errors.push_back({"rates", "too_many", MessageId::kRateTablesLimit, {{"max", kMaxRateTables}}});
  }
  std::set<Date> starts;
  for (std::size_t i = 0; i < tables.size(); ++i) {
    const std::string at = "rates[" + std::to_string(i) + "]";
    check_table(errors, at, tables[i]);
    if (!starts.insert(tables[i].effective_from).second) {
      const Date d = tables[i].effective_from;
      errors.push_back({at + ".effectiveFrom",
                        "duplicate",
                        MessageId::kRateTablesSameDay,
                        {{"date", day_arg(d)}}});
    }
  }
  if (errors.empty()) return {};
  return base::Error::invalid_fields(std::move(errors));
}

}  // namespace hoyo::domain
