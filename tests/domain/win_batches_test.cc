// A publication of more wins than one command books (publication_limits.h,
// docs/lottery.md "Publication"): the publication books none and keeps the
// won rooms held; the scheduler books them in batches in the draw's order,
// each win once, as at the publication's instant; first-come never gets a
// won room in between, the results stay pending and the result notices wait
// for the last booking.
#include <gtest/gtest.h>

#include <set>

#include "domain/lottery_queries.h"
#include "domain/notice_limits.h"
#include "domain/publication_limits.h"
#include "domain/stay_limits.h"
#include "win_fixture.h"

namespace hoyo::domain::testing {
namespace {

constexpr int kWins = static_cast<int>(kWinsPerCommand) + 5;

class WinBatches : public WinConfirmation {
 protected:
  // kWins winners on one night at a facility of exactly that many rooms, all
  // held for the period, and one loser.
  void SetUp() override {
    s = with_facilities({standard_facility(kWins)});
    open(ConfirmationRule::kRequired, kWins, 1, day(2027, 3, 5), 0, 1, false, kWins);
    before_ = s;
  }
  // One scheduler command at `now` with fresh numbers from `next_`, kept in the log.
  Result<std::vector<Event>> schedule(Instant now) {
    RunScheduled c;
    for (std::uint32_t i = 0; i < kWinsPerCommand; ++i) c.numbers.push_back(number(next_++));
    auto r = apply(s, {Actor::system(), c}, now);
    if (r.ok()) log_.insert(log_.end(), r->begin(), r->end());
    return r;
  }
  Result<std::vector<Event>> publish_batched() {
    auto r = apply(s, {Actor::op("alice"), PublishLottery{"2027-03", {}}}, kPublished);
    if (r.ok()) log_.insert(log_.end(), r->begin(), r->end());
    return r;
  }
  // Folds `e`, kept in the log (as the events of another command would be).
  void record(const Event& e) {
    evolve(s, e);
    log_.push_back(e);
  }
  BookingState before_;
  std::vector<Event> log_;
  std::uint64_t next_ = 1000;
};

TEST_F(WinBatches, ThePublicationKeepsTheWonRoomsAndTheSchedulerBooksThemOnce) {
  // Numbers for every win are refused: the publication books none of them.
  std::vector<std::string> all;
  for (int i = 0; i < kWins; ++i) all.push_back(number(100 + static_cast<std::uint64_t>(i)));
  EXPECT_REFUSED(decide(s, {Actor::op("alice"), PublishLottery{"2027-03", all}}, kPublished),
                 ErrorCode::kValidation);
  auto published = publish_batched();
  ASSERT_TRUE(published.ok()) << published.error().message;
  ASSERT_EQ(published->size(), 1u);
  const auto& p = std::get<LotteryPublished>(published->front());
  EXPECT_EQ(p.kept,
            (std::vector<Allotment>{{"seaside", day(2027, 3, 5), RoomStyle::kStandard, kWins}}));
  EXPECT_EQ(count(day(2027, 3, 5)).held, kWins);
  EXPECT_EQ(s.wins_to_book.at("2027-03"), (WinsToBook{kPublished, 0, {{"seaside", {}}}}));
  EXPECT_EQ(lottery_result(s, "u1", "2027-03").status, LotteryResult::Status::kPending);
  EXPECT_EQ(lottery_result(s, "l1", "2027-03").status, LotteryResult::Status::kPending);

  // First-come opened meanwhile (a writer down for weeks): no won room is free.
  const Instant later = jst(2027, 1, 5);
  EXPECT_REFUSED(decide(s, book("l1", "seaside", day(2027, 3, 5), 1, {2}, number(50)), later),
                 ErrorCode::kNoVacancy);
  // Without numbers the batch cannot book.
  EXPECT_REFUSED(decide(s, {Actor::system(), RunScheduled{}}, later), ErrorCode::kValidation);

  auto first = schedule(later);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(of<ReservationBooked>(*first).size(), kWinsPerCommand);
  EXPECT_TRUE(of<NoticeIssued>(*first).empty());
  EXPECT_EQ(std::get<LotteryWinsBooked>(first->back()),
            (LotteryWinsBooked{"2027-03", kWinsPerCommand, false}));
  EXPECT_EQ(count(day(2027, 3, 5)).held + count(day(2027, 3, 5)).booked, kWins);
  EXPECT_EQ(lottery_result(s, "u1", "2027-03").status, LotteryResult::Status::kPending);

  auto second = schedule(later);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(of<ReservationBooked>(*second).size(), 5u);
  EXPECT_EQ(std::get<LotteryWinsBooked>(second->back()),
            (LotteryWinsBooked{"2027-03", static_cast<std::uint32_t>(kWins), true}));
  EXPECT_TRUE(s.wins_to_book.empty());
  EXPECT_EQ(count(day(2027, 3, 5)).held, 0);
  EXPECT_EQ(count(day(2027, 3, 5)).booked, kWins);
  EXPECT_EQ(lottery_result(s, "u1", "2027-03").status, LotteryResult::Status::kWon);
  EXPECT_EQ(lottery_result(s, "l1", "2027-03").status, LotteryResult::Status::kLost);

  // Each win once, in the draw's order, from the hold, as at the publication;
  // the batches ran weeks late, past the deadline the publication set, so the
  // days to confirm count from then (never a deadline already past).
  std::vector<ReservationBooked> booked = of<ReservationBooked>(log_);
  ASSERT_EQ(booked.size(), static_cast<std::size_t>(kWins));
  for (std::size_t i = 0; i < booked.size(); ++i) {
    const Reservation& r = booked[i].reservation;
    EXPECT_TRUE(booked[i].from_hold);
    EXPECT_EQ(r.application, s.draws.at("2027-03").wins[i].application);
    EXPECT_EQ(r.booked_at, kPublished);
    EXPECT_EQ(r.confirmation, Confirmation::kRequired);
    EXPECT_EQ(r.confirm_by, win_confirm_by(7, s.facilities.at("seaside").rules, r.check_in, later));
    EXPECT_GT(r.confirm_by, later);
  }
  // Then the result notices.
  auto told = schedule(later);
  ASSERT_TRUE(told.ok());
  EXPECT_EQ(of<NoticeIssued>(*told).size(), kResultNoticesPerCommand);
  expect_replays_to(before_, log_, s);
}

TEST_F(WinBatches, EveryBatchsWinsHaveTheDeadlineOfThePublication) {
  // The first batch runs at once; the writer is then down for three days,
  // less than the days to confirm, before the second batch.
  ASSERT_TRUE(publish_batched().ok());
  ASSERT_TRUE(schedule(kPublished).ok());
  const Instant later = jst(2026, 12, 15, 10);
  ASSERT_TRUE(schedule(later).ok());
  ASSERT_TRUE(s.wins_to_book.empty());
  const std::vector<ReservationBooked> booked = of<ReservationBooked>(log_);
  ASSERT_EQ(booked.size(), static_cast<std::size_t>(kWins));
  const Instant by =
      win_confirm_by(7, s.facilities.at("seaside").rules, day(2027, 3, 5), kPublished);
  ASSERT_GT(by, later);
  for (const ReservationBooked& b : booked) {
    EXPECT_EQ(b.reservation.confirmation, Confirmation::kRequired);
    EXPECT_EQ(b.reservation.confirm_by, by) << b.reservation.application;
  }
  expect_replays_to(before_, log_, s);
}

TEST_F(WinBatches, AWinNotBookedYetCountsAgainstItsWinnersLimits) {
  evolve(s, StayLimitsSet{{0, 1, 0}});  // one night a month
  ASSERT_TRUE(publish_batched().ok());
  // First-come for March is open; u1 has won 3/5, not booked yet: another
  // March night would be their second. l1 won nothing.
  const Instant later = jst(2027, 1, 5);
  EXPECT_REFUSED(decide(s, book("u1", "seaside", day(2027, 3, 6), 1, {2}, number(50)), later),
                 ErrorCode::kLimitReached);
  EXPECT_TRUE(decide(s, book("l1", "seaside", day(2027, 3, 6), 1, {2}, number(51)), later).ok());
  // The last win (u205), not in the first batch, still counts after it.
  const std::string last = "u" + std::to_string(kWins);
  ASSERT_TRUE(schedule(later).ok());
  EXPECT_REFUSED(decide(s, book(last, "seaside", day(2027, 3, 6), 1, {2}, number(52)), later),
                 ErrorCode::kLimitReached);
  // Once booked, the reservation counts instead: still one night.
  ASSERT_TRUE(schedule(later).ok());
  ASSERT_TRUE(s.wins_to_book.empty());
  EXPECT_REFUSED(decide(s, book(last, "seaside", day(2027, 3, 6), 1, {2}, number(53)), later),
                 ErrorCode::kLimitReached);
}

TEST_F(WinBatches, AnEarlyBatchsBookingIsNotShownToItsHolderUntilTheResultsAreOut) {
  evolve(s, StayLimitsSet{{0, 1, 0}});  // one night a month
  ASSERT_TRUE(publish_batched().ok());
  const Instant later = jst(2027, 1, 5);
  ASSERT_TRUE(schedule(later).ok());
  // u1's win is booked by the first batch; the results are still pending.
  ASSERT_EQ(s.by_user.at("u1").size(), 1u);
  const Reservation& won = s.reservations.at(s.by_user.at("u1").front());
  EXPECT_EQ(lottery_result(s, "u1", "2027-03").status, LotteryResult::Status::kPending);
  EXPECT_FALSE(s.shown_to_holder(won));
  EXPECT_EQ(limit_usage(s, "u1", day(2027, 3, 5)).at(0).used, 0);
  // The limit is enforced all the same.
  EXPECT_REFUSED(decide(s, book("u1", "seaside", day(2027, 3, 6), 1, {2}, number(50)), later),
                 ErrorCode::kLimitReached);
  // At the last batch the results, the booking and its night are out together.
  ASSERT_TRUE(schedule(later).ok());
  EXPECT_EQ(lottery_result(s, "u1", "2027-03").status, LotteryResult::Status::kWon);
  EXPECT_TRUE(s.shown_to_holder(won));
  EXPECT_EQ(limit_usage(s, "u1", day(2027, 3, 5)).at(0).used, 1);
}

// Not shown is not theirs to act on: until the results are out the holder
// can neither cancel, change nor confirm an early batch's win (not_found,
// as for a number that is not theirs); an operator can.
TEST_F(WinBatches, AnEarlyBatchsWinIsNotItsHoldersToActOnUntilTheResultsAreOut) {
  ASSERT_TRUE(publish_batched().ok());
  const Instant later = jst(2027, 1, 5);
  ASSERT_TRUE(schedule(later).ok());
  const std::string won = s.by_user.at("u1").front();
  const std::string other = s.by_user.at("u2").front();
  EXPECT_REFUSED(decide(s, {Actor::user("u1"), CancelReservations{"u1", {won}}}, later),
                 ErrorCode::kNotFound);
  ChangeReservation change{"u1", won};
  change.people = std::vector<int>{1};
  EXPECT_REFUSED(decide(s, {Actor::user("u1"), change}, later), ErrorCode::kNotFound);
  EXPECT_REFUSED(decide(s, {Actor::user("u1"), ConfirmWin{won}}, later), ErrorCode::kNotFound);
  EXPECT_TRUE(decide(s, {Actor::op("alice"), ConfirmWin{won}}, later).ok());
  EXPECT_TRUE(decide(s, {Actor::op("alice"), CancelReservations{"u2", {other}}}, later).ok());
  // Once the results are out, they are the holder's.
  ASSERT_TRUE(schedule(later).ok());
  EXPECT_TRUE(decide(s, {Actor::user("u1"), ConfirmWin{won}}, later).ok());
  EXPECT_TRUE(decide(s, {Actor::user("u1"), change}, later).ok());
  EXPECT_TRUE(decide(s, {Actor::user("u1"), CancelReservations{"u1", {won}}}, later).ok());
}

// An operator's change or cancellation of a win its holder cannot see yet
// sends no receipt then, which would tell of the win before the results: the
// result notice describes the win as changed, and a cancelled win's receipt
// follows its result notice.
TEST_F(WinBatches, AHiddenWinsChangeAndCancellationAreToldWithTheResults) {
  ASSERT_TRUE(publish_batched().ok());
  const Instant later = jst(2027, 1, 5);
  ASSERT_TRUE(schedule(later).ok());
  const std::string changed = s.by_user.at("u1").front();
  const std::string cancelled = s.by_user.at("u2").front();
  ChangeReservation change;
  change.user = "u1";
  change.number = changed;
  change.people = std::vector<int>{1};
  auto c = apply(s, {Actor::op("alice"), change}, later);
  ASSERT_TRUE(c.ok()) << c.error().message;
  EXPECT_TRUE(of<NoticeIssued>(*c).empty());
  log_.insert(log_.end(), c->begin(), c->end());
  auto x = apply(s, {Actor::op("alice"), CancelReservations{"u2", {cancelled}}}, later);
  ASSERT_TRUE(x.ok()) << x.error().message;
  EXPECT_TRUE(of<NoticeIssued>(*x).empty());
  log_.insert(log_.end(), x->begin(), x->end());

  ASSERT_TRUE(schedule(later).ok());  // the last batch: the results are out
  auto told = schedule(later);
  ASSERT_TRUE(told.ok());
  const std::vector<NoticeIssued> notices = of<NoticeIssued>(*told);
  auto of_user = [&](const std::string& user) {
    std::vector<NoticeIssued> mine;
    for (const NoticeIssued& n : notices) {
      if (n.user == user) mine.push_back(n);
    }
    return mine;
  };
  const std::vector<NoticeIssued> first = of_user("u1");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].kind, NoticeKind::kLotteryResult);
  EXPECT_NE(first[0].body.find(changed), std::string::npos) << first[0].body;
  EXPECT_NE(first[0].body.find("人数: 1名"), std::string::npos) << first[0].body;
  const std::vector<NoticeIssued> second = of_user("u2");
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0].kind, NoticeKind::kLotteryResult);
  EXPECT_NE(second[0].body.find(cancelled), std::string::npos) << second[0].body;
  EXPECT_EQ(second[0].confirm_by, 0);  // nothing left to confirm
  EXPECT_EQ(second[1].kind, NoticeKind::kCancellationReceipt);
  EXPECT_EQ(second[1].id, "cancelled-" + cancelled);
  EXPECT_EQ(second[1].cause, cancelled);
  // Once the results are out, a change has its receipt at once.
  change.people = std::vector<int>{2};
  auto after = apply(s, {Actor::op("alice"), change}, later);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(of<NoticeIssued>(*after).size(), 1u);
  log_.insert(log_.end(), after->begin(), after->end());
  expect_replays_to(before_, log_, s);
}

