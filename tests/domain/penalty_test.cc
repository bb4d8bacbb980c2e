// Penalties (利用停止, issue 17): late cancellations, dropped nights,
// no-shows, suspensions, waivers, overrides and the lift, each at its edge.
#include <gtest/gtest.h>

#include "domain/event_codec.h"
#include "penalty_fixture.h"
#include "round_trip.h"

namespace hoyo::domain {
namespace {

using namespace testing;

TEST_F(Penalties, TheCheckInDateIsTheOneTheTestsSay) {
  EXPECT_EQ(Penalties::kCheckIn, day(2027, 3, 20));
}

// The late period's first day (3/17) and last day (3/20) are late; the day
// before it (3/16), already past the user's window, is not; a cancellation
// inside the user's window never is.
TEST_F(Penalties, TheLatePeriodAtItsEdges) {
  struct Case {
    Instant at;
    bool late;
  } cases[] = {
      {jst(2027, 3, 15, 23, 59, 59), false},  // the user's window is still open (closes 3/16 00:00)
      {jst(2027, 3, 16, 0, 0, 0), false},     // the window closed; the late period starts tomorrow
      {jst(2027, 3, 16, 23, 59, 59), false},  // just outside the late period
      {jst(2027, 3, 17, 0, 0, 0), true},      // the late period's first day
      {jst(2027, 3, 20, 23, 59, 59), true},   // its last day (check-in)
  };
  std::uint64_t n = 100;
  for (const Case& c : cases) {
    make(5);
    const std::string num = book_stay(++n);
    auto r = cancel(num, c.at);
    EXPECT_ACCEPTED(r);
    EXPECT_EQ(suspended_in(r.value()) != nullptr, c.late) << format_rfc3339_tokyo(c.at);
    EXPECT_EQ(s.suspension_on("u1", tokyo_date(c.at)) != nullptr, c.late);
  }
}

// With the default rules (users cancel until 24:00 three days before), the
// late period's first day is still the user's: the centre's cancellation
// then is not late; the next day it is.
TEST_F(Penalties, WithTheDefaultsLateStartsWhenTheUsersWindowCloses) {
  make(3);
  auto first = cancel(book_stay(201), jst(2027, 3, 17, 12));
  EXPECT_ACCEPTED(first);
  EXPECT_EQ(suspended_in(first.value()), nullptr);
  auto second = cancel(book_stay(202), jst(2027, 3, 18, 0));
  EXPECT_ACCEPTED(second);
  EXPECT_NE(suspended_in(second.value()), nullptr);
}

// 30 days from the day of the late cancellation: 3/18 through 4/16. The
// user may not book on 4/16 (403 with the end date) and may on 4/17.
TEST_F(Penalties, TheSuspensionEndsAfterItsLastDay) {
  auto r = cancel(book_stay(301), jst(2027, 3, 18, 10));
  EXPECT_ACCEPTED(r);
  const UserSuspended* e = suspended_in(r.value());
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cause, SuspensionCause::kLateCancellation);
  EXPECT_EQ(e->from, day(2027, 3, 18));
  EXPECT_EQ(e->until, day(2027, 4, 16));
  auto refused = apply(s, book("u1", "seaside", day(2027, 5, 10), 1, {2}, number(302)),
                       jst(2027, 4, 16, 23, 59, 59));
  EXPECT_REFUSED(refused, ErrorCode::kSuspended);
  EXPECT_EQ(base::arg_text(refused.error().args, "until"), "2027-04-16");
  EXPECT_ACCEPTED(apply(s, book("u1", "seaside", day(2027, 5, 10), 1, {2}, number(302)),
                        jst(2027, 4, 17, 0, 0, 0)));
}

TEST_F(Penalties, AWaiverNeedsAReasonAndSuspendsNoOne) {
  const std::string num = book_stay(401);
  auto no_reason = cancel(num, jst(2027, 3, 18), {true, ""});
  EXPECT_REFUSED(no_reason, ErrorCode::kValidation);
  EXPECT_EQ(no_reason.error().fields.at(0).field, "reason");
  auto waived = cancel(num, jst(2027, 3, 18), {true, "大雨警報"});
  EXPECT_ACCEPTED(waived);
  EXPECT_EQ(suspended_in(waived.value()), nullptr);
  EXPECT_EQ(std::get<ReservationCancelled>(waived.value().front()),
            (ReservationCancelled{num, true, "大雨警報"}));
  EXPECT_TRUE(s.suspensions.empty());
}

TEST_F(Penalties, UsersCannotWaiveAndTheirOwnCancellationsNeverPenalise) {
  const std::string num = book_stay(501);
  EXPECT_REFUSED(cancel(num, jst(2027, 3, 10), {true, "sick"}, Actor::user("u1")),
                 ErrorCode::kForbidden);
  auto own = cancel(num, jst(2027, 3, 15, 23), {}, Actor::user("u1"));
  EXPECT_ACCEPTED(own);
  EXPECT_EQ(suspended_in(own.value()), nullptr);
}

// The centre cancelling for its own reasons (closing the date) records a
// waiver with its reason; a facility with penalties off never suspends.
TEST_F(Penalties, TheCentresOwnCancellationsAndPenaltiesOffNeverPenalise) {
  auto centre = cancel(book_stay(601), jst(2027, 3, 19), {true, "施設の臨時休館"});
  EXPECT_ACCEPTED(centre);
  EXPECT_EQ(suspended_in(centre.value()), nullptr);
  PenaltyRulesPatch penalties_off;
  penalties_off.enabled = false;
  PutFacility put{s.facilities.at("seaside"), {}, std::nullopt, penalties_off};
  EXPECT_ACCEPTED(apply(s, {kOp, put}, jst(2027, 2, 2)));
  auto off = cancel(book_stay(602), jst(2027, 3, 19));
  EXPECT_ACCEPTED(off);
  EXPECT_EQ(suspended_in(off.value()), nullptr);
}

// A lapsed win is cancelled by the scheduler: never a late cancellation.
TEST_F(Penalties, ALapsedWinNeverPenalises) {
  book_win(701, jst(2027, 3, 18, 23, 59, 59));
  auto lapsed = apply(s, {Actor::system(), RunScheduled{}}, jst(2027, 3, 19, 0, 0, 1));
  EXPECT_ACCEPTED(lapsed);
  ASSERT_FALSE(lapsed.value().empty());
  // (with the scheduler's other due items, a stay reminder among them)
  EXPECT_TRUE(std::any_of(lapsed.value().begin(), lapsed.value().end(),
                          [](const Event& e) { return std::holds_alternative<WinLapsed>(e); }));
  EXPECT_EQ(suspended_in(lapsed.value()), nullptr);
  EXPECT_TRUE(s.suspensions.empty());
}

// Dropping one night late is a late cancellation of that night (its late
// period is the last 3 days before the night); waived, it is not.
TEST_F(Penalties, DroppingANightLateIsALateCancellationOfThatNight) {
  const std::string num = book_stay(801, kCheckIn, 2);
  auto early =
      apply(s, {kOp, drop(num, 2)}, jst(2027, 3, 16, 12));  // the night's period starts 3/18
  EXPECT_ACCEPTED(early);
  EXPECT_EQ(suspended_in(early.value()), nullptr);
  const std::string other = book_stay(802, kCheckIn, 2);
  auto waived = apply(s, {kOp, drop(other, 1, {true, "体調不良（診断書あり）"})}, jst(2027, 3, 19));
  EXPECT_ACCEPTED(waived);
  EXPECT_EQ(suspended_in(waived.value()), nullptr);
  EXPECT_TRUE(std::get<ReservationChanged>(waived.value().front()).waived);
  const std::string third = book_stay(803, kCheckIn, 2);
  auto late = apply(s, {kOp, drop(third, 2)}, jst(2027, 3, 18));
  EXPECT_ACCEPTED(late);
  const UserSuspended* e = suspended_in(late.value());
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->number, third);
  EXPECT_EQ(e->until, day(2027, 4, 16));
}

