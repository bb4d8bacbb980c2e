// Shared set-up for the domain tests: facilities, instants and shorthands.
#pragma once

#include <gtest/gtest.h>

#include "domain/booking_state.h"
#include "domain/civil_time.h"
#include "domain/decide.h"
#include "domain/reservation_number.h"

namespace hoyo::domain::testing {

using base::error_code_name;
using base::ErrorCode;
using base::Result;

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
// みなと荘-like rates from fiscal year 2026: adult 3,200 yen, child 2,500,
// infants free, the bathing tax 150, and (with `senior`) the senior rate of
// 2,200 for 2 nights a fiscal year.
inline RateTable minato_rates(bool senior = true) {
  RateTable t;
  t.effective_from = day(2026, 4, 1);
  t.adult = 3200;
  t.child = 2500;
  t.infant = 0;
  if (senior) t.senior = ReducedRate{2200, 2};
  t.bathing_tax = 150;
  return t;
}
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

// The March 2027 lottery period of the tests at `facilities`: open from
// 2026-12-01 to 12-10, drawn 12-11, published 12-12 (all 00:00 JST).
inline LotteryPeriod march_period(std::string id,
                                  std::vector<std::string> facilities = {"seaside"}) {
  LotteryPeriod p;
  p.id = std::move(id);
  p.stay_month = day(2027, 3, 1);
  p.facilities = std::move(facilities);
  p.opens_at = jst(2026, 12, 1);
  p.closes_at = jst(2026, 12, 10);
  p.draw_at = jst(2026, 12, 11);
  p.publish_at = jst(2026, 12, 12);
  return p;
}

inline Command book(std::string user, std::string facility, Date check_in, int nights,
                    std::vector<int> people, std::string num, StyleWish wish = StyleWish::kAny) {
  return {Actor::user(user), BookRoom{user, std::move(facility), check_in, nights,
                                      std::move(people), wish, std::move(num)}};
}

// The two-party draw's auditor: an enabled auditor's account ("audrey"),
// acting as staff do, as "operator:LOGIN".
inline const Actor kAuditor = Actor::op("audrey");
inline void add_auditor(BookingState& s, const std::string& login = "audrey") {
  if (!s.accounts.op(login)) evolve(s, OperatorAdded{login, OperatorRole::kAuditor});
}
// The secret the test auditor commits to for a period.
inline std::string auditor_secret(const std::string& lottery) {
  return "the auditor's secret for " + lottery;
}
// The auditor commits to auditor_secret(lottery) at `now` (adding the account
// if needed), or reveals it.
inline Result<std::vector<Event>> commit_auditor(BookingState& s, const std::string& lottery,
                                                 Instant now) {
  add_auditor(s);
  return apply(s, {kAuditor, CommitAuditorSeed{lottery, seed_commitment(auditor_secret(lottery))}},
               now);
}
inline Result<std::vector<Event>> reveal_auditor(BookingState& s, const std::string& lottery,
                                                 Instant now) {
  return apply(s, {kAuditor, RevealAuditorSeed{lottery, auditor_secret(lottery)}}, now);
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
