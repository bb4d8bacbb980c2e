// M7 change, M8 cancel and O4 acting on a user's behalf.
#include <gtest/gtest.h>

#include "domain/booking_windows.h"
#include "domain/facility_revision.h"
#include "fixtures.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Date kStay = day(2027, 2, 10);
const Instant kOpen = jst(2026, 12, 1, 9);
const Instant kSecond = kMicrosPerSecond;

class ChangeCancel : public ::testing::Test {
 protected:
  void SetUp() override {
    s = with_facilities({mixed_facility(2, 1), standard_facility(3)});
    ASSERT_TRUE(apply(s, book("7", "minato-so", kStay, 2, {3, 4}, number(70)), kOpen).ok());
    ASSERT_TRUE(apply(s, book("7", "seaside", kStay, 1, {2}, number(71)), kOpen).ok());
  }
  // A change of reservation 70 by user 7 (or by `actor_user`).
  Command change(std::optional<std::vector<int>> people, std::optional<int> drop_night,
                 std::optional<StyleWish> wish, std::string actor_user = "7") {
    return {Actor::user(std::move(actor_user)),
            ChangeReservation{"7", number(70), std::move(people), drop_night, wish}};
  }
  BookingState s;
};

TEST_F(ChangeCancel, ChangeWindowClosesAtMidnightThreeDaysBefore) {
  const Instant close = jst(2027, 2, 8);
  EXPECT_EQ(change_closes(BookingRules{}, kStay), close);
  EXPECT_ACCEPTED(decide(s, change(std::vector<int>{2, 2}, {}, {}), close - kSecond));
  EXPECT_REFUSED(decide(s, change(std::vector<int>{2, 2}, {}, {}), close),
                 ErrorCode::kWindowClosed);
}

TEST_F(ChangeCancel, DroppingTheFirstNightMovesCheckIn) {
  auto r = apply(s, change({}, 1, {}), kOpen);
  EXPECT_ACCEPTED(r);
  const Reservation& res = *s.reservation(number(70));
  EXPECT_EQ(res.check_in, kStay.plus_days(1));
  EXPECT_EQ(res.nights, 1);
  EXPECT_EQ(res.people, std::vector<int>{4});
  // The freed night is back in first-come inventory.
  EXPECT_EQ(s.inventory.at("minato-so", kStay, RoomStyle::kJapanese).booked, 0);
  EXPECT_EQ(s.inventory.at("minato-so", kStay.plus_days(1), RoomStyle::kJapanese).booked, 1);
}

TEST_F(ChangeCancel, DroppingTheSecondNightKeepsCheckIn) {
  EXPECT_ACCEPTED(apply(s, change({}, 2, {}), kOpen));
  EXPECT_EQ(s.reservation(number(70))->check_in, kStay);
  EXPECT_EQ(s.reservation(number(70))->people, std::vector<int>{3});
  EXPECT_REFUSED(decide(s, change({}, 1, {}), kOpen), ErrorCode::kValidation);
}

TEST_F(ChangeCancel, StyleChangeNeedsAFreeRoomOfThatStyle) {
  // Japanese stay for 3 and 4 people cannot move to western rooms (capacity 2).
  EXPECT_REFUSED(decide(s, change({}, {}, StyleWish::kWestern), kOpen), ErrorCode::kValidation);
  EXPECT_ACCEPTED(apply(s, change(std::vector<int>{2, 2}, {}, StyleWish::kWestern), kOpen));
  EXPECT_EQ(s.reservation(number(70))->style, RoomStyle::kWestern);
  // The only western room is now taken: another guest's western wish finds none.
  EXPECT_REFUSED(
      decide(s, book("8", "minato-so", kStay, 1, {1}, number(80), StyleWish::kWestern), kOpen),
      ErrorCode::kNoVacancy);
}

TEST_F(ChangeCancel, PeopleBeyondCapacityAndNoChangeAreRefused) {
  EXPECT_REFUSED(decide(s, change(std::vector<int>{6, 2}, {}, {}), kOpen), ErrorCode::kValidation);
  EXPECT_REFUSED(decide(s, change(std::vector<int>{3, 4}, {}, {}), kOpen), ErrorCode::kValidation);
}

