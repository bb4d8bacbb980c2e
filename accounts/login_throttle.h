// Per-account login throttling on the business clock, in two tiers:
// - per (account, source): after `free_failures` consecutive failures from
//   one source, each further attempt from that source must wait a delay that
//   doubles up to `max_delay`;
// - per account, across sources: after `account_free_failures` failures from
//   anywhere, attempts from sources that never logged in to the account must
//   wait a delay doubling up to `account_max_delay`, so guessing spread over
//   many addresses is slowed too. Sources that have logged in to the account
//   (remembered, most recent first) are exempt from this tier.
// An attempt inside a delay is refused without checking the password (and not
// counted). An attacker elsewhere therefore cannot hold back the real user at
// a source they used before, and every delay is capped, so nothing locks
// anyone out for good. Bounded memory: entries idle for a day are dropped, and
// past `max_entries` the oldest go first (for the remembered sources too).
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
  int account_free_failures = 20;
  domain::Instant account_max_delay = 60 * domain::kMicrosPerSecond;
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
  static domain::Instant delay_for(int failures, int free, domain::Instant base,
                                   domain::Instant max);
  domain::Instant ready_at(const std::string& key, int free, domain::Instant max) const;
  void count_failure(const std::string& key, domain::Instant now);
  void evict(domain::Instant now);

  ThrottleConfig config_;
  std::mutex mu_;
  // Keyed "account\nsource" (first tier) or "account" (second tier).
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> by_age_;  // least recently failed first
  // "account\nsource" pairs that logged in, least recent first.
  std::unordered_map<std::string, std::list<std::string>::iterator> known_;
  std::list<std::string> known_by_age_;
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
