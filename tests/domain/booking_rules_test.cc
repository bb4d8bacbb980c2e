// The booking rules of docs/rules.md, each accepted at its edge and refused just past it.
#include <gtest/gtest.h>

#include "domain/booking_windows.h"
#include "fixtures.h"

namespace hoyo::domain {
namespace {

using namespace testing;

// Stays in February 2027: first-come opens 2026-12-01 09:00 JST.
const Date kStay = day(2027, 2, 10);
const Instant kOpen = jst(2026, 12, 1, 9, 0, 0);
const Instant kSecond = kMicrosPerSecond;

TEST(FirstComeWindow, OpensAtNineOnTheFirstOfTheMonthTwoMonthsBefore) {
  BookingState s = with_facilities({standard_facility()});
  EXPECT_EQ(first_come_opens(BookingRules{}, kStay), kOpen);
  EXPECT_REFUSED(decide(s, book("100", "seaside", kStay, 1, {2}, number(1)), kOpen - kSecond),
                 ErrorCode::kWindowClosed);
  EXPECT_ACCEPTED(decide(s, book("100", "seaside", kStay, 1, {2}, number(1)), kOpen));
}

TEST(FirstComeWindow, ClosesAtMidnightEndingTheDayThreeDaysBeforeCheckIn) {
  BookingState s = with_facilities({standard_facility()});
  const Instant close = jst(2027, 2, 8);  // 24:00 of 02-07
  EXPECT_EQ(first_come_closes(BookingRules{}, kStay), close);
  EXPECT_ACCEPTED(decide(s, book("100", "seaside", kStay, 1, {2}, number(1)), close - kSecond));
  EXPECT_REFUSED(decide(s, book("100", "seaside", kStay, 1, {2}, number(1)), close),
                 ErrorCode::kWindowClosed);
}

TEST(FirstComeWindow, EveryNightMustHaveOpened) {
  BookingState s = with_facilities({standard_facility()});
  const Date jan31 = day(2027, 1, 31);  // night 2 is in February: opens 12-01 09:00
  EXPECT_REFUSED(decide(s, book("100", "seaside", jan31, 2, {2, 2}, number(1)), kOpen - kSecond),
                 ErrorCode::kWindowClosed);
  EXPECT_ACCEPTED(decide(s, book("100", "seaside", jan31, 1, {2}, number(1)), kOpen - kSecond));
  EXPECT_ACCEPTED(decide(s, book("100", "seaside", jan31, 2, {2, 2}, number(1)), kOpen));
}

TEST(StayRules, NightsOneOrTwoAndOnePeopleCountPerNight) {
  BookingState s = with_facilities({standard_facility()});
  EXPECT_ACCEPTED(decide(s, book("100", "seaside", kStay, 2, {1, 3}, number(1)), kOpen));
  EXPECT_REFUSED(decide(s, book("100", "seaside", kStay, 3, {1, 1, 1}, number(1)), kOpen),
                 ErrorCode::kValidation);
  EXPECT_REFUSED(decide(s, book("100", "seaside", kStay, 0, {}, number(1)), kOpen),
                 ErrorCode::kValidation);
  EXPECT_REFUSED(decide(s, book("100", "seaside", kStay, 2, {2}, number(1)), kOpen),
                 ErrorCode::kValidation);
}

TEST(StayRules, PeopleFromOneToTheRoomCapacity) {
  BookingState s = with_facilities({standard_facility(), mixed_facility()});
  EXPECT_ACCEPTED(decide(s, book("100", "seaside", kStay, 1, {4}, number(1)), kOpen));
  auto r = decide(s, book("100", "seaside", kStay, 1, {5}, number(1)), kOpen);
  EXPECT_REFUSED(r, ErrorCode::kValidation);
  EXPECT_EQ(r.error().fields.at(0).field, "people");
  EXPECT_REFUSED(decide(s, book("100", "seaside", kStay, 1, {0}, number(1)), kOpen),
                 ErrorCode::kValidation);
  // Western rooms hold 2: three people may ask japanese or any, not western.
  EXPECT_REFUSED(
      decide(s, book("100", "minato-so", kStay, 1, {3}, number(1), StyleWish::kWestern), kOpen),
      ErrorCode::kValidation);
  auto any = decide(s, book("100", "minato-so", kStay, 1, {3}, number(1)), kOpen);
  EXPECT_ACCEPTED(any);
  EXPECT_EQ(std::get<ReservationBooked>(any.value()[0]).reservation.style, RoomStyle::kJapanese);
}

TEST(Capacity, TheLastRoomSellsOnceAndTwoNightsNeedTheSameStyleBothNights) {
  BookingState s = with_facilities({standard_facility(2)});
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", kStay, 1, {2}, number(1)), kOpen));
  EXPECT_ACCEPTED(apply(s, book("2", "seaside", kStay, 1, {2}, number(2)), kOpen));
  EXPECT_REFUSED(apply(s, book("3", "seaside", kStay, 1, {2}, number(3)), kOpen),
                 ErrorCode::kNoVacancy);
  // The night before is free, the stay's second night is not.
  EXPECT_REFUSED(apply(s, book("3", "seaside", kStay.plus_days(-1), 2, {2, 2}, number(3)), kOpen),
                 ErrorCode::kNoVacancy);
  EXPECT_ACCEPTED(apply(s, book("3", "seaside", kStay.plus_days(-1), 1, {2}, number(3)), kOpen));
}

TEST(Capacity, TwoNightsCannotMixStyles) {
  BookingState s = with_facilities({mixed_facility(1, 1)});
  // Night 1: only japanese left; night 2: only western left.
  EXPECT_ACCEPTED(
      apply(s, book("1", "minato-so", kStay, 1, {2}, number(1), StyleWish::kWestern), kOpen));
  EXPECT_ACCEPTED(
      apply(s, book("2", "minato-so", kStay.plus_days(1), 1, {2}, number(2), StyleWish::kJapanese),
            kOpen));
  EXPECT_REFUSED(apply(s, book("3", "minato-so", kStay, 2, {2, 2}, number(3)), kOpen),
                 ErrorCode::kNoVacancy);
}

TEST(StyleWish, AnyTakesTheStyleWithMoreFreeRoomsTiesToTheFirst) {
  BookingState s = with_facilities({mixed_facility(2, 2)});
  auto first = apply(s, book("1", "minato-so", kStay, 1, {2}, number(1)), kOpen);
  EXPECT_ACCEPTED(first);
  EXPECT_EQ(std::get<ReservationBooked>(first.value()[0]).reservation.style, RoomStyle::kJapanese);
  auto second = apply(s, book("2", "minato-so", kStay, 1, {2}, number(2)), kOpen);
  EXPECT_EQ(std::get<ReservationBooked>(second.value()[0]).reservation.style, RoomStyle::kWestern);
  // A wish for a full style is no vacancy even if the other style is free.
  EXPECT_ACCEPTED(
      apply(s, book("3", "minato-so", kStay, 1, {2}, number(3), StyleWish::kJapanese), kOpen));
  EXPECT_REFUSED(
      apply(s, book("4", "minato-so", kStay, 1, {2}, number(4), StyleWish::kJapanese), kOpen),
      ErrorCode::kNoVacancy);
}

TEST(StyleWish, OnlyWhereTheFacilityAsksIt) {
  BookingState s = with_facilities({standard_facility()});
  auto r = decide(s, book("1", "seaside", kStay, 1, {2}, number(1), StyleWish::kJapanese), kOpen);
  EXPECT_REFUSED(r, ErrorCode::kValidation);
  EXPECT_EQ(r.error().fields.at(0).field, "roomStyle");
}

TEST(Limit, AtMostKUpcomingFirstComeReservations) {
  BookingState s = with_facilities({standard_facility(5)});
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", kStay, 1, {1}, number(1)), kOpen));
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", kStay.plus_days(1), 1, {1}, number(2)), kOpen));
  EXPECT_REFUSED(apply(s, book("1", "seaside", kStay.plus_days(2), 1, {1}, number(3)), kOpen),
                 ErrorCode::kLimitReached);
  // Other users are not limited by it; a cancellation frees a place.
  EXPECT_ACCEPTED(apply(s, book("2", "seaside", kStay.plus_days(2), 1, {1}, number(4)), kOpen));
  EXPECT_ACCEPTED(apply(s, {Actor::user("1"), CancelReservations{"1", {number(1)}}}, kOpen));
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", kStay.plus_days(2), 1, {1}, number(3)), kOpen));
}

TEST(Limit, PastStaysDoNotCount) {
  BookingState s = with_facilities({standard_facility(5)});
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", kStay, 1, {1}, number(1)), kOpen));
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", kStay.plus_days(1), 1, {1}, number(2)), kOpen));
  // On the day after the first stay only one is upcoming: a stay in April opens 02-01.
  const Instant later = jst(2027, 2, 11, 9);
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", day(2027, 4, 10), 1, {1}, number(3)), later));
  EXPECT_REFUSED(apply(s, book("1", "seaside", day(2027, 4, 11), 1, {1}, number(4)), later),
                 ErrorCode::kLimitReached);
}

TEST(ClosedDates, AreNotBookableAndCannotBeClosedWhileBooked) {
  BookingState s = with_facilities({standard_facility(2)});
  const Actor op = Actor::op("alice");
  EXPECT_ACCEPTED(apply(s, {op, CloseDates{"seaside", {kStay}}}, kOpen));
  EXPECT_REFUSED(apply(s, book("1", "seaside", kStay, 1, {1}, number(1)), kOpen),
                 ErrorCode::kNoVacancy);
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", kStay.plus_days(1), 1, {1}, number(1)), kOpen));
  EXPECT_REFUSED(apply(s, {op, CloseDates{"seaside", {kStay.plus_days(1)}}}, kOpen),
                 ErrorCode::kConflict);
  EXPECT_ACCEPTED(apply(s, {op, ReopenDates{"seaside", {kStay}}}, kOpen));
  EXPECT_ACCEPTED(apply(s, book("2", "seaside", kStay, 1, {1}, number(2)), kOpen));
}

TEST(Holds, HeldRoomsAreNotBookableFirstCome) {
  BookingState s = with_facilities({standard_facility(2)});
  s.inventory.add_held("seaside", kStay, RoomStyle::kStandard, 1);
  EXPECT_ACCEPTED(apply(s, book("1", "seaside", kStay, 1, {1}, number(1)), kOpen));
  EXPECT_REFUSED(apply(s, book("2", "seaside", kStay, 1, {1}, number(2)), kOpen),
                 ErrorCode::kNoVacancy);
  s.inventory.add_held("seaside", kStay, RoomStyle::kStandard, -1);  // released
  EXPECT_ACCEPTED(apply(s, book("2", "seaside", kStay, 1, {1}, number(2)), kOpen));
}

}  // namespace
}  // namespace hoyo::domain