// An operator's cancellation of a win its holder cannot see yet, inside the
// late period, is not the holder's late cancellation: no suspension, and no
// suspension notice telling of the win before the results. Once the results
// are out, the same cancellation of a win is late as any other.
TEST_F(WinBatches, AHiddenWinsLateCancellationSuspendsNobody) {
  ASSERT_TRUE(publish_batched().ok());
  ASSERT_TRUE(schedule(jst(2027, 1, 5)).ok());
  const std::string hidden = s.by_user.at("u2").front();
  const Instant late = jst(2027, 3, 3, 10);  // the night is 3/5: inside the late period
  auto x = apply(s, {Actor::op("alice"), CancelReservations{"u2", {hidden}}}, late);
  ASSERT_TRUE(x.ok()) << x.error().message;
  EXPECT_TRUE(of<UserSuspended>(*x).empty());
  EXPECT_TRUE(of<NoticeIssued>(*x).empty());
  EXPECT_EQ(s.suspension_on("u2", tokyo_date(late)), nullptr);
  log_.insert(log_.end(), x->begin(), x->end());

  ASSERT_TRUE(schedule(late).ok());  // the last batch: the results are out
  auto told = schedule(late);
  ASSERT_TRUE(told.ok());
  for (const NoticeIssued& n : of<NoticeIssued>(*told)) {
    EXPECT_NE(n.kind, NoticeKind::kSuspended) << n.user;
  }
  const std::string shown = s.by_user.at("u1").front();
  auto after = apply(s, {Actor::op("alice"), CancelReservations{"u1", {shown}}}, late);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(of<UserSuspended>(*after).size(), 1u);
  log_.insert(log_.end(), after->begin(), after->end());
  expect_replays_to(before_, log_, s);
}

