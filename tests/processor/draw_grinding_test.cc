// Why the two-party rule: an operator who holds the draw secret and sees every
// application can append events before the close (here: closing and reopening
// a date of another facility) until the one-party seed SHA-256(secret ‖ chain)
// makes the applicant of their choice win. Under the two-party rule the same
// grinding computes nothing: the seed needs the auditor's secret, committed
// before the window and revealed after the close, and the draw follows it.
#include <gtest/gtest.h>

#include "domain/decide.h"
#include "processor/log_audit.h"
#include "processor/redraw_audit.h"
#include "processor_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;

const domain::Actor kOperator = domain::Actor::op("alice");
const std::string kOperatorSecret = "the operator's secret";

// Who wins the period's only room if the draw ran now with `chain`, under the
// one-party rule the period would have had before: the operator can compute
// this at any moment before the close, knowing their secret and the log.
struct Prediction {
  domain::DrawSeed seed{};
  std::string winner;
};
Prediction one_party_prediction(const domain::BookingState& now, const domain::LotteryPeriod& p,
                                const std::array<std::uint8_t, 32>& chain) {
  domain::BookingState legacy = now;
  legacy.lotteries.at(p.id).draw_rule = domain::DrawRule::kOperatorOnly;
  auto drawn = domain::decide(
      legacy, {kOperator, domain::DrawLottery{p.id, kOperatorSecret, chain}}, p.closes_at);
  EXPECT_TRUE(drawn.ok()) << drawn.error().message;
  if (!drawn.ok()) return {};
  const auto& d = std::get<domain::LotteryDrawn>(drawn->at(0));
  return {d.seed, d.wins.empty() ? "" : now.applications.at(d.wins.at(0).application).user};
}

TEST_F(ProcessorTest, GrindingTheChainHashBeforeTheCloseCannotChooseTheWinner) {
  register_seaside(1);  // one room a night: one winner among the applicants
  domain::Facility hillside = seaside(1);
  hillside.id = "hillside";
  ASSERT_TRUE(run({kOperator, domain::RegisterFacility{hillside}}).ok());
  const domain::LotteryPeriod p = march_lottery(kOperatorSecret);
  open_with_commitments(p);
  for (const char* user : {"mallory", "5", "6", "7"}) apply_as(user, p);

  // The operator grinds: while the window is open, one more event at a time
  // until the one-party prediction makes "mallory" win.
  const domain::Date far = domain::Date::from_ymd(2027, 6, 1);
  std::vector<domain::DrawSeed> predicted;
  Prediction last;
  for (int i = 0; i < 200; ++i) {
    last = one_party_prediction(snapshot(), p, store_->head_hash());
    predicted.push_back(last.seed);
    if (last.winner == "mallory") break;
    const domain::CommandBody step =
        i % 2 == 0 ? domain::CommandBody{domain::CloseDates{"hillside", {far}}}
                   : domain::CommandBody{domain::ReopenDates{"hillside", {far}}};
    ASSERT_TRUE(run({kOperator, step}).ok());
  }
  ASSERT_EQ(last.winner, "mallory") << "the one-party seed could not be ground";
  ASSERT_GE(predicted.size(), 1u);
  const auto chain_at_close = store_->head_hash();

  // The window closes; the auditor reveals; the operator draws.
  clock_.set(p.closes_at);
  ASSERT_TRUE(run(reveal_auditor(p.id)).ok());
  auto drawn = run({kOperator, domain::DrawLottery{p.id, kOperatorSecret, {}}});
  ASSERT_TRUE(drawn.ok()) << drawn.error().message;
  const auto& d = std::get<domain::LotteryDrawn>(drawn->events.at(0));

  // Under the old rule this very log would have drawn mallory's win: the
  // grinding worked against the one-party seed of the real chain at close.
  EXPECT_EQ(last.seed, domain::draw_seed(kOperatorSecret, chain_at_close));
  // The real seed is the two-party one, and none of the values the operator
  // could compute without the auditor's secret.
  EXPECT_EQ(d.seed, domain::draw_seed(kOperatorSecret, kAuditorSecret, chain_at_close));
  for (const domain::DrawSeed& guess : predicted) EXPECT_NE(d.seed, guess);
  for (const std::string& guessed_auditor_secret :
       {std::string(), kOperatorSecret, std::string("a"), std::string("the auditor's secreT"),
        std::string(reinterpret_cast<const char*>(domain::seed_commitment(kAuditorSecret).data()),
                    32)}) {
    EXPECT_NE(d.seed, domain::draw_seed(kOperatorSecret, guessed_auditor_secret, chain_at_close));
  }
  // The draw follows the real seed: re-running it from that seed gives the
  // recorded winner, and the log alone re-derives everything.
  const domain::BookingState s = snapshot();
  const domain::Redraw rerun = *domain::redraw(s, p.id);
  EXPECT_EQ(rerun.wins, d.wins);
  const RedrawReport report = redraw_from_log(*store_, p.id);
  EXPECT_TRUE(report.identical) << report.difference;
  EXPECT_TRUE(audit_log(*store_).ok);
}

}  // namespace
}  // namespace hoyo::processor
