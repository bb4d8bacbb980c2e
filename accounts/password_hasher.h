// Password hashing with argon2id (libargon2). Each hash costs ~19 MiB and tens
// of milliseconds, so at most `max_in_flight` run at once: a burst of logins
// waits briefly for a slot, then is refused (kRateLimited) instead of
// exhausting memory.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

#include "base/mutex.h"
#include "base/status.h"

namespace hoyo::accounts {

struct HashParams {
  std::uint32_t memory_kib = 19 * 1024;
  std::uint32_t iterations = 2;
  std::uint32_t parallelism = 1;
};

struct Unit {};

class PasswordHasher {
 public:
  PasswordHasher(HashParams params, int max_in_flight, std::chrono::milliseconds max_wait);

  // The PHC string "$argon2id$v=19$m=..,t=..,p=..$salt$hash" with a fresh
  // 16-byte salt; the parameters travel with it so they can be raised later.
  base::Result<std::string> hash(std::string_view password);
  // True when `password` matches `encoded` (compared in constant time by
  // libargon2); false for a mismatch or an encoding it cannot read.
  base::Result<bool> verify(std::string_view encoded, std::string_view password);

  // A hash of a random password: verifying against it costs what a real check
  // costs, so an unknown account answers in similar time.
  const std::string& decoy() const { return decoy_; }
  const HashParams& params() const { return params_; }
  // How many verifications ran (metrics, and tests of enumeration safety).
  std::uint64_t verifications() const { return verifications_.load(); }

 private:
  // Waits for a slot; false when none frees up within max_wait.
  bool acquire();
  void release();

  HashParams params_;
  int max_in_flight_;
  std::chrono::milliseconds max_wait_;
  base::Mutex mu_;
  base::CondVar cv_;
  int in_flight_ HOYO_GUARDED_BY(mu_) = 0;
  std::string decoy_;
  std::atomic<std::uint64_t> verifications_{0};
};

}  // namespace hoyo::accounts