TEST_F(ChangeCancel, OnlyTheOwnerOrAnOperator) {
  EXPECT_REFUSED(decide(s, change({}, {}, {}, "8"), kOpen), ErrorCode::kForbidden);
  Command other{Actor::user("8"),
                ChangeReservation{"8", number(70), std::vector<int>{1, 1}, {}, {}}};
  EXPECT_REFUSED(decide(s, other, kOpen), ErrorCode::kNotFound);
  Command by_operator{Actor::op("alice"),
                      ChangeReservation{"7", number(70), std::vector<int>{1, 1}, {}, {}}};
  EXPECT_ACCEPTED(decide(s, by_operator, kOpen));
}

TEST_F(ChangeCancel, CancelWindowClosesAtMidnightThreeDaysBefore) {
  const Instant close = jst(2027, 2, 8);
  Command c{Actor::user("7"), CancelReservations{"7", {number(71)}}};
  EXPECT_ACCEPTED(decide(s, c, close - kSecond));
  EXPECT_REFUSED(decide(s, c, close), ErrorCode::kWindowClosed);
}

TEST_F(ChangeCancel, TheReservationCentreActsUntilTheEndOfTheCheckInDay) {
  const Instant user_close = jst(2027, 2, 8);
  const Instant day_end = jst(2027, 2, 11);  // 24:00 of the check-in day
  Command cancel{Actor::op("alice"), CancelReservations{"7", {number(71)}}};
  Command change{Actor::op("alice"),
                 ChangeReservation{"7", number(70), std::vector<int>{1, 1}, {}, {}}};
  EXPECT_ACCEPTED(decide(s, cancel, user_close + kSecond));
  EXPECT_ACCEPTED(decide(s, change, day_end - kSecond));
  EXPECT_ACCEPTED(decide(s, cancel, day_end - kSecond));
  EXPECT_REFUSED(decide(s, cancel, day_end), ErrorCode::kWindowClosed);
  EXPECT_REFUSED(decide(s, change, day_end), ErrorCode::kWindowClosed);
  // The user is still held to their own window.
  EXPECT_REFUSED(
      decide(s, {Actor::user("7"), CancelReservations{"7", {number(71)}}}, user_close + kSecond),
      ErrorCode::kWindowClosed);
}

TEST_F(ChangeCancel, CancellationIsAllOrNothingAndFreesRoomsAtOnce) {
  Command bad{Actor::user("7"), CancelReservations{"7", {number(70), number(99)}}};
  EXPECT_REFUSED(apply(s, bad, kOpen), ErrorCode::kNotFound);
  EXPECT_TRUE(s.reservation(number(70))->active());
  Command twice{Actor::user("7"), CancelReservations{"7", {number(70), number(70)}}};
  EXPECT_REFUSED(apply(s, twice, kOpen), ErrorCode::kValidation);

  Command both{Actor::user("7"), CancelReservations{"7", {number(70), number(71)}}};
  auto r = apply(s, both, kOpen);
  EXPECT_ACCEPTED(r);
  EXPECT_EQ(r.value().size(), 2u);
  EXPECT_FALSE(s.reservation(number(70))->active());
  EXPECT_EQ(s.inventory.at("minato-so", kStay, RoomStyle::kJapanese).booked, 0);
  EXPECT_EQ(s.inventory.at("seaside", kStay, RoomStyle::kStandard).booked, 0);
  // A cancelled reservation cannot be cancelled or changed again.
  EXPECT_REFUSED(decide(s, Command{Actor::user("7"), CancelReservations{"7", {number(70)}}}, kOpen),
                 ErrorCode::kConflict);
}

TEST_F(ChangeCancel, OperatorsBookOnAUsersBehalf) {
  Command c{Actor::op("alice"),
            BookRoom{"9", "seaside", kStay, 1, {1}, StyleWish::kAny, number(90)}};
  EXPECT_ACCEPTED(apply(s, c, kOpen));
  EXPECT_EQ(s.reservation(number(90))->user, "9");
  Command as_other_user{Actor::user("7"),
                        BookRoom{"9", "seaside", kStay, 1, {1}, StyleWish::kAny, number(91)}};
  EXPECT_REFUSED(decide(s, as_other_user, kOpen), ErrorCode::kForbidden);
}

TEST_F(ChangeCancel, ReservationNumbersMustCheckAndBeUnused) {
  EXPECT_REFUSED(decide(s, book("8", "seaside", kStay, 1, {1}, number(70)), kOpen),
                 ErrorCode::kConflict);
  EXPECT_REFUSED(decide(s, book("8", "seaside", kStay, 1, {1}, "1234567890"), kOpen),
                 ErrorCode::kConflict);
}

