#include "domain/facility.h"

#include <utility>

namespace hoyo::domain {

const char* style_name(RoomStyle s) {
  switch (s) {
    case RoomStyle::kJapanese:
      return "japanese";
    case RoomStyle::kWestern:
      return "western";
    case RoomStyle::kStandard:
      return "standard";
  }
  return "standard";
}

std::optional<RoomStyle> parse_style(std::string_view s) {
  if (s == "japanese") return RoomStyle::kJapanese;
  if (s == "western") return RoomStyle::kWestern;
  if (s == "standard") return RoomStyle::kStandard;
  return std::nullopt;
}

const char* wish_name(StyleWish w) {
  switch (w) {
    case StyleWish::kAny:
      return "any";
    case StyleWish::kJapanese:
      return "japanese";
    case StyleWish::kWestern:
      return "western";
  }
  return "any";
}

std::optional<StyleWish> parse_wish(std::string_view s) {
  if (s == "any") return StyleWish::kAny;
  if (s == "japanese") return StyleWish::kJapanese;
  if (s == "western") return StyleWish::kWestern;
  return std::nullopt;
}

const RoomType* Facility::room_type(RoomStyle s) const {
  for (const RoomType& t : room_types) {
    if (t.style == s) return &t;
  }
  return nullptr;
}

BookingRules BookingRulesPatch::over(BookingRules base) const {
  const std::pair<const std::optional<int>*, int*> fields[] = {
      {&open_months_before, &base.open_months_before},
      {&open_hour, &base.open_hour},
      {&close_days_before, &base.close_days_before},
      {&change_close_days_before, &base.change_close_days_before},
      {&cancel_close_days_before, &base.cancel_close_days_before},
      {&max_upcoming, &base.max_upcoming},
      {&max_nights, &base.max_nights}};
  for (const auto& [given, rule] : fields) {
    if (*given) *rule = **given;
  }
  return base;
}

int Facility::rooms(RoomStyle s) const {
  const RoomType* t = room_type(s);
  return t ? t->rooms : 0;
}

}  // namespace hoyo::domain
