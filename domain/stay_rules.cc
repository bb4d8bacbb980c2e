// Rules shared by first-come booking, changes, lottery applications and the
// waitlist (and the read side's quotes).
#include "domain/stay_rules.h"

#include <algorithm>

#include "domain/decide_internal.h"

namespace hoyo::domain {

using base::Error;
using base::MessageId;
using base::Status;

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

std::optional<RoomStyle> choose_style(const Facility& f, Date check_in, int nights, int people,
                                      StyleWish wish, const Reservation* own,
                                      const FreeRooms& free) {
  std::optional<RoomStyle> best;
  int best_free = 0;
  for (const RoomType& t : f.room_types) {
    if (!style_matches(t.style, wish) || t.capacity < people) continue;
    int tightest = t.rooms;
    for (int i = 0; i < nights; ++i) {
      const Date d = check_in.plus_days(i);
      int n = free(d, t.style);
      if (!f.closed.count(d) && own && own->style == t.style && d >= own->check_in &&
          d <= own->last_night()) {
        ++n;  // the reservation being changed gives its own room back
      }
      tightest = std::min(tightest, n);
    }
    if (tightest > best_free) {
      best = t.style;
      best_free = tightest;
    }
  }
  return best;
}

Status check_min_people(const StayLimits& limits, const std::vector<int>& people) {
  const int min_people = limits.min_people_per_room;
  for (int p : people) {
    if (min_people > 1 && p < min_people) {
      return Error::validation("people", "too_few", MessageId::kMinPeoplePerRoom,
                               {{"min", std::int64_t{min_people}}});
    }
  }
  return {};
}

namespace internal {

// A user acts only for themself; operators and the system for anyone.
Status check_actor(const Actor& a, const std::string& user) {
  if (a.kind == Actor::Kind::kUser && a.id != user) {
    return Error{ErrorCode::kForbidden, MessageId::kUsersActForThemselves};
  }
  if (user.empty())
    return Error::validation("userNumber", "required", MessageId::kUserNumberMissing);
  return {};
}

std::optional<RoomStyle> choose_style(const BookingState& s, const Facility& f, Date check_in,
                                      int nights, int people, StyleWish wish,
                                      const Reservation* own) {
  return domain::choose_style(f, check_in, nights, people, wish, own, free_rooms(s, f));
}

FreeRooms free_rooms(const BookingState& s, const Facility& f) {
  return [&s, &f](Date d, RoomStyle style) { return s.inventory.free_first_come(f, d, style); };
}

}  // namespace internal
}  // namespace hoyo::domain
