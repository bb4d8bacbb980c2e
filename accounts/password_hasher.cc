#include "base/mutex.h"
#include "accounts/password_hasher.h"

#include <argon2.h>

#include "accounts/personal_data.h"
#include "base/hex.h"

namespace hoyo::accounts {
namespace {

constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

base::Error busy() { return {base::ErrorCode::kRateLimited, base::MessageId::kBusy}; }

}  // namespace

PasswordHasher::PasswordHasher(HashParams params, int max_in_flight,
                               std::chrono::milliseconds max_wait)
    : params_(params), max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight), max_wait_(max_wait) {
  auto d = hash(base::to_hex(random_bytes(16)));
  decoy_ = d.ok() ? d.value() : std::string();
}

bool PasswordHasher::acquire() {
  base::MutexLock lk(mu_);
  if (!cv_.wait_for(lk, max_wait_, [&]() HOYO_REQUIRES(mu_) { return in_flight_ < max_in_flight_; })) return false;
  ++in_flight_;
  return true;
}

void PasswordHasher::release() {
  {
    base::MutexLock lk(mu_);
    --in_flight_;
  }
  cv_.notify_one();
}

base::Result<std::string> PasswordHasher::hash(std::string_view password) {
  const std::string salt = random_bytes(kSaltBytes);
  const std::size_t len = argon2_encodedlen(params_.iterations, params_.memory_kib,
                                            params_.parallelism, kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(len, '\0');
  if (!acquire()) return busy();
  const int rc = argon2id_hash_encoded(params_.iterations, params_.memory_kib, params_.parallelism,
                                       password.data(), password.size(), salt.data(), salt.size(),
                                       kHashBytes, encoded.data(), len);
  release();
  if (rc != ARGON2_OK) {
    return base::Error{base::ErrorCode::kFailed,
                       base::MessageId::kPasswordHashingFailed,
                       {{"cause", std::string(argon2_error_message(rc))}}};
  }
  encoded.resize(encoded.find('\0'));
  return encoded;
}

base::Result<bool> PasswordHasher::verify(std::string_view encoded, std::string_view password) {
  const std::string e(encoded);  // libargon2 wants a C string
  if (!acquire()) return busy();
  const int rc = argon2id_verify(e.c_str(), password.data(), password.size());
  release();
  ++verifications_;
  return rc == ARGON2_OK;
}

}  // namespace hoyo::accounts
