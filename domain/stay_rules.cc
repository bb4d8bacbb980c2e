// Rules shared by first-come booking and lottery applications.
#include <algorithm>

#include "domain/decide_internal.h"

namespace hoyo::domain::internal {

// A user acts only for themself; operators and the system for anyone.
std::optional<DomainError> check_actor(const Actor& a, const std::string& user) {
  if (a.kind == Actor::Kind::kUser && a.id != user) {
    return DomainError{ErrorCode::kForbidden, "users act only for themselves", {}};
  }
  if (user.empty()) return DomainError::validation("userNumber", "required", "no user");
  return std::nullopt;
}

// Nights and people: 1..max_nights nights, one people count per night, each >= 1.
std::optional<DomainError> check_stay(const Facility& f, int nights,
                                      const std::vector<int>& people) {
  if (nights < 1 || nights > f.rules.max_nights) {
    return DomainError::validation("nights", "out_of_range",
                                   "nights must be 1 to " + std::to_string(f.rules.max_nights));
  }
  if (static_cast<int>(people.size()) != nights) {
    return DomainError::validation("people", "count", "one people count per night");
  }
  for (int p : people) {
    if (p < 1) return DomainError::validation("people", "out_of_range", "at least 1 person");
  }
  return std::nullopt;
}

std::optional<DomainError> check_wish(const Facility& f, StyleWish wish) {
  if (wish != StyleWish::kAny && !f.style_wish) {
    return DomainError::validation("roomStyle", "not_allowed",
                                   "this facility does not take a room-style wish");
  }
  return std::nullopt;
}

int max_capacity(const Facility& f, StyleWish wish) {
  int cap = 0;
  for (const RoomType& t : f.room_types) {
    if (wish == StyleWish::kAny || static_cast<int>(t.style) == static_cast<int>(wish) - 1) {
      cap = std::max(cap, t.capacity);
    }
  }
  return cap;
}

bool style_matches(RoomStyle style, StyleWish wish) {
  return wish == StyleWish::kAny || static_cast<int>(style) == static_cast<int>(wish) - 1;
}

}  // namespace hoyo::domain::internal
