#include "domain/civil_time.h"

#include <cstdio>

namespace hoyo::domain {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
std::int32_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Ymd {
  int y;
  unsigned m, d;
};

Ymd civil_from_days(std::int32_t z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned days_in_month(int y, unsigned m) {
  static const unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Reads exactly n ASCII digits.
bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

Instant floor_div_day(Instant t) {
  return t >= 0 ? t / kMicrosPerDay : -((-t + kMicrosPerDay - 1) / kMicrosPerDay);
}

}  // namespace

Date Date::from_ymd(int year, unsigned month, unsigned day) {
  return {days_from_civil(year, month, day)};
}

std::optional<Date> Date::parse(std::string_view text) {
  int y, m, d;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text, 0, 4, y) ||
      !digits(text, 5, 2, m) || !digits(text, 8, 2, d)) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || static_cast<unsigned>(d) > days_in_month(y, m)) {
    return std::nullopt;
  }
  return from_ymd(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

int Date::year() const { return civil_from_days(days).y; }
unsigned Date::month() const { return civil_from_days(days).m; }
unsigned Date::day() const { return civil_from_days(days).d; }
// 1970-01-01 was a Thursday (4).
int Date::weekday() const { return static_cast<int>(((days % 7) + 7 + 4) % 7); }

std::string Date::to_string() const {
  const Ymd c = civil_from_days(days);
  if (c.y < 0 || c.y > 9999) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", c.y, c.m, c.d);
    return buf;
  }
  // YYYY-MM-DD by hand: it is on every vacancy answer.
  std::string out(10, '-');
  auto digits = [&](int at, unsigned v, int n) {
    for (int i = n - 1; i >= 0; --i, v /= 10)
      out[static_cast<std::size_t>(at + i)] = static_cast<char>('0' + v % 10);
  };
  digits(0, static_cast<unsigned>(c.y), 4);
  digits(5, c.m, 2);
  digits(8, c.d, 2);
  return out;
}

Date Date::first_of_month_plus(int months) const {
  const Ymd c = civil_from_days(days);
  const int index = c.y * 12 + static_cast<int>(c.m) - 1 + months;
  const int y = index >= 0 ? index / 12 : (index - 11) / 12;
  return from_ymd(y, static_cast<unsigned>(index - y * 12 + 1), 1);
}

Date tokyo_date(Instant t) { return {static_cast<std::int32_t>(floor_div_day(t + kTokyoOffset))}; }

Instant tokyo_midnight(Date d) { return d.days * kMicrosPerDay - kTokyoOffset; }

Instant tokyo_time(Date d, int hour, int minute) {
  return tokyo_midnight(d) + (hour * 3600 + minute * 60) * kMicrosPerSecond;
}

std::optional<Instant> parse_rfc3339(std::string_view s) {
  // YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)
  if (s.size() < 20) return std::nullopt;
  const auto date = Date::parse(s.substr(0, 10));
  int hh, mm, ss;
  if (!date || (s[10] != 'T' && s[10] != 't') || !digits(s, 11, 2, hh) || s[13] != ':' ||
      !digits(s, 14, 2, mm) || s[16] != ':' || !digits(s, 17, 2, ss) || hh > 23 || mm > 59 ||
      ss > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  Instant frac = 0;
  if (at < s.size() && s[at] == '.') {
    ++at;
    Instant scale = 100000;
    const std::size_t start = at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') {
      frac += (s[at] - '0') * scale;
      scale /= 10;
      ++at;
    }
    if (at == start) return std::nullopt;
  }
  if (at >= s.size()) return std::nullopt;
  Instant offset = 0;
  if (s[at] == 'Z' || s[at] == 'z') {
    ++at;
  } else if (s[at] == '+' || s[at] == '-') {
    int oh, om;
    if (!digits(s, at + 1, 2, oh) || at + 3 >= s.size() || s[at + 3] != ':' ||
        !digits(s, at + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * kMicrosPerSecond * (s[at] == '-' ? -1 : 1);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != s.size()) return std::nullopt;
  return date->days * kMicrosPerDay + (hh * 3600 + mm * 60 + std::min(ss, 59)) * kMicrosPerSecond +
         frac - offset;
}

std::string format_rfc3339_tokyo(Instant t) {
  const Date d = tokyo_date(t);
  const Instant in_day = t + kTokyoOffset - static_cast<Instant>(d.days) * kMicrosPerDay;
  const int secs = static_cast<int>(in_day / kMicrosPerSecond);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d+09:00", d.to_string().c_str(), secs / 3600,
                (secs / 60) % 60, secs % 60);
  return buf;
}

}  // namespace hoyo::domain
