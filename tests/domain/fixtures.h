// Shared set-up for the domain tests: facilities, instants and shorthands.
#pragma once

#include <gtest/gtest.h>

#include "domain/booking_state.h"
#include "domain/civil_time.h"
#include "domain/decide.h"
#include "domain/reservation_number.h"

namespace hoyo::domain::testing {

// 大平台みなと荘-like: japanese rooms for 5, western rooms for 2, asks the style wish.
inline Facility mixed_facility(int japanese = 3, int western = 2) {
  Facility f;
  f.id = "minato-so";
  f.name = "大平台みなと荘";
  f.name_en = "Ohiradai Minato-so";
  f.room_types = {{RoomStyle::kJapanese, japanese, 5}, {RoomStyle::kWestern, western, 2}};
  f.style_wish = true;
  return f;
}

// A facility with standard rooms for 4.
inline Facility standard_facility(int rooms = 2, std::string id = "seaside") {
  Facility f;
  f.id = std::move(id);
  f.name = "海の家";
  f.name_en = "Seaside Lodge";
  f.room_types = {{RoomStyle::kStandard, rooms, 4}};
  return f;
}

inline Date day(int y, unsigned m, unsigned d) { return Date::from_ymd(y, m, d); }
// hh:mm:ss Tokyo time on y-m-d.
inline Instant jst(int y, unsigned m, unsigned d, int hh = 0, int mm = 0, int ss = 0) {
  return tokyo_time(day(y, m, d), hh, mm) + ss * kMicrosPerSecond;
}

inline std::string number(std::uint64_t n) { return make_number(n, 9); }

// Applies a command's events to the state, returning the decision.
inline Result<std::vector<Event>> apply(BookingState& s, const Command& c, Instant now) {
  auto r = decide(s, c, now);
  if (r.ok()) {
    for (const Event& e : r.value()) evolve(s, e);
  }
  return r;
}

inline BookingState with_facilities(std::vector<Facility> fs) {
  BookingState s;
  for (auto& f : fs) evolve(s, FacilityRegistered{std::move(f)});
  return s;
}

inline Command book(std::string user, std::string facility, Date check_in, int nights,
                    std::vector<int> people, std::string num, StyleWish wish = StyleWish::kAny) {
  return {Actor::user(user), BookRoom{user, std::move(facility), check_in, nights,
                                      std::move(people), wish, std::move(num)}};
}

#define EXPECT_REFUSED(result, expected_code)                               \
  do {                                                                      \
    auto&& r_ = (result);                                                   \
    ASSERT_FALSE(r_.ok()) << "expected " << error_code_name(expected_code); \
    EXPECT_EQ(r_.error().code, expected_code) << r_.error().message;        \
  } while (0)

#define EXPECT_ACCEPTED(result)                                                             \
  do {                                                                                      \
    auto&& r_ = (result);                                                                   \
    ASSERT_TRUE(r_.ok()) << error_code_name(r_.error().code) << ": " << r_.error().message; \
  } while (0)

}  // namespace hoyo::domain::testing
