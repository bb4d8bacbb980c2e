// The ward's limits on stays (issue 17, "Limits"): nights per user per
// fiscal year and per month (first-come stays and wins count, unconfirmed
// wins until they lapse, cancelled stays never), and people per room.
#include "domain/stay_limits.h"

#include <gtest/gtest.h>

#include "domain/event_codec.h"
#include "fixtures.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Actor kOp = Actor::op("centre");

class Limits : public ::testing::Test {
 protected:
  void SetUp() override {
    Facility f = standard_facility(5);
    f.rules.max_upcoming = 20;
    f.rules.open_months_before = 6;
    s = with_facilities({f});
  }
  void set(int per_year, int per_month, int min_people = 0) {
    StayLimits l;
    l.nights_per_fiscal_year = per_year;
    l.nights_per_month = per_month;
    l.min_people_per_room = min_people;
    ASSERT_TRUE(apply(s, {kOp, SetStayLimits{l}}, kNow).ok());
  }
  Result<std::vector<Event>> book_at(Date d, int nights = 1, int people = 2) {
    return apply(s, book("u1", "seaside", d, nights, std::vector<int>(nights, people), number(++n)),
                 kNow);
  }
  const Instant kNow = jst(2027, 2, 1, 10);
  BookingState s;
  std::uint64_t n = 0;
};

TEST_F(Limits, OffByDefault) {
  for (int i = 0; i < 6; ++i) EXPECT_ACCEPTED(book_at(day(2027, 3, 1 + 2 * i), 2));
  EXPECT_TRUE(limit_usage(s, "u1", day(2027, 3, 1)).empty());
}

// A month's limit counts each night in its own month: a stay across the
// month's end takes one night of each.
TEST_F(Limits, NightsPerMonthAtTheEdge) {
  set(0, 2);
  EXPECT_ACCEPTED(book_at(day(2027, 3, 10)));
  EXPECT_ACCEPTED(book_at(day(2027, 3, 31), 2));  // 3/31 in March, 4/1 in April
  auto refused = book_at(day(2027, 3, 20));
  EXPECT_REFUSED(refused, ErrorCode::kLimitReached);
  EXPECT_EQ(refused.error().message, base::MessageId::kNightsPerMonthLimit);
  EXPECT_EQ(base::arg_text(refused.error().args, "used"), "2");
  EXPECT_EQ(base::arg_text(refused.error().args, "max"), "2");
  EXPECT_EQ(base::arg_text(refused.error().args, "period"), "2027-03-01");
  EXPECT_ACCEPTED(book_at(day(2027, 4, 20)));  // April: 4/1 and now 4/20
  EXPECT_REFUSED(book_at(day(2027, 4, 25)), ErrorCode::kLimitReached);
  const std::vector<LimitUsage> usage = limit_usage(s, "u1", day(2027, 4, 5));
  ASSERT_EQ(usage.size(), 1u);
  EXPECT_EQ(usage[0].kind, LimitKind::kNightsPerMonth);
  EXPECT_EQ(usage[0].period, day(2027, 4, 1));
  EXPECT_EQ(usage[0].used, 2);
  EXPECT_EQ(usage[0].left(), 0);
}

// Fiscal years run April to March; a cancelled stay gives its nights back.
TEST_F(Limits, NightsPerFiscalYearAcrossMarch31AndACancellationGivesThemBack) {
  set(3, 0);
  EXPECT_ACCEPTED(book_at(day(2027, 3, 10), 2));
  EXPECT_ACCEPTED(book_at(day(2027, 3, 31), 2));  // 3/31 is the year's third; 4/1 the next's first
  auto refused = book_at(day(2027, 3, 20));
  EXPECT_REFUSED(refused, ErrorCode::kLimitReached);
  EXPECT_EQ(refused.error().message, base::MessageId::kNightsPerYearLimit);
  EXPECT_EQ(base::arg_text(refused.error().args, "period"), "2026-04-01");
  EXPECT_ACCEPTED(apply(s, {Actor::user("u1"), CancelReservations{"u1", {number(1)}, {}}}, kNow));
  EXPECT_ACCEPTED(book_at(day(2027, 3, 20), 2));
  EXPECT_EQ(limit_usage(s, "u1", day(2027, 4, 1)).at(0).used, 1);
}

// An unconfirmed win counts until it lapses.
TEST_F(Limits, AnUnconfirmedWinCountsUntilItLapses) {
  set(0, 1);
  Reservation win;
  win.number = number(900);
  win.user = "u1";
  win.facility = "seaside";
  win.check_in = day(2027, 3, 5);
  win.people = {2};
  win.origin = Origin::kLottery;
  win.confirmation = Confirmation::kRequired;
  win.confirm_by = jst(2027, 2, 10, 23, 59, 59);
  evolve(s, ReservationBooked{win});
  EXPECT_REFUSED(book_at(day(2027, 3, 20)), ErrorCode::kLimitReached);
  EXPECT_ACCEPTED(apply(s, {Actor::system(), RunScheduled{}}, jst(2027, 2, 11)));
  EXPECT_EQ(s.reservations.at(win.number).status, ReservationStatus::kLapsed);
  EXPECT_ACCEPTED(
      apply(s, book("u1", "seaside", day(2027, 3, 20), 1, {2}, number(901)), jst(2027, 2, 11)));
}

