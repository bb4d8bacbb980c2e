// The framework: catch-up, live following, read-your-writes, the change feed
// and online rebuilds.
#include "projections/projection_set.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <thread>

#include "domain/event_codec.h"
#include "eventually.h"
#include "processor/command_processor.h"
#include "projections/audit_index.h"
#include "projections/catalog.h"
#include "projections/operator_index.h"
#include "temp_dir.h"
#include "tests/projections/oracle/booking_view.h"
#include "tests/projections/oracle/vacancy_oracle.h"

namespace hoyo::projections {
namespace {

using namespace std::chrono_literals;

const domain::Instant kOpen = domain::tokyo_time(domain::Date::from_ymd(2026, 12, 1), 9, 0);
const domain::Date kStay = domain::Date::from_ymd(2027, 2, 10);

domain::Facility seaside() {
  domain::Facility f;
  f.id = "seaside";
  f.name = "海の家";
  f.name_en = "Seaside";
  f.room_types = {{domain::RoomStyle::kStandard, 50, 4}};
  f.rules.max_upcoming = 100;
  return f;
}

class ProjectionSetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::move(eventstore::EventStore::open(dir_)).value();
    processor_ = std::move(processor::CommandProcessor::open(*store_, clock_)).value();
    ASSERT_TRUE(run({domain::Actor::op("ops"), domain::RegisterFacility{seaside()}}).ok());
  }
  void TearDown() override {
    set_.reset();
    processor_.reset();
    store_.reset();
  }
  base::Result<processor::Outcome> run(domain::Command c) {
    return processor_->submit(std::move(c)).get();
  }
  base::Result<processor::Outcome> book(const std::string& user, domain::Date d = kStay) {
    return run({domain::Actor::user(user),
                domain::BookRoom{user, "seaside", d, 1, {2}, domain::StyleWish::kAny, {}}});
  }
  void start_set() {
    set_ = std::make_unique<ProjectionSet>(*store_);
    for (auto& p : all_projections()) set_->add(std::move(p));
    set_->add(std::make_unique<BookingView>());
    ASSERT_TRUE(set_->start().ok());
  }
  int free_on(domain::Date d, std::uint64_t min_position = 0) {
    int free = -1;
    set_->read_as<BookingView>(BookingView::kName, min_position, 2s, [&](const BookingView& v) {
      free = vacancy_days(v.state(), "seaside", d, 1, kOpen)[0].free_rooms;
    });
    return free;
  }

  hoyo::testing::TempDir tmp_;  // outlives the store (members go in reverse order)
  std::string dir_ = tmp_.path();
  processor::SettableClock clock_{kOpen};
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<processor::CommandProcessor> processor_;
  std::unique_ptr<ProjectionSet> set_;
};

TEST_F(ProjectionSetTest, CatchesUpFromTheLogThenFollowsItLive) {
  ASSERT_TRUE(book("1001").ok());
  start_set();
  EXPECT_EQ(set_->position(), store_->head());
  EXPECT_EQ(free_on(kStay), 49);
  auto r = book("1002");
  ASSERT_TRUE(r.ok());
  // Read-your-writes: ask for at least the booking's position.
  EXPECT_EQ(free_on(kStay, r->last_position), 48);
}

TEST_F(ProjectionSetTest, AReadForAFuturePositionTimesOutAndDoesNotRun) {
  start_set();
  bool ran = false;
  const std::uint64_t seen = set_->read(BookingView::kName, store_->head() + 100, 50ms,
                                        [&](const Projection&) { ran = true; });
  EXPECT_EQ(seen, 0u);
  EXPECT_FALSE(ran);
  EXPECT_EQ(set_->read("no-such", 0, 50ms, [&](const Projection&) { ran = true; }), 0u);
  EXPECT_FALSE(ran);
}

