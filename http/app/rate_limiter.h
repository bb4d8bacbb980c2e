// Per-source request limits (docs/api.md: login, reset and registration), counted
// in real elapsed time whatever the business clock says. A token bucket per
// (limit, source): `per_minute` requests at once, refilled evenly over a
// minute. Sources idle for a while are forgotten, so memory stays bounded by
// the active ones.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/mutex.h"

namespace hoyo::http {

class RateLimiter {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;
  // `clock` is for tests; the default is the steady clock.
  explicit RateLimiter(Clock clock = {});

  // True when `source` may make one more request under `limit` (a name such
  // as "login") at `per_minute`; otherwise false, with the seconds until it
  // may in `retry_after`. A per_minute of 0 or less means no limit.
  bool allow(const std::string& limit, const std::string& source, int per_minute, int& retry_after);

 private:
  struct Bucket {
    double tokens = 0;
    std::chrono::steady_clock::time_point at;
  };
  Clock clock_;
  base::Mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_ HOYO_GUARDED_BY(mu_);
  std::chrono::steady_clock::time_point last_sweep_ HOYO_GUARDED_BY(mu_);
};

}  // namespace hoyo::http
