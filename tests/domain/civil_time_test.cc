#include "domain/civil_time.h"

#include <gtest/gtest.h>

namespace hoyo::domain {
namespace {

TEST(CivilTime, DatesParseFormatAndRejectImpossibleDays) {
  EXPECT_EQ(Date::parse("1970-01-01")->days, 0);
  EXPECT_EQ(Date::parse("2024-02-29")->to_string(), "2024-02-29");
  EXPECT_FALSE(Date::parse("2023-02-29"));
  EXPECT_FALSE(Date::parse("2026-13-01"));
  EXPECT_FALSE(Date::parse("2026-1-01"));
  EXPECT_FALSE(Date::parse("2026-01-01x"));
  EXPECT_EQ(Date::from_ymd(2026, 12, 31).plus_days(1).to_string(), "2027-01-01");
  EXPECT_EQ(Date::from_ymd(2027, 2, 10).first_of_month_plus(-2).to_string(), "2026-12-01");
  EXPECT_EQ(Date::from_ymd(2027, 1, 31).first_of_month_plus(1).to_string(), "2027-02-01");
  EXPECT_EQ(Date::from_ymd(1969, 12, 31).days, -1);
}

TEST(CivilTime, WeekdayCountsFromSunday) {
  EXPECT_EQ(Date::from_ymd(1970, 1, 1).weekday(), 4);    // a Thursday
  EXPECT_EQ(Date::from_ymd(1969, 12, 28).weekday(), 0);  // a Sunday, before the epoch
  EXPECT_EQ(Date::from_ymd(2027, 3, 21).weekday(), 0);
  EXPECT_EQ(Date::from_ymd(2026, 12, 5).weekday(), 6);  // a Saturday
  EXPECT_EQ(Date::from_ymd(2000, 2, 29).weekday(), 2);
}

TEST(CivilTime, TokyoDayStartsAtFifteenHundredUtc) {
  const Instant utc_midnight = Date::from_ymd(2026, 11, 30).days * kMicrosPerDay;
  const Instant tokyo_dec_1 = utc_midnight + 15 * 3600 * kMicrosPerSecond;
  EXPECT_EQ(tokyo_date(tokyo_dec_1).to_string(), "2026-12-01");
  EXPECT_EQ(tokyo_date(tokyo_dec_1 - 1).to_string(), "2026-11-30");
  EXPECT_EQ(tokyo_midnight(Date::from_ymd(2026, 12, 1)), tokyo_dec_1);
  EXPECT_EQ(format_rfc3339_tokyo(tokyo_dec_1 + 9 * 3600 * kMicrosPerSecond),
            "2026-12-01T09:00:00+09:00");
}

TEST(CivilTime, Rfc3339WithOffsets) {
  const Instant a = *parse_rfc3339("2026-12-01T09:00:00+09:00");
  EXPECT_EQ(a, *parse_rfc3339("2026-12-01T00:00:00Z"));
  EXPECT_EQ(a, *parse_rfc3339("2026-11-30T19:00:00-05:00"));
  EXPECT_EQ(*parse_rfc3339("2026-12-01T00:00:00.25Z") - a, 250000);
  EXPECT_FALSE(parse_rfc3339("2026-12-01T09:00:00"));
  EXPECT_FALSE(parse_rfc3339("2026-12-01 09:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-12-01T25:00:00Z"));
  EXPECT_FALSE(parse_rfc3339("2026-12-01T09:00:00+0900"));
}

}  // namespace
}  // namespace hoyo::domain
