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

LotteryStatus lottery_status(const LotteryPeriod& p, Instant now) {
  if (now < p.opens_at) return LotteryStatus::kUpcoming;
  if (now < p.closes_at) return LotteryStatus::kOpen;
  return LotteryStatus::kClosed;
}

}  // namespace hoyo::domain
