// The whole-log verification of a publication's batches of bookings
// (processor/win_booking_audit.h): a log the writer wrote passes, and a
// forger's double booking of a win, a win booked out of the draw's order and
// a LotteryWinsBooked that miscounts are each reported, by name; so is a win
// a publication's own group (at most kWinsPerCommand wins) leaves unbooked
// for a holder not erased.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/decide.h"
#include "first_batch_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;

using WinBookingAudit = FirstBatchBooked;

TEST_F(WinBookingAudit, TheWritersBatchesPass) {
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
}

TEST_F(WinBookingAudit, AWinBookedTwiceIsAFault) {
  const LogAuditReport audit = audit_forged({again(bookings_.front())});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("books the win of application " +
                                   bookings_.front().reservation.application + " twice"),
            std::string::npos)
      << audit.first_fault;
}

TEST_F(WinBookingAudit, AWinBookedOutOfTheDrawsOrderIsAFault) {
  // The win after the next one, its hold still there.
  const domain::BookingState s = snapshot();
  const domain::DrawWin& skipped = s.draws.at(crowd_.period.id).wins.at(bookings_.size() + 1);
  domain::ReservationBooked b = again(bookings_.back());
  const domain::LotteryApplication& app = s.applications.at(skipped.application);
  b.reservation.application = app.id;
  b.reservation.user = app.user;
  b.reservation.check_in = app.check_in;
  b.reservation.nights = app.nights;
  b.reservation.people = app.people;
  b.reservation.style = skipped.style;
  const LogAuditReport audit = audit_forged({b});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("out of the draw's order"), std::string::npos)
      << audit.first_fault;
}

TEST_F(WinBookingAudit, ABookingFromAHoldNobodyKeptIsAFault) {
  // A first-come stay passed off as a win from the hold.
  domain::ReservationBooked b = again(bookings_.front());
  b.reservation.origin = domain::Origin::kFirstCome;
  b.reservation.application.clear();
  const LogAuditReport audit = audit_forged({b});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("booked from a hold, but not a lottery win"), std::string::npos)
      << audit.first_fault;
}

TEST_F(WinBookingAudit, ALotteryWinsBookedThatMiscountsIsAFault) {
  const std::size_t wins = snapshot().draws.at(crowd_.period.id).wins.size();
  const LogAuditReport audit = audit_forged(
      {domain::LotteryWinsBooked{crowd_.period.id, static_cast<std::uint32_t>(wins), true}});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(
      audit.first_fault.find("LotteryWinsBooked counts " + std::to_string(wins) +
                             " wins booked, the log " + std::to_string(domain::kWinsPerCommand)),
      std::string::npos)
      << audit.first_fault;
}

TEST_F(WinBookingAudit, AWinPassedOverForAnErasedHolderPasses) {
  // The holder of a win of the second batch is erased before it runs.
  const domain::BookingState s = snapshot();
  const domain::DrawWin& win = s.draws.at(crowd_.period.id).wins.at(bookings_.size() + 1);
  const std::string user = s.applications.at(win.application).user;
  ASSERT_TRUE(run({domain::Actor::op("alice"),
                   domain::ErasePersonalData{user, s.accounts.user(user)->submitted.id, "asked"}})
                  .ok());
  const std::vector<domain::Event> rest = run_scheduled();
  ASSERT_TRUE(snapshot().wins_to_book.empty());
  ASSERT_FALSE(rest.empty());
  const auto& closing = std::get<domain::LotteryWinsBooked>(*std::find_if(
      rest.begin(), rest.end(),
      [](const domain::Event& e) { return std::holds_alternative<domain::LotteryWinsBooked>(e); }));
  EXPECT_EQ(closing.passed, std::vector<domain::DrawWin>{win});
  EXPECT_FALSE(snapshot().by_user.count(user));
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
}

TEST_F(WinBookingAudit, AWinPassedOverWhoseHolderIsNotErasedIsAFault) {
  const domain::DrawWin& win = snapshot().draws.at(crowd_.period.id).wins.at(bookings_.size());
  const auto next = static_cast<std::uint32_t>(bookings_.size() + 1);
  const LogAuditReport audit =
      audit_forged({domain::LotteryWinsBooked{crowd_.period.id, next, false, {win}}});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("LotteryWinsBooked counts " + std::to_string(next) +
                                   " wins booked, the log " + std::to_string(bookings_.size())),
            std::string::npos)
      << audit.first_fault;
}

// A period of few wins, drawn: its publication books them in its own group.
class OwnGroupAudit : public ForgedLogTest {
 protected:
  void SetUp() override {
    ForgedLogTest::SetUp();
    draw_crowded_lottery(*processor_, clock_, 12, crowd_, 10);
    wins_ = snapshot().draws.at(crowd_.period.id).wins;
    ASSERT_GT(wins_.size(), 2u);
    ASSERT_LE(wins_.size(), domain::kWinsPerCommand);
  }
  // The events the writer would write for the publication now.
  std::vector<domain::Event> publication() {
    domain::PublishLottery c{crowd_.period.id, {}};
    for (std::size_t i = 0; i < wins_.size(); ++i)
      c.numbers.push_back(domain::make_number(1000 + i, 9));
    auto events = domain::decide(snapshot(), {domain::Actor::op("alice"), c}, clock_.now());
    EXPECT_TRUE(events.ok()) << events.error().message;
    return events.ok() ? *events : std::vector<domain::Event>{};
  }
  Crowd crowd_;
  std::vector<domain::DrawWin> wins_;
};

TEST_F(OwnGroupAudit, AWinPassedOverForAnErasedHolderPasses) {
  const domain::BookingState s = snapshot();
  const std::string user = s.applications.at(wins_.at(1).application).user;
  ASSERT_TRUE(run({domain::Actor::op("alice"),
                   domain::ErasePersonalData{user, s.accounts.user(user)->submitted.id, "asked"}})
                  .ok());
  auto published = run({domain::Actor::op("alice"), domain::PublishLottery{crowd_.period.id, {}}});
  ASSERT_TRUE(published.ok()) << published.error().message;
  const auto booked = std::count_if(
      published->events.begin(), published->events.end(),
      [](const domain::Event& e) { return std::holds_alternative<domain::ReservationBooked>(e); });
  EXPECT_EQ(static_cast<std::size_t>(booked), wins_.size() - 1);
  // And with more events after its group.
  run_scheduled();
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
}

TEST_F(OwnGroupAudit, AWinLeftUnbookedWhoseHolderIsNotErasedIsAFault) {
  // The last win left out, the group ending the log.
  std::vector<domain::Event> events = publication();
  ASSERT_EQ(events.size(), wins_.size() + 1);
  events.pop_back();
  const LogAuditReport audit = audit_forged(events);
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("the publication leaves the win of application " +
                                   wins_.back().application +
                                   " unbooked, but its holder's account is not erased"),
            std::string::npos)
      << audit.first_fault;
}

TEST_F(OwnGroupAudit, AWinLeftUnbookedBeforeOthersIsAFaultToo) {
  // The second win left out, the others booked after it.
  std::vector<domain::Event> events = publication();
  ASSERT_EQ(events.size(), wins_.size() + 1);
  events.erase(events.begin() + 2);
  const LogAuditReport audit = audit_forged(events);
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("out of the draw's order (next: " + wins_.at(1).application),
            std::string::npos)
      << audit.first_fault;
}

}  // namespace
}  // namespace hoyo::processor
