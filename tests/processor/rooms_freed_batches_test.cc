// Rooms-freed notices at scale: a period opened with notify_losers, of 3,000
// applicants on 3 rooms, is published and none of its winners confirms. At
// the deadline every win lapses at once, and the period's some 2,800 losers
// are told which rooms join first-come. The lapse records the rooms
// (LosersToTell) and the scheduler tells the losers in bounded batches: each
// command's events fit one cluster stream message, each loser is told once,
// and a restart in the middle (the state folded from the log, or read from a
// snapshot) neither repeats nor skips anyone. Before the batches the lapse's
// own command held every loser's notice: some 2.7 MB here, which no stream
// message holds.
#include <gtest/gtest.h>

#include <algorithm>
#include <iostream>
#include <map>
#include <set>

#include "applicant_crowd.h"
#include "cluster/batch_message.h"
#include "domain/event_codec.h"
#include "domain/notice_limits.h"
#include "domain/schedule_limits.h"
#include "eventstore/envelope_bytes.h"
#include "processor/log_audit.h"
#include "processor/state_restore.h"
#include "processor/state_snapshot.h"
#include "processor_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;

constexpr int kApplicants = 3000;

class RoomsFreedBatches : public MeasuredCommandsTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    draw_crowded_lottery(*processor_, clock_, kApplicants, crowd_, 3, /*notify_losers=*/true);
    if (HasFatalFailure()) return;
    ASSERT_TRUE(run({domain::Actor::op("alice"), domain::PublishLottery{period_.id, {}}}).ok());
    tell(1000);  // the result notices
    ASSERT_TRUE(snapshot().results_to_tell.empty());
    // The wins and their users: nobody confirms, so every win lapses at its
    // deadline (23:59:59 seven days after the publication).
    for (const auto& [number, r] : snapshot().reservations) {
      if (r.origin != domain::Origin::kLottery) continue;
      winners_.insert(r.user);
      ++wins_;
    }
    // After the lapse, before the release (12:00 the day after the deadline).
    after_lapse_ = period_.publish_at + 8 * 24 * 3600 * domain::kMicrosPerSecond;
  }

  // Runs the scheduler's commands, each measured, until nothing is due or
  // `rounds` ran; counts those that told losers.
  void tell(int rounds) {
    for (int i = 0; i < rounds; ++i) {
      auto r = run_measured({domain::Actor::system(), domain::RunScheduled{}});
      ASSERT_TRUE(r.ok()) << r.error().message;
      if (r->events.empty()) return;
      for (const domain::Event& e : r->events) {
        telling_commands_ += std::holds_alternative<domain::LosersTold>(e);
      }
    }
  }

  // The pending lapse's notices (the only one).
  domain::FreedToTell pending() {
    const domain::BookingState s = snapshot();
    EXPECT_EQ(s.losers_to_tell.size(), 1u);
    return s.losers_to_tell.empty() ? domain::FreedToTell{} : s.losers_to_tell.begin()->second;
  }

  // Every rooms-freed notice and its mail in the log, by user; the largest
  // bytes one notice and its mail take, as stored.
  struct Told {
    std::map<std::string, int> notices;
    std::set<std::string> mails;
    std::size_t largest = 0;
    std::size_t largest_rooms_listed = 0;
  };
  Told told_in_log() {
    Told t;
    std::size_t mail_bytes = 0;
    auto read = store_->read_all(1, UINT64_MAX, [&](const eventstore::EventView& v) {
      const std::size_t bytes = eventstore::encode_envelope(v).size();
      auto e = domain::decode_event(v.type, v.payload);
      if (!e) return true;
      if (const auto* m = std::get_if<domain::MailQueued>(&*e)) {
        if (m->kind == domain::MailKind::kNotice) mail_bytes = bytes;
      } else if (const auto* n = std::get_if<domain::NoticeIssued>(&*e)) {
        if (n->kind == domain::NoticeKind::kRoomsFreed) {
          ++t.notices[n->user];
          if (!n->mail.empty()) t.mails.insert(n->mail);
          t.largest = std::max(t.largest, bytes + (n->mail.empty() ? 0 : mail_bytes));
          std::size_t lines = 0;
          for (std::size_t at = n->body.find("\n  "); at != std::string::npos;
               at = n->body.find("\n  ", at + 1)) {
            ++lines;
          }
          t.largest_rooms_listed = std::max(t.largest_rooms_listed, lines);
        }
      }
      return true;
    });
    EXPECT_TRUE(read.ok());
    return t;
  }

  Crowd crowd_;
  const domain::LotteryPeriod& period_ = crowd_.period;
  std::set<std::string> winners_;
  std::size_t wins_ = 0;
  domain::Instant after_lapse_ = 0;
  int telling_commands_ = 0;
};

