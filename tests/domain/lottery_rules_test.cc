// O3, M2, M4: opening a period, applying and cancelling, each rule at its edge.
#include <gtest/gtest.h>

#include "domain/event_codec.h"
#include "fixtures.h"

namespace hoyo::domain {
namespace {

using namespace testing;

// March 2027: applications from 2026-12-01 00:00 to 12-10 00:00 JST, drawn and
// published before January.
const Date kMarch = day(2027, 3, 1);
const Instant kOpens = jst(2026, 12, 1);
const Instant kCloses = jst(2026, 12, 10);
const Instant kSecond = kMicrosPerSecond;
const Actor kOp = Actor::op("alice");

LotteryPeriod march(std::string id = "2027-03", std::vector<std::string> facilities = {"seaside"}) {
  LotteryPeriod p;
  p.id = std::move(id);
  p.stay_month = kMarch;
  p.facilities = std::move(facilities);
  p.opens_at = kOpens;
  p.closes_at = kCloses;
  p.draw_at = jst(2026, 12, 11);
  p.publish_at = jst(2026, 12, 12);
  p.seed_hash.fill(0xab);
  return p;
}

Command apply_cmd(std::string user, std::string facility, Date d, int preference, std::string id,
                  int nights = 1) {
  return {Actor::user(user),
          ApplyToLottery{user, "2027-03", std::move(facility), d, nights,
                         std::vector<int>(nights, 2), StyleWish::kAny, preference, std::move(id)}};
}

class LotteryRules : public ::testing::Test {
 protected:
  void SetUp() override {
    s = with_facilities({standard_facility(2), mixed_facility(2, 1)});
    ASSERT_TRUE(
        apply(s, {kOp, OpenLottery{march("2027-03", {"seaside", "minato-so"})}}, kOpens - kSecond)
            .ok());
    ASSERT_TRUE(commit_auditor(s, "2027-03", kOpens - kSecond).ok());
  }
  BookingState s;
};

TEST(LotteryOpen, OnlyOperatorsBeforeTheWindowOpensWithACommitment) {
  BookingState s = with_facilities({standard_facility(2)});
  EXPECT_REFUSED(decide(s, {Actor::user("1"), OpenLottery{march()}}, kOpens - kSecond),
                 ErrorCode::kForbidden);
  EXPECT_REFUSED(decide(s, {kOp, OpenLottery{march()}}, kOpens), ErrorCode::kWindowClosed);
  LotteryPeriod no_seed = march();
  no_seed.seed_hash = {};
  EXPECT_REFUSED(decide(s, {kOp, OpenLottery{no_seed}}, kOpens - kSecond), ErrorCode::kValidation);
  LotteryPeriod backwards = march();
  backwards.closes_at = backwards.opens_at;
  EXPECT_REFUSED(decide(s, {kOp, OpenLottery{backwards}}, kOpens - kSecond),
                 ErrorCode::kValidation);
  EXPECT_ACCEPTED(apply(s, {kOp, OpenLottery{march()}}, kOpens - kSecond));
  // Another period cannot hold the same facility in the same month.
  EXPECT_REFUSED(decide(s, {kOp, OpenLottery{march("2027-03-b")}}, kOpens - kSecond),
                 ErrorCode::kConflict);
}

TEST(LotteryOpen, APeriodWithoutAnIdIsNamedAfterItsMonthByTheState) {
  BookingState s = with_facilities({standard_facility(2), mixed_facility(2, 1)});
  auto first = apply(s, {kOp, OpenLottery{march("", {"seaside"})}}, kOpens - kSecond);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(std::get<LotteryOpened>(first.value().front()).period.id, "2027-03");
  auto second = apply(s, {kOp, OpenLottery{march("", {"minato-so"})}}, kOpens - kSecond);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(std::get<LotteryOpened>(second.value().front()).period.id, "2027-03-2");
  EXPECT_TRUE(s.lottery("2027-03") && s.lottery("2027-03-2"));
  // Another month starts again at its own name.
  LotteryPeriod april = march("");
  april.stay_month = day(2027, 4, 1);
  auto other_month = decide(s, {kOp, OpenLottery{april}}, kOpens - kSecond);
  ASSERT_TRUE(other_month.ok()) << other_month.error().message;
  EXPECT_EQ(std::get<LotteryOpened>(other_month.value().front()).period.id, "2027-04");
}

TEST(LotteryOpen, TheDefaultAllotmentHoldsEveryRoomOfTheMonthFromFirstCome) {
  BookingState s = with_facilities({standard_facility(2)});
  ASSERT_TRUE(apply(s, {kOp, OpenLottery{march()}}, kOpens - kSecond).ok());
  EXPECT_EQ(s.lottery("2027-03")->allotment.size(), 31u);
  EXPECT_EQ(s.inventory.at("seaside", kMarch, RoomStyle::kStandard).held, 2);
  // March's first-come window opens 2027-01-01 09:00; the held rooms stay closed to it.
  EXPECT_REFUSED(
      decide(s, book("9", "seaside", kMarch.plus_days(3), 1, {2}, number(9)), jst(2027, 1, 1, 9)),
      ErrorCode::kNoVacancy);
  // The allotment cannot exceed what is free.
  LotteryPeriod april = march("2027-04");
  april.stay_month = day(2027, 4, 1);
  april.allotment = {{"seaside", day(2027, 4, 2), RoomStyle::kStandard, 3}};
  EXPECT_REFUSED(decide(s, {kOp, OpenLottery{april}}, kOpens - kSecond), ErrorCode::kConflict);
}

TEST_F(LotteryRules, TheWindowOpensAndClosesToTheSecond) {
  EXPECT_REFUSED(decide(s, apply_cmd("1", "seaside", kMarch, 1, "x1"), kOpens - kSecond),
                 ErrorCode::kNotOpen);
  EXPECT_ACCEPTED(decide(s, apply_cmd("1", "seaside", kMarch, 1, "x1"), kOpens));
  EXPECT_ACCEPTED(decide(s, apply_cmd("1", "seaside", kMarch, 1, "x1"), kCloses - kSecond));
  EXPECT_REFUSED(decide(s, apply_cmd("1", "seaside", kMarch, 1, "x1"), kCloses),
                 ErrorCode::kWindowClosed);
}

TEST_F(LotteryRules, OneFacilityPerUserPerPeriodCountingActiveApplications) {
  EXPECT_ACCEPTED(apply(s, apply_cmd("1", "seaside", kMarch, 1, "x1"), kOpens));
  EXPECT_ACCEPTED(apply(s, apply_cmd("1", "seaside", kMarch.plus_days(1), 2, "x2"), kOpens));
  auto other = decide(s, apply_cmd("1", "minato-so", kMarch, 3, "x3"), kOpens);
  EXPECT_REFUSED(other, ErrorCode::kOtherFacility);
  EXPECT_STREQ(error_code_name(other.error().code), "other_facility");
  // A taken slot is a conflict; cancel it first.
  EXPECT_REFUSED(decide(s, apply_cmd("1", "seaside", kMarch.plus_days(2), 1, "x3"), kOpens),
                 ErrorCode::kConflict);
  // Once every application is cancelled the user may choose again.
  EXPECT_ACCEPTED(apply(
      s, {Actor::user("1"), CancelLotteryApplications{"1", "2027-03", {"x1", "x2"}}}, kOpens));
  EXPECT_ACCEPTED(apply(s, apply_cmd("1", "minato-so", kMarch, 1, "x3"), kOpens));
}

TEST_F(LotteryRules, StaysInsideTheMonthAndSlotsOneToK) {
  EXPECT_ACCEPTED(decide(s, apply_cmd("1", "seaside", day(2027, 3, 30), 1, "x1", 2), kOpens));
  EXPECT_REFUSED(decide(s, apply_cmd("1", "seaside", day(2027, 3, 31), 1, "x1", 2), kOpens),
                 ErrorCode::kValidation);
  EXPECT_REFUSED(decide(s, apply_cmd("1", "seaside", day(2027, 2, 28), 1, "x1"), kOpens),
                 ErrorCode::kValidation);
  EXPECT_ACCEPTED(decide(s, apply_cmd("1", "seaside", kMarch, 3, "x1"), kOpens));
  EXPECT_REFUSED(decide(s, apply_cmd("1", "seaside", kMarch, 4, "x1"), kOpens),
                 ErrorCode::kValidation);
  EXPECT_REFUSED(decide(s, apply_cmd("1", "seaside", kMarch, 0, "x1"), kOpens),
                 ErrorCode::kValidation);
}

TEST_F(LotteryRules, CancellationIsAllOrNothingAndOnlyWhileOpen) {
  ASSERT_TRUE(apply(s, apply_cmd("1", "seaside", kMarch, 1, "x1"), kOpens).ok());
  ASSERT_TRUE(apply(s, apply_cmd("2", "seaside", kMarch, 1, "y1"), kOpens).ok());
  EXPECT_REFUSED(
      apply(s, {Actor::user("1"), CancelLotteryApplications{"1", "2027-03", {"x1", "y1"}}}, kOpens),
      ErrorCode::kNotFound);
  EXPECT_TRUE(s.applications.at("x1").active());
  EXPECT_REFUSED(
      decide(s, {Actor::user("1"), CancelLotteryApplications{"1", "2027-03", {"x1"}}}, kCloses),
      ErrorCode::kWindowClosed);
  EXPECT_ACCEPTED(apply(s, {Actor::user("1"), CancelLotteryApplications{"1", "2027-03", {"x1"}}},
                        kCloses - kSecond));
  EXPECT_FALSE(s.applications.at("x1").active());
}

TEST_F(LotteryRules, EventsRoundTripAndReplayToTheSameState) {
  std::vector<Event> log;
  BookingState live = with_facilities({standard_facility(2), mixed_facility(2, 1)});
  add_auditor(live);
  for (const Command& c :
       {Command{kOp, OpenLottery{march("2027-03", {"seaside", "minato-so"})}},
        Command{kAuditor, CommitAuditorSeed{"2027-03", seed_commitment("a")}},
        apply_cmd("1", "minato-so", kMarch, 1, "x1", 2),
        Command{Actor::user("1"), CancelLotteryApplications{"1", "2027-03", {"x1"}}},
        Command{kAuditor, RevealAuditorSeed{"2027-03", "a"}}}) {
    const Instant now = std::holds_alternative<OpenLottery>(c.body)         ? kOpens - kSecond
                        : std::holds_alternative<CommitAuditorSeed>(c.body) ? kOpens + kSecond
                        : std::holds_alternative<RevealAuditorSeed>(c.body) ? kCloses
                                                                            : kOpens + kSecond;
    auto r = decide(live, c, now);
    ASSERT_TRUE(r.ok()) << r.error().message;
    for (const Event& e : r.value()) {
      const EncodedEvent enc = encode_event(e);
      auto back = decode_event(enc.type, enc.payload);
      ASSERT_TRUE(back.has_value()) << enc.type;
      EXPECT_EQ(*back, e) << enc.type;
      evolve(live, e);
      log.push_back(*back);
    }
  }
  BookingState replayed = with_facilities({standard_facility(2), mixed_facility(2, 1)});
  add_auditor(replayed);
  for (const Event& e : log) evolve(replayed, e);
  EXPECT_EQ(replayed, live);
}

}  // namespace
}  // namespace hoyo::domain
