// Offers to runners-up: the order and the fit, skipping winners and holders,
// declined and lapsed offers moving on, the last one going to first-come,
// accepting (once) and every deadline at its edge and just past.
#include <gtest/gtest.h>

#include "domain/decide_internal.h"
#include "domain/event_codec.h"
#include "domain/offer.h"
#include "domain/offer_snapshot.h"
#include "win_fixture.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Instant kLapse = jst(2026, 12, 20);                // u1's win lapses (confirm by 12-19)
const Instant kRelease = jst(2026, 12, 20, 12);          // and would be released to first-come
const Instant kOfferBy = jst(2026, 12, 22, 23, 59, 59);  // an offer made at the lapse, 2 days
const Date kCheckIn = day(2027, 3, 5);

struct Wish {
  std::string user;
  Date check_in = kCheckIn;
  int nights = 2;
  int people = 2;
  int preference = 1;
  std::string facility = "seaside";
};

// A runners-up period: u1 wins the only room (2 nights from kCheckIn); the
// others applied as `wishes` say; `order` is the draw's order.
class RunnerUps : public WinConfirmation {
 protected:
  void open_runners_up(const std::vector<Wish>& wishes, std::vector<std::string> order,
                       int winners = 1) {
    s = with_facilities({standard_facility(2), standard_facility(1, "hillside")});
    LotteryPeriod p = march_period("2027-03", {"seaside", "hillside"});
    p.publish_at = kPublished;
    p.confirmation = ConfirmationRule::kRequired;
    p.release = ReleaseRule::kRunnersUp;
    for (int n = 0; n < 2; ++n) {
      p.allotment.push_back({"seaside", kCheckIn.plus_days(n), RoomStyle::kStandard, winners});
    }
    evolve(s, LotteryOpened{p});
    LotteryDrawn d;
    d.lottery = p.id;
    d.order = std::move(order);
    std::vector<Wish> all;
    for (int i = 1; i <= winners; ++i) all.push_back({"u" + std::to_string(i)});
    all.insert(all.end(), wishes.begin(), wishes.end());
    int n = 0;
    for (const Wish& w : all) {
      if (!s.accounts.user(w.user)) {
        RegistrationSubmitted sub;
        sub.id = "r" + w.user;
        sub.email_given = true;
        evolve(s, sub);
        evolve(s, RegistrationApproved{sub.id, w.user, true, 0});
      }
      LotteryApplication a{"a" + std::to_string(++n),
                           p.id,
                           w.user,
                           w.facility,
                           w.check_in,
                           w.nights,
                           std::vector<int>(w.nights, w.people),
                           StyleWish::kAny,
                           w.preference,
                           ApplicationStatus::kActive,
                           0};
      evolve(s, LotteryApplied{a});
      if (w.user.front() == 'u') d.wins.push_back({a.id, RoomStyle::kStandard});
    }
    evolve(s, d);
    numbers = publish();
  }

  const Offer& offer_of(const std::string& user) const {
    for (const auto& [id, o] : s.offers) {
      if (o.user == user) return o;
    }
    static const Offer none;
    ADD_FAILURE() << "no offer to " << user;
    return none;
  }

  std::vector<std::string> numbers;
};

TEST(OfferDeadline, TwoDaysAfterTheOffersDayOrTheFirstComeClose) {
  const BookingRules rules{};
  EXPECT_EQ(offer_deadline(2, rules, kCheckIn, kLapse), kOfferBy);
  EXPECT_EQ(offer_deadline(2, rules, kCheckIn, jst(2026, 12, 20, 23, 59, 59)), kOfferBy);
  // First-come for 12-25 closes at 12-23 00:00: the deadline is a second before.
  EXPECT_EQ(offer_deadline(5, rules, day(2026, 12, 25), kLapse), jst(2026, 12, 22, 23, 59, 59));
  EXPECT_EQ(offer_deadline(2, rules, day(2026, 12, 23), kLapse), jst(2026, 12, 20, 23, 59, 59));
}

