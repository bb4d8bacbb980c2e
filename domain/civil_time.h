// Calendar dates and instants. Business dates are Asia/Tokyo: a fixed UTC+9
// offset (Japan has kept no daylight saving time since 1951).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hoyo::domain {

// Microseconds since the Unix epoch, UTC.
using Instant = std::int64_t;

inline constexpr Instant kMicrosPerSecond = 1'000'000;
inline constexpr Instant kMicrosPerDay = 86'400 * kMicrosPerSecond;
inline constexpr Instant kTokyoOffset = 9 * 3600 * kMicrosPerSecond;

// A calendar day, as days since 1970-01-01.
struct Date {
  std::int32_t days = 0;

  static Date from_ymd(int year, unsigned month, unsigned day);
  // Parses "YYYY-MM-DD"; nullopt unless it names a real day.
  static std::optional<Date> parse(std::string_view text);

  int year() const;
  unsigned month() const;
  unsigned day() const;
  std::string to_string() const;  // "YYYY-MM-DD"
  // 0 for Sunday, 1 for Monday, ..., 6 for Saturday.
  int weekday() const;

  Date plus_days(int n) const { return {days + n}; }
  // The first day of the month `months` after this date's month (may be negative).
  Date first_of_month_plus(int months) const;

  auto operator<=>(const Date&) const = default;
};

// The Tokyo calendar day an instant falls on.
Date tokyo_date(Instant t);
// 00:00 Tokyo time at the start of `d`, as an instant.
Instant tokyo_midnight(Date d);
// hh:mm Tokyo time on `d`.
Instant tokyo_time(Date d, int hour, int minute);

// Parses an RFC 3339 instant with an offset ("2026-11-24T09:00:00+09:00", "...Z").
std::optional<Instant> parse_rfc3339(std::string_view text);
// Formats in Tokyo time with its offset: "2026-11-24T09:00:00+09:00".
std::string format_rfc3339_tokyo(Instant t);

}  // namespace hoyo::domain
