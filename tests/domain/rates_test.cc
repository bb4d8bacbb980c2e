// Rate tables: which table is in force, fiscal years, the days without
// reductions, and validation.
#include "domain/rates.h"

#include <gtest/gtest.h>

namespace hoyo::domain {
namespace {

using base::ErrorCode;
using base::MessageId;

Date day(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }

TEST(Rates, TheTableInForceIsTheLatestThatHasStarted) {
  RateTable fy2026, fy2027;
  fy2026.effective_from = day(2026, 4, 1);
  fy2026.adult = 3200;
  fy2027.effective_from = day(2027, 4, 1);
  fy2027.adult = 3400;
  std::vector<RateTable> tables;  // in any order
  tables.push_back(fy2027);
  tables.push_back(fy2026);
  EXPECT_EQ(rate_in_force(tables, day(2026, 3, 31)), nullptr);
  EXPECT_EQ(rate_in_force(tables, day(2026, 4, 1))->adult, 3200);
  EXPECT_EQ(rate_in_force(tables, day(2027, 3, 31))->adult, 3200);
  EXPECT_EQ(rate_in_force(tables, day(2027, 4, 1))->adult, 3400);
  EXPECT_EQ(rate_in_force({}, day(2027, 4, 1)), nullptr);
}

TEST(Rates, FiscalYearsRunFromAprilToMarch) {
  EXPECT_EQ(fiscal_year(day(2027, 3, 31)), 2026);
  EXPECT_EQ(fiscal_year(day(2027, 4, 1)), 2027);
  EXPECT_EQ(fiscal_year(day(2027, 1, 1)), 2026);
  EXPECT_EQ(fiscal_year(day(2026, 12, 31)), 2026);
}

TEST(Rates, MonthDayRangesMayWrapTheYearEnd) {
  const MonthDayRange year_end{{12, 29}, {1, 3}};
  EXPECT_FALSE(year_end.contains(day(2026, 12, 28)));
  EXPECT_TRUE(year_end.contains(day(2026, 12, 29)));
  EXPECT_TRUE(year_end.contains(day(2026, 12, 31)));
  EXPECT_TRUE(year_end.contains(day(2027, 1, 1)));
  EXPECT_TRUE(year_end.contains(day(2027, 1, 3)));
  EXPECT_FALSE(year_end.contains(day(2027, 1, 4)));
  const MonthDayRange obon{{8, 13}, {8, 16}};
  EXPECT_FALSE(obon.contains(day(2027, 8, 12)));
  EXPECT_TRUE(obon.contains(day(2027, 8, 13)));
  EXPECT_TRUE(obon.contains(day(2027, 8, 16)));
  EXPECT_FALSE(obon.contains(day(2027, 8, 17)));
  EXPECT_FALSE(obon.contains(day(2027, 12, 30)));
  const MonthDayRange leap{{2, 29}, {2, 29}};
  EXPECT_TRUE(leap.contains(day(2028, 2, 29)));
  EXPECT_FALSE(leap.contains(day(2027, 2, 28)));
}

TEST(Rates, ReductionsAreExcludedOnSaturdaysHolidayEvesAndTheRanges) {
  const RateTable t;  // the defaults: Saturdays, eves and 12/29-1/3
  struct Case {
    Date night;
    bool excluded;
    const char* why;
  } cases[] = {
      {day(2026, 12, 4), false, "a Friday"},
      {day(2026, 12, 5), true, "a Saturday"},
      {day(2026, 12, 6), false, "a Sunday before a working Monday"},
      {day(2027, 2, 10), true, "the eve of 建国記念の日"},
      {day(2027, 5, 3), true, "憲法記念日, itself a holiday, the eve of みどりの日"},
      {day(2027, 5, 5), false, "こどもの日, before a working Thursday"},
      {day(2027, 3, 21), true, "春分の日 on a Sunday, the eve of its 振替休日"},
      {day(2026, 12, 28), false, "the day before the year-end range"},
      {day(2026, 12, 29), true, "the first day of 12/29-1/3"},
      {day(2027, 1, 3), true, "the last day of 12/29-1/3 (a Sunday, before a working day)"},
      {day(2027, 1, 4), false, "the day after the range"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(reduction_excluded(t, c.night), c.excluded) << c.night.to_string() << ": " << c.why;
  }
  RateTable none = t;
  none.reduced_excludes_saturdays = false;
  none.reduced_excludes_holiday_eves = false;
  none.reduced_excluded_ranges.clear();
  for (const Case& c : cases) EXPECT_FALSE(reduction_excluded(none, c.night)) << c.why;
}

TEST(Rates, ReductionNamesParse) {
  EXPECT_EQ(parse_reduction("senior"), Reduction::kSenior);
  EXPECT_EQ(parse_reduction("disability"), Reduction::kDisability);
  EXPECT_EQ(parse_reduction("none"), Reduction::kNone);
  EXPECT_FALSE(parse_reduction("Senior"));
  EXPECT_STREQ(reduction_name(Reduction::kDisability), "disability");
}

RateTable valid_table() {
  RateTable t;
  t.effective_from = day(2026, 4, 1);
  t.adult = 3200;
  t.child = 2500;
  t.bathing_tax = 150;
  t.senior = ReducedRate{2000, 2};
  return t;
}

TEST(Rates, AValidTableAndNoTableAtAllPass) {
  EXPECT_TRUE(validate_rate_tables({valid_table()}).ok());
  EXPECT_TRUE(validate_rate_tables({}).ok());
  RateTable edge = valid_table();
  edge.adult = kMaxRateYen;
  edge.infant = 0;
  edge.senior->nights_per_fiscal_year = 366;
  edge.reduced_excluded_ranges = {{{2, 29}, {3, 1}}, {{12, 31}, {1, 1}}};
  EXPECT_TRUE(validate_rate_tables({edge}).ok());
}

// The first field error's field and code of validating `tables`.
std::pair<std::string, std::string> first_field_error(const std::vector<RateTable>& tables) {
  const base::Status s = validate_rate_tables(tables);
  if (s.ok()) return {"ok", ""};
  EXPECT_EQ(s.code(), ErrorCode::kValidation);
  EXPECT_FALSE(s.error().fields.empty());
  return {s.error().fields.at(0).field, s.error().fields.at(0).code};
}

TEST(Rates, ValidationNamesTheFieldAtItsEdge) {
  struct Case {
    const char* what;
    void (*change)(std::vector<RateTable>&);
    std::string field, code;
  } cases[] = {
      {"a negative adult rate", [](auto& ts) { ts[0].adult = -1; }, "rates[0].adult",
       "out_of_range"},
      {"an amount past the most", [](auto& ts) { ts[0].child = kMaxRateYen + 1; }, "rates[0].child",
       "out_of_range"},
      {"a negative surcharge", [](auto& ts) { ts[0].saturday_surcharge = -100; },
       "rates[0].saturdaySurcharge", "out_of_range"},
      {"a negative bathing tax", [](auto& ts) { ts[0].bathing_tax = -1; }, "rates[0].bathingTax",
       "out_of_range"},
      {"a negative reduced rate", [](auto& ts) { ts[0].senior->per_night = -1; },
       "rates[0].senior.perNight", "out_of_range"},
      {"a cap of 0", [](auto& ts) { ts[0].senior->nights_per_fiscal_year = 0; },
       "rates[0].senior.nightsPerFiscalYear", "out_of_range"},
      {"a cap past a year",
       [](auto& ts) {
         ts[0].disability = ReducedRate{1000, 367};
       },
       "rates[0].disability.nightsPerFiscalYear", "out_of_range"},
      {"2/30",
       [](auto& ts) {
         ts[0].reduced_excluded_ranges = {{{2, 30}, {3, 1}}};
       },
       "rates[0].excludedRanges", "invalid"},
      {"month 13",
       [](auto& ts) {
         ts[0].reduced_excluded_ranges = {{{12, 29}, {13, 3}}};
       },
       "rates[0].excludedRanges", "invalid"},
      {"day 0",
       [](auto& ts) {
         ts[0].reduced_excluded_ranges = {{{4, 0}, {4, 3}}};
       },
       "rates[0].excludedRanges", "invalid"},
      {"too many ranges",
       [](auto& ts) {
         ts[0].reduced_excluded_ranges.assign(kMaxExcludedRanges + 1, {{1, 1}, {1, 2}});
       },
       "rates[0].excludedRanges", "too_many"},
      {"two tables from one day", [](auto& ts) { ts.push_back(ts[0]); }, "rates[1].effectiveFrom",
       "duplicate"},
      {"too many tables",
       [](auto& ts) {
         for (int i = 1; i <= kMaxRateTables; ++i) {
           ts.push_back(ts[0]);
           ts.back().effective_from = ts[0].effective_from.plus_days(i);
         }
       },
       "rates", "too_many"},
  };
  for (const Case& c : cases) {
    std::vector<RateTable> tables = {valid_table()};
    c.change(tables);
    EXPECT_EQ(first_field_error(tables), std::make_pair(c.field, c.code)) << c.what;
  }
}

TEST(Rates, TwoTablesFromOneDayNameTheDay) {
  const base::Status s = validate_rate_tables({valid_table(), valid_table()});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().fields.at(0).message, MessageId::kRateTablesSameDay);
  EXPECT_EQ(base::arg_text(s.error().fields.at(0).args, "date"), "2026-04-01");
}

}  // namespace
}  // namespace hoyo::domain