TEST_F(RunnerUps, TheLapseOffersTheNextFittingApplicantInTheDrawsOrder) {
  // l1 wants other nights, l2 another facility, l3 too many people for the
  // room; u1 won; l4 fits with their second wish, l5 fits too (later).
  open_runners_up({{"l1", day(2027, 3, 12)},
                   {"l2", kCheckIn, 2, 2, 1, "hillside"},
                   {"l3", kCheckIn, 2, 5},
                   {"l4", day(2027, 3, 20), 1, 2, 1},
                   {"l4", kCheckIn.plus_days(1), 1, 3, 2},
                   {"l5"}},
                  {"l1", "l2", "u1", "l3", "l4", "l5"});
  auto r = run(kLapse);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(of<WinLapsed>(*r).size(), 1u);
  const auto offered = of<RoomOffered>(*r);
  ASSERT_EQ(offered.size(), 1u);
  const Offer& o = offered[0].offer;
  EXPECT_EQ(o.id, numbers[0] + "-1");
  EXPECT_EQ(o.user, "l4");
  EXPECT_EQ(o.application, "a6");  // their second wish: the first does not fit
  EXPECT_EQ(o.check_in, kCheckIn.plus_days(1));
  EXPECT_EQ(o.nights, 1);
  EXPECT_EQ(o.rank, 4);
  EXPECT_EQ(o.at, kLapse);
  EXPECT_EQ(o.offer_by, kOfferBy);
  // Told by mail and in お知らせ, with the offer's deadline.
  const auto notices = of<NoticeIssued>(*r);
  ASSERT_EQ(notices.size(), 2u);  // the lapse, the offer
  EXPECT_EQ(notices[1].kind, NoticeKind::kRunnerUpOffer);
  EXPECT_EQ(notices[1].user, "l4");
  EXPECT_EQ(notices[1].id, "offer-" + o.id);
  EXPECT_EQ(notices[1].confirm_by, kOfferBy);
  EXPECT_FALSE(notices[1].mail.empty());
  EXPECT_NE(notices[1].body.find("2026-12-22 23:59"), std::string::npos) << notices[1].body;
  // Both nights stay held: not at the release time either.
  EXPECT_EQ(count(kCheckIn).held, 1);
  EXPECT_EQ(count(kCheckIn.plus_days(1)).held, 1);
  auto at_release = run(kRelease);
  ASSERT_TRUE(at_release.ok());
  EXPECT_TRUE(at_release->empty());
  EXPECT_EQ(count(kCheckIn).held, 1);
  // Sent once: nothing more is due before the offer's deadline.
  auto again = run(kOfferBy);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST_F(RunnerUps, ADeclinedOfferMovesOnAndTheLastOneGoesToFirstCome) {
  open_runners_up({{"l1"}, {"l2"}}, {"u1", "l1", "l2"});
  ASSERT_TRUE(run(kLapse).ok());
  const std::string first = offer_of("l1").id;
  EXPECT_REFUSED(decide(s, {Actor::user("l2"), DeclineOffer{first}}, kLapse), ErrorCode::kNotFound);
  auto declined = apply(s, {Actor::user("l1"), DeclineOffer{first}}, jst(2026, 12, 20, 9));
  ASSERT_TRUE(declined.ok());
  ASSERT_EQ(of<OfferDeclined>(*declined).size(), 1u);
  const auto next = of<RoomOffered>(*declined);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].offer.user, "l2");
  EXPECT_EQ(next[0].offer.id, numbers[0] + "-2");
  EXPECT_TRUE(of<LapsedRoomReleased>(*declined).empty());
  // Declining twice answers with nothing to write.
  auto twice = apply(s, {Actor::user("l1"), DeclineOffer{first}}, jst(2026, 12, 20, 10));
  ASSERT_TRUE(twice.ok());
  EXPECT_TRUE(twice->empty());
  // The last runner-up declines after the win's release time: first-come at once.
  const Instant late = jst(2026, 12, 21, 8);
  auto last = apply(s, {Actor::user("l2"), DeclineOffer{next[0].offer.id}}, late);
  ASSERT_TRUE(last.ok());
  EXPECT_TRUE(of<RoomOffered>(*last).empty());
  EXPECT_EQ(
      of<LapsedRoomReleased>(*last),
      (std::vector<LapsedRoomReleased>{{numbers[0], late, {kCheckIn, kCheckIn.plus_days(1)}}}));
  EXPECT_EQ(count(kCheckIn).held, 0);
  EXPECT_EQ(count(kCheckIn.plus_days(1)).held, 0);
  auto after = run(jst(2027, 1, 10));
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
}

