// Penalties through the writer (issue 17): a late cancellation and a no-show
// suspend, the suspended user is refused, and the whole penalty state (the
// ward's rules and limits, attendance, override reasons, suspensions) is kept by a
// restart from the log and from the writer's snapshot (section 9, format 6;
// every suspension of a user in section 14, format 11).
#include <gtest/gtest.h>

#include "eventstore/snapshots.h"
#include "processor/state_restore.h"
#include "processor/state_snapshot.h"
#include "processor_fixture.h"

namespace hoyo::processor::testing {
namespace {

using domain::Actor;

class PenaltyProcessor : public ProcessorTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    register_seaside(4);
  }
  std::string booked(const base::Result<Outcome>& r) {
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::get<domain::ReservationBooked>(r->events.at(0)).reservation.number : "";
  }
  // 101 cancelled late by the centre; 102 cancelled late (kStay−1 through
  // kStay+18) and then a no-show (kStay through kStay+59); the ward's rules
  // set and a booking for 101 with an override reason.
  void penalise() {
    const std::string late = booked(run(book("101")));
    const std::string absent = booked(run(book("102")));
    also_late_ = booked(run(book("102", kStay.plus_days(1))));
    domain::PenaltyRules ward;
    ward.late_cancellation_days = 20;
    ASSERT_TRUE(run({Actor::op("alice"), domain::SetPenaltyRules{ward}}).ok());
    ASSERT_TRUE(run({Actor::op("alice"), domain::SetStayLimits{{30, 10, 1}}}).ok());
    clock_.set(domain::tokyo_time(kStay.plus_days(-2), 10, 0));
    ASSERT_TRUE(run({Actor::op("alice"), domain::CancelReservations{"101", {late}, {}}}).ok());
    clock_.set(domain::tokyo_time(kStay.plus_days(-1), 10, 0));
    ASSERT_TRUE(
        run({Actor::op("alice"), domain::CancelReservations{"102", {also_late_}, {}}}).ok());
    clock_.set(domain::tokyo_time(kStay.plus_days(1), 10, 0));
    ASSERT_TRUE(
        run({Actor::op("alice"), domain::RecordAttendance{absent, domain::Attendance::kNoShow}})
            .ok());
    domain::BookRoom b{"101", "seaside", kStay.plus_days(10), 1, {2}, domain::StyleWish::kAny, {}};
    b.override_reason = "centre's decision";
    override_ = booked(run({Actor::op("alice"), b}));
  }
  void expect_penalised(const domain::BookingState& s) {
    ASSERT_NE(s.suspension_on("101", kStay), nullptr);
    EXPECT_EQ(s.suspension_on("101", kStay)->until, kStay.plus_days(-2).plus_days(19));
    ASSERT_EQ(s.suspensions.at("102").size(), 2u);
    EXPECT_EQ(s.suspensions.at("102").at(0).until, kStay.plus_days(-1).plus_days(19));
    EXPECT_EQ(s.suspensions.at("102").at(0).number, also_late_);
    EXPECT_EQ(s.suspensions.at("102").at(1).until, kStay.plus_days(59));
    EXPECT_EQ(s.penalties.late_cancellation_days, 20);
    EXPECT_EQ(s.limits, (domain::StayLimits{30, 10, 1}));
    EXPECT_EQ(s.reservation(override_)->override_reason, "centre's decision");
  }
  void reopen() {
    close();
    open();
  }
  // 102's no-show, by its name.
  std::string no_show_of_102() { return snapshot().suspensions.at("102").at(1).id(); }
  std::string override_;
  std::string also_late_;
};

TEST_F(PenaltyProcessor, TheSuspendedUserIsRefusedAndARestartFromTheLogKeepsIt) {
  penalise();
  const domain::BookingState before = snapshot();
  expect_penalised(before);
  auto refused = run(book("102", kStay.plus_days(12)));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kSuspended);
  reopen();
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(run(book("102", kStay.plus_days(12))).error().code, base::ErrorCode::kSuspended);
}

TEST_F(PenaltyProcessor, ThePenaltyStateIsKeptInTheSnapshot) {
  penalise();
  const domain::BookingState before = snapshot();
  ASSERT_TRUE(processor_->write_snapshot().ok());
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);  // nothing folded but the snapshot
  EXPECT_EQ(snapshot(), before);
  expect_penalised(snapshot());
  const std::string absent = snapshot().suspensions.at("102").at(1).number;
  EXPECT_EQ(snapshot().reservation(absent)->attendance, domain::Attendance::kNoShow);
}