TEST_F(Penalties, AttendanceFromTheCheckInDayAndANoShowSuspendsFromIt) {
  const std::string num = book_stay(901);
  EXPECT_REFUSED(
      apply(s, {kOp, RecordAttendance{num, Attendance::kNoShow}}, jst(2027, 3, 19, 23, 59, 59)),
      ErrorCode::kNotOpen);
  // Not on the check-in day either: the guest may still come that evening.
  EXPECT_REFUSED(
      apply(s, {kOp, RecordAttendance{num, Attendance::kNoShow}}, jst(2027, 3, 20, 23, 59, 59)),
      ErrorCode::kNotOpen);
  EXPECT_REFUSED(
      apply(s, {Actor::user("u1"), RecordAttendance{num, Attendance::kStayed}}, jst(2027, 3, 21)),
      ErrorCode::kForbidden);
  auto no_show = apply(s, {kOp, RecordAttendance{num, Attendance::kNoShow}}, jst(2027, 3, 21, 10));
  EXPECT_ACCEPTED(no_show);
  const UserSuspended* e = suspended_in(no_show.value());
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cause, SuspensionCause::kNoShow);
  EXPECT_EQ(e->from, kCheckIn);
  EXPECT_EQ(e->until, day(2027, 5, 18));  // 60 days: 3/20 through 5/18
  bool noticed = false;
  for (const Event& ev : no_show.value()) {
    if (auto* n = std::get_if<NoticeIssued>(&ev)) noticed = n->kind == NoticeKind::kSuspended;
  }
  EXPECT_TRUE(noticed);
  EXPECT_EQ(s.reservations.at(num).attendance, Attendance::kNoShow);
  auto again = apply(s, {kOp, RecordAttendance{num, Attendance::kNoShow}}, jst(2027, 3, 22));
  EXPECT_ACCEPTED(again);
  EXPECT_TRUE(again.value().empty());
  EXPECT_REFUSED(apply(s, {kOp, RecordAttendance{num, Attendance::kStayed}}, jst(2027, 3, 22)),
                 ErrorCode::kConflict);
  const std::string stayed = book_stay(902);
  auto ok = apply(s, {kOp, RecordAttendance{stayed, Attendance::kStayed}}, jst(2027, 3, 20));
  EXPECT_ACCEPTED(ok);
  EXPECT_EQ(suspended_in(ok.value()), nullptr);
}