TEST_F(RunnerUps, WithoutRunnersUpTheRoomGoesToFirstComeAtTheReleaseTime) {
  open_runners_up({{"l1", day(2027, 3, 12)}}, {"l1", "u1"});
  auto r = run(kLapse);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(of<RoomOffered>(*r).empty());
  EXPECT_TRUE(of<LapsedRoomReleased>(*r).empty());
  auto before = run(kRelease - 1);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());
  auto released = run(kRelease);
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(of<LapsedRoomReleased>(*released).size(), 1u);
  EXPECT_EQ(count(kCheckIn).held, 0);
}

TEST_F(RunnerUps, ALapsedOfferMovesOnAtItsDeadlineAndNotASecondBefore) {
  open_runners_up({{"l1"}, {"l2"}}, {"u1", "l1", "l2"});
  ASSERT_TRUE(run(kLapse).ok());
  const std::string first = offer_of("l1").id;
  auto early = run(kOfferBy + kMicrosPerSecond - 1);  // within the deadline's last second
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
  auto lapsed = run(kOfferBy + kMicrosPerSecond);  // 12-23 00:00: the lapse is due
  ASSERT_TRUE(lapsed.ok());
  ASSERT_EQ(of<OfferLapsed>(*lapsed),
            (std::vector<OfferLapsed>{{first, kOfferBy + kMicrosPerSecond}}));
  const auto next = of<RoomOffered>(*lapsed);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].offer.user, "l2");
  // Its own deadline runs from the lapse of the one before.
  EXPECT_EQ(next[0].offer.at, kOfferBy + kMicrosPerSecond);
  EXPECT_EQ(next[0].offer.offer_by, jst(2026, 12, 25, 23, 59, 59));
  EXPECT_REFUSED(decide(s, {Actor::user("l1"), AcceptOffer{first, number(900)}}, kOfferBy),
                 ErrorCode::kWindowClosed);
  // The last one lapses too: released to first-come at its lapse.
  auto last = run(jst(2026, 12, 26));
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(of<OfferLapsed>(*last).size(), 1u);
  EXPECT_EQ(of<LapsedRoomReleased>(*last).size(), 1u);
  EXPECT_EQ(count(kCheckIn).held, 0);
}

// The writer was down from before the lapse until after the offer's deadline
// would have passed: the offer is made when it comes back, with the whole
// time to answer, not born lapsed and run down the order to first-come.
TEST_F(RunnerUps, AnOfferMadeLateAfterTheWriterWasDownGivesTheWholeTimeToAnswer) {
  open_runners_up({{"l1"}, {"l2"}}, {"u1", "l1", "l2"});
  const Instant back = jst(2026, 12, 28, 10);
  auto r = run(back);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(of<WinLapsed>(*r), (std::vector<WinLapsed>{{numbers[0], kLapse}}));  // its due time
  const auto offered = of<RoomOffered>(*r);
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0].offer.user, "l1");
  EXPECT_EQ(offered[0].offer.at, back);
  EXPECT_EQ(offered[0].offer.offer_by, jst(2026, 12, 30, 23, 59, 59));
  auto later = run(back + kMicrosPerSecond);
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->empty());
  // Down again past that deadline: its lapse carries its due time, the next
  // offer is made at the return.
  const Instant again = jst(2027, 1, 5, 10);
  auto next = run(again);
  ASSERT_TRUE(next.ok());
  EXPECT_EQ(of<OfferLapsed>(*next),
            (std::vector<OfferLapsed>{{offered[0].offer.id, jst(2026, 12, 31)}}));
  const auto second = of<RoomOffered>(*next);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].offer.user, "l2");
  EXPECT_EQ(second[0].offer.at, again);
  EXPECT_EQ(second[0].offer.offer_by, jst(2027, 1, 7, 23, 59, 59));
}

