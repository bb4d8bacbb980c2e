// A lottery's result notices at scale: a period of 3,000 applicants is
// published with a booking per win, and the scheduler then tells every
// applicant in bounded batches. Each command's events fit one cluster stream
// message (cluster/batch_message.h, cut exactly as the cluster writer cuts
// them), each applicant is told once, and a restart in the middle of the
// batches (the state folded from the log, or read from a snapshot) neither
// repeats nor skips anyone.
#include <gtest/gtest.h>

#include <future>
#include <iostream>
#include <map>
#include <set>

#include "applicant_crowd.h"
#include "cluster/batch_message.h"
#include "domain/event_codec.h"
#include "domain/notice_limits.h"
#include "eventstore/envelope_bytes.h"
#include "processor/log_audit.h"
#include "processor/state_restore.h"
#include "processor/state_snapshot.h"
#include "processor_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;

constexpr int kApplicants = 3000;

class ResultNoticeBatches : public MeasuredCommandsTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    // 7 rooms for 28 nights: no more wins than the publication books itself
    // (kWinsPerCommand; their batches are win_batches_test's).
    draw_crowded_lottery(*processor_, clock_, kApplicants, crowd_, 7);
  }

  // Runs the scheduler's commands until nothing is due or `rounds` ran.
  void tell(int rounds) {
    for (int i = 0; i < rounds; ++i) {
      auto r = run_measured({domain::Actor::system(), domain::RunScheduled{}});
      ASSERT_TRUE(r.ok()) << r.error().message;
      if (r->events.empty()) return;
    }
  }

  // Every result notice and notice mail in the log, by user and by mail id;
  // the largest bytes one user's notice and mail take, as stored.
  struct Told {
    std::map<std::string, int> notices;
    std::map<std::string, int> mails;
    std::size_t largest_user = 0;
  };
  Told told_in_log() {
    Told t;
    std::size_t mail_bytes = 0;
    auto read = store_->read_all(1, UINT64_MAX, [&](const eventstore::EventView& v) {
      const std::size_t bytes = eventstore::encode_envelope(v).size();
      auto e = domain::decode_event(v.type, v.payload);
      if (!e) return true;
      if (const auto* m = std::get_if<domain::MailQueued>(&*e)) {
        if (m->kind == domain::MailKind::kNotice) ++t.mails[m->id];
        mail_bytes = bytes;
      } else if (const auto* n = std::get_if<domain::NoticeIssued>(&*e)) {
        if (n->kind == domain::NoticeKind::kLotteryResult) {
          ++t.notices[n->user];
          t.largest_user = std::max(t.largest_user, bytes + (n->mail.empty() ? 0 : mail_bytes));
        }
      }
      return true;
    });
    EXPECT_TRUE(read.ok());
    return t;
  }

  Crowd crowd_;
  const domain::LotteryPeriod& period_ = crowd_.period;
  const std::vector<std::string>& users_ = crowd_.users;
};

TEST_F(ResultNoticeBatches, EveryApplicantIsToldOnceInBatchesThatFitAStreamMessage) {
  auto published =
      run_measured({domain::Actor::op("alice"), domain::PublishLottery{period_.id, {}}});
  ASSERT_TRUE(published.ok()) << published.error().message;
  std::size_t wins = 0;
  for (const auto& e : published->events) {
    wins += std::holds_alternative<domain::ReservationBooked>(e);
    EXPECT_FALSE(std::holds_alternative<domain::NoticeIssued>(e));
  }
  EXPECT_GT(wins, 150u);  // 7 rooms x 28 nights, most of them won
  const std::size_t publication = last_command_;
  const domain::ResultsToTell pending = snapshot().results_to_tell.at(period_.id);
  EXPECT_EQ(pending.at, period_.publish_at);
  EXPECT_EQ(pending.applicants, static_cast<std::uint32_t>(kApplicants));
  EXPECT_EQ(pending.told, 0u);

  // A few batches, then a restart that folds the whole log.
  tell(3);
  const std::uint32_t after_three = snapshot().results_to_tell.at(period_.id).told;
  EXPECT_EQ(after_three, 3 * domain::kResultNoticesPerCommand);
  const domain::BookingState before_restart = snapshot();
  close();
  open();
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before_restart);
  // A few more, then a restart from the writer's snapshot.
  tell(4);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const domain::BookingState before_snapshot = snapshot();
  EXPECT_EQ(before_snapshot.results_to_tell.at(period_.id).told,
            7 * domain::kResultNoticesPerCommand);
  close();
  open();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);
  EXPECT_EQ(snapshot(), before_snapshot);
  // The rest, until nothing is due.
  tell(1000);
  EXPECT_TRUE(snapshot().results_to_tell.empty());
  // The publication, then one command per batch of applicants.
  const int per_command = static_cast<int>(domain::kResultNoticesPerCommand);
  EXPECT_EQ(commands_, 1 + (kApplicants + per_command - 1) / per_command);

  const Told t = told_in_log();
  ASSERT_EQ(t.notices.size(), users_.size());
  int mailed = 0;
  for (std::size_t i = 0; i < users_.size(); ++i) {
    EXPECT_EQ(t.notices.at(users_[i]), 1) << users_[i];
    const std::string mail = "notice-result-" + period_.id + "-" + users_[i];
    if (!has_mail(static_cast<int>(i) + 1)) {
      EXPECT_FALSE(t.mails.count(mail)) << "a postcard user has no mail";
    } else {
      EXPECT_EQ(t.mails.count(mail) ? t.mails.at(mail) : 0, 1) << mail;
      ++mailed;
    }
  }
  EXPECT_EQ(t.mails.size(), static_cast<std::size_t>(mailed));
  // The bound holds for any mix: a command of the largest notices (ten
  // applications, the longest names) still fits, with the message's framing
  // (64 bytes of header, 32 of checksum, 4 per envelope) and the
  // LotteryResultsTold that closes each command.
  EXPECT_LE(domain::kResultNoticesPerCommand * (t.largest_user + 8) + 96 + 512,
            cluster::kMaxBatchMessageBytes)
      << "largest notice and mail: " << t.largest_user << " bytes";
  std::cout << "largest result notice with its mail: " << t.largest_user
            << " bytes; largest command: " << largest_command_ << " bytes; publication of " << wins
            << " wins: " << publication << " bytes\n";
  // The audit re-runs the draw and checks the log: the batches are fine.
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
}

// The wins as booked, kept for the notices, are in the snapshot (section 13):
// a snapshot of the current format without it is not used, and one of format
// 9, from before, still loads (the wins recalled from their reservations).
TEST_F(ResultNoticeBatches, TheBookedWinsOfAPeriodBeingToldAreInTheSnapshot) {
  ASSERT_TRUE(run({domain::Actor::op("alice"), domain::PublishLottery{period_.id, {}}}).ok());
  tell(2);
  const domain::BookingState before = snapshot();
  ASSERT_FALSE(before.results_to_tell.at(period_.id).wins.empty());
  expect_unused_without(kPublicationsSection);
  expect_old_format_loads(9, kPublicationsSection);
}

}  // namespace
}  // namespace hoyo::processor
