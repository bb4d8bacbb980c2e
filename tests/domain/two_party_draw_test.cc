// A2, the two-party draw (docs/lottery.md): the auditor commits before the
// window can open and reveals after it closed; the seed is SHA-256(operator
// secret ‖ auditor secret ‖ chain); periods opened under the one-party rule
// keep it, in the draw and in the redraw.
#include <gtest/gtest.h>

#include "base/hex.h"
#include "domain/event_codec.h"
#include "fixtures.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Date kMarch = day(2027, 3, 1);
const Instant kOpens = jst(2026, 12, 1);
const Instant kCloses = jst(2026, 12, 10);
const Instant kSecond = kMicrosPerSecond;
const Actor kOp = Actor::op("alice");
const std::string kOperatorSecret = "the operator's secret";

std::array<std::uint8_t, 32> chain_of(std::uint8_t fill) {
  std::array<std::uint8_t, 32> chain;
  chain.fill(fill);
  return chain;
}

// SHA-256 over the bytes, spelled out apart from draw_seed().
DrawSeed sha256_of(const std::string& bytes) { return seed_commitment(bytes); }
std::string bytes_of(const std::array<std::uint8_t, 32>& a) { return {a.begin(), a.end()}; }

LotteryPeriod march() {
  LotteryPeriod p;
  p.id = "2027-03";
  p.stay_month = kMarch;
  p.facilities = {"seaside"};
  p.opens_at = kOpens;
  p.closes_at = kCloses;
  p.draw_at = jst(2026, 12, 11);
  p.publish_at = jst(2026, 12, 12);
  p.seed_hash = seed_commitment(kOperatorSecret);
  return p;
}

Command apply_cmd(const std::string& user, Date d, const std::string& id) {
  return {Actor::user(user),
          ApplyToLottery{user, "2027-03", "seaside", d, 1, {2}, StyleWish::kAny, 1, id}};
}

Command commit_cmd(const std::string& secret, Actor who = kAuditor) {
  return {std::move(who), CommitAuditorSeed{"2027-03", seed_commitment(secret)}};
}

Command reveal_cmd(const std::string& secret, Actor who = kAuditor) {
  return {std::move(who), RevealAuditorSeed{"2027-03", secret}};
}

Command draw_cmd(const std::array<std::uint8_t, 32>& chain,
                 const std::string& secret = kOperatorSecret) {
  return {kOp, DrawLottery{"2027-03", secret, chain}};
}

// March 2027 on seaside (one room a night), opened just before its window by
// an operator; the auditor "audrey" exists but has not committed.
class TwoPartyDraw : public ::testing::Test {
 protected:
  void SetUp() override {
    s = with_facilities({standard_facility(1)});
    add_auditor(s);
    ASSERT_TRUE(apply(s, {kOp, OpenLottery{march()}}, kOpens - 60 * kSecond).ok());
  }
  LotteryStatus status(Instant at) const { return lottery_status(*s.lottery("2027-03"), at); }
  BookingState s;
};

TEST_F(TwoPartyDraw, APeriodOpenedNowRecordsTheTwoPartyRuleWhateverTheCommandSays) {
  BookingState fresh = with_facilities({standard_facility(1)});
  LotteryPeriod asked = march();
  asked.draw_rule = DrawRule::kOperatorOnly;
  asked.auditor_seed_hash.fill(1);  // nor can the opening bring the auditor's part
  asked.auditor_secret = "x";
  auto opened = apply(fresh, {kOp, OpenLottery{asked}}, kOpens - kSecond);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  const LotteryPeriod& p = std::get<LotteryOpened>(opened->at(0)).period;
  EXPECT_EQ(p.draw_rule, DrawRule::kTwoParty);
  EXPECT_FALSE(p.auditor_committed());
  EXPECT_TRUE(p.auditor_secret.empty());
}

TEST_F(TwoPartyDraw, StatusStaysUpcomingUntilTheAuditorCommits) {
  // opens_at passes without the auditor's commitment: still upcoming.
  EXPECT_EQ(status(kOpens - kSecond), LotteryStatus::kUpcoming);
  EXPECT_EQ(status(kOpens), LotteryStatus::kUpcoming);
  EXPECT_EQ(status(kCloses - kSecond), LotteryStatus::kUpcoming);
  EXPECT_EQ(status(kCloses), LotteryStatus::kClosed);
  // Committed before opens_at: the window opens on time.
  EXPECT_ACCEPTED(apply(s, commit_cmd("a"), kOpens - 30 * kSecond));
  EXPECT_EQ(status(kOpens - kSecond), LotteryStatus::kUpcoming);
  EXPECT_EQ(status(kOpens), LotteryStatus::kOpen);
  EXPECT_EQ(s.lottery("2027-03")->effective_opens_at(), kOpens);
  EXPECT_EQ(status(kCloses), LotteryStatus::kClosed);
}