// A listener's handle takes it off the feed: no call reaches it afterwards.
// hoyod's stop: a read waiting for a position hands its work to a pool; the
// pool ends before the projections, so the waiting callbacks are dropped
// first, and one already running is waited for (ThreadSanitizer found a
// callback posting to a pool being destroyed).
TEST_F(ProjectionSetTest, ClosedWaitersNeverRunAndARunningOneIsWaitedFor) {
  start_set();
  const std::uint64_t head = store_->head();
  std::atomic<bool> dropped_ran{false};
  set_->when_applied(head + 2, [&] { dropped_ran = true; });

  // A callback that is running (it waits for `release`) when close_waiters() is called.
  std::mutex mu;
  std::condition_variable cv;
  bool entered = false, release = false;
  set_->when_applied(head + 1, [&] {
    std::unique_lock lk(mu);
    entered = true;
    cv.notify_all();
    cv.wait(lk, [&] { return release; });
  });
  std::thread writer([&] { ASSERT_TRUE(book("u1").ok()); });  // position head + 1
  {
    std::unique_lock lk(mu);
    ASSERT_TRUE(cv.wait_for(lk, 10s, [&] { return entered; }));
  }
  std::atomic<bool> closed{false};
  std::thread closer([&] {
    set_->close_waiters();
    closed = true;
  });
  std::this_thread::sleep_for(100ms);
  EXPECT_FALSE(closed) << "close_waiters() returned while a callback was running";
  {
    std::lock_guard lk(mu);
    release = true;
  }
  cv.notify_all();
  closer.join();
  writer.join();
  EXPECT_TRUE(closed);

  // Later positions arrive; the dropped callback and new ones never run.
  std::atomic<bool> late_ran{false};
  set_->when_applied(0, [&] { late_ran = true; });
  ASSERT_TRUE(book("u2").ok());
  ASSERT_TRUE(book("u3").ok());
  EXPECT_EQ(free_on(kStay, store_->head()), 47);
  EXPECT_FALSE(dropped_ran);
  EXPECT_FALSE(late_ran);
}

// A wait that gave up (a read answered stale) is forgotten: its callback
// never runs and what it holds is freed at once; the others still run.
TEST_F(ProjectionSetTest, AForgottenWaitNeverRunsAndHoldsNothing) {
  start_set();
  const std::uint64_t head = store_->head();
  auto held = std::make_shared<int>(0);
  std::atomic<bool> forgotten_ran{false}, kept_ran{false};
  const std::uint64_t id = set_->when_applied(head + 1, [&, held] { forgotten_ran = true; });
  set_->when_applied(head + 1, [&] { kept_ran = true; });
  ASSERT_NE(id, 0u);
  EXPECT_EQ(set_->waiting(), 2u);
  set_->forget_waiter(head + 1, id);
  EXPECT_EQ(set_->waiting(), 1u);
  EXPECT_EQ(held.use_count(), 1) << "a forgotten wait still holds its callback";
  set_->forget_waiter(head + 1, id);  // twice, or unknown: nothing
  set_->forget_waiter(head + 7, 12345);
  ASSERT_TRUE(book("u1").ok());
  ASSERT_TRUE(hoyo::testing::eventually([&] { return kept_ran.load(); }));
  EXPECT_FALSE(forgotten_ran);
  EXPECT_EQ(set_->waiting(), 0u);
  EXPECT_EQ(set_->when_applied(0, [] {}), 0u);  // ran at once: nothing to forget
}

TEST_F(ProjectionSetTest, AChangeSubscriptionEndsWithItsHandle) {
  start_set();
  std::atomic<int> calls{0};
  auto feed = set_->on_change([&](const Change&) { ++calls; });
  auto a = book("1001");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(hoyo::testing::eventually([&] { return calls.load() >= 1; }));
  feed.reset();
  const int seen = calls.load();
  auto b = book("1002");
  ASSERT_TRUE(b.ok());
  ASSERT_TRUE(hoyo::testing::eventually([&] { return set_->position() >= b->last_position; }));
  EXPECT_EQ(calls.load(), seen);
}

TEST_F(ProjectionSetTest, TheChangeFeedCarriesEveryLiveEventWithItsPosition) {
  start_set();
  std::mutex mu;
  std::condition_variable cv;
  std::vector<std::uint64_t> positions;
  std::vector<std::string> types;
  std::vector<int> free_when_fed;
  auto feed = set_->on_change([&](const Change& c) {
    // The feed runs after every projection applied the event.
    const int free = free_on(kStay, 0);
    std::lock_guard lk(mu);
    positions.push_back(c.position);
    types.push_back(domain::event_type(*c.event));
    free_when_fed.push_back(free);
    cv.notify_all();
  });
  auto a = book("1001");
  auto b = book("1002");
  ASSERT_TRUE(a.ok() && b.ok());
  // The feed is called on the subscription thread after the position is
  // published: wait for it, not for the position.
  std::unique_lock lk(mu);
  ASSERT_TRUE(cv.wait_for(lk, 5s, [&] { return positions.size() >= 2; }));
  EXPECT_EQ(free_when_fed, (std::vector<int>{49, 48}));
  EXPECT_EQ(positions, (std::vector<std::uint64_t>{a->last_position, b->last_position}));
  EXPECT_EQ(types, (std::vector<std::string>{"ReservationBooked", "ReservationBooked"}));
}

