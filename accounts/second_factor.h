// A staff account's second factor as the credential store keeps it (never in
// the log): the TOTP secret, whether enrolment was confirmed, the last step
// whose code was accepted (so a code works once), and the SHA-256 of each
// recovery code not used yet. Recovery codes are 80 random bits written as
// 16 base32 characters in groups of four; a SHA-256 is enough to store them
// (they are not guessable passwords) and each is compared in constant time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accounts/one_time_code.h"

namespace hoyo::accounts {

inline constexpr int kRecoveryCodeCount = 10;

struct SecondFactor {
  bool active = false;  // false: enrolled but not confirmed yet, so not required
  std::string secret;   // kTotpSecretBytes raw bytes
  std::int64_t last_step = -1;
  std::vector<std::string> recovery_hashes;  // hex SHA-256 of the unused codes' normal form
};

// The credential-store key of a staff account's second factor.
inline std::string second_factor_key(const std::string& login) { return "totp:operator:" + login; }

std::string encode_second_factor(const SecondFactor& f);
// nullopt for bytes that are not a record of encode_second_factor.
std::optional<SecondFactor> decode_second_factor(std::string_view bytes);

// A fresh recovery code, "ABCD-EFGH-IJKL-MNOP" (throws when the CSPRNG fails).
std::string new_recovery_code();
// True when `normal` is the form of a recovery code (16 base32 characters).
bool looks_like_recovery_code(std::string_view normal);
// The stored form of a recovery code (hex SHA-256 of its normal form).
std::string recovery_hash(std::string_view normal);
// Removes the hash of `normal` from `f` if it is there (every stored hash is
// compared, in constant time); true when it was.
bool use_recovery_code(SecondFactor& f, std::string_view normal);

}  // namespace hoyo::accounts
