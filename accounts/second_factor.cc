#include "accounts/second_factor.h"

#include <cctype>
#include <sstream>

#include "accounts/personal_data.h"
#include "accounts/totp.h"
#include "base/hex.h"

namespace hoyo::accounts {
namespace {

constexpr std::string_view kFormat = "totp1";

}  // namespace

// "totp1\n<0|1>\n<hex secret>\n<last step>\n<hash>,<hash>,..."
std::string encode_second_factor(const SecondFactor& f) {
  std::string hashes;
  for (const std::string& h : f.recovery_hashes) hashes += (hashes.empty() ? "" : ",") + h;
  return std::string(kFormat) + "\n" + (f.active ? "1" : "0") + "\n" + base::to_hex(f.secret) +
         "\n" + std::to_string(f.last_step) + "\n" + hashes;
}

std::optional<SecondFactor> decode_second_factor(std::string_view bytes) {
  std::istringstream in{std::string(bytes)};
  std::string format, active, secret, step, hashes;
  if (!std::getline(in, format) || format != kFormat || !std::getline(in, active) ||
      !std::getline(in, secret) || !std::getline(in, step)) {
    return std::nullopt;
  }
  std::getline(in, hashes);
  SecondFactor f;
  try {
    f.active = active == "1";
    f.secret = base::from_hex(secret).value_or(std::string());
    f.last_step = std::stoll(step);
  } catch (...) {
    return std::nullopt;
  }
  if (f.secret.size() != kTotpSecretBytes) return std::nullopt;
  std::istringstream list(hashes);
  for (std::string h; std::getline(list, h, ',');) {
    if (!h.empty()) f.recovery_hashes.push_back(h);
  }
  return f;
}

std::string new_recovery_code() { return new_one_time_code(); }

bool looks_like_recovery_code(std::string_view normal) {
  if (normal.size() != 16) return false;
  for (char c : normal) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '2' && c <= '7'))) return false;
  }
  return true;
}

std::string recovery_hash(std::string_view normal) { return base::to_hex(sha256(normal)); }

bool use_recovery_code(SecondFactor& f, std::string_view normal) {
  const std::string want = recovery_hash(normal);
  std::size_t found = f.recovery_hashes.size();
  for (std::size_t i = 0; i < f.recovery_hashes.size(); ++i) {
    if (equal_constant_time(f.recovery_hashes[i], want)) found = i;
  }
  if (found == f.recovery_hashes.size()) return false;
  f.recovery_hashes.erase(f.recovery_hashes.begin() + static_cast<std::ptrdiff_t>(found));
  return true;
}

}  // namespace hoyo::accounts
