// A lapse command at its largest: a period released to its runners-up, at a
// facility with the longest names, its lottery id the longest, and more wins
// than one scheduler command lapses (kScheduledItemsPerCommand,
// domain/schedule_limits.h), none confirmed. Past the deadline one command lapses the most it may,
// each lapse with its lapse notice and mail, and an offer to the next runner-up with the offer's
// notice and mail: its events, as stored, must make one cluster stream message (run_measured checks
// it). At 256 a command, the bound before, it took 877,704 bytes.
#include <gtest/gtest.h>

#include <iostream>

#include "applicant_crowd.h"
#include "cluster/batch_message.h"
#include "domain/schedule_limits.h"
#include "processor/log_audit.h"
#include "processor_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;

class LapseBatches : public MeasuredCommandsTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    draw_crowded_lottery(*processor_, clock_, 700, crowd_, 10, false,
                         domain::ReleaseRule::kRunnersUp);
    if (HasFatalFailure()) return;
    ASSERT_TRUE(
        run({domain::Actor::op("alice"), domain::PublishLottery{crowd_.period.id, {}}}).ok());
    // The wins' batches and the result notices.
    run_scheduled();
    const domain::BookingState s = snapshot();
    ASSERT_TRUE(s.wins_to_book.empty());
    ASSERT_TRUE(s.results_to_tell.empty());
    for (const auto& [number, r] : s.reservations) wins_ += r.origin == domain::Origin::kLottery;
  }
  Crowd crowd_;
  std::size_t wins_ = 0;
};

TEST_F(LapseBatches, TheMostLapsesOneCommandHoldsFitAStreamMessage) {
  const auto most = static_cast<std::size_t>(domain::kScheduledItemsPerCommand);
  ASSERT_GT(wins_, most);
  // Past every deadline (23:59:59 seven days after the publication), before
  // the release (12:00 the day after).
  clock_.set(crowd_.period.publish_at + 8 * 24 * 3600 * domain::kMicrosPerSecond);
  auto lapse = run_measured({domain::Actor::system(), domain::RunScheduled{}});
  ASSERT_TRUE(lapse.ok()) << lapse.error().message;
  std::size_t lapsed = 0, offered = 0, notices = 0, mails = 0;
  for (const domain::Event& e : lapse->events) {
    lapsed += std::holds_alternative<domain::WinLapsed>(e);
    offered += std::holds_alternative<domain::RoomOffered>(e);
    notices += std::holds_alternative<domain::NoticeIssued>(e);
    mails += std::holds_alternative<domain::MailQueued>(e);
  }
  EXPECT_EQ(lapsed, most);
  EXPECT_GT(offered, most * 9 / 10) << "nearly every lapse offers its rooms to a runner-up";
  std::cout << "a lapse command of " << lapsed << " lapses, " << offered << " offers, " << notices
            << " notices and " << mails << " mails: " << last_command_ << " bytes\n";
  EXPECT_LE(last_command_ + 512, cluster::kMaxBatchMessageBytes);
  // The rest lapse in the next commands, each measured too.
  for (int i = 0; i < 10; ++i) {
    auto rest = run_measured({domain::Actor::system(), domain::RunScheduled{}});
    ASSERT_TRUE(rest.ok()) << rest.error().message;
    if (rest->events.empty()) break;
  }
  EXPECT_TRUE(snapshot().awaiting_confirmation.empty());
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
}

}  // namespace
}  // namespace hoyo::processor
