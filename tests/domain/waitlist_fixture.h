// Shared set-up for the waitlist's domain tests: a waitlisted "seaside", a
// night sold out, and the commands of joining, cancelling and the
// scheduler's run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fixtures.h"

namespace hoyo::domain::testing {

inline const Date kNight = day(2027, 3, 20);
inline const Instant kMonday = jst(2027, 2, 1, 10);  // first-come opened on 1/1

// `f` with its waitlist on (the other settings as `f` has them).
inline Facility waitlisted(Facility f) {
  f.waitlist.enabled = true;
  return f;
}
// "seaside" with `rooms` standard rooms and its waitlist on at the defaults.
inline Facility waitlisted(int rooms = 1) { return waitlisted(standard_facility(rooms)); }

// `user` joins the waitlist of "seaside" (entry "w-USER-CHECKIN-NIGHTS" unless `id`).
inline Command join(std::string user, Date check_in = kNight, int nights = 1,
                    std::vector<int> people = {2}, std::string id = "") {
  if (id.empty()) id = "w-" + user + "-" + check_in.to_string() + "-" + std::to_string(nights);
  return {Actor::user(user),
          JoinWaitlist{user, "seaside", check_in, nights, std::move(people), StyleWish::kAny, id}};
}

inline Command cancel(std::string user, std::string num) {
  return {Actor::user(user), CancelReservations{std::move(user), {std::move(num)}}};
}

// The scheduler's run with `seed`.
inline Command run(std::uint64_t seed) {
  RunScheduled r;
  r.seed = seed;
  return {Actor::system(), r};
}

// The events of type E among `events`, in order.
template <class E>
std::vector<E> all_of(const std::vector<Event>& events) {
  std::vector<E> out;
  for (const Event& e : events) {
    if (auto* x = std::get_if<E>(&e)) out.push_back(*x);
  }
  return out;
}

// `f` (waitlisted) with its `rooms` rooms booked by "a0", "a1"... for kNight
// (reservations number(1)...); `waiting` then join the list, a second apart.
inline BookingState sold_out(const Facility& f, const std::vector<std::string>& waiting) {
  BookingState s = with_facilities({f});
  const int rooms = f.rooms(RoomStyle::kStandard);
  for (int i = 0; i < rooms; ++i) {
    EXPECT_TRUE(
        apply(s, book("a" + std::to_string(i), "seaside", kNight, 1, {2}, number(i + 1)), kMonday)
            .ok());
  }
  Instant t = kMonday + kMicrosPerSecond;
  for (const std::string& u : waiting) EXPECT_TRUE(apply(s, join(u), t += kMicrosPerSecond).ok());
  return s;
}
// The same at "seaside" with `rooms` rooms and the default settings.
inline BookingState sold_out(const std::vector<std::string>& waiting, int rooms = 1) {
  return sold_out(waitlisted(rooms), waiting);
}

}  // namespace hoyo::domain::testing