TEST_F(WinBatches, AnErasedHoldersWinIsPassedOverAndASuspendedHoldersIsBooked) {
  ASSERT_TRUE(publish_batched().ok());
  // Between the publication and the batches: u3 and the last winner are
  // erased, u4 is suspended.
  const std::string last = "u" + std::to_string(kWins);
  const Date night = day(2027, 3, 5);
  record(PersonalDataErased{"ru3", "asked"});
  record(PersonalDataErased{"r" + last, "asked"});
  record(UserSuspended{"u4", SuspensionCause::kNoShow, "", day(2027, 1, 1), day(2027, 12, 31)});
  const Instant later = jst(2027, 1, 5);
  auto first = schedule(later);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(of<ReservationBooked>(*first).size(), kWinsPerCommand - 1);
  EXPECT_EQ(
      std::get<LotteryWinsBooked>(first->back()),
      (LotteryWinsBooked{"2027-03", kWinsPerCommand, false, {{"au3", RoomStyle::kStandard}}}));
  EXPECT_FALSE(s.by_user.count("u3"));
  EXPECT_EQ(s.by_user.at("u4").size(), 1u);  // a suspension does not void a drawn win
  // u3's room joined first-come in that command.
  EXPECT_EQ(count(night).held + count(night).booked, kWins - 1);
  EXPECT_TRUE(decide(s, book("l1", "seaside", night, 1, {2}, number(50)), later).ok());

  auto second = schedule(later);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(of<ReservationBooked>(*second).size(), 4u);
  EXPECT_EQ(std::get<LotteryWinsBooked>(second->back()),
            (LotteryWinsBooked{"2027-03",
                               static_cast<std::uint32_t>(kWins),
                               true,
                               {{"a" + last, RoomStyle::kStandard}}}));
  EXPECT_FALSE(s.by_user.count(last));
  EXPECT_EQ(count(night).held, 0);
  EXPECT_EQ(count(night).booked, kWins - 2);
  expect_replays_to(before_, log_, s);
}

