// The scheduler under the test clock: win confirmation's due events (a
// reminder, a lapse, a release) written in due-time order, each once, across
// restarts of the writer between them; the writer's snapshot keeps them.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "processor/state_snapshot.h"
#include "schedule_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;
using domain::Date;
using domain::Instant;
using domain::tokyo_time;

TEST_F(ScheduleTest, APublishedWinAwaitsConfirmationWithItsDeadline) {
  EXPECT_EQ(win().confirmation, domain::Confirmation::kRequired);
  EXPECT_EQ(win().confirm_by, kLapse - domain::kMicrosPerSecond);
  EXPECT_EQ(at(kRemind - 1), 0u);  // nothing due yet
}

TEST_F(ScheduleTest, LapseAndReleaseEachOnceWithARestartBetweenThem) {
  const std::uint64_t before = store_->head();
  const std::uint64_t lapsed = at(kLapse);
  ASSERT_GT(lapsed, before);
  EXPECT_EQ(win().status, domain::ReservationStatus::kLapsed);
  EXPECT_EQ(march1().booked, 0);
  EXPECT_EQ(march1().held, 1);  // held until the release
  restart();
  EXPECT_EQ(win().status, domain::ReservationStatus::kLapsed);
  EXPECT_EQ(at(kLapse), 0u);  // not twice
  EXPECT_EQ(at(kRelease - 1), 0u);
  const std::uint64_t released = at(kRelease);
  ASSERT_GT(released, lapsed);
  EXPECT_EQ(march1().held, 0);
  EXPECT_TRUE(snapshot().awaiting_release.empty());
  restart();
  EXPECT_EQ(at(kRelease + domain::kMicrosPerDay), 0u);
  EXPECT_EQ(march1().held, 0);
  // What the log holds after publication: one lapse, its notice (mailed), one
  // release; no reminder (it would have come with the lapse).
  int lapses = 0, releases = 0, notices_issued = 0;
  for (const auto& e : written_after(before)) {
    if (std::holds_alternative<domain::WinLapsed>(e)) ++lapses;
    if (std::holds_alternative<domain::LapsedRoomReleased>(e)) ++releases;
    if (auto* n = std::get_if<domain::NoticeIssued>(&e)) {
      ++notices_issued;
      EXPECT_EQ(n->kind, domain::NoticeKind::kWinLapsed);
      EXPECT_FALSE(n->mail.empty());
    }
  }
  EXPECT_EQ(lapses, 1);
  EXPECT_EQ(releases, 1);
  EXPECT_EQ(notices_issued, 1);
}

// A started scheduler runs what is due at once, not at its first poll: what
// fell due while hoyod was down is written as soon as it is back.
TEST_F(ScheduleTest, AStartedSchedulerRunsWhatIsDueWithoutWaitingForItsPoll) {
  SchedulerOptions o;
  o.poll = std::chrono::hours(1);
  scheduler_ = std::make_unique<Scheduler>(*processor_, o);
  clock_.set(kLapse);
  scheduler_->start();
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (win().status != domain::ReservationStatus::kLapsed &&
         std::chrono::steady_clock::now() < give_up) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(win().status, domain::ReservationStatus::kLapsed);
}

// A run that still finds items due after max_rounds writes (they do not go
// away: a fold that does not record them) stops the scheduler for good
// instead of growing the log without end. Here three items (the reminder,
// the lapse and the release) are due at once, one written per round, and
// the run may need one round: the second still writes.
TEST_F(ScheduleTest, ARunPastItsRoundsStopsTheSchedulerInsteadOfWritingOn) {
  SchedulerOptions o;
  o.batch = 1;
  o.max_rounds = 1;
  scheduler_ = std::make_unique<Scheduler>(*processor_, o);
  clock_.set(kRelease + domain::kMicrosPerSecond);
  const std::uint64_t before = store_->head();
  auto r = scheduler_->run_due();
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, base::MessageId::kSchedulerRunaway);
  const std::uint64_t after = store_->head();
  EXPECT_GT(after, before);  // what the rounds wrote
  auto again = scheduler_->run_due();
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().message, base::MessageId::kSchedulerRunaway);
  EXPECT_EQ(store_->head(), after);  // and nothing after them
}