TEST_F(PenaltyProcessor, ASnapshotOfTheCurrentFormatWithoutItsPenaltiesSectionIsNotUsed) {
  penalise();
  expect_unused_without(kPenaltiesSection);
}

TEST_F(PenaltyProcessor, ASnapshotOfTheCurrentFormatWithoutItsSuspensionsSectionIsNotUsed) {
  penalise();
  expect_unused_without(kSuspensionsSection);
}

// A lift replayed after the snapshot: 102's no-show is lifted, the late
// cancellation kept in the snapshot still bars them, through its own end.
TEST_F(PenaltyProcessor, ALiftOfOneReplayedOverTheSnapshotKeepsTheOther) {
  penalise();
  ASSERT_TRUE(processor_->write_snapshot().ok());
  ASSERT_TRUE(
      run({Actor::op("alice"), domain::LiftSuspension{"102", "mistaken", no_show_of_102()}}).ok());
  const domain::BookingState before = snapshot();
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_GT(processor_->rebuild_stats().events, 0u);  // the lift, replayed
  EXPECT_EQ(snapshot(), before);
  ASSERT_EQ(snapshot().suspensions.at("102").size(), 1u);
  auto refused = run(book("102", kStay.plus_days(12)));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, base::ErrorCode::kSuspended);
  EXPECT_EQ(base::arg_text(refused.error().args, "until"), kStay.plus_days(18).to_string());
}

// A format-10 snapshot kept one suspension per user, the latest end, in
// section 9: it still loads, with that one.
TEST_F(PenaltyProcessor, AFormatTenSnapshotLoadsItsOneSuspensionPerUser) {
  penalise();
  const domain::BookingState now = snapshot();
  ASSERT_EQ(save_snapshot_of_format(10).sections.count(kSuspensionsSection), 0u);
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  const domain::BookingState loaded = snapshot();
  ASSERT_EQ(loaded.suspensions.at("102").size(), 1u);
  EXPECT_EQ(loaded.suspensions.at("102").front(), now.suspensions.at("102").at(1));
  EXPECT_EQ(loaded.suspensions.at("101"), now.suspensions.at("101"));
  EXPECT_EQ(loaded.penalties, now.penalties);
}

TEST_F(PenaltyProcessor, AFormatFourSnapshotOfALogWithoutPenaltiesStillLoads) {
  booked(run(book("101")));
  const domain::BookingState before = snapshot();
  ASSERT_EQ(save_snapshot_of_format(4).sections.count(kPenaltiesSection), 0u);
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before);
}

// Closing booked dates (CloseDates with cancel_bookings): late, the two
// users' stays are cancelled waived in the batch that closes the date, once
// for a retried Idempotency-Key, before and after a restart from the log.
TEST_F(PenaltyProcessor, ClosingBookedDatesIsOneBatchARetryAndARestartKeep) {
  const std::string first = booked(run(book("101")));
  const std::string second = booked(run(book("102")));
  clock_.set(domain::tokyo_time(kStay.plus_days(-1), 10, 0));
  domain::CloseDates c{"seaside", {kStay}};
  c.cancel_bookings = true;
  c.reason = "boiler broken";
  auto closed = run({Actor::op("alice"), c}, "close-1");
  ASSERT_TRUE(closed.ok()) << closed.error().message;
  const auto head = store_->head();
  EXPECT_EQ(closed->last_position, head);
  EXPECT_TRUE(std::holds_alternative<domain::DatesClosed>(closed->events.front()));
  const domain::BookingState after = snapshot();
  EXPECT_FALSE(after.reservation(first)->active());
  EXPECT_FALSE(after.reservation(second)->active());
  EXPECT_TRUE(after.suspensions.empty());
  EXPECT_TRUE(after.facilities.at("seaside").closed.count(kStay));
  auto again = run({Actor::op("alice"), c}, "close-1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->events, closed->events);
  EXPECT_EQ(store_->head(), head);
  reopen();
  EXPECT_EQ(snapshot(), after);
  auto after_restart = run({Actor::op("alice"), c}, "close-1");
  ASSERT_TRUE(after_restart.ok());
  EXPECT_TRUE(after_restart->replayed);
  EXPECT_EQ(store_->head(), head);
}

}  // namespace
}  // namespace hoyo::processor::testing
