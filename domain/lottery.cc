#include "domain/lottery.h"

#include <algorithm>

namespace hoyo::domain {

bool LotteryPeriod::has_facility(const std::string& f) const {
  return std::find(facilities.begin(), facilities.end(), f) != facilities.end();
}

const char* lottery_status_name(LotteryStatus s) {
  switch (s) {
    case LotteryStatus::kUpcoming:
      return "upcoming";
    case LotteryStatus::kOpen:
      return "open";
    case LotteryStatus::kClosed:
      return "closed";
  }
  return "closed";
}

bool LotteryPeriod::auditor_committed() const {
  return draw_rule == DrawRule::kOperatorOnly ||
         auditor_seed_hash != std::array<std::uint8_t, 32>{};
}

bool LotteryPeriod::auditor_revealed() const {
  return draw_rule == DrawRule::kOperatorOnly || !auditor_secret.empty();
}

std::optional<Instant> LotteryPeriod::effective_opens_at() const {
  if (draw_rule == DrawRule::kOperatorOnly) return opens_at;
  if (!auditor_committed()) return std::nullopt;
  return std::max(opens_at, auditor_committed_at);
}

LotteryStatus lottery_status(const LotteryPeriod& p, Instant now) {
  if (now >= p.closes_at) return LotteryStatus::kClosed;
  const std::optional<Instant> opens = p.effective_opens_at();
  if (!opens || now < *opens) return LotteryStatus::kUpcoming;
  return LotteryStatus::kOpen;
}

DrawSeed period_draw_seed(const LotteryPeriod& p, const std::string& operator_secret,
                          const std::array<std::uint8_t, 32>& chain) {
  if (p.draw_rule == DrawRule::kOperatorOnly) return draw_seed(operator_secret, chain);
  return draw_seed(operator_secret, p.auditor_secret, chain);
}

}  // namespace hoyo::domain
