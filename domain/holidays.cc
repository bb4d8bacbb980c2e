#include "domain/holidays.h"

#include <algorithm>

namespace hoyo::domain {
namespace {

using K = HolidayKind;

// The n-th (1-based) Monday of the month.
Date nth_monday(int year, unsigned month, int n) {
  const Date first = Date::from_ymd(year, month, 1);
  const int to_monday = (8 - first.weekday()) % 7;
  return first.plus_days(to_monday + 7 * (n - 1));
}

// The equinox day of the month by the standard formula (valid 1980-2099), in
// integer arithmetic: 20.8431 and 0.242194 scaled by 10^6.
Date equinox(int year, unsigned month, std::int64_t base_micro) {
  const std::int64_t k = year - 1980;
  const std::int64_t day = (base_micro + 242194 * k) / 1000000 - k / 4;
  return Date::from_ymd(year, month, static_cast<unsigned>(day));
}

// A holiday moved by a special law: in `year`, `kind` falls on month/day.
struct Exception {
  int year;
  K kind;
  unsigned month, day;
};

// 東京オリンピック競技大会・東京パラリンピック競技大会特別措置法 (2020) and its 2021
// amendment. The day after 2021's 山の日 (a Sunday) is a 振替休日 by the general rule.
constexpr Exception kExceptions[] = {
    {2020, K::kMarineDay, 7, 23}, {2020, K::kSportsDay, 7, 24}, {2020, K::kMountainDay, 8, 10},
    {2021, K::kMarineDay, 7, 22}, {2021, K::kSportsDay, 7, 23}, {2021, K::kMountainDay, 8, 8},
};

// One-off holidays by special law (天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律).
constexpr Exception kOneOffs[] = {
    {2019, K::kEnthronementDay, 5, 1},
    {2019, K::kEnthronementCeremonyDay, 10, 22},
};

// The day a holiday of `kind` falls on in `year`, special laws applied.
Date moved(int year, K kind, Date by_rule) {
  for (const Exception& e : kExceptions) {
    if (e.year == year && e.kind == kind) return Date::from_ymd(year, e.month, e.day);
  }
  return by_rule;
}

// The holidays proper (国民の祝日) of a year: every rule but 振替休日 and 国民の休日.
std::vector<Holiday> holidays_proper(int y) {
  std::vector<Holiday> out;
  auto add = [&](K kind, Date d) { out.push_back({moved(y, kind, d), kind}); };
  auto fixed = [&](K kind, unsigned m, unsigned d) { add(kind, Date::from_ymd(y, m, d)); };
  fixed(K::kNewYearsDay, 1, 1);
  add(K::kComingOfAgeDay, nth_monday(y, 1, 2));
  fixed(K::kFoundationDay, 2, 11);
  if (y >= 2020) fixed(K::kEmperorsBirthday, 2, 23);
  add(K::kVernalEquinoxDay, equinox(y, 3, 20843100));
  fixed(y >= 2007 ? K::kShowaDay : K::kGreeneryDay, 4, 29);
  fixed(K::kConstitutionDay, 5, 3);
  if (y >= 2007) fixed(K::kGreeneryDay, 5, 4);
  fixed(K::kChildrensDay, 5, 5);
  add(K::kMarineDay, y >= 2003 ? nth_monday(y, 7, 3) : Date::from_ymd(y, 7, 20));
  if (y >= 2016) fixed(K::kMountainDay, 8, 11);
  add(K::kRespectForTheAgedDay, y >= 2003 ? nth_monday(y, 9, 3) : Date::from_ymd(y, 9, 15));
  add(K::kAutumnalEquinoxDay, equinox(y, 9, 23248800));
  add(y >= 2020 ? K::kSportsDay : K::kHealthAndSportsDay, nth_monday(y, 10, 2));
  fixed(K::kCultureDay, 11, 3);
  fixed(K::kLabourThanksgivingDay, 11, 23);
  if (y <= 2018) fixed(K::kEmperorsBirthday, 12, 23);
  for (const Exception& e : kOneOffs) {
    if (e.year == y) fixed(e.kind, e.month, e.day);
  }
  std::sort(out.begin(), out.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return out;
}

bool contains(const std::vector<Holiday>& hs, Date d) {
  return std::any_of(hs.begin(), hs.end(), [&](const Holiday& h) { return h.date == d; });
}

constexpr int kSunday = 0;

}  // namespace

HolidayName holiday_name(HolidayKind kind) {
  switch (kind) {
    case K::kNewYearsDay:
      return {"new_years_day", "元日", "New Year's Day"};
    case K::kComingOfAgeDay:
      return {"coming_of_age_day", "成人の日", "Coming of Age Day"};
    case K::kFoundationDay:
      return {"national_foundation_day", "建国記念の日", "National Foundation Day"};
    case K::kEmperorsBirthday:
      return {"emperors_birthday", "天皇誕生日", "The Emperor's Birthday"};
    case K::kVernalEquinoxDay:
      return {"vernal_equinox_day", "春分の日", "Vernal Equinox Day"};
    case K::kShowaDay:
      return {"showa_day", "昭和の日", "Showa Day"};
    case K::kConstitutionDay:
      return {"constitution_memorial_day", "憲法記念日", "Constitution Memorial Day"};
    case K::kGreeneryDay:
      return {"greenery_day", "みどりの日", "Greenery Day"};
    case K::kChildrensDay:
      return {"childrens_day", "こどもの日", "Children's Day"};
    case K::kMarineDay:
      return {"marine_day", "海の日", "Marine Day"};
    case K::kMountainDay:
      return {"mountain_day", "山の日", "Mountain Day"};
    case K::kRespectForTheAgedDay:
      return {"respect_for_the_aged_day", "敬老の日", "Respect for the Aged Day"};
    case K::kAutumnalEquinoxDay:
      return {"autumnal_equinox_day", "秋分の日", "Autumnal Equinox Day"};
    case K::kHealthAndSportsDay:
      return {"health_and_sports_day", "体育の日", "Health and Sports Day"};
    case K::kSportsDay:
      return {"sports_day", "スポーツの日", "Sports Day"};
    case K::kCultureDay:
      return {"culture_day", "文化の日", "Culture Day"};
    case K::kLabourThanksgivingDay:
      return {"labour_thanksgiving_day", "勤労感謝の日", "Labour Thanksgiving Day"};
    case K::kEnthronementDay:
      return {"enthronement_day", "天皇の即位の日", "Day of the Emperor's Enthronement"};
    case K::kEnthronementCeremonyDay:
      return {"enthronement_ceremony_day", "即位礼正殿の儀の行われる日",
              "Day of the Enthronement Ceremony"};
    case K::kSubstituteHoliday:
      return {"substitute_holiday", "振替休日", "Substitute Holiday"};
    case K::kCitizensHoliday:
      return {"citizens_holiday", "国民の休日", "Citizens' Holiday"};
  }
  return {"unknown", "", ""};  // unreachable: every kind is listed
}

std::vector<Holiday> holidays_in_year(int year) {
  if (year < kFirstHolidayYear || year > kLastHolidayYear) return {};
  const std::vector<Holiday> proper = holidays_proper(year);
  std::vector<Holiday> extra;
  // 振替休日: from a Sunday holiday to the nearest later day that is not a
  // holiday proper (until 2006 only the Monday).
  for (const Holiday& h : proper) {
    if (h.date.weekday() != kSunday) continue;
    Date d = h.date.plus_days(1);
    if (year >= 2007) {
      while (contains(proper, d)) d = d.plus_days(1);
    }
    if (!contains(proper, d) && !contains(extra, d)) extra.push_back({d, K::kSubstituteHoliday});
  }
  // 国民の休日: a day sandwiched between two holidays proper. The 振替休日 of
  // the article before it comes first.
  for (std::size_t i = 0; i + 1 < proper.size(); ++i) {
    const Date between = proper[i].date.plus_days(1);
    if (proper[i + 1].date != between.plus_days(1)) continue;
    if (year < 2007 && between.weekday() == kSunday) continue;
    if (!contains(extra, between)) extra.push_back({between, K::kCitizensHoliday});
  }
  std::vector<Holiday> all = proper;
  all.insert(all.end(), extra.begin(), extra.end());
  std::sort(all.begin(), all.end(),
            [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  return all;
}

std::optional<HolidayKind> holiday_on(Date date) {
  for (const Holiday& h : holidays_in_year(date.year())) {
    if (h.date == date) return h.kind;
  }
  return std::nullopt;
}

std::optional<HolidayName> holiday_name(Date date) {
  if (const auto kind = holiday_on(date)) return holiday_name(*kind);
  return std::nullopt;
}

bool is_holiday(Date date) { return holiday_on(date).has_value(); }

bool is_holiday_eve(Date date) { return is_holiday(date.plus_days(1)); }

}  // namespace hoyo::domain