TEST_F(ProjectionSetTest, AReaderSeesAConsistentSnapshotNeverAHalfAppliedEvent) {
  start_set();
  std::atomic<bool> stop{false};
  std::atomic<int> inconsistent{0};
  // Vacancy and the operator index must agree at every read.
  std::thread reader([&] {
    while (!stop) {
      set_->read_as<BookingView>(BookingView::kName, 0, 1s, [&](const BookingView& v) {
        int booked = 0;
        for (const auto& [n, r] : v.state().reservations)
          booked += r.active() && r.check_in == kStay;
        if (50 - booked != vacancy_days(v.state(), "seaside", kStay, 1, kOpen)[0].free_rooms) {
          ++inconsistent;
        }
      });
    }
  });
  for (int i = 0; i < 40; ++i) ASSERT_TRUE(book(std::to_string(2000 + i)).ok());
  stop = true;
  reader.join();
  EXPECT_EQ(inconsistent.load(), 0);
}

TEST_F(ProjectionSetTest, AnOnlineRebuildWhileBookingsContinueEndsEqualToAFreshFold) {
  for (int i = 0; i < 200; ++i)
    ASSERT_TRUE(book(std::to_string(1000 + i), kStay.plus_days(i % 15)).ok());
  start_set();
  std::atomic<bool> stop{false};
  std::thread load([&] {
    int i = 0;
    while (!stop) {
      auto r = book(std::to_string(5000 + i), kStay.plus_days(i % 15));
      if (r.ok() && i % 3 == 0) {
        const auto& booked = std::get<domain::ReservationBooked>(r->events.front());
        (void)run(
            {domain::Actor::user(booked.reservation.user),
             domain::CancelReservations{booked.reservation.user, {booked.reservation.number}}});
      }
      ++i;
    }
  });
  std::vector<RebuildProgress> seen;
  for (const auto& name : set_->names()) {
    ASSERT_TRUE(set_->rebuild(name, [&](const RebuildProgress& p) { seen.push_back(p); }).ok());
  }
  stop = true;
  load.join();
  EXPECT_FALSE(seen.empty());
  const std::uint64_t head = store_->head();
  for (const auto& name : set_->names()) {
    bool same = false;
    set_->read(name, head, 5s, [&](const Projection& live) {
      auto fresh = live.empty();
      ASSERT_TRUE(fold(*store_, *fresh).ok());
      same = live.same_as(*fresh);
    });
    EXPECT_TRUE(same) << name;
  }
}

TEST_F(ProjectionSetTest, TheAuditIndexListsEveryEventAboutAReservationUserAndFacility) {
  start_set();
  auto r = book("1001");
  ASSERT_TRUE(r.ok());
  const std::string number =
      std::get<domain::ReservationBooked>(r->events.front()).reservation.number;
  auto c = run({domain::Actor::op("ops"), domain::CancelReservations{"1001", {number}}});
  ASSERT_TRUE(c.ok());
  set_->read_as<AuditIndex>(AuditIndex::kName, c->last_position, 2s, [&](const AuditIndex& a) {
    const std::vector<std::uint64_t> both{r->last_position, c->last_position};
    EXPECT_EQ(a.positions("reservation:" + number), both);
    EXPECT_EQ(a.positions("user:1001"), both);
    EXPECT_EQ(a.positions("operator:ops").back(), c->last_position);  // the actor
    EXPECT_EQ(a.positions("facility:seaside").size(), 3u);  // registered, booked, cancelled
  });
}

TEST_F(ProjectionSetTest, TheOperatorIndexFindsReservationsByFacilityAndNight) {
  start_set();
  auto a = book("1001", kStay);
  auto b = book("1002", kStay.plus_days(1));
  ASSERT_TRUE(a.ok() && b.ok());
  const auto number = [](const auto& r) {
    return std::get<domain::ReservationBooked>(r->events.front()).reservation.number;
  };
  set_->read_as<OperatorIndex>(
      OperatorIndex::kName, b->last_position, 2s, [&](const OperatorIndex& o) {
        EXPECT_EQ(o.guests("seaside", kStay), std::vector<std::string>{number(a)});
        EXPECT_EQ(o.reservations_between("seaside", kStay, kStay.plus_days(5)).size(), 2u);
        EXPECT_TRUE(o.guests("elsewhere", kStay).empty());
      });
}

}  // namespace
}  // namespace hoyo::projections