TEST(Catalogue, OnlyOperatorsAndNeverBelowWhatIsBooked) {
  BookingState s;
  Facility f = standard_facility(2);
  EXPECT_REFUSED(decide(s, {Actor::user("1"), RegisterFacility{f}}, kOpen), ErrorCode::kForbidden);
  EXPECT_ACCEPTED(apply(s, {Actor::op("alice"), RegisterFacility{f}}, kOpen));
  EXPECT_REFUSED(decide(s, {Actor::op("alice"), RegisterFacility{f}}, kOpen), ErrorCode::kConflict);
  ASSERT_TRUE(apply(s, book("1", "seaside", kStay, 1, {1}, number(1)), kOpen).ok());
  ASSERT_TRUE(apply(s, book("2", "seaside", kStay, 1, {1}, number(2)), kOpen).ok());
  Facility smaller = f;
  smaller.room_types[0].rooms = 1;
  EXPECT_REFUSED(decide(s, {Actor::op("alice"), ChangeFacility{smaller}}, kOpen),
                 ErrorCode::kConflict);
  Facility larger = f;
  larger.room_types[0].rooms = 3;
  EXPECT_ACCEPTED(apply(s, {Actor::op("alice"), ChangeFacility{larger}}, kOpen));
  EXPECT_ACCEPTED(apply(s, book("3", "seaside", kStay, 1, {1}, number(3)), kOpen));
  Facility bad = f;
  bad.room_types[0].capacity = 0;
  EXPECT_REFUSED(decide(s, {Actor::op("alice"), ChangeFacility{bad}}, kOpen),
                 ErrorCode::kValidation);
  Facility wish_without_styles = f;
  wish_without_styles.style_wish = true;
  EXPECT_REFUSED(decide(s, {Actor::op("alice"), ChangeFacility{wish_without_styles}}, kOpen),
                 ErrorCode::kValidation);
}

TEST(Catalogue, APutRegistersANewIdAndChangesAKnownOneFromTheState) {
  BookingState s;
  const Actor op = Actor::op("alice");
  PutFacility put{standard_facility(2), {}, {}};
  put.facility.rules.max_nights = 1;  // the rules a new facility starts with
  put.rules.max_upcoming = 5;         // given: replaces
  EXPECT_REFUSED(decide(s, {Actor::user("1"), put}, kOpen), ErrorCode::kForbidden);
  auto registered = apply(s, {op, put}, kOpen);
  ASSERT_TRUE(registered.ok()) << registered.error().message;
  const Facility& added = std::get<FacilityRegistered>(registered.value().front()).facility;
  EXPECT_EQ(added.rules.max_nights, 1);
  EXPECT_EQ(added.rules.max_upcoming, 5);

  ASSERT_TRUE(apply(s, {op, CloseDates{"seaside", {kStay}}}, kOpen).ok());
  PutFacility again{standard_facility(3), {}, {}};  // its rules are the defaults: not given
  again.rules.open_hour = 10;
  auto changed = apply(s, {op, again}, kOpen);
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  const Facility& now = std::get<FacilityChanged>(changed.value().front()).facility;
  EXPECT_EQ(now.rooms(RoomStyle::kStandard), 3);
  EXPECT_EQ(now.rules.max_nights, 1);                                     // kept from the facility
  EXPECT_EQ(now.rules.max_upcoming, 5);                                   // kept
  EXPECT_EQ(now.rules.open_hour, 10);                                     // given
  EXPECT_EQ(now.closed, std::set<Date>{kStay});                           // closed dates stay
  EXPECT_REFUSED(decide(s, {op, again}, kOpen), ErrorCode::kValidation);  // nothing changes
}

