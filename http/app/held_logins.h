// Logins the throttle holds (AccountService::login_hold), counted per source
// and in all: each waits on a timer, and these caps bound how many may wait.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/mutex.h"

namespace hoyo::http {

class HeldLogins {
 public:
  HeldLogins(std::size_t per_source = 8, std::size_t total = 2000)
      : per_source_(per_source), total_(total) {}
  bool acquire(const std::string& source) {
    base::MutexLock lk(mu_);
    std::size_t& n = by_source_[source];
    if (n >= per_source_ || all_ >= total_) {
      if (n == 0) by_source_.erase(source);
      return false;
    }
    ++n;
    ++all_;
    ++held_total_;
    return true;
  }
  void release(const std::string& source) {
    base::MutexLock lk(mu_);
    auto it = by_source_.find(source);
    if (it == by_source_.end()) return;
    --all_;
    if (--it->second == 0) by_source_.erase(it);
  }

  // Logins held so far (metrics, tests).
  std::uint64_t held_total() {
    base::MutexLock lk(mu_);
    return held_total_;
  }

 private:
  base::Mutex mu_;
  std::unordered_map<std::string, std::size_t> by_source_ HOYO_GUARDED_BY(mu_);
  std::size_t all_ HOYO_GUARDED_BY(mu_) = 0;
  std::uint64_t held_total_ HOYO_GUARDED_BY(mu_) = 0;
  std::size_t per_source_, total_;
};

}  // namespace hoyo::http
