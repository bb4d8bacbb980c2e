// The cancellation waitlist through the writer (domain/waitlist.h): a
// cancellation holds the room, a restart (from the log, and from the
// writer's snapshot, section 16) comes between the hold and the pick, the
// scheduler picks with a seed the log audit re-runs, and the offer is
// accepted as a waitlist reservation.
#include <gtest/gtest.h>

#include "processor/log_audit.h"
#include "processor/state_snapshot.h"
#include "processor_fixture.h"

namespace hoyo::processor::testing {
namespace {

using domain::Actor;

class WaitlistProcessor : public ProcessorTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    domain::Facility f = seaside(1);
    f.waitlist.enabled = true;
    ASSERT_TRUE(run({Actor::op("alice"), domain::RegisterFacility{f}}).ok());
  }
  // "101" books the one room for kStay and cancels it an hour later, while
  // "102" and "103" wait: the room is held for them.
  void hold_the_room() {
    auto booked = run(book("101"));
    ASSERT_TRUE(booked.ok()) << booked.error().message;
    const std::string number =
        std::get<domain::ReservationBooked>(booked->events.at(0)).reservation.number;
    for (const char* user : {"102", "103"}) {
      auto joined =
          run({Actor::user(user), domain::JoinWaitlist{user, "seaside", kStay, 1, {2}, {}, {}}});
      ASSERT_TRUE(joined.ok()) << joined.error().message;
    }
    clock_.set(kOpen + 3600 * domain::kMicrosPerSecond);
    ASSERT_TRUE(run({Actor::user("101"), domain::CancelReservations{"101", {number}}}).ok());
    ASSERT_EQ(snapshot().inventory.at("seaside", kStay, domain::RoomStyle::kStandard).held, 1);
  }
  // The pick at 09:00 the next day, the offer accepted; the audit passes.
  void pick_and_accept() {
    clock_.set(domain::tokyo_time(domain::tokyo_date(kOpen).plus_days(1), 8, 59));
    EXPECT_TRUE(run_scheduled().empty());
    clock_.set(domain::tokyo_time(domain::tokyo_date(kOpen).plus_days(1), 9, 0));
    const std::vector<domain::Event> due = run_scheduled();
    const domain::WaitlistOffered* offered = nullptr;
    for (const auto& e : due) {
      if (auto* o = std::get_if<domain::WaitlistOffered>(&e)) offered = o;
    }
    ASSERT_NE(offered, nullptr);
    EXPECT_EQ(offered->candidates, 2u);
    auto accepted =
        run({Actor::user(offered->offer.user), domain::AcceptOffer{offered->offer.id, {}}});
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    const auto& r = std::get<domain::ReservationBooked>(accepted->events.at(1)).reservation;
    EXPECT_EQ(r.origin, domain::Origin::kWaitlist);
    EXPECT_EQ(snapshot().inventory.at("seaside", kStay, domain::RoomStyle::kStandard),
              (domain::Inventory::Count{1, 0}));
    const LogAuditReport audit = audit_log(*store_);
    EXPECT_TRUE(audit.ok) << audit.first_fault;
  }
  void reopen() {
    close();
    open();
  }
};

TEST_F(WaitlistProcessor, ARestartFromTheLogBetweenTheHoldAndThePick) {
  hold_the_room();
  const domain::BookingState before = snapshot();
  reopen();
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before);
  pick_and_accept();
}

TEST_F(WaitlistProcessor, ARestartFromTheSnapshotBetweenTheHoldAndThePick) {
  hold_the_room();
  const domain::BookingState before = snapshot();
  ASSERT_TRUE(processor_->write_snapshot().ok());
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);
  EXPECT_EQ(snapshot(), before);
  pick_and_accept();
}

TEST_F(WaitlistProcessor, ASnapshotWithoutItsWaitlistSectionIsNotUsed) {
  hold_the_room();
  expect_unused_without(kWaitlistSection);
}

}  // namespace
}  // namespace hoyo::processor::testing