TEST_F(RoomsFreedBatches, EveryLoserIsToldOnceInBatchesThatFitAStreamMessage) {
  ASSERT_GT(wins_, 75u);  // 3 rooms x 28 nights, most of them won
  // One scheduler command lapses them all.
  ASSERT_LE(wins_, static_cast<std::size_t>(domain::kScheduledItemsPerCommand));
  const std::size_t losers = crowd_.users.size() - winners_.size();
  // Past every deadline: the wins lapse, and the lapse records the rooms.
  clock_.set(after_lapse_);
  auto lapse = run_measured({domain::Actor::system(), domain::RunScheduled{}});
  ASSERT_TRUE(lapse.ok()) << lapse.error().message;
  const std::size_t lapse_bytes = last_command_;
  std::size_t lapsed = 0, rooms_freed = 0;
  for (const domain::Event& e : lapse->events) {
    lapsed += std::holds_alternative<domain::WinLapsed>(e);
    if (const auto* n = std::get_if<domain::NoticeIssued>(&e)) {
      rooms_freed += n->kind == domain::NoticeKind::kRoomsFreed;
    }
  }
  EXPECT_EQ(lapsed, wins_);
  EXPECT_EQ(rooms_freed, 0u) << "the losers are told in commands of their own";
  // The rooms as recorded: the first twenty, and a count of the others.
  const domain::FreedToTell first = pending();
  EXPECT_EQ(first.told, 0u);
  EXPECT_EQ(first.rooms.size(), domain::kFreedRoomsListed);
  EXPECT_EQ(first.rooms.size() + first.more, wins_);
  EXPECT_TRUE(std::is_sorted(
      first.rooms.begin(), first.rooms.end(),
      [](const domain::FreedRoom& a, const domain::FreedRoom& b) { return a.first < b.first; }));
  EXPECT_GT(first.release, clock_.now());

  // A few batches of notices, then a restart that folds the whole log.
  tell(3);
  const std::uint32_t per = domain::kRoomsFreedNoticesPerCommand;
  EXPECT_EQ(pending().told, 3 * per);
  const domain::BookingState before_restart = snapshot();
  close();
  open();
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before_restart);
  // A few more, then a restart from the writer's snapshot.
  tell(4);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const domain::BookingState before_snapshot = snapshot();
  EXPECT_EQ(pending().told, 7 * per);
  close();
  open();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);
  EXPECT_EQ(snapshot(), before_snapshot);
  // The rest, until nothing is due.
  tell(1000);
  EXPECT_TRUE(snapshot().losers_to_tell.empty());
  EXPECT_EQ(telling_commands_, static_cast<int>((losers + per - 1) / per));

  // Each loser with a mail address or not (the crowd's every 11th user is a
  // postcard user) is told once; no winner is.
  const Told t = told_in_log();
  EXPECT_EQ(t.notices.size(), losers);
  std::size_t mailed = 0;
  for (std::size_t i = 0; i < crowd_.users.size(); ++i) {
    const std::string& user = crowd_.users[i];
    if (winners_.count(user)) {
      EXPECT_FALSE(t.notices.count(user)) << user;
      continue;
    }
    EXPECT_EQ(t.notices.count(user) ? t.notices.at(user) : 0, 1) << user;
    mailed += has_mail(static_cast<int>(i) + 1);
  }
  EXPECT_EQ(t.mails.size(), mailed);
  // A notice lists kFreedRoomsListed rooms and counts the rest on one more line.
  EXPECT_EQ(t.largest_rooms_listed, domain::kFreedRoomsListed + 1);
  // The bound holds for the largest notice (twenty rooms of the longest
  // facility name, in English or Japanese), with the message's framing and
  // the LosersTold that closes each command.
  EXPECT_LE(per * (t.largest + 8) + 96 + 512, cluster::kMaxBatchMessageBytes)
      << "largest notice and mail: " << t.largest << " bytes";
  std::cout << "largest rooms-freed notice with its mail: " << t.largest
            << " bytes; largest command: " << largest_command_ << " bytes; the lapse of " << wins_
            << " wins: " << lapse_bytes << " bytes; " << losers << " losers told in "
            << telling_commands_ << " commands\n";
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
}

// The lapses still to tell are in the snapshot (section 17): a snapshot of
// the current format without it is not used, and one of format 10, from
// before (which had no such state), still loads when nothing is pending.
TEST_F(RoomsFreedBatches, TheLapsesStillToTellAreInTheSnapshot) {
  clock_.set(after_lapse_);
  tell(2);  // the lapse, a batch of notices
  ASSERT_GT(pending().told, 0u);
  expect_unused_without(kLosersSection);

  tell(1000);
  ASSERT_TRUE(snapshot().losers_to_tell.empty());
  expect_old_format_loads(10, kLosersSection);
}

}  // namespace
}  // namespace hoyo::processor