// What a user sees of their limits (GET /api/me/limits): the fiscal year and
// the month of today, then each later month where they hold a night; a
// cancelled stay's month is not listed. Counted as the writer counts.
TEST_F(Limits, UsageAheadListsTheYearTodaysMonthAndLaterMonthsWithNights) {
  set(10, 3);
  EXPECT_ACCEPTED(book_at(day(2027, 3, 10)));
  EXPECT_ACCEPTED(book_at(day(2027, 3, 31), 2));  // 3/31 and 4/1
  EXPECT_ACCEPTED(book_at(day(2027, 5, 5)));
  EXPECT_ACCEPTED(book_at(day(2027, 6, 5)));
  EXPECT_ACCEPTED(apply(s, {Actor::user("u1"), CancelReservations{"u1", {number(n)}, {}}}, kNow));
  std::vector<const Reservation*> stays;
  for (const std::string& number : s.by_user.at("u1")) stays.push_back(&s.reservations.at(number));
  const Date today = day(2027, 2, 1);
  const std::vector<LimitUsage> usage = limit_usage_ahead(s.limits, stays, today);
  const std::vector<LimitUsage> expected = {
      {LimitKind::kNightsPerFiscalYear, day(2026, 4, 1), 10, 2},
      {LimitKind::kNightsPerMonth, day(2027, 2, 1), 3, 0},
      {LimitKind::kNightsPerMonth, day(2027, 3, 1), 3, 2},
      {LimitKind::kNightsPerMonth, day(2027, 4, 1), 3, 1},
      {LimitKind::kNightsPerMonth, day(2027, 5, 1), 3, 1}};
  EXPECT_EQ(usage, expected);
  // Today's periods as the writer's own view counts them.
  EXPECT_EQ(std::vector<LimitUsage>(usage.begin(), usage.begin() + 2), limit_usage(s, "u1", today));
  for (const LimitUsage& u : usage) {
    EXPECT_EQ(u.used, nights_held(s, "u1", u.kind, u.period)) << u.period.to_string();
  }
  EXPECT_TRUE(limit_usage_ahead(StayLimits{}, stays, today).empty());
}

TEST_F(Limits, PeoplePerRoomAndTheSettingsRules) {
  set(0, 0, 2);
  auto one = book_at(day(2027, 3, 10), 1, 1);
  EXPECT_REFUSED(one, ErrorCode::kValidation);
  EXPECT_EQ(one.error().fields.at(0).field, "people");
  EXPECT_EQ(one.error().fields.at(0).code, "too_few");
  EXPECT_ACCEPTED(book_at(day(2027, 3, 10), 1, 2));
  ChangeReservation fewer;
  fewer.user = "u1";
  fewer.number = number(n);
  fewer.people = std::vector<int>{1};
  EXPECT_REFUSED(apply(s, {Actor::user("u1"), fewer}, kNow), ErrorCode::kValidation);
  EXPECT_REFUSED(apply(s, {Actor::user("u1"), SetStayLimits{}}, kNow), ErrorCode::kForbidden);
  StayLimits bad;
  bad.nights_per_month = 32;
  EXPECT_REFUSED(apply(s, {kOp, SetStayLimits{bad}}, kNow), ErrorCode::kValidation);
  auto same = apply(s, {kOp, SetStayLimits{s.limits}}, kNow);
  EXPECT_ACCEPTED(same);
  EXPECT_TRUE(same.value().empty());
  const Event e = StayLimitsSet{{10, 2, 2}};
  const EncodedEvent enc = encode_event(e);
  EXPECT_EQ(decode_event(enc.type, enc.payload), e);
}

// The draw does not re-check the limits (docs/booking-core.md, "Limits"): an
// application accepted under the limits in force wins even when a limit set
// since leaves no room for it. The win then counts, so a first-come booking
// in its month is refused.
TEST_F(Limits, TheDrawDoesNotReCheckTheLimits) {
  LotteryPeriod p = march_period("2027-03");
  p.seed_hash = seed_commitment("the operator's secret");
  ASSERT_TRUE(apply(s, {kOp, OpenLottery{p}}, p.opens_at - 1).ok());
  ASSERT_TRUE(commit_auditor(s, p.id, p.opens_at - 1).ok());
  ApplyToLottery a;
  a.user = "u1";
  a.lottery = p.id;
  a.facility = "seaside";
  a.check_in = day(2027, 3, 8);
  a.nights = 2;
  a.people = {2, 2};
  a.preference = 1;
  a.id = "a1";
  EXPECT_ACCEPTED(apply(s, {Actor::user("u1"), a}, p.opens_at + 1));
  StayLimits one_a_month;  // set after the application, before the draw
  one_a_month.nights_per_month = 1;
  ASSERT_TRUE(apply(s, {kOp, SetStayLimits{one_a_month}}, p.closes_at).ok());
  ASSERT_TRUE(reveal_auditor(s, p.id, p.closes_at).ok());
  std::array<std::uint8_t, 32> chain;
  chain.fill(7);
  EXPECT_ACCEPTED(apply(s, {kOp, DrawLottery{p.id, "the operator's secret", chain}}, p.draw_at));
  ASSERT_EQ(s.draws.at(p.id).wins.size(), 1u);
  EXPECT_EQ(s.draws.at(p.id).wins[0].application, "a1");
  EXPECT_ACCEPTED(apply(s, {kOp, PublishLottery{p.id, {number(900)}}}, p.publish_at));
  const Reservation* won = s.reservation(number(900));
  ASSERT_NE(won, nullptr);
  EXPECT_EQ(won->user, "u1");
  EXPECT_EQ(won->nights, 2);
  // Two nights held against a limit of one; the next booking is refused.
  EXPECT_EQ(nights_held(s, "u1", LimitKind::kNightsPerMonth, day(2027, 3, 1)), 2);
  EXPECT_REFUSED(
      apply(s, book("u1", "seaside", day(2027, 3, 20), 1, {2}, number(901)), jst(2027, 1, 2, 10)),
      ErrorCode::kLimitReached);
}

}  // namespace
}  // namespace hoyo::domain
