// Japanese public holidays (国民の祝日に関する法律, as amended), computed by the
// law's rules from the date alone: no table to download, no network. Valid
// for the years kFirstHolidayYear..kLastHolidayYear (the equinox formulas hold
// from 1980 to 2099; the rules below are those in force since 2000). A date
// outside that range is never a holiday.
//
// - Fixed-date holidays, each from the year its amendment applies (山の日 from
//   2016; 天皇誕生日 12/23 until 2018, none in 2019, 2/23 from 2020; 4/29 is
//   みどりの日 until 2006 and 昭和の日 from 2007, when 5/4 becomes みどりの日).
// - Happy Monday holidays: 成人の日 and 体育の日 (スポーツの日 from 2020) on the 2nd
//   Monday of January and October from 2000; 海の日 and 敬老の日 on the 3rd Monday
//   of July and September from 2003 (7/20 and 9/15 before).
// - 春分の日 and 秋分の日 by the standard formulas:
//   floor(20.8431 + 0.242194 (y - 1980)) - floor((y - 1980) / 4) in March and
//   floor(23.2488 + 0.242194 (y - 1980)) - floor((y - 1980) / 4) in September.
// - Special-law exceptions, as an explicit table: the 2019 enthronement days
//   (5/1, 10/22) and the 2020 and 2021 Olympic moves of 海の日, スポーツの日 and
//   山の日.
// - 振替休日: a holiday on a Sunday makes the next day that is not a holiday a
//   holiday (until 2006: the Monday, when it is not a holiday itself).
// - 国民の休日: a day that is not a holiday, whose day before and day after are
//   both holidays proper (not 振替休日 or 国民の休日); until 2006 not on a Sunday.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "domain/civil_time.h"

namespace hoyo::domain {

inline constexpr int kFirstHolidayYear = 2000;
inline constexpr int kLastHolidayYear = 2099;

// Every kind of holiday the law has named since 2000. The values are stable.
enum class HolidayKind : std::uint8_t {
  kNewYearsDay,              // 元日
  kComingOfAgeDay,           // 成人の日
  kFoundationDay,            // 建国記念の日
  kEmperorsBirthday,         // 天皇誕生日
  kVernalEquinoxDay,         // 春分の日
  kShowaDay,                 // 昭和の日
  kConstitutionDay,          // 憲法記念日
  kGreeneryDay,              // みどりの日
  kChildrensDay,             // こどもの日
  kMarineDay,                // 海の日
  kMountainDay,              // 山の日
  kRespectForTheAgedDay,     // 敬老の日
  kAutumnalEquinoxDay,       // 秋分の日
  kHealthAndSportsDay,       // 体育の日 (until 2019)
  kSportsDay,                // スポーツの日 (from 2020)
  kCultureDay,               // 文化の日
  kLabourThanksgivingDay,    // 勤労感謝の日
  kEnthronementDay,          // 天皇の即位の日 (2019-05-01)
  kEnthronementCeremonyDay,  // 即位礼正殿の儀の行われる日 (2019-10-22)
  kSubstituteHoliday,        // 振替休日
  kCitizensHoliday,          // 国民の休日
};

// A holiday's names: a stable identifier ("vernal_equinox_day"), Japanese
// ("春分の日") and English ("Vernal Equinox Day").
struct HolidayName {
  const char* id;
  const char* ja;
  const char* en;
};
HolidayName holiday_name(HolidayKind kind);

struct Holiday {
  Date date;
  HolidayKind kind;
  bool operator==(const Holiday&) const = default;
};

// The holidays of `year` in date order; empty outside the valid years.
std::vector<Holiday> holidays_in_year(int year);

// The kind of holiday `date` is, or nullopt when it is none.
std::optional<HolidayKind> holiday_on(Date date);
// The names of the holiday `date` is, or nullopt when it is none.
std::optional<HolidayName> holiday_name(Date date);
bool is_holiday(Date date);
// True when the next day is a holiday (休前日), whether or not `date` is one.
bool is_holiday_eve(Date date);

}  // namespace hoyo::domain