TEST_F(RunnerUps, AcceptingBooksTheRoomOnceUntilTheDeadlinesLastSecond) {
  open_runners_up({{"l1"}, {"l2"}}, {"u1", "l1", "l2"});
  ASSERT_TRUE(run(kLapse).ok());
  const std::string id = offer_of("l1").id;
  // The deadline's second runs to its end, when the lapse is due.
  EXPECT_REFUSED(
      decide(s, {Actor::user("l1"), AcceptOffer{id, number(900)}}, kOfferBy + kMicrosPerSecond),
      ErrorCode::kWindowClosed);
  EXPECT_TRUE(
      decide(s, {Actor::user("l1"), AcceptOffer{id, number(900)}}, kOfferBy + kMicrosPerSecond - 1)
          .ok());
  EXPECT_REFUSED(decide(s, {Actor::user("l2"), AcceptOffer{id, number(900)}}, kOfferBy),
                 ErrorCode::kNotFound);
  auto r = apply(s, {Actor::user("l1"), AcceptOffer{id, number(900)}}, kOfferBy);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(of<OfferAccepted>(*r), (std::vector<OfferAccepted>{{id, number(900), kOfferBy}}));
  const auto booked = of<ReservationBooked>(*r);
  ASSERT_EQ(booked.size(), 1u);
  const Reservation& b = booked[0].reservation;
  EXPECT_EQ(b.origin, Origin::kRunnerUp);
  EXPECT_EQ(b.user, "l1");
  EXPECT_EQ(b.confirmation, Confirmation::kNone);  // accepting is the confirmation
  EXPECT_EQ(b.check_in, kCheckIn);
  EXPECT_EQ(b.nights, 2);
  EXPECT_EQ(of<NoticeIssued>(*r).size(), 1u);  // the booking receipt
  EXPECT_TRUE(of<RoomOffered>(*r).empty());    // every night taken
  EXPECT_EQ(count(kCheckIn).held, 0);
  EXPECT_EQ(count(kCheckIn).booked, 1);
  // Not against K: no first-come count.
  EXPECT_EQ(s.upcoming_first_come("l1", day(2026, 12, 23)), 0);
  auto twice = apply(s, {Actor::user("l1"), AcceptOffer{id, number(901)}}, kOfferBy + 1);
  ASSERT_TRUE(twice.ok());
  EXPECT_TRUE(twice->empty());
  EXPECT_REFUSED(decide(s, {Actor::user("l1"), DeclineOffer{id}}, kOfferBy), ErrorCode::kConflict);
  // Nothing more is ever due for it.
  auto later = run(jst(2027, 1, 10));
  ASSERT_TRUE(later.ok());
  EXPECT_TRUE(later->empty());
}

// The rules of any booking hold for an offer: a runner-up suspended on the
// day of the lapse is passed over, and one suspended after the offer cannot
// accept it but may decline.
TEST_F(RunnerUps, ASuspendedRunnerUpIsPassedOverAndCannotAccept) {
  open_runners_up({{"l1"}, {"l2"}, {"l3"}}, {"u1", "l1", "l2", "l3"});
  evolve(s, UserSuspended{"l1", SuspensionCause::kNoShow, "9", day(2026, 12, 1), day(2027, 1, 29)});
  auto r = run(kLapse);
  ASSERT_TRUE(r.ok());
  const auto offered = of<RoomOffered>(*r);
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0].offer.user, "l2");
  // l2 is suspended after the offer: accepting is refused, declining is not.
  evolve(s, UserSuspended{"l2", SuspensionCause::kLateCancellation, "8", day(2026, 12, 21),
                          day(2027, 1, 19)});
  const Instant answer = jst(2026, 12, 21, 9);
  EXPECT_REFUSED(
      decide(s, {Actor::user("l2"), AcceptOffer{offered[0].offer.id, number(900)}}, answer),
      ErrorCode::kSuspended);
  auto by_operator =
      decide(s, {Actor::op("alice"), AcceptOffer{offered[0].offer.id, number(900)}}, answer);
  ASSERT_FALSE(by_operator.ok());
  EXPECT_EQ(by_operator.error().message, base::MessageId::kUserSuspended);  // no override here
  auto declined = apply(s, {Actor::user("l2"), DeclineOffer{offered[0].offer.id}}, answer);
  ASSERT_TRUE(declined.ok());
  const auto next = of<RoomOffered>(*declined);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].offer.user, "l3");
}

