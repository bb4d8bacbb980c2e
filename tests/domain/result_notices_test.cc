// A lottery's result notices (docs/lottery.md, the publication): the
// publication books the wins only; the scheduler tells the applicants in
// commands of a bounded number each, in the order of their first
// application, each once, with the count told in the log.
#include <gtest/gtest.h>

#include <map>

#include "domain/notice_limits.h"
#include "win_fixture.h"

namespace hoyo::domain::testing {
namespace {

class ResultNotices : public WinConfirmation {
 protected:
  // Two winners and five losers; published (notices not yet written).
  void SetUp() override {
    WinConfirmation::SetUp();
    open(ConfirmationRule::kRequired, 2, 1, day(2027, 3, 5), 0, 5);
    before_ = s;
    auto r = apply(s, {Actor::op("alice"), PublishLottery{"2027-03", {number(100), number(101)}}},
                   kPublished);
    ASSERT_TRUE(r.ok());
    log_ = *r;
  }
  // One scheduler command of at most `max_items` items at `now`, kept in the log.
  std::vector<Event> tell(int max_items, Instant now = kPublished) {
    auto r = run(now, max_items);
    EXPECT_TRUE(r.ok());
    if (!r.ok()) return {};
    log_.insert(log_.end(), r->begin(), r->end());
    return *r;
  }
  BookingState before_;
  std::vector<Event> log_;
};

TEST_F(ResultNotices, ThePublicationBooksTheWinsAndLeavesTheNoticesToTheScheduler) {
  EXPECT_TRUE(of<NoticeIssued>(log_).empty());
  EXPECT_TRUE(of<MailQueued>(log_).empty());
  ASSERT_EQ(of<LotteryPublished>(log_).size(), 1u);
  EXPECT_EQ(of<LotteryPublished>(log_)[0].at, kPublished);
  EXPECT_EQ(of<ReservationBooked>(log_).size(), 2u);
  const ResultsToTell& due = s.results_to_tell.at("2027-03");
  EXPECT_EQ(due.at, kPublished);
  EXPECT_EQ(due.applicants, 7u);
  EXPECT_EQ(due.told, 0u);
  // The wins as booked, for the notices.
  ASSERT_EQ(due.wins.size(), 2u);
  EXPECT_EQ(due.wins.at("u1"),
            (std::vector<BookedWin>{booked_win(s.reservations.at(number(100)))}));
  // Not due before the publication's instant.
  auto early = run(kPublished - 1);
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
}

TEST_F(ResultNotices, BatchesTellEachApplicantOnceInApplicationOrder) {
  std::map<std::string, int> told;
  std::vector<std::string> order;
  std::vector<std::uint32_t> counts;
  for (int round = 0; round < 10; ++round) {
    const std::vector<Event> events = tell(3);
    if (events.empty()) break;
    ASSERT_TRUE(std::holds_alternative<LotteryResultsTold>(events.back()));
    counts.push_back(std::get<LotteryResultsTold>(events.back()).told);
    EXPECT_LE(of<NoticeIssued>(events).size(), 3u);
    for (const NoticeIssued& n : of<NoticeIssued>(events)) {
      ++told[n.user];
      order.push_back(n.user);
      EXPECT_EQ(n.kind, NoticeKind::kLotteryResult);
      EXPECT_EQ(n.id, "result-2027-03-" + n.user);
      EXPECT_EQ(n.at, kPublished);
      // A win states its deadline and reservation number; a loss neither.
      const bool won = n.user[0] == 'u';
      EXPECT_EQ(n.confirm_by != 0, won) << n.user;
      EXPECT_EQ(
          n.body.find(won ? number(n.user == "u1" ? 100 : 101) : "予約番号") != std::string::npos,
          won)
          << n.body;
    }
    EXPECT_EQ(of<MailQueued>(events).size(), of<NoticeIssued>(events).size());
  }
  EXPECT_EQ(counts, (std::vector<std::uint32_t>{3, 6, 7}));
  EXPECT_EQ(order, (std::vector<std::string>{"u1", "u2", "l1", "l2", "l3", "l4", "l5"}));
  for (const auto& [user, n] : told) EXPECT_EQ(n, 1) << user;
  EXPECT_TRUE(s.results_to_tell.empty());
  EXPECT_TRUE(tell(3).empty());  // nothing more is due
  expect_replays_to(before_, log_, s);
}

TEST_F(ResultNotices, AnApplicantWithNobodyToTellIsPassedOver) {
  // l2's registration is erased between the publication and the notices.
  evolve(s, PersonalDataErased{"rl2", "test"});
  const std::vector<Event> events = tell(256);
  EXPECT_EQ(of<NoticeIssued>(events).size(), 6u);
  for (const NoticeIssued& n : of<NoticeIssued>(events)) EXPECT_NE(n.user, "l2");
  EXPECT_EQ(std::get<LotteryResultsTold>(events.back()).told, 7u);
  EXPECT_TRUE(s.results_to_tell.empty());
}

// A win confirmed before its notice is written carries no deadline to meet.
TEST_F(ResultNotices, AWinConfirmedBeforeItsNoticeShowsNoDeadline) {
  const std::string winner = s.reservations.at(number(100)).user;
  ASSERT_TRUE(apply(s, {Actor::user(winner), ConfirmWin{number(100)}}, kPublished).ok());
  const std::vector<Event> events = tell(256);
  for (const NoticeIssued& n : of<NoticeIssued>(events)) {
    if (n.user == winner) EXPECT_EQ(n.confirm_by, 0) << "confirmed already";
    if (n.user == s.reservations.at(number(101)).user) EXPECT_NE(n.confirm_by, 0);
  }
}

// The notice describes each win as published: a win changed before its
// notice is written (or cancelled) is described as its booking recorded it.
TEST_F(ResultNotices, AWinChangedOrCancelledBeforeItsNoticeIsDescribedAsBooked) {
  BookingState untouched = s;
  auto expected = apply(untouched, {Actor::system(), RunScheduled{}}, kPublished);
  ASSERT_TRUE(expected.ok());
  const std::string cancelled = s.reservations.at(number(101)).user;
  evolve(s, ReservationChanged{
                number(100), day(2027, 3, 6), 1, {1}, RoomStyle::kStandard, StyleWish::kAny});
  evolve(s, ReservationCancelled{number(101)});
  const std::vector<Event> events = tell(256);
  std::map<std::string, NoticeIssued> want;
  for (const NoticeIssued& n : of<NoticeIssued>(*expected)) want[n.user] = n;
  ASSERT_EQ(of<NoticeIssued>(events).size(), want.size());
  for (const NoticeIssued& n : of<NoticeIssued>(events)) {
    if (n.user == cancelled) {
      // As booked, without the deadline it no longer has.
      EXPECT_EQ(n.confirm_by, 0);
      EXPECT_NE(n.body.find(number(101)), std::string::npos) << n.body;
      continue;
    }
    EXPECT_EQ(n.body, want.at(n.user).body) << n.user;
    EXPECT_EQ(n.confirm_by, want.at(n.user).confirm_by) << n.user;
  }
}

// Applications cancelled after the publication (the domain refuses it; a
// damaged log could hold it) shrink the order below the count told: the
// period is finished, the count never goes back, the scheduler does not spin.
TEST_F(ResultNotices, AnOrderShrunkBelowTheCountToldFinishesThePeriod) {
  ASSERT_EQ(of<NoticeIssued>(tell(5)).size(), 5u);
  std::vector<std::string> cancelled;
  for (const auto& [id, a] : s.applications) cancelled.push_back(id);
  evolve(s, LotteryApplicationsCancelled{"2027-03", cancelled});
  const std::vector<Event> events = tell(256);
  EXPECT_TRUE(of<NoticeIssued>(events).empty());
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(std::get<LotteryResultsTold>(events.back()).told, 7u);
  EXPECT_TRUE(s.results_to_tell.empty());
  EXPECT_TRUE(tell(256).empty());
}

TEST_F(WinConfirmation, AResultCommandHoldsAtMostTheBoundOfApplicants) {
  const int losers = static_cast<int>(kResultNoticesPerCommand) + 10;
  open(ConfirmationRule::kRequired, 1, 1, day(2027, 3, 5), 0, losers);
  ASSERT_TRUE(
      apply(s, {Actor::op("alice"), PublishLottery{"2027-03", {number(100)}}}, kPublished).ok());
  // max_items above the bound: the bound holds.
  auto first = run(kPublished, 100000);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(of<NoticeIssued>(*first).size(), kResultNoticesPerCommand);
  EXPECT_EQ(std::get<LotteryResultsTold>(first->back()).told, kResultNoticesPerCommand);
  auto second = run(kPublished, 100000);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(of<NoticeIssued>(*second).size(), 11u);
  EXPECT_TRUE(s.results_to_tell.empty());
}

TEST_F(ResultNotices, WhatFallsDueAfterThePublicationWaitsForItsNotices) {
  // A clock far past the publication: the notices come first, in commands of
  // their own; the lapses of the unconfirmed wins after them.
  const Instant late = jst(2027, 1, 30);
  std::vector<Event> first = tell(256, late);
  EXPECT_EQ(of<NoticeIssued>(first).size(), 7u);
  EXPECT_TRUE(of<WinLapsed>(first).empty());
  std::vector<Event> second = tell(256, late);
  EXPECT_EQ(of<WinLapsed>(second).size(), 2u);
  expect_replays_to(before_, log_, s);
}

TEST_F(ResultNotices, APublicationFromBeforeLeavesNothingToTheScheduler) {
  // Written before the scheduler told the results: its notices were in its
  // own group.
  BookingState old = before_;
  evolve(old, LotteryPublished{"2027-03"});
  EXPECT_TRUE(old.results_to_tell.empty());
}

}  // namespace
}  // namespace hoyo::domain::testing