TEST_F(WinBatches, EveryWinIsPricedByTheRatesInForceAtThePublication) {
  Facility f = s.facilities.at("seaside");
  RateTable rates;
  rates.effective_from = day(2026, 4, 1);
  rates.adult = 3000;
  f.rates = {rates};
  record(FacilityChanged{f});
  ASSERT_TRUE(publish_batched().ok());
  // Between the publication and the batches the rate goes up (a writer down
  // for weeks, say); the wins keep the price of the publication.
  f.rates[0].adult = 9000;
  record(FacilityChanged{f});
  const Instant later = jst(2027, 1, 5);
  ASSERT_TRUE(schedule(later).ok());
  ASSERT_TRUE(schedule(later).ok());
  ASSERT_TRUE(s.wins_to_book.empty());
  const std::vector<ReservationBooked> booked = of<ReservationBooked>(log_);
  ASSERT_EQ(booked.size(), static_cast<std::size_t>(kWins));
  for (const ReservationBooked& b : booked) {
    ASSERT_TRUE(b.reservation.price.has_value());
    EXPECT_EQ(b.reservation.price->total, 2 * 3000);  // two adults, one Friday night
  }
  // A first-come booking now pays the new rate.
  auto now = decide(s, book("l1", "seaside", day(2027, 3, 6), 1, {2}, number(50)), later);
  ASSERT_TRUE(now.ok());
  EXPECT_GT(std::get<ReservationBooked>(now->front()).reservation.price->total, 2 * 3000);
  expect_replays_to(before_, log_, s);
}

TEST_F(WinBatches, APublicationOfWinsThatFitBooksThemInItsOwnGroupAsBefore) {
  s = with_facilities({standard_facility(2)});
  open(ConfirmationRule::kRequired, 2);
  auto r = apply(s, {Actor::op("alice"), PublishLottery{"2027-03", {number(100), number(101)}}},
                 kPublished);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_TRUE(std::get<LotteryPublished>(r->front()).kept.empty());
  for (const ReservationBooked& b : of<ReservationBooked>(*r)) EXPECT_FALSE(b.from_hold);
  EXPECT_TRUE(s.wins_to_book.empty());
  EXPECT_EQ(lottery_result(s, "u1", "2027-03").status, LotteryResult::Status::kWon);
  EXPECT_TRUE(s.shown_to_holder(s.reservations.at(number(100))));
}

}  // namespace
}  // namespace hoyo::domain::testing
