// Rules shared by first-come booking and lottery applications.
#include <algorithm>

#include "domain/decide_internal.h"

namespace hoyo::domain::internal {

// A user acts only for themself; operators and the system for anyone.
Status check_actor(const Actor& a, const std::string& user) {
  if (a.kind == Actor::Kind::kUser && a.id != user) {
    return Error{ErrorCode::kForbidden, MessageId::kUsersActForThemselves};
  }
  if (user.empty())
    return Error::validation("userNumber", "required", MessageId::kUserNumberMissing);
  return {};
}

// Nights and people: 1..max_nights nights, one people count per night, each >= 1.
Status check_stay(const Facility& f, int nights, const std::vector<int>& people) {
  if (nights < 1 || nights > f.rules.max_nights) {
    return Error::validation("nights", "out_of_range", MessageId::kNightsRange,
                             {{"max", f.rules.max_nights}});
  }
  if (static_cast<int>(people.size()) != nights) {
    return Error::validation("people", "count", MessageId::kPeoplePerNight);
  }
  for (int p : people) {
    if (p < 1) return Error::validation("people", "out_of_range", MessageId::kAtLeastOnePerson);
  }
  return {};
}

Status check_stay_request(const Facility& f, int nights, const std::vector<int>& people,
                          StyleWish wish) {
  if (Status e = check_stay(f, nights, people); !e.ok()) return e;
  if (Status e = check_wish(f, wish); !e.ok()) return e;
  if (*std::max_element(people.begin(), people.end()) > max_capacity(f, wish)) {
    return Error::validation("people", "out_of_range", MessageId::kTooManyPeopleMax,
                             {{"capacity", max_capacity(f, wish)}});
  }
  return {};
}

Status check_wish(const Facility& f, StyleWish wish) {
  if (wish != StyleWish::kAny && !f.style_wish) {
    return Error::validation("roomStyle", "not_allowed", MessageId::kNoStyleWish);
  }
  return {};
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
