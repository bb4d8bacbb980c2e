// Japanese public holidays against their oracles.
//
// 2020-2027: the Cabinet Office's published list (内閣府「国民の祝日について」,
// shipped as data/cabinet_office_holidays_2020_2027.txt), compared both ways:
// every listed day is a holiday with that name, and no other day is one.
// 2028-2030: the equinox days against the formula, the Happy Mondays by their
// weekday, every 振替休日 and 国民の休日 against its definition, and a few
// hand-verified days.
#include "domain/holidays.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>

namespace hoyo::domain {
namespace {

Date day(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }

std::map<Date, std::string> cabinet_office_list() {
  std::ifstream in(std::string(HOYO_DOMAIN_TEST_DATA) + "/cabinet_office_holidays_2020_2027.txt");
  EXPECT_TRUE(in.good()) << "the Cabinet Office list is missing";
  std::map<Date, std::string> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string date, name;
    fields >> date >> name;
    const auto d = Date::parse(date);
    EXPECT_TRUE(d.has_value()) << line;
    if (d) out[*d] = name;
  }
  return out;
}

TEST(Holidays, EveryDayOfTheCabinetOfficeListIsAHolidayWithItsName) {
  const auto list = cabinet_office_list();
  ASSERT_EQ(list.size(), 143u);
  for (const auto& [date, name] : list) {
    const auto found = holiday_name(date);
    ASSERT_TRUE(found.has_value()) << date.to_string() << " " << name;
    EXPECT_EQ(found->ja, name) << date.to_string();
  }
}

TEST(Holidays, NoOtherDayFrom2020To2027IsAHoliday) {
  const auto list = cabinet_office_list();
  int holidays = 0;
  for (Date d = day(2020, 1, 1); d <= day(2027, 12, 31); d = d.plus_days(1)) {
    EXPECT_EQ(is_holiday(d), list.count(d) == 1) << d.to_string();
    holidays += is_holiday(d) ? 1 : 0;
  }
  EXPECT_EQ(holidays, 143);
  std::size_t listed = 0;
  for (int y = 2020; y <= 2027; ++y) listed += holidays_in_year(y).size();
  EXPECT_EQ(listed, 143u);
}

TEST(Holidays, TheOlympicMovesAreExceptionsOnlyIn2020And2021) {
  EXPECT_EQ(holiday_on(day(2020, 7, 23)), HolidayKind::kMarineDay);
  EXPECT_EQ(holiday_on(day(2020, 7, 24)), HolidayKind::kSportsDay);
  EXPECT_EQ(holiday_on(day(2020, 8, 10)), HolidayKind::kMountainDay);
  EXPECT_FALSE(is_holiday(day(2020, 7, 20)));  // the 3rd Monday: not 海の日 that year
  EXPECT_FALSE(is_holiday(day(2020, 10, 12)));
  EXPECT_FALSE(is_holiday(day(2020, 8, 11)));
  EXPECT_EQ(holiday_on(day(2021, 8, 9)), HolidayKind::kSubstituteHoliday);
  // 2022 is back to the general rules.
  EXPECT_EQ(holiday_on(day(2022, 7, 18)), HolidayKind::kMarineDay);
  EXPECT_EQ(holiday_on(day(2022, 10, 10)), HolidayKind::kSportsDay);
  EXPECT_EQ(holiday_on(day(2022, 8, 11)), HolidayKind::kMountainDay);
}

TEST(Holidays, TheEnthronementYear2019) {
  EXPECT_EQ(holiday_on(day(2019, 4, 30)), HolidayKind::kCitizensHoliday);
  EXPECT_EQ(holiday_on(day(2019, 5, 1)), HolidayKind::kEnthronementDay);
  EXPECT_EQ(holiday_on(day(2019, 5, 2)), HolidayKind::kCitizensHoliday);
  EXPECT_EQ(holiday_on(day(2019, 5, 6)), HolidayKind::kSubstituteHoliday);
  EXPECT_EQ(holiday_on(day(2019, 10, 22)), HolidayKind::kEnthronementCeremonyDay);
  EXPECT_FALSE(is_holiday(day(2019, 12, 23)));  // no 天皇誕生日 in 2019
  EXPECT_FALSE(is_holiday(day(2019, 2, 23)));
  EXPECT_EQ(holiday_on(day(2018, 12, 23)), HolidayKind::kEmperorsBirthday);
  EXPECT_EQ(holiday_on(day(2018, 12, 24)), HolidayKind::kSubstituteHoliday);
}

// The formula written out in floating point, as the literature gives it.
int equinox_day(int y, double base) {
  return static_cast<int>(base + 0.242194 * (y - 1980)) - (y - 1980) / 4;
}

TEST(Holidays, From2028To2030TheEquinoxesFollowTheFormula) {
  for (int y = 2028; y <= 2030; ++y) {
    const Date vernal = day(y, 3, static_cast<unsigned>(equinox_day(y, 20.8431)));
    const Date autumnal = day(y, 9, static_cast<unsigned>(equinox_day(y, 23.2488)));
    EXPECT_EQ(holiday_on(vernal), HolidayKind::kVernalEquinoxDay) << y;
    EXPECT_EQ(holiday_on(autumnal), HolidayKind::kAutumnalEquinoxDay) << y;
  }
  // Worked by hand: 2028-03-20, 2028-09-22, 2029-03-20, 2029-09-23, 2030-03-20, 2030-09-23.
  EXPECT_EQ(holiday_on(day(2028, 9, 22)), HolidayKind::kAutumnalEquinoxDay);
  EXPECT_EQ(holiday_on(day(2029, 9, 23)), HolidayKind::kAutumnalEquinoxDay);
  EXPECT_EQ(holiday_on(day(2030, 3, 20)), HolidayKind::kVernalEquinoxDay);
}

TEST(Holidays, From2028To2030TheHappyMondaysAreTheirMondays) {
  struct Rule {
    HolidayKind kind;
    unsigned month;
    int nth;
  };
  const Rule rules[] = {{HolidayKind::kComingOfAgeDay, 1, 2},
                        {HolidayKind::kMarineDay, 7, 3},
                        {HolidayKind::kRespectForTheAgedDay, 9, 3},
                        {HolidayKind::kSportsDay, 10, 2}};
  for (int y = 2028; y <= 2030; ++y) {
    for (const Rule& r : rules) {
      int mondays = 0;
      for (Date d = day(y, r.month, 1); d.month() == r.month; d = d.plus_days(1)) {
        if (d.weekday() != 1) continue;
        ++mondays;
        EXPECT_EQ(holiday_on(d) == r.kind, mondays == r.nth) << d.to_string();
      }
    }
  }
  EXPECT_EQ(holiday_on(day(2028, 1, 10)), HolidayKind::kComingOfAgeDay);
  EXPECT_EQ(holiday_on(day(2029, 7, 16)), HolidayKind::kMarineDay);
  EXPECT_EQ(holiday_on(day(2030, 10, 14)), HolidayKind::kSportsDay);
}

TEST(Holidays, From2028To2030SubstituteAndCitizensHolidaysFollowTheirDefinitions) {
  for (int y = 2028; y <= 2030; ++y) {
    for (Date d = day(y, 1, 2); d <= day(y, 12, 30); d = d.plus_days(1)) {
      const auto kind = holiday_on(d);
      const bool proper = kind && *kind != HolidayKind::kSubstituteHoliday &&
                          *kind != HolidayKind::kCitizensHoliday;
      if (proper && d.weekday() == 0) {
        // The nearest later day that is not a holiday proper is a 振替休日.
        Date next = d.plus_days(1);
        while (holiday_on(next) && holiday_on(next) != HolidayKind::kSubstituteHoliday)
          next = next.plus_days(1);
        EXPECT_EQ(holiday_on(next), HolidayKind::kSubstituteHoliday) << d.to_string();
      }
      if (kind == HolidayKind::kSubstituteHoliday) {
        Date back = d.plus_days(-1);
        while (is_holiday(back) && back.weekday() != 0) back = back.plus_days(-1);
        EXPECT_TRUE(back.weekday() == 0 && is_holiday(back)) << d.to_string();
      }
      if (kind == HolidayKind::kCitizensHoliday) {
        EXPECT_TRUE(is_holiday(d.plus_days(-1)) && is_holiday(d.plus_days(1))) << d.to_string();
      }
    }
  }
  // Worked by hand.
  EXPECT_EQ(holiday_on(day(2029, 2, 12)), HolidayKind::kSubstituteHoliday);  // 2/11 a Sunday
  EXPECT_EQ(holiday_on(day(2029, 4, 30)), HolidayKind::kSubstituteHoliday);  // 4/29 a Sunday
  EXPECT_EQ(holiday_on(day(2029, 9, 24)), HolidayKind::kSubstituteHoliday);  // 秋分 a Sunday
  EXPECT_EQ(holiday_on(day(2030, 5, 6)), HolidayKind::kSubstituteHoliday);   // 5/5 a Sunday
  EXPECT_EQ(holiday_on(day(2030, 8, 12)), HolidayKind::kSubstituteHoliday);
  EXPECT_EQ(holiday_on(day(2030, 11, 4)), HolidayKind::kSubstituteHoliday);
  EXPECT_EQ(holidays_in_year(2028).size(), 16u);
  EXPECT_EQ(holidays_in_year(2029).size(), 19u);
  EXPECT_EQ(holidays_in_year(2030).size(), 19u);
  // No 国民の休日 from 2028 to 2030; the next one is 2032-09-21, between 敬老の日
  // (9/20) and 秋分の日 (9/22).
  for (int y = 2028; y <= 2030; ++y) {
    for (const Holiday& h : holidays_in_year(y)) EXPECT_NE(h.kind, HolidayKind::kCitizensHoliday);
  }
  EXPECT_EQ(holiday_on(day(2032, 9, 21)), HolidayKind::kCitizensHoliday);
}

TEST(Holidays, AnEveIsTheDayBeforeAHolidayWhetherOrNotItIsOneItself) {
  EXPECT_TRUE(is_holiday_eve(day(2026, 12, 31)));  // before 元日
  EXPECT_TRUE(is_holiday_eve(day(2026, 5, 2)));    // a Saturday before 憲法記念日
  EXPECT_TRUE(is_holiday_eve(day(2026, 5, 3)));    // itself a holiday, before みどりの日
  EXPECT_TRUE(is_holiday_eve(day(2026, 5, 5)));    // こどもの日, before its 振替休日
  EXPECT_FALSE(is_holiday_eve(day(2026, 5, 6)));
  EXPECT_TRUE(is_holiday_eve(day(2027, 3, 21)));  // 春分の日 on a Sunday, before 振替休日
  EXPECT_FALSE(is_holiday_eve(day(2026, 12, 5)));
}

TEST(Holidays, NamesAreStableAndBilingual) {
  const auto n = holiday_name(day(2027, 3, 22));
  ASSERT_TRUE(n.has_value());
  EXPECT_STREQ(n->id, "substitute_holiday");
  EXPECT_STREQ(n->ja, "振替休日");
  EXPECT_STREQ(n->en, "Substitute Holiday");
  EXPECT_STREQ(holiday_name(HolidayKind::kCitizensHoliday).id, "citizens_holiday");
  EXPECT_FALSE(holiday_name(day(2027, 3, 23)).has_value());
}

TEST(Holidays, OutsideTheValidYearsNothingIsAHoliday) {
  EXPECT_TRUE(holidays_in_year(kFirstHolidayYear - 1).empty());
  EXPECT_TRUE(holidays_in_year(kLastHolidayYear + 1).empty());
  EXPECT_FALSE(is_holiday(day(2100, 1, 1)));
  EXPECT_TRUE(is_holiday(day(2099, 1, 1)));
  EXPECT_FALSE(is_holiday_eve(day(2099, 12, 31)));
}

}  // namespace
}  // namespace hoyo::domain