// Overlapping suspensions: both are kept, and the later end is the one in
// force, whichever came first.
TEST_F(Penalties, OverlappingSuspensionsKeepTheLaterEnd) {
  const std::string a = book_stay(1001);
  EXPECT_ACCEPTED(apply(s, {kOp, RecordAttendance{a, Attendance::kNoShow}}, jst(2027, 3, 21)));
  EXPECT_EQ(s.suspension_on("u1", day(2027, 3, 21))->until, day(2027, 5, 18));
  // A late cancellation in between ends earlier: it is kept beside the
  // no-show, but the user is not told of an end that is not theirs.
  const std::string c = book_stay(1003, day(2027, 3, 24));
  auto late = cancel(c, jst(2027, 3, 22));
  EXPECT_ACCEPTED(late);
  ASSERT_NE(suspended_in(late.value()), nullptr);
  for (const Event& ev : late.value()) {
    if (auto* n = std::get_if<NoticeIssued>(&ev)) EXPECT_NE(n->kind, NoticeKind::kSuspended);
  }
  EXPECT_EQ(s.suspensions.at("u1").size(), 2u);
  EXPECT_EQ(s.suspension_on("u1", day(2027, 3, 22))->until, day(2027, 5, 18));
  EXPECT_EQ(s.suspension_on("u1", day(2027, 3, 22))->number, a);
  // Another reservation cancelled late the same day: a suspension of its own.
  const std::string d = book_stay(1004, day(2027, 3, 24));
  auto again = cancel(d, jst(2027, 3, 22));
  EXPECT_ACCEPTED(again);
  EXPECT_NE(suspended_in(again.value()), nullptr);
  EXPECT_EQ(s.suspensions.at("u1").size(), 3u);
}

TEST_F(Penalties, OperatorsBookForASuspendedUserOnlyWithAReason) {
  EXPECT_ACCEPTED(cancel(book_stay(1101), jst(2027, 3, 18)));
  BookRoom for_user;
  for_user.user = "u1";
  for_user.facility = "seaside";
  for_user.check_in = day(2027, 4, 10);
  for_user.people = {2};
  for_user.number = number(1102);
  EXPECT_REFUSED(apply(s, {kOp, for_user}, jst(2027, 3, 20)), ErrorCode::kSuspended);
  for_user.override_reason = "区長決裁";
  auto booked = apply(s, {kOp, for_user}, jst(2027, 3, 20));
  EXPECT_ACCEPTED(booked);
  EXPECT_EQ(s.reservations.at(number(1102)).override_reason, "区長決裁");
  // The user's own booking and lottery application are refused.
  EXPECT_REFUSED(
      apply(s, book("u1", "seaside", day(2027, 4, 11), 1, {2}, number(1103)), jst(2027, 3, 20)),
      ErrorCode::kSuspended);
  ApplyToLottery apply_to;
  apply_to.user = "u1";
  apply_to.lottery = "2027-05";
  apply_to.facility = "seaside";
  apply_to.check_in = day(2027, 5, 1);
  apply_to.people = {2};
  apply_to.id = "a1";
  EXPECT_REFUSED(apply(s, {Actor::user("u1"), apply_to}, jst(2027, 3, 20)), ErrorCode::kSuspended);
  // Existing reservations stay.
  EXPECT_TRUE(s.reservations.at(number(1102)).active());
}

