// The scheduler's notices under the test clock: the stay reminder and the
// rooms-freed notice to a period's losers, each written once across a
// restart of the writer between its due time and the scheduler's run, and
// across a restart from the writer's snapshot.
#include <gtest/gtest.h>

#include "processor/state_snapshot.h"
#include "schedule_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;

// The win checks in on 03-01: its reminder is due 02-26 09:00 JST.
const Instant kStayDue = tokyo_time(Date::from_ymd(2027, 2, 26), 9, 0);
const Instant kHour = 3600 * domain::kMicrosPerSecond;

class StayReminderTest : public ScheduleTest {
 protected:
  void SetUp() override {
    ScheduleTest::SetUp();
    auto r = run({domain::Actor::user(hanako_), domain::ConfirmWin{win_}});
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  // The notices of `kind` written after position `from`.
  std::vector<domain::NoticeIssued> notices_after(std::uint64_t from, domain::NoticeKind kind) {
    std::vector<domain::NoticeIssued> out;
    for (const auto& n : notices(written_after(from))) {
      if (n.kind == kind) out.push_back(n);
    }
    return out;
  }
};

TEST_F(StayReminderTest, OnceAcrossARestartBetweenItsDueTimeAndTheRun) {
  const std::uint64_t before = store_->head();
  EXPECT_EQ(at(kStayDue - 1), 0u);
  // Due while the writer is down: the first run after the start sends it.
  clock_.set(kStayDue + kHour);
  restart();
  ASSERT_GT(at(kStayDue + kHour), before);
  restart();
  EXPECT_EQ(at(kStayDue + 2 * kHour), 0u);  // not twice
  const auto sent = notices_after(before, domain::NoticeKind::kStayReminder);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].id, "stay-" + win_ + "-2027-03-01");
  EXPECT_EQ(sent[0].user, hanako_);
  EXPECT_EQ(sent[0].at, kStayDue);
  EXPECT_EQ(sent[0].mail, "notice-" + sent[0].id);
  EXPECT_EQ(notice_mails(written_after(before)).size(), 1u);
}

// Due events are written by the writer only: every node runs a scheduler,
// and a cluster follower's (its store a replica) writes nothing, so the
// reminder is written once, by the node that holds the writer role.
TEST_F(StayReminderTest, AReplicasSchedulerWritesNothingDue) {
  const std::uint64_t before = store_->head();
  ASSERT_TRUE(store_->set_role(eventstore::StoreRole::kReplica).ok());
  clock_.set(kStayDue);
  auto refused = scheduler_->run_due();
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, base::MessageId::kStoreNotWriter);
  EXPECT_EQ(store_->head(), before);
  ASSERT_TRUE(store_->set_role(eventstore::StoreRole::kWriter).ok());
  ASSERT_GT(at(kStayDue), before);
  EXPECT_EQ(notices_after(before, domain::NoticeKind::kStayReminder).size(), 1u);
}

TEST_F(StayReminderTest, TheWritersSnapshotKnowsItWasSent) {
  ASSERT_GT(at(kStayDue), 0u);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const domain::BookingState folded = snapshot();
  EXPECT_EQ(folded.stay_reminded.size(), 1u);
  EXPECT_EQ(folded.stays_by_check_in.size(), 1u);
  restart();
  ASSERT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), folded);
  EXPECT_EQ(at(kStayDue + kHour), 0u);
}

TEST_F(StayReminderTest, ASnapshotOfTheCurrentFormatWithoutItsRemindersSectionIsNotUsed) {
  ASSERT_GT(at(kStayDue), 0u);
  FoldedState s;
  s.state = snapshot();
  s.position = store_->head();
  eventstore::Snapshot snap = encode_state(s, store_->head_hash(), 0, 0);
  ASSERT_EQ(snap.format, kStateFormat);
  ASSERT_EQ(snap.sections.erase(kRemindersSection), 1u);
  FoldedState out;
  std::string why;
  EXPECT_FALSE(decode_state(snap, 0, out, why));
  EXPECT_EQ(why, "missing_section");
}

TEST_F(StayReminderTest, AFormatFourSnapshotLoadsWithNoReminderSentAndItsStaysIndexed) {
  FoldedState s;
  s.state = snapshot();
  s.position = store_->head();
  const eventstore::Snapshot snap = encode_state(s, store_->head_hash(), 0, 0, 4);
  ASSERT_EQ(snap.sections.count(kRemindersSection), 0u);
  FoldedState out;
  std::string why;
  ASSERT_TRUE(decode_state(snap, 0, out, why)) << why;
  EXPECT_EQ(out.state.stays_by_check_in, s.state.stays_by_check_in);
  EXPECT_TRUE(out.state.stay_reminded.empty());
}

TEST_F(StayReminderTest, NoneForACancelledStay) {
  auto r = run({domain::Actor::user(hanako_), domain::CancelReservations{hanako_, {win_}}});
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(at(kStayDue + kHour), 0u);
}

// Two applicants for the one room; the period tells its losers.
class RoomsFreedTest : public StayReminderTest {
 protected:
  RoomsFreedTest() {
    notify_losers_ = true;
    with_loser_ = true;
  }
  void SetUp() override { ScheduleTest::SetUp(); }  // the win stays unconfirmed
  std::string loser() const { return winner_ == hanako_ ? taro_ : hanako_; }
};

TEST_F(RoomsFreedTest, TheLoserIsToldOnceAtTheLapseAcrossRestartsAndTheSnapshot) {
  const std::uint64_t before = store_->head();
  clock_.set(kLapse);
  restart();  // due while the writer is down
  ASSERT_GT(at(kLapse), before);
  const auto told = notices_after(before, domain::NoticeKind::kRoomsFreed);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].user, loser());
  EXPECT_EQ(told[0].at, kLapse);
  EXPECT_FALSE(told[0].mail.empty());
  EXPECT_NE(told[0].body.find("2026-12-09 12:00"), std::string::npos)  // kRelease
      << told[0].body;
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const domain::BookingState folded = snapshot();
  EXPECT_EQ(folded.losers_told.size(), 1u);
  restart();
  ASSERT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), folded);
  ASSERT_GT(at(kRelease), 0u);  // the release only
  EXPECT_EQ(notices_after(before, domain::NoticeKind::kRoomsFreed).size(), 1u);
}

class RoomsNotFreedTest : public RoomsFreedTest {
 protected:
  RoomsNotFreedTest() { notify_losers_ = false; }
};

TEST_F(RoomsNotFreedTest, APeriodThatDoesNotAskTellsNoLoser) {
  const std::uint64_t before = store_->head();
  ASSERT_GT(at(kRelease), before);
  EXPECT_TRUE(notices_after(before, domain::NoticeKind::kRoomsFreed).empty());
  EXPECT_EQ(notices_after(before, domain::NoticeKind::kWinLapsed).size(), 1u);
}

}  // namespace
}  // namespace hoyo::processor
