#include "base/mutex.h"
#include "accounts/login_throttle.h"

#include <algorithm>

namespace hoyo::accounts {
namespace {

std::string key_of(const std::string& account, const std::string& source) {
  return account + '\n' + source;
}

std::string device_key(const std::string& account, const std::string& device) {
  return account + "\n#" + device;
}

constexpr domain::Instant kIdle = domain::kMicrosPerDay;

}  // namespace

domain::Instant LoginThrottle::delay_for(int failures, int free, domain::Instant base,
                                         domain::Instant max) {
  const int over = failures - free;
  if (over < 0) return 0;
  domain::Instant d = base;
  for (int i = 0; i < over && d < max; ++i) d *= 2;
  return std::min(d, max);
}

domain::Instant LoginThrottle::ready_at(const std::string& key, int free,
                                        domain::Instant max) const {
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  return it->second.last_failure + delay_for(it->second.failures, free, config_.base_delay, max);
}

ThrottleVerdict LoginThrottle::assess(const std::string& account, const std::string& source,
                                      const std::string& device, domain::Instant now) {
  base::MutexLock lk(mu_);
  ThrottleVerdict v;
  if (!device.empty()) {
    const domain::Instant ready =
        ready_at(device_key(account, device), config_.free_failures, config_.max_delay);
    if (ready > now) v.refuse_for = ready - now;
    return v;
  }
  const std::string pair = key_of(account, source);
  domain::Instant ready = ready_at(pair, config_.free_failures, config_.max_delay);
  if (!known_.contains(pair)) {
    ready = std::max(ready,
                     ready_at(account, config_.account_free_failures, config_.account_max_delay));
  }
  if (ready > now) v.hold_for = std::min(ready - now, config_.hold_max);
  return v;
}

void LoginThrottle::count_failure(const std::string& key, domain::Instant now) {
  auto it = entries_.find(key);
  if (it == entries_.end()) {
    evict(now);
    by_age_.push_back(key);
    it = entries_.emplace(key, Entry{0, 0, std::prev(by_age_.end())}).first;
  } else {
    by_age_.splice(by_age_.end(), by_age_, it->second.age);
  }
  ++it->second.failures;
  it->second.last_failure = now;
}

void LoginThrottle::forget(const std::string& key) {
  if (auto it = entries_.find(key); it != entries_.end()) {
    by_age_.erase(it->second.age);
    entries_.erase(it);
  }
}

void LoginThrottle::record_failure(const std::string& account, const std::string& source,
                                   const std::string& device, domain::Instant now) {
  base::MutexLock lk(mu_);
  if (!device.empty()) return count_failure(device_key(account, device), now);
  count_failure(key_of(account, source), now);
  count_failure(account, now);
}

void LoginThrottle::record_success(const std::string& account, const std::string& source,
                                   const std::string& device) {
  base::MutexLock lk(mu_);
  if (!device.empty()) forget(device_key(account, device));
  const std::string pair = key_of(account, source);
  forget(pair);
  if (auto k = known_.find(pair); k != known_.end()) {
    known_by_age_.splice(known_by_age_.end(), known_by_age_, k->second);
    return;
  }
  if (known_.size() >= config_.max_entries) {
    known_.erase(known_by_age_.front());
    known_by_age_.pop_front();
  }
  known_by_age_.push_back(pair);
  known_.emplace(pair, std::prev(known_by_age_.end()));
}

void LoginThrottle::evict(domain::Instant now) {
  while (!by_age_.empty()) {
    auto it = entries_.find(by_age_.front());
    const bool idle = it->second.last_failure + kIdle < now;
    if (!idle && entries_.size() < config_.max_entries) break;
    entries_.erase(it);
    by_age_.pop_front();
  }
}

bool WindowLimiter::try_acquire(const std::string& key, domain::Instant now) {
  base::MutexLock lk(mu_);
  if (events_.size() >= max_keys_) {
    for (auto it = events_.begin(); it != events_.end();) {
      it = (it->second.empty() || it->second.back() + window_ <= now) ? events_.erase(it)
                                                                      : std::next(it);
    }
    if (events_.size() >= max_keys_) return false;  // saturated: refuse rather than grow
  }
  std::vector<domain::Instant>& times = events_[key];
  times.erase(std::remove_if(times.begin(), times.end(),
                             [&](domain::Instant t) { return t + window_ <= now; }),
              times.end());
  if (static_cast<int>(times.size()) >= limit_) return false;
  times.push_back(now);
  return true;
}

}  // namespace hoyo::accounts