TEST_F(TwoPartyDraw, ApplicationsAreRefusedNotOpenUntilTheAuditorCommits) {
  auto early = decide(s, apply_cmd("1", kMarch, "x1"), kOpens + kSecond);
  EXPECT_REFUSED(early, ErrorCode::kNotOpen);
  EXPECT_STREQ(error_code_name(early.error().code), "not_open");
  EXPECT_ACCEPTED(apply(s, commit_cmd("a"), kOpens + 2 * kSecond));
  EXPECT_ACCEPTED(apply(s, apply_cmd("1", kMarch, "x1"), kOpens + 2 * kSecond));
  EXPECT_REFUSED(decide(s, apply_cmd("2", kMarch, "x2"), kCloses), ErrorCode::kWindowClosed);
}

TEST_F(TwoPartyDraw, ALateCommitmentOpensTheWindowAtThatMoment) {
  const Instant late = kOpens + 3600 * kSecond;
  EXPECT_ACCEPTED(apply(s, commit_cmd("a"), late));
  EXPECT_EQ(s.lottery("2027-03")->effective_opens_at(), late);
  EXPECT_EQ(s.lottery("2027-03")->auditor_committed_at, late);
  // A late commitment never reaches back: nothing before it was open.
  EXPECT_EQ(status(late - 1), LotteryStatus::kUpcoming);
  EXPECT_EQ(status(late), LotteryStatus::kOpen);
  EXPECT_REFUSED(decide(s, apply_cmd("1", kMarch, "x1"), late - 1), ErrorCode::kNotOpen);
  EXPECT_ACCEPTED(decide(s, apply_cmd("1", kMarch, "x1"), late));
}

TEST_F(TwoPartyDraw, ACommitmentAtOrAfterTheCloseIsRefused) {
  EXPECT_REFUSED(decide(s, commit_cmd("a"), kCloses), ErrorCode::kWindowClosed);
  EXPECT_REFUSED(decide(s, commit_cmd("a"), kCloses + 3600 * kSecond), ErrorCode::kWindowClosed);
  EXPECT_ACCEPTED(decide(s, commit_cmd("a"), kCloses - 1));
}

TEST_F(TwoPartyDraw, OnlyAnEnabledAuditorCommitsOnceWithAHash) {
  evolve(s, OperatorAdded{"bob", OperatorRole::kOperator});
  evolve(s, OperatorAdded{"carol", OperatorRole::kAuditor});
  evolve(s, OperatorDisabled{"carol"});
  const Instant t = kOpens - 30 * kSecond;
  EXPECT_REFUSED(decide(s, commit_cmd("a", Actor::user("1")), t), ErrorCode::kForbidden);
  EXPECT_REFUSED(decide(s, commit_cmd("a", kOp), t), ErrorCode::kForbidden);  // no account
  EXPECT_REFUSED(decide(s, commit_cmd("a", Actor::op("bob")), t), ErrorCode::kForbidden);
  EXPECT_REFUSED(decide(s, commit_cmd("a", Actor::op("carol")), t), ErrorCode::kForbidden);
  EXPECT_REFUSED(decide(s, commit_cmd("a", Actor::system()), t), ErrorCode::kForbidden);
  EXPECT_REFUSED(decide(s, {kAuditor, CommitAuditorSeed{"2027-04", seed_commitment("a")}}, t),
                 ErrorCode::kNotFound);
  EXPECT_REFUSED(decide(s, {kAuditor, CommitAuditorSeed{"2027-03", {}}}, t),
                 ErrorCode::kValidation);
  auto first = apply(s, commit_cmd("a"), t);
  ASSERT_TRUE(first.ok()) << first.error().message;
  const auto& e = std::get<LotteryAuditorCommitted>(first->at(0));
  EXPECT_EQ(e.seed_hash, seed_commitment("a"));
  EXPECT_EQ(e.at, t);
  EXPECT_EQ(stream_of(first->at(0)), "lottery-2027-03");
  // A second commitment, even to the same secret, is a conflict.
  EXPECT_REFUSED(decide(s, commit_cmd("b"), t + kSecond), ErrorCode::kConflict);
  EXPECT_REFUSED(decide(s, commit_cmd("a"), t + kSecond), ErrorCode::kConflict);
  EXPECT_EQ(s.lottery("2027-03")->auditor_seed_hash, seed_commitment("a"));
}

