// A facility's rate tables (料金表): what a night costs per person, the
// surcharges, the reduced rates with their yearly caps, and the bathing tax
// (docs/booking-core.md, "Fees"). Pure data and the rules that read it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "domain/civil_time.h"

namespace hoyo::domain {

using Yen = std::int64_t;

// The most any single amount of a rate table may be (per person per night).
inline constexpr Yen kMaxRateYen = 1'000'000;
inline constexpr int kMaxRateTables = 50;
inline constexpr int kMaxExcludedRanges = 20;

// A reduction a user claims for a stay (減免).
enum class Reduction : std::uint8_t {
  kNone = 0,
  kSenior = 1,      // a resident aged 65 or over: the account holder
  kDisability = 2,  // a disability-card holder: the account holder and one caregiver
};
const char* reduction_name(Reduction r);  // "none", "senior", "disability"
std::optional<Reduction> parse_reduction(std::string_view s);

// A day of the year without the year. 2/29 is a valid MonthDay (it matches in
// leap years only).
struct MonthDay {
  unsigned month = 1;
  unsigned day = 1;
  auto operator<=>(const MonthDay&) const = default;
};

// The days from `from` to `to`, both included, in every year. When `from`
// comes after `to` the range wraps the year end: 12/29-1/3 holds 12/29,
// 12/30, 12/31, 1/1, 1/2 and 1/3.
struct MonthDayRange {
  MonthDay from;
  MonthDay to;
  bool contains(Date d) const;
  bool operator==(const MonthDayRange&) const = default;
};

// The year-end days without reductions by default (年末年始).
inline constexpr MonthDayRange kYearEndRange{{12, 29}, {1, 3}};

// A reduced rate, in place of the adult rate for the people it covers, on at
// most `nights_per_fiscal_year` nights per account holder and fiscal year.
struct ReducedRate {
  Yen per_night = 0;
  int nights_per_fiscal_year = 2;
  bool operator==(const ReducedRate&) const = default;
};

// One rate table, in force on the nights from `effective_from` until the next
// table's. Amounts are yen per person per night; a surcharge of 0 is none.
struct RateTable {
  Date effective_from;
  Yen adult = 0;
  Yen child = 0;                  // 4 years old to the end of primary school
  Yen infant = 0;                 // under 4 (default free)
  Yen saturday_surcharge = 0;     // per adult and child on a Saturday night
  Yen holiday_eve_surcharge = 0;  // per adult and child on the eve of a public holiday
  std::optional<ReducedRate> senior;
  std::optional<ReducedRate> disability;
  // The nights no reduced rate applies to.
  bool reduced_excludes_saturdays = true;
  bool reduced_excludes_holiday_eves = true;
  std::vector<MonthDayRange> reduced_excluded_ranges = std::vector<MonthDayRange>(1, kYearEndRange);
  Yen bathing_tax = 0;  // 入湯税, per adult (reduced or not) per night
  bool operator==(const RateTable&) const = default;
};

// The fiscal year (April to March) a day falls in, named by the year it
// starts: 2027-03-31 is in fiscal 2026, 2027-04-01 in fiscal 2027.
int fiscal_year(Date d);

// The table in force on `night`: the one with the latest effective_from on or
// before it; nullptr when every table starts later. `tables` in any order.
const RateTable* rate_in_force(const std::vector<RateTable>& tables, Date night);

// True when no reduced rate of `table` applies on `night`: a Saturday, the eve
// of a public holiday, or a day in one of the excluded ranges, as the table
// says.
bool reduction_excluded(const RateTable& table, Date night);

// The reduced rate `table` offers for `r`, or nullptr (also for kNone).
const ReducedRate* reduced_rate(const RateTable& table, Reduction r);

// Checks a facility's tables: at most kMaxRateTables, no two with the same
// effective_from, every amount 0..kMaxRateYen, every cap 1..366 nights, every
// excluded range made of real month-days (at most kMaxExcludedRanges). A
// kValidation error names each field that fails ("rates[1].adult").
base::Status validate_rate_tables(const std::vector<RateTable>& tables);

}  // namespace hoyo::domain
