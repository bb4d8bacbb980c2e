// Time-based one-time passwords (RFC 6238) as authenticator apps make them:
// HMAC-SHA-1 over the number of 30-second steps since the Unix epoch (RFC
// 4226 HOTP, computed by liboath), 6 digits. Pure functions of the secret and
// the time; the caller keeps the secret and the last step it accepted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/civil_time.h"

namespace hoyo::accounts {

inline constexpr int kTotpStepSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr std::size_t kTotpSecretBytes = 20;  // 160 bits, as RFC 4226 recommends

// The step an instant falls in: whole 30-second periods since the epoch.
std::int64_t totp_step(domain::Instant at);

// The code of `secret` for `step`: `digits` (6 to 8) decimal digits, with
// leading zeros.
std::string totp_code(std::string_view secret, std::int64_t step, int digits = kTotpDigits);

// The newest step in [now_step - window, now_step + window] that is later
// than `after_step` and whose code is `code`, or nullopt. Every candidate is
// compared, in constant time. Refusing steps up to `after_step` (the last one
// accepted) makes each code work once.
std::optional<std::int64_t> totp_accept(std::string_view secret, std::string_view code,
                                        std::int64_t now_step, std::int64_t after_step,
                                        int window = 1);

// RFC 4648 base32 without padding (upper case): how secrets are typed into
// authenticators, and how recovery codes are written.
std::string base32(std::string_view bytes);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...: what authenticators
// read from a QR code. `issuer` and `account` are percent-encoded.
std::string otpauth_uri(std::string_view issuer, std::string_view account, std::string_view secret);

}  // namespace hoyo::accounts
