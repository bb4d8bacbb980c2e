// Per-account login throttling on the business clock. After `free_failures`
// consecutive failures from one source, each further attempt from that source
// must wait a delay that doubles up to `max_delay`; an attempt inside the delay
// is refused without checking the password (and not counted). Keying by
// (account, source) means an attacker elsewhere cannot lock the real user out,
// and the delay is capped, so nothing locks anyone out for good. Bounded
// memory: entries idle for a day are dropped, and past `max_entries` the
// oldest go first.
#pragma once

#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/civil_time.h"

namespace hoyo::accounts {

struct ThrottleConfig {
  int free_failures = 5;
  domain::Instant base_delay = 1 * domain::kMicrosPerSecond;
  domain::Instant max_delay = 15 * 60 * domain::kMicrosPerSecond;
  std::size_t max_entries = 100000;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleConfig config = {}) : config_(config) {}

  // 0 when an attempt may be checked now, else how long to wait (microseconds).
  domain::Instant wait_before(const std::string& account, const std::string& source,
                              domain::Instant now);
  void record_failure(const std::string& account, const std::string& source, domain::Instant now);
  void record_success(const std::string& account, const std::string& source);

 private:
  struct Entry {
    int failures = 0;
    domain::Instant last_failure = 0;
    std::list<std::string>::iterator age;
  };
  domain::Instant delay_for(int failures) const;
  void evict(domain::Instant now);

  ThrottleConfig config_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> by_age_;  // least recently failed first
};

// A sliding-window count per key on the business clock (e.g. at most 3 reset
// mails per account per hour). Bounded like LoginThrottle.
class WindowLimiter {
 public:
  WindowLimiter(int limit, domain::Instant window, std::size_t max_keys = 100000)
      : limit_(limit), window_(window), max_keys_(max_keys) {}
  // True (and counted) when `key` has had fewer than `limit` events in the window.
  bool try_acquire(const std::string& key, domain::Instant now);

 private:
  int limit_;
  domain::Instant window_;
  std::size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, std::vector<domain::Instant>> events_;
};

}  // namespace hoyo::accounts