// Exactly as many rounds as items (three, one a round): the run ends well.
TEST_F(ScheduleTest, ARunThatNeedsExactlyItsRoundsEndsWell) {
  SchedulerOptions o;
  o.batch = 1;
  o.max_rounds = 3;
  scheduler_ = std::make_unique<Scheduler>(*processor_, o);
  clock_.set(kRelease + domain::kMicrosPerSecond);
  auto r = scheduler_->run_due();
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, store_->head());
}

TEST_F(ScheduleTest, DueEventsInDueTimeOrderEachOnceAcrossRestarts) {
  const std::uint64_t before = store_->head();
  ASSERT_GT(at(kRemind), before);
  restart();
  EXPECT_EQ(at(kRemind), 0u);  // the reminder is not sent twice
  // One jump past the lapse and the release writes both, in that order.
  ASSERT_GT(at(kRelease + 1), 0u);
  restart();
  EXPECT_EQ(at(kRelease + 2), 0u);
  std::vector<std::pair<std::string, Instant>> due;
  for (const auto& e : written_after(before)) {
    if (auto* n = std::get_if<domain::NoticeIssued>(&e)) {
      due.emplace_back(domain::notice_kind_name(n->kind), n->at);
    } else if (auto* l = std::get_if<domain::WinLapsed>(&e)) {
      due.emplace_back("lapse", l->due);
    } else if (auto* r = std::get_if<domain::LapsedRoomReleased>(&e)) {
      due.emplace_back("release", r->due);
      EXPECT_EQ(r->freed, std::vector<Date>{kMarch1});
    }
  }
  EXPECT_EQ(due, (std::vector<std::pair<std::string, Instant>>{{"confirmation_reminder", kRemind},
                                                               {"lapse", kLapse},
                                                               {"win_lapsed", kLapse},
                                                               {"release", kRelease}}));
}

TEST_F(ScheduleTest, AConfirmedWinNeverLapses) {
  auto r = run({domain::Actor::user(hanako_), domain::ConfirmWin{win_}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto again = run({domain::Actor::user(hanako_), domain::ConfirmWin{win_}});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());  // one event for two confirmations
  EXPECT_EQ(at(kRelease + domain::kMicrosPerDay), 0u);
  EXPECT_EQ(win().status, domain::ReservationStatus::kBooked);
  EXPECT_EQ(win().confirmation, domain::Confirmation::kConfirmed);
}

TEST_F(ScheduleTest, TheWritersSnapshotKeepsConfirmationsRemindersAndHolds) {
  ASSERT_GT(at(kRemind), 0u);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  domain::BookingState folded = snapshot();
  EXPECT_EQ(folded.reminded.size(), 1u);
  restart();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), folded);
  EXPECT_EQ(at(kRemind + 1), 0u);  // the snapshot knows the reminder was sent
  ASSERT_GT(at(kLapse), 0u);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  folded = snapshot();
  EXPECT_EQ(folded.awaiting_release.size(), 1u);
  restart();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), folded);
  EXPECT_EQ(march1().held, 1);
  const std::uint64_t released = at(kRelease);
  EXPECT_EQ(released, store_->head());
  EXPECT_EQ(march1().held, 0);
}

TEST_F(ScheduleTest, ASnapshotOfTheCurrentFormatWithoutItsConfirmationsSectionIsNotUsed) {
  FoldedState s;
  s.state = snapshot();
  s.position = store_->head();
  eventstore::Snapshot snap = encode_state(s, store_->head_hash(), 0, 0);
  ASSERT_EQ(snap.format, kStateFormat);
  snap.sections.erase(kConfirmationsSection);
  FoldedState out;
  std::string why;
  EXPECT_FALSE(decode_state(snap, 0, out, why));
  EXPECT_EQ(why, "missing_section");
}

}  // namespace
}  // namespace hoyo::processor
