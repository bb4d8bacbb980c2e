// The facility catalogue: room types by style, the style wish, closed dates,
// the booking rules of docs/rules.md and the rate tables, all of it data.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/civil_time.h"
#include "domain/penalties.h"
#include "domain/rates.h"

namespace hoyo::domain {

enum class RoomStyle : std::uint8_t { kJapanese = 0, kWestern = 1, kStandard = 2 };
inline constexpr int kStyleCount = 3;

// What a guest asks for: a style, or whichever has more free rooms.
enum class StyleWish : std::uint8_t { kAny = 0, kJapanese = 1, kWestern = 2 };

const char* style_name(RoomStyle s);  // "japanese", "western", "standard"
std::optional<RoomStyle> parse_style(std::string_view s);
const char* wish_name(StyleWish w);  // "any", "japanese", "western"
std::optional<StyleWish> parse_wish(std::string_view s);

struct RoomType {
  RoomStyle style = RoomStyle::kStandard;
  int rooms = 0;
  int capacity = 0;  // people per room
  bool operator==(const RoomType&) const = default;
};

// The booking rules of docs/rules.md with their defaults.
struct BookingRules {
  int open_months_before = 2;  // first-come opens on the 1st of the month this many months before
  int open_hour = 9;           // ... at this hour, Tokyo time
  int close_days_before =
      3;  // first-come closes at 24:00 of the day this many days before check-in
  int change_close_days_before = 3;
  int cancel_close_days_before = 3;
  int max_upcoming = 2;  // K: upcoming first-come reservations a user may hold
  int max_nights = 2;
  bool operator==(const BookingRules&) const = default;
};

// Some of the booking rules: those given replace a facility's, the others stay.
struct BookingRulesPatch {
  std::optional<int> open_months_before, open_hour, close_days_before, change_close_days_before,
      cancel_close_days_before, max_upcoming, max_nights;
  BookingRules over(BookingRules base) const;
  bool operator==(const BookingRulesPatch&) const = default;
};

// The facility's cancellation waitlist (キャンセル待ち, waitlist.h), off unless
// enabled. Times of day are minutes after 00:00 Tokyo time.
struct WaitlistSettings {
  bool enabled = false;
  int entries_per_month = 2;  // active entries per user per stay month (1..31)
  int close_days_before = 6;  // joining closes at 24:00 of the day this many days before (0..60)
  int pick_minute = 9 * 60;   // a freed room is picked at this time the next day
  int offer_days = 2;         // an offer is open until offer_by_minute this many days after (1..14)
  int offer_by_minute = 1 * 60 + 59;
  bool operator==(const WaitlistSettings&) const = default;
};

struct Facility {
  std::string id;
  std::string name;  // Japanese
  std::string name_en;
  std::vector<RoomType> room_types;  // at most one per style; the first wins ties
  bool style_wish = false;           // asks 和洋室希望 (japanese / western / either)
  std::set<Date> closed;
  BookingRules rules;
  std::vector<RateTable> rates;  // the fees, each table in force from its date
  // The facility's own penalty rules; those not given follow the ward's.
  PenaltyRulesPatch penalties;
  WaitlistSettings waitlist;

  const RoomType* room_type(RoomStyle s) const;
  int rooms(RoomStyle s) const;
  bool operator==(const Facility&) const = default;
};

}  // namespace hoyo::domain
