#include "base/mutex.h"
#include "http/app/rate_limiter.h"

#include <cmath>

namespace hoyo::http {

RateLimiter::RateLimiter(Clock clock)
    : clock_(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); })),
      last_sweep_(clock_()) {}

bool RateLimiter::allow(const std::string& limit, const std::string& source, int per_minute,
                        int& retry_after) {
  if (per_minute <= 0) return true;
  const auto now = clock_();
  const double rate = per_minute / 60.0;  // tokens per second
  base::MutexLock lk(mu_);
  // A bucket idle for two minutes is full again: forget it.
  if (now - last_sweep_ > std::chrono::minutes(1)) {
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      it = now - it->second.at > std::chrono::minutes(2) ? buckets_.erase(it) : std::next(it);
    }
    last_sweep_ = now;
  }
  auto [it, fresh] = buckets_.try_emplace(limit + '\n' + source);
  Bucket& b = it->second;
  if (fresh) {
    b.tokens = per_minute;
  } else {
    const double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.tokens = std::min<double>(per_minute, b.tokens + elapsed * rate);
  }
  b.at = now;
  // A token a rounding error short of whole counts as whole.
  constexpr double kEpsilon = 1e-9;
  if (b.tokens + kEpsilon >= 1) {
    b.tokens = std::max(0.0, b.tokens - 1);
    return true;
  }
  retry_after = std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / rate - kEpsilon)));
  return false;
}

}  // namespace hoyo::http