// A stay past the runner-up's limits is offered in the draw's order (a
// scheduler batch could not judge the limits as the audit does), but cannot
// be accepted; declining moves on.
TEST_F(RunnerUps, AStayPastTheUsersLimitsCannotBeAccepted) {
  open_runners_up({{"l1"}, {"l2"}}, {"u1", "l1", "l2"});
  StayLimits one_night;
  one_night.nights_per_month = 1;
  evolve(s, StayLimitsSet{one_night});
  auto r = run(kLapse);
  ASSERT_TRUE(r.ok());
  const auto offered = of<RoomOffered>(*r);
  ASSERT_EQ(offered.size(), 1u);
  EXPECT_EQ(offered[0].offer.user, "l1");  // 2 nights in March, past the limit
  const Instant answer = jst(2026, 12, 21, 9);
  EXPECT_REFUSED(
      decide(s, {Actor::user("l1"), AcceptOffer{offered[0].offer.id, number(900)}}, answer),
      ErrorCode::kLimitReached);
  // Operators are refused the same way.
  EXPECT_REFUSED(
      decide(s, {Actor::op("alice"), AcceptOffer{offered[0].offer.id, number(900)}}, answer),
      ErrorCode::kLimitReached);
  auto declined = apply(s, {Actor::user("l1"), DeclineOffer{offered[0].offer.id}}, answer);
  ASSERT_TRUE(declined.ok());
  ASSERT_EQ(of<RoomOffered>(*declined).size(), 1u);
  const Offer next = of<RoomOffered>(*declined)[0].offer;
  EXPECT_EQ(next.user, "l2");
  evolve(s, StayLimitsSet{StayLimits{}});  // the limit lifted: l2 accepts
  EXPECT_TRUE(decide(s, {Actor::user("l2"), AcceptOffer{next.id, number(900)}}, answer).ok());
}

TEST_F(RunnerUps, TheNightsARunnerUpDoesNotTakeMoveOn) {
  // l1 takes the first night only; l2 the second; l3 would have taken both.
  open_runners_up({{"l1", kCheckIn, 1}, {"l3"}, {"l2", kCheckIn.plus_days(1), 1}},
                  {"u1", "l1", "l3", "l2"});
  ASSERT_TRUE(run(kLapse).ok());
  const Offer& first = offer_of("l1");
  EXPECT_EQ(first.nights, 1);
  auto r = apply(s, {Actor::op("alice"), AcceptOffer{first.id, number(900)}}, kLapse);
  ASSERT_TRUE(r.ok());
  const auto next = of<RoomOffered>(*r);
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].offer.user, "l2");  // l3's two nights no longer fit
  EXPECT_EQ(next[0].offer.check_in, kCheckIn.plus_days(1));
  EXPECT_EQ(count(kCheckIn).held, 0);
  EXPECT_EQ(count(kCheckIn).booked, 1);
  EXPECT_EQ(count(kCheckIn.plus_days(1)).held, 1);
}