TEST(Catalogue, APutSetsKeepsAndValidatesTheRateTables) {
  BookingState s;
  const Actor op = Actor::op("alice");
  RateTable fy2026;
  fy2026.effective_from = day(2026, 4, 1);
  fy2026.adult = 3200;
  fy2026.senior = ReducedRate{2000, 2};
  PutFacility put{standard_facility(2), {}, std::vector<RateTable>{fy2026}};
  auto registered = apply(s, {op, put}, kOpen);
  ASSERT_TRUE(registered.ok()) << registered.error().message;
  EXPECT_EQ(std::get<FacilityRegistered>(registered.value().front()).facility.rates,
            std::vector<RateTable>{fy2026});

  PutFacility without{standard_facility(3), {}, std::nullopt};  // not given: kept
  auto kept = apply(s, {op, without}, kOpen);
  ASSERT_TRUE(kept.ok()) << kept.error().message;
  EXPECT_EQ(s.facility("seaside")->rates, std::vector<RateTable>{fy2026});

  RateTable fy2027 = fy2026;
  fy2027.effective_from = day(2027, 4, 1);
  fy2027.adult = 3400;
  PutFacility only_rates{standard_facility(3), {}, std::vector<RateTable>{fy2026, fy2027}};
  ASSERT_TRUE(apply(s, {op, only_rates}, kOpen).ok());  // a change of rates alone is a change
  EXPECT_EQ(s.facility("seaside")->rates.size(), 2u);

  RateTable negative = fy2027;
  negative.child = -1;
  auto refused =
      decide(s, {op, PutFacility{standard_facility(3), {}, std::vector{negative}}}, kOpen);
  EXPECT_REFUSED(refused, ErrorCode::kValidation);
  EXPECT_EQ(refused.error().fields.at(0).field, "rates[0].child");

  PutFacility none{standard_facility(3), {}, std::vector<RateTable>{}};  // given empty: removed
  ASSERT_TRUE(apply(s, {op, none}, kOpen).ok());
  EXPECT_TRUE(s.facility("seaside")->rates.empty());
}

TEST(Catalogue, ASaveThatNamesARevisionIsRefusedOnceAnotherSaveChangedTheFacility) {
  BookingState s;
  const Actor op = Actor::op("alice");
  PutFacility create{standard_facility(2), {}, {}};
  create.must_be_new = true;
  ASSERT_TRUE(apply(s, {op, create}, kOpen).ok());
  // Creating the same id again with If-None-Match: * is refused.
  EXPECT_REFUSED(decide(s, {op, create}, kOpen), ErrorCode::kConflict);

  // Two operators open the page at the same revision.
  const std::string opened = facility_revision(*s.facility("seaside"));
  EXPECT_EQ(opened.size(), 16u);
  PutFacility first{standard_facility(3), {}, {}};
  first.expected_revision = opened;
  ASSERT_TRUE(apply(s, {op, first}, kOpen).ok());
  EXPECT_NE(facility_revision(*s.facility("seaside")), opened);

  // The second saves what it saw: refused, and the first's change stands.
  PutFacility second{standard_facility(2), {}, {}};
  second.rules.max_upcoming = 4;
  second.expected_revision = opened;
  auto refused = decide(s, {Actor::op("bob"), second}, kOpen);
  EXPECT_REFUSED(refused, ErrorCode::kConflict);
  EXPECT_EQ(refused.error().message, base::MessageId::kFacilityChangedMeanwhile);
  EXPECT_EQ(s.facility("seaside")->rooms(RoomStyle::kStandard), 3);

  // Reloaded, it saves. A closure between load and save is no conflict: the
  // page does not edit closed dates.
  second.expected_revision = facility_revision(*s.facility("seaside"));
  ASSERT_TRUE(apply(s, {op, CloseDates{"seaside", {kStay}}}, kOpen).ok());
  EXPECT_EQ(facility_revision(*s.facility("seaside")), *second.expected_revision);
  auto saved = apply(s, {Actor::op("bob"), second}, kOpen);
  ASSERT_TRUE(saved.ok()) << saved.error();
  EXPECT_EQ(s.facility("seaside")->rules.max_upcoming, 4);

  // A revision names an existing facility; a user is refused before any check.
  PutFacility unknown{standard_facility(2), {}, {}};
  unknown.facility.id = "mountain";
  unknown.expected_revision = opened;
  EXPECT_REFUSED(decide(s, {op, unknown}, kOpen), ErrorCode::kConflict);
  EXPECT_REFUSED(decide(s, {Actor::user("1"), second}, kOpen), ErrorCode::kForbidden);
}

TEST(Catalogue, ARevisionFollowsEveryEditedFieldAndNotTheClosedDates) {
  Facility f = standard_facility(2);
  const std::string base = facility_revision(f);
  EXPECT_EQ(facility_revision(standard_facility(2)), base);  // a value, not an identity
  Facility closed = f;
  closed.closed.insert(kStay);
  EXPECT_EQ(facility_revision(closed), base);
  Facility renamed = f;
  renamed.name_en = "Seaside lodge";
  Facility ruled = f;
  ruled.rules.open_hour = 11;
  Facility priced = f;
  priced.rates.push_back(RateTable{});
  Facility penalised = f;
  penalised.penalties.no_show_days = 10;
  for (const Facility* g : {&renamed, &ruled, &priced, &penalised}) {
    EXPECT_NE(facility_revision(*g), base);
  }
}

}  // namespace
}  // namespace hoyo::domain