TEST_F(TwoPartyDraw, TheRevealComesAfterTheCloseAndMustMatchTheCommitment) {
  EXPECT_REFUSED(decide(s, reveal_cmd("a"), kCloses), ErrorCode::kConflict);  // not committed
  ASSERT_TRUE(apply(s, commit_cmd("a"), kOpens - kSecond).ok());
  EXPECT_REFUSED(decide(s, reveal_cmd("a"), kCloses - 1), ErrorCode::kWindowOpen);
  auto wrong = decide(s, reveal_cmd("b"), kCloses);
  EXPECT_REFUSED(wrong, ErrorCode::kSeedMismatch);
  EXPECT_STREQ(error_code_name(wrong.error().code), "seed_mismatch");
  EXPECT_REFUSED(decide(s, reveal_cmd(""), kCloses), ErrorCode::kSeedMismatch);
  EXPECT_REFUSED(decide(s, reveal_cmd("a", kOp), kCloses), ErrorCode::kForbidden);
  auto revealed = apply(s, reveal_cmd("a"), kCloses);
  ASSERT_TRUE(revealed.ok()) << revealed.error().message;
  EXPECT_EQ(std::get<LotteryAuditorRevealed>(revealed->at(0)).secret, "a");
  EXPECT_EQ(s.lottery("2027-03")->auditor_secret, "a");
  EXPECT_REFUSED(decide(s, reveal_cmd("a"), kCloses + kSecond), ErrorCode::kConflict);
}

TEST_F(TwoPartyDraw, TheDrawIsRefusedRevealMissingUntilTheAuditorReveals) {
  const auto chain = chain_of(7);
  // Never committed: the draw waits for a reveal that cannot come.
  auto never = decide(s, draw_cmd(chain), kCloses);
  EXPECT_REFUSED(never, ErrorCode::kRevealMissing);
  EXPECT_STREQ(error_code_name(never.error().code), "reveal_missing");
  ASSERT_TRUE(apply(s, commit_cmd("a"), kOpens - kSecond).ok());
  EXPECT_REFUSED(decide(s, draw_cmd(chain), kCloses - 1), ErrorCode::kWindowOpen);
  EXPECT_REFUSED(decide(s, draw_cmd(chain), kCloses), ErrorCode::kRevealMissing);
  ASSERT_TRUE(apply(s, reveal_cmd("a"), kCloses).ok());
  EXPECT_REFUSED(decide(s, draw_cmd(chain, "a guess"), kCloses), ErrorCode::kSeedMismatch);
  EXPECT_ACCEPTED(decide(s, draw_cmd(chain), kCloses));
}

TEST_F(TwoPartyDraw, TheSeedIsSha256OfOperatorSecretAuditorSecretAndChain) {
  ASSERT_TRUE(apply(s, commit_cmd("the auditor's own secret"), kOpens - kSecond).ok());
  int n = 0;
  for (const char* user : {"1", "2", "3", "4"}) {
    ASSERT_TRUE(apply(s, apply_cmd(user, kMarch.plus_days(2), number(++n)), kOpens).ok());
  }
  ASSERT_TRUE(apply(s, reveal_cmd("the auditor's own secret"), kCloses).ok());
  const auto chain = chain_of(0x5a);
  auto drawn = apply(s, draw_cmd(chain), kCloses + kSecond);
  ASSERT_TRUE(drawn.ok()) << drawn.error().message;
  const LotteryDrawn& d = std::get<LotteryDrawn>(drawn->at(0));
  const DrawSeed expected =
      sha256_of(kOperatorSecret + "the auditor's own secret" + bytes_of(chain));
  EXPECT_EQ(d.seed, expected);
  EXPECT_EQ(draw_seed(kOperatorSecret, "the auditor's own secret", chain), expected);
  EXPECT_NE(d.seed, draw_seed(kOperatorSecret, chain)) << "the one-party seed";
  EXPECT_EQ(d.secret, kOperatorSecret);
  ASSERT_EQ(d.wins.size(), 1u);  // one room for four
  // The redraw re-runs it from the recorded seed to the same winner.
  EXPECT_EQ(redraw(s, "2027-03")->wins, d.wins);
  EXPECT_EQ(redraw(s, "2027-03")->inputs, d.inputs);
}