TEST_F(RunnerUps, OneRunnerUpHoldsOneOfferAtATime) {
  // Two wins lapse at once; l1 fits both but holds one offer; l2 gets the other.
  open_runners_up({{"l1"}, {"l2"}}, {"u1", "u2", "l1", "l2"}, 2);
  auto r = run(kLapse);
  ASSERT_TRUE(r.ok());
  const auto offered = of<RoomOffered>(*r);
  ASSERT_EQ(offered.size(), 2u);
  EXPECT_EQ(offered[0].offer.user, "l1");
  EXPECT_EQ(offered[1].offer.user, "l2");
  // l1 declines: l2 holds an offer already, nobody else is left.
  auto d = apply(s, {Actor::user("l1"), DeclineOffer{offered[0].offer.id}}, kLapse);
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(of<RoomOffered>(*d).empty());
  EXPECT_TRUE(of<LapsedRoomReleased>(*d).empty());  // not before the release time
  auto released = run(kRelease);
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(of<LapsedRoomReleased>(*released).size(), 1u);
}

TEST_F(RunnerUps, EventsRoundTripReplayAndSnapshotToTheSameState) {
  open_runners_up({{"l1"}, {"l2"}, {"l3", kCheckIn, 1}}, {"u1", "l1", "l2", "l3"});
  BookingState before = s;
  std::vector<Event> log;
  auto keep = [&](const Result<std::vector<Event>>& r) {
    ASSERT_TRUE(r.ok());
    log.insert(log.end(), r->begin(), r->end());
  };
  keep(run(kLapse));
  keep(apply(s, {Actor::user("l1"), DeclineOffer{offer_of("l1").id}}, kLapse));
  keep(run(jst(2026, 12, 24)));  // l2's offer lapses; l3 is offered
  expect_replays_to(before, log, s);
  if (::testing::Test::HasFatalFailure()) return;
  EXPECT_EQ(offer_of("l3").status, OfferStatus::kOpen);
  EXPECT_EQ(s.chains.at(numbers[0]).next, 4);
  SnapshotWriter w;
  save_offers(w, s);
  const std::string bytes = w.take();
  BookingState restored = s;
  restored.offers.clear();
  restored.chains.clear();
  restored.open_offers.clear();
  restored.offer_holders.clear();
  restored.runner_up_winners.clear();
  SnapshotReader rd(bytes);
  restore_offers(rd, restored);
  ASSERT_FALSE(rd.failed());
  EXPECT_TRUE(rd.at_end());
  EXPECT_EQ(restored, s);
}

TEST_F(RunnerUps, TheAuditFindsAnOfferTheRulesDoNotGive) {
  open_runners_up({{"l1"}, {"l2"}}, {"u1", "l1", "l2"});
  BookingState at_lapse = s;
  auto r = run(kLapse);
  ASSERT_TRUE(r.ok());
  // Fold up to the offer, then check it, and a forged one.
  std::string difference = "not reached";
  for (const Event& e : *r) {
    if (auto* o = std::get_if<RoomOffered>(&e)) {
      difference = offer_difference(at_lapse, *o);
      RoomOffered forged = *o;
      forged.offer.user = "l2";
      forged.offer.application = "a3";
      forged.offer.rank = 2;
      EXPECT_NE(offer_difference(at_lapse, forged), "");
      RoomOffered late = *o;
      late.offer.offer_by += kMicrosPerDay;
      EXPECT_NE(offer_difference(at_lapse, late), "");
    }
    evolve(at_lapse, e);
  }
  EXPECT_EQ(difference, "");
}

TEST_F(RunnerUps, APeriodReadsItsReleaseRuleAndOfferDaysBack) {
  LotteryPeriod p;
  p.id = "x";
  p.release = ReleaseRule::kRunnersUp;
  p.offer_days = 5;
  p.seed_hash.fill(1);
  auto back = decode_event("LotteryOpened", encode_event(LotteryOpened{p}).payload);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(std::get<LotteryOpened>(*back).period, p);
  LotteryDrawn d;
  d.lottery = "x";
  d.order = {"3", "1", "2"};
  auto drawn = decode_event("LotteryDrawn", encode_event(d).payload);
  ASSERT_TRUE(drawn.has_value());
  EXPECT_EQ(std::get<LotteryDrawn>(*drawn), d);
}

}  // namespace
}  // namespace hoyo::domain
