// The cancellation waitlist through the writer (domain/waitlist.h): a
// cancellation holds the room, a restart (from the log, and from the
// writer's snapshot, section 16) comes between the hold and the pick, the
// scheduler picks with a seed the log audit re-runs, and the offer is
// accepted as a waitlist reservation priced with its entry's guests and
// reduction claim, which the restarts keep.
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
    domain::RateTable t;
    t.effective_from = domain::Date::from_ymd(2026, 4, 1);
    t.adult = 3200;
    t.child = 2500;
    t.senior = domain::ReducedRate{2200, 2};
    t.reduced_excludes_holiday_eves = false;  // kStay is the eve of 2/11
    f.rates = {t};
    ASSERT_TRUE(run({Actor::op("alice"), domain::RegisterFacility{f}}).ok());
  }
  // "101" books the one room for kStay and cancels it an hour later, while
  // "102" and "103" wait: the room is held for them.
  void hold_the_room() {
    auto booked = run(book("101"));
    ASSERT_TRUE(booked.ok()) << booked.error().message;
    const std::string number =
        std::get<domain::ReservationBooked>(booked->events.at(0)).reservation.number;
    // "102" with a child and the senior reduction, "103" (as before guests
    // were asked) two people.
    domain::JoinWaitlist claimed{"102", "seaside", kStay, 1, {2}, {}, {}};
    claimed.guests = {{1, 1, 0}};
    claimed.reduction = domain::Reduction::kSenior;
    for (const domain::JoinWaitlist& j :
         {claimed, domain::JoinWaitlist{"103", "seaside", kStay, 1, {2}, {}, {}}}) {
      auto joined = run({Actor::user(j.user), j});
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
    ASSERT_TRUE(r.price.has_value());
    if (r.user == "102") {  // a senior holder and a child
      EXPECT_EQ(r.guests, (std::vector<domain::Guests>{{1, 1, 0}}));
      EXPECT_EQ(r.reduction, domain::Reduction::kSenior);
      EXPECT_EQ(r.price->total, 2200 + 2500);
    } else {
      EXPECT_TRUE(r.guests.empty());
      EXPECT_EQ(r.price->total, 2 * 3200);
    }
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

// Each entry's guests and claim survive the writer's snapshot (kept in
// the entries' event bytes: a snapshot of entries without them reads as
// before, everyone an adult).
TEST_F(WaitlistProcessor, TheEntriesClaimsSurviveTheSnapshot) {
  hold_the_room();
  ASSERT_TRUE(processor_->write_snapshot().ok());
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  const domain::BookingState s = snapshot();
  const auto claimed = domain::active_entries_of(s.waitlist, "102");
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0]->guests, (std::vector<domain::Guests>{{1, 1, 0}}));
  EXPECT_EQ(claimed[0]->reduction, domain::Reduction::kSenior);
  const auto plain = domain::active_entries_of(s.waitlist, "103");
  ASSERT_EQ(plain.size(), 1u);
  EXPECT_TRUE(plain[0]->guests.empty());
  EXPECT_EQ(plain[0]->reduction, domain::Reduction::kNone);
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
