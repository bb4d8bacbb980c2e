#include "processor/redraw_audit.h"

#include <optional>

#include "domain/booking_state.h"
#include "domain/decide.h"
#include "domain/event_codec.h"
#include "domain/lottery_draw.h"

namespace hoyo::processor {

std::string application_lottery(const domain::Event& e) {
  if (const auto* a = std::get_if<domain::LotteryApplied>(&e)) return a->application.lottery;
  if (const auto* c = std::get_if<domain::LotteryApplicationsCancelled>(&e)) return c->lottery;
  return {};
}

RedrawReport redraw_from_log(const eventstore::EventStore& store, const std::string& lottery) {
  RedrawReport report;
  domain::BookingState state;
  std::array<std::uint8_t, 32> chain_at_close{};
  const domain::LotteryPeriod* period = nullptr;
  std::optional<RedrawReport> checked;  // the draw, checked when it was recorded
  auto read = store.read_all(1, UINT64_MAX, [&](const eventstore::EventView& e) {
    // The chain hash after the last event recorded before the window closed.
    if (period && e.recorded_at_us < period->closes_at) chain_at_close = e.chain_hash;
    auto event = domain::decode_event(e.type, e.payload);
    if (!event) return true;
    // Each offer to a runner-up of this period is the one the rules give.
    if (auto* offered = std::get_if<domain::RoomOffered>(&*event);
        offered && offered->offer.lottery == lottery && report.difference.empty()) {
      report.difference = domain::offer_difference(state, *offered);
    }
    // The applications the draw read never change after it: its runners-up
    // are offered rooms from them.
    if (report.difference.empty() && state.draws.count(lottery) &&
        application_lottery(*event) == lottery) {
      report.difference = "an application changed after the draw";
    }
    domain::evolve(state, *event);
    if (auto* drawn = std::get_if<domain::LotteryDrawn>(&*event);
        drawn && drawn->lottery == lottery) {
      checked = check_draw(state, lottery, chain_at_close);
    }
    if (!period) {
      period = state.lottery(lottery);
      if (period) chain_at_close = e.chain_hash;  // its own opening precedes the close
    }
    return true;
  });
  if (!read.ok()) {
    report.difference = "the log cannot be read: " + read.status().to_string();
    return report;
  }
  report.exists = period != nullptr;
  if (!period || !checked) return report;
  if (checked->identical && !report.difference.empty()) {
    checked->identical = false;
    checked->difference = report.difference;
  }
  return *checked;
}

RedrawReport check_draw(const domain::BookingState& state, const std::string& lottery,
                        const std::array<std::uint8_t, 32>& chain_at_close) {
  RedrawReport report;
  const domain::LotteryPeriod* period = state.lottery(lottery);
  auto drawn = state.draws.find(lottery);
  report.exists = period != nullptr;
  if (!period || drawn == state.draws.end()) return report;
  report.found = true;
  const domain::LotteryDrawn& d = drawn->second;
  if (domain::seed_commitment(d.secret) != period->seed_hash) {
    report.difference = "the revealed secret does not hash to the commitment";
    return report;
  }
  // Each period is re-run under the rule it opened with.
  if (period->draw_rule == domain::DrawRule::kOperatorOnly) {
    if (domain::draw_seed(d.secret, chain_at_close) != d.seed) {
      report.difference = "the seed differs from SHA-256(secret || chain hash at close)";
      return report;
    }
  } else {
    if (!period->auditor_revealed() ||
        domain::seed_commitment(period->auditor_secret) != period->auditor_seed_hash) {
      report.difference = "the auditor's revealed secret does not hash to their commitment";
      return report;
    }
    if (domain::draw_seed(d.secret, period->auditor_secret, chain_at_close) != d.seed) {
      report.difference =
          "the seed differs from SHA-256(operator secret || auditor secret || chain hash at "
          "close)";
      return report;
    }
  }
  const domain::Redraw rerun = *domain::redraw(state, lottery);
  if (rerun.inputs != d.inputs) {
    report.difference = "the draw's inputs in the log differ from those it recorded";
    return report;
  }
  // The runners-up's order, recorded for a period that offers to them.
  if (period->release == domain::ReleaseRule::kRunnersUp && rerun.order != d.order) {
    report.difference = "the recorded order of the runners-up differs from the re-run's";
    return report;
  }
  const std::vector<domain::DrawWin>& again = rerun.wins;
  for (std::size_t i = 0; i < std::max(again.size(), d.wins.size()); ++i) {
    const bool same = i < again.size() && i < d.wins.size() && again[i] == d.wins[i];
    if (!same) {
      report.difference = "win " + std::to_string(i + 1) + ": recorded " +
                          (i < d.wins.size() ? d.wins[i].application : "nothing") +
                          ", re-run gives " + (i < again.size() ? again[i].application : "nothing");
      return report;
    }
  }
  report.identical = true;
  return report;
}

}  // namespace hoyo::processor
