// Per-account login throttling on the business clock, built so that an
// attacker cannot turn it against the account's owner.
//
// Three kinds of attempt, told apart by what the client shows:
// - From a device holding a valid device token for the account (a signed
//   cookie a device gets when it logs in; see AccountService): only that
//   device's own failures count. After `free_failures` of them, attempts are
//   refused for a delay doubling up to `max_delay` after each failure. What
//   anyone else does never touches it, so the owner's known devices always
//   get in at once.
// - From any other client: the per-(account, source) tier (after
//   `free_failures` failures from the source, a delay doubling up to
//   `max_delay`) and the account tier (after `account_free_failures` failures
//   from anywhere, a delay doubling up to `account_max_delay`), except that
//   sources that logged in to the account before are exempt from the account
//   tier. Both are *holds*: the attempt waits, capped at `hold_max`, and is
//   then checked, so a correct password gets in after at most `hold_max`
//   however hard others are guessing, even from the owner's own address.
// Bounded memory: entries idle for a day are dropped, and past `max_entries`
// the oldest go first (for the remembered sources too).
#pragma once

#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "domain/civil_time.h"

namespace hoyo::accounts {

struct ThrottleConfig {
  int free_failures = 5;
  domain::Instant base_delay = 1 * domain::kMicrosPerSecond;
  domain::Instant max_delay = 15 * 60 * domain::kMicrosPerSecond;
  int account_free_failures = 20;
  domain::Instant account_max_delay = 60 * domain::kMicrosPerSecond;
  // The longest an attempt without a device token is held before it is checked.
  domain::Instant hold_max = 60 * domain::kMicrosPerSecond;
  std::size_t max_entries = 100000;
};

// What the throttle says of one attempt.
struct ThrottleVerdict {
  domain::Instant refuse_for = 0;  // > 0: refuse without checking; may retry after this long
  domain::Instant hold_for = 0;    // > 0: check the password only after this long
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleConfig config = {}) : config_(config) {}

  // `device` is the id from a valid device token for `account`, or "".
  ThrottleVerdict assess(const std::string& account, const std::string& source,
                         const std::string& device, domain::Instant now);
  void record_failure(const std::string& account, const std::string& source,
                      const std::string& device, domain::Instant now);
  void record_success(const std::string& account, const std::string& source,
                      const std::string& device);
  const ThrottleConfig& config() const { return config_; }

 private:
  struct Entry {
    int failures = 0;
    domain::Instant last_failure = 0;
    std::list<std::string>::iterator age;
  };
  static domain::Instant delay_for(int failures, int free, domain::Instant base,
                                   domain::Instant max);
  domain::Instant ready_at(const std::string& key, int free, domain::Instant max) const
      HOYO_REQUIRES(mu_);
  void count_failure(const std::string& key, domain::Instant now) HOYO_REQUIRES(mu_);
  void forget(const std::string& key) HOYO_REQUIRES(mu_);
  void evict(domain::Instant now) HOYO_REQUIRES(mu_);

  ThrottleConfig config_;
  base::Mutex mu_;
  // Keyed "account\nsource" (first tier), "account" (account tier) or
  // "account\n#device" (a device's own).
  std::unordered_map<std::string, Entry> entries_ HOYO_GUARDED_BY(mu_);
  std::list<std::string> by_age_ HOYO_GUARDED_BY(mu_);  // least recently failed first
  // "account\nsource" pairs that logged in, least recent first.
  std::unordered_map<std::string, std::list<std::string>::iterator> known_ HOYO_GUARDED_BY(mu_);
  std::list<std::string> known_by_age_ HOYO_GUARDED_BY(mu_);
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
  base::Mutex mu_;
  std::unordered_map<std::string, std::vector<domain::Instant>> events_ HOYO_GUARDED_BY(mu_);
};

}  // namespace hoyo::accounts