// A LotteryOpened as stored before periods recorded their draw rule (encoded
// with the schema of that time by `capnp encode`): March 2027 on seaside, one
// room held on 03-01, opening 2026-12-01 00:00 JST and closing 12-10, with the
// commitment SHA-256("the operator's legacy secret").
constexpr const char* kLegacyOpenedHex =
    "0000000017000000000000000000010000000000050004008e5100000300000000bceea97f61060000"
    "1c81b634620600007c58d44862060000dc2ff25c6206000d000000420000000d0000000e000000110000"
    "00020100001d0000001f000000323032372d30330001000000420000007365617369646500e8802510fa"
    "27669d6f95b7a500e76efb1bca92d2944314652c0673e40788649104000000020001008e510000020000"
    "00010000000000000001000000420000007365617369646500";

TEST(LegacyDraw, APeriodStoredBeforeTheRuleDecodesAsOnePartyAndKeepsItsDraw) {
  const auto bytes = base::from_hex(kLegacyOpenedHex);
  ASSERT_TRUE(bytes.has_value());
  auto event = decode_event("LotteryOpened", *bytes);
  ASSERT_TRUE(event.has_value());
  const LotteryPeriod legacy = std::get<LotteryOpened>(*event).period;
  EXPECT_EQ(legacy.id, "2027-03");
  EXPECT_EQ(legacy.opens_at, kOpens);
  EXPECT_EQ(legacy.closes_at, kCloses);
  EXPECT_EQ(legacy.draw_rule, DrawRule::kOperatorOnly);
  EXPECT_EQ(legacy.seed_hash, seed_commitment("the operator's legacy secret"));

  BookingState s = with_facilities({standard_facility(1)});
  add_auditor(s);
  evolve(s, *event);
  // No auditor is needed: it opens on time, and the auditor has no part in it.
  EXPECT_EQ(lottery_status(legacy, kOpens), LotteryStatus::kOpen);
  EXPECT_REFUSED(decide(s, commit_cmd("a"), kOpens - kSecond), ErrorCode::kConflict);
  ASSERT_TRUE(apply(s, apply_cmd("1", kMarch, number(1)), kOpens).ok());
  ASSERT_TRUE(apply(s, apply_cmd("2", kMarch, number(2)), kOpens).ok());
  EXPECT_REFUSED(decide(s, reveal_cmd("a"), kCloses), ErrorCode::kConflict);
  const auto chain = chain_of(3);
  auto drawn = apply(s, draw_cmd(chain, "the operator's legacy secret"), kCloses);
  ASSERT_TRUE(drawn.ok()) << drawn.error().message;
  const LotteryDrawn& d = std::get<LotteryDrawn>(drawn->at(0));
  // The one-party seed: SHA-256(operator secret ‖ chain).
  EXPECT_EQ(d.seed, sha256_of("the operator's legacy secret" + bytes_of(chain)));
  ASSERT_EQ(d.wins.size(), 1u);
  EXPECT_EQ(redraw(s, "2027-03")->wins, d.wins);
  // Stored and read back, the period keeps its rule.
  const EncodedEvent again = encode_event(LotteryOpened{legacy});
  EXPECT_EQ(std::get<LotteryOpened>(*decode_event(again.type, again.payload)).period.draw_rule,
            DrawRule::kOperatorOnly);
}

TEST(TwoPartyEvents, RoundTripThroughTheirStoredForm) {
  LotteryPeriod p = march();
  p.allotment = {{"seaside", kMarch, RoomStyle::kStandard, 1}};
  p.auditor_seed_hash = seed_commitment("a");  // as a projection snapshot keeps it
  p.auditor_committed_at = kOpens + 5;
  p.auditor_secret = "a";
  for (const Event& e :
       {Event{LotteryOpened{p}}, Event{LotteryOpened{march()}},
        Event{LotteryAuditorCommitted{"2027-03", seed_commitment("a"), kOpens + 5}},
        Event{LotteryAuditorRevealed{"2027-03", std::string("\0\xff secret", 9)}}}) {
    const EncodedEvent enc = encode_event(e);
    auto back = decode_event(enc.type, enc.payload);
    ASSERT_TRUE(back.has_value()) << enc.type;
    EXPECT_EQ(*back, e) << enc.type;
    EXPECT_EQ(event_index(enc.type), e.index()) << enc.type;
    EXPECT_FALSE(is_account_event(e.index())) << enc.type;
  }
}

}  // namespace
}  // namespace hoyo::domain