TEST_F(Penalties, OperatorsLiftASuspensionWithAReason) {
  EXPECT_REFUSED(apply(s, {kOp, LiftSuspension{"u1", "x", {}}}, jst(2027, 3, 18)),
                 ErrorCode::kConflict);
  EXPECT_ACCEPTED(cancel(book_stay(1201), jst(2027, 3, 18)));
  EXPECT_REFUSED(apply(s, {kOp, LiftSuspension{"u1", "", {}}}, jst(2027, 3, 19)),
                 ErrorCode::kValidation);
  EXPECT_REFUSED(
      apply(s, {Actor::user("u1"), LiftSuspension{"u1", "please", {}}}, jst(2027, 3, 19)),
      ErrorCode::kForbidden);
  auto lifted = apply(s, {kOp, LiftSuspension{"u1", "誤登録", {}}}, jst(2027, 3, 19));
  EXPECT_ACCEPTED(lifted);
  EXPECT_EQ(std::get<SuspensionLifted>(lifted.value().front()).reason, "誤登録");
  ASSERT_EQ(lifted.value().size(), 3u);  // the lift, the notice's mail and the notice
  EXPECT_EQ(std::get<NoticeIssued>(lifted.value().back()).kind, NoticeKind::kSuspensionLifted);
  EXPECT_EQ(s.suspension_on("u1", day(2027, 3, 19)), nullptr);
  EXPECT_ACCEPTED(
      apply(s, book("u1", "seaside", day(2027, 4, 11), 1, {2}, number(1202)), jst(2027, 3, 19)));
}

// The ward's rules, and a facility's overrides over them.
TEST_F(Penalties, TheWardsRulesAndAFacilitysOverrides) {
  EXPECT_REFUSED(apply(s, {Actor::user("u1"), SetPenaltyRules{}}, jst(2027, 2, 1)),
                 ErrorCode::kForbidden);
  PenaltyRules bad;
  bad.no_show_days = 0;
  EXPECT_REFUSED(apply(s, {kOp, SetPenaltyRules{bad}}, jst(2027, 2, 1)), ErrorCode::kValidation);
  auto same = apply(s, {kOp, SetPenaltyRules{}}, jst(2027, 2, 1));
  EXPECT_ACCEPTED(same);
  EXPECT_TRUE(same.value().empty());  // the defaults are in force already
  PenaltyRules ward;
  ward.late_cancellation_days = 10;
  EXPECT_ACCEPTED(apply(s, {kOp, SetPenaltyRules{ward}}, jst(2027, 2, 1)));
  EXPECT_EQ(s.penalties.late_cancellation_days, 10);
  auto r = cancel(book_stay(1301), jst(2027, 3, 18));
  EXPECT_EQ(suspended_in(r.value())->until, day(2027, 3, 27));
  PenaltyRulesPatch over;
  over.late_cancellation_days = 5;
  over.late_days = -1;
  PutFacility put{s.facilities.at("seaside"), {}, std::nullopt, over};
  auto refused = apply(s, {kOp, put}, jst(2027, 2, 2));
  EXPECT_REFUSED(refused, ErrorCode::kValidation);
  EXPECT_EQ(refused.error().fields.at(0).field, "penalties.lateDays");
  over.late_days.reset();
  put.penalties = over;
  EXPECT_ACCEPTED(apply(s, {kOp, put}, jst(2027, 2, 2)));
  EXPECT_EQ(s.penalties_at(s.facilities.at("seaside")).late_cancellation_days, 5);
  EXPECT_EQ(s.penalties_at(s.facilities.at("seaside")).no_show_days, 60);
}

TEST(PenaltyCodec, EveryPenaltyEventRoundTrips) {
  Facility f = standard_facility();
  f.penalties.enabled = false;
  f.penalties.no_show_days = 90;
  Reservation r;
  r.number = "1234567890";
  r.user = "u1";
  r.facility = f.id;
  r.check_in = day(2027, 3, 20);
  r.people = {2};
  r.override_reason = "区長決裁";
  ReservationChanged changed{"1234567890",         day(2027, 3, 21), 1,    {2},
                             RoomStyle::kStandard, StyleWish::kAny,  {},   Reduction::kNone,
                             std::nullopt,         std::nullopt,     true, "警報"};
  const std::vector<Event> events = {
      FacilityRegistered{f},
      FacilityRegistered{standard_facility()},
      ReservationBooked{r},
      changed,
      ReservationCancelled{"1234567890", true, "施設の都合"},
      PenaltyRulesSet{{false, 2, 14, 45}},
      AttendanceRecorded{"1234567890", Attendance::kNoShow, 1'700'000'000'000'000},
      UserSuspended{"u1", SuspensionCause::kNoShow, "1234567890", day(2027, 3, 20),
                    day(2027, 5, 18)},
      SuspensionLifted{"u1", "誤登録", 1'700'000'000'000'001, {}},
      SuspensionLifted{"u1", "誤登録", 1'700'000'000'000'002, "no_show-1234567890-2027-03-20"},
  };
  expect_round_trips(events);
}

}  // namespace
}  // namespace hoyo::domain
