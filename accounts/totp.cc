#include "accounts/totp.h"

#include <liboath/oath.h>

#include <cctype>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "accounts/personal_data.h"

namespace hoyo::accounts {
namespace {

void init_oath() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (oath_init() != OATH_OK) throw std::runtime_error("liboath failed to initialise");
  });
}

std::string percent_encode(std::string_view s) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::int64_t totp_step(domain::Instant at) {
  const std::int64_t step = kTotpStepSeconds * domain::kMicrosPerSecond;
  return at >= 0 ? at / step : (at - step + 1) / step;
}

std::string totp_code(std::string_view secret, std::int64_t step, int digits) {
  init_oath();
  char out[16] = {};
  const int rc =
      oath_hotp_generate(secret.data(), secret.size(), static_cast<std::uint64_t>(step),
                         static_cast<unsigned>(digits), false, OATH_HOTP_DYNAMIC_TRUNCATION, out);
  if (rc != OATH_OK) throw std::runtime_error(std::string("HOTP failed: ") + oath_strerror(rc));
  return out;
}

std::optional<std::int64_t> totp_accept(std::string_view secret, std::string_view code,
                                        std::int64_t now_step, std::int64_t after_step,
                                        int window) {
  if (code.size() != static_cast<std::size_t>(kTotpDigits)) return std::nullopt;
  std::optional<std::int64_t> accepted;
  for (std::int64_t step = now_step - window; step <= now_step + window; ++step) {
    const bool same = equal_constant_time(totp_code(secret, step), code);
    if (same && step > after_step) accepted = step;
  }
  return accepted;
}

std::string base32(std::string_view bytes) {
  init_oath();
  char* out = nullptr;
  std::size_t len = 0;
  if (oath_base32_encode(bytes.data(), bytes.size(), &out, &len) != OATH_OK) {
    throw std::runtime_error("base32 encoding failed");
  }
  std::string s(out, len);
  free(out);  // NOLINT: allocated by liboath with malloc
  while (!s.empty() && s.back() == '=') s.pop_back();
  return s;
}

std::string otpauth_uri(std::string_view issuer, std::string_view account,
                        std::string_view secret) {
  const std::string i = percent_encode(issuer);
  return "otpauth://totp/" + i + ":" + percent_encode(account) + "?secret=" + base32(secret) +
         "&issuer=" + i + "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

}  // namespace hoyo::accounts
