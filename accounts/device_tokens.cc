// Device tokens (LoginThrottle's first kind of attempt): what a device that
// logged in to an account shows at its next login, so that an attacker's
// guesses never hold the owner's known devices back.
//
// A token is hex(payload) "." hex(HMAC-SHA-256(device key, payload)), the
// payload "v1|ACCOUNT|DEVICE|ISSUED_AT|CREDENTIAL" with ISSUED_AT in
// microseconds and CREDENTIAL a fingerprint of the account's stored password
// hash (16 hex digits of its SHA-256; the hash has a fresh salt each time a
// password is set). It is valid for its account only, for device_token_days
// after it was issued, and while the account's password is the one it was
// issued under: a change or reset revokes every token of the account at
// once. The device key is a server secret in the data-keys side table.
#include <openssl/hmac.h>

#include "accounts/account_service.h"
#include "accounts/internal/service_impl.h"
#include "base/hex.h"

namespace hoyo::accounts {
namespace {

constexpr const char* kDeviceKey = "server:device-token";

std::string mac(const std::string& key, const std::string& payload) {
  unsigned char out[32];
  unsigned int n = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), out, &n);
  return std::string(reinterpret_cast<const char*>(out), n);
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t at = 0;
  for (;;) {
    const std::size_t next = s.find(sep, at);
    out.push_back(s.substr(at, next - at));
    if (next == std::string::npos) return out;
    at = next + 1;
  }
}

}  // namespace

std::string AccountService::Impl::credential_fingerprint(const std::string& account) const {
  std::string key;
  if (account.rfind("operator:", 0) == 0) {
    key = operator_credential_key(account.substr(9));
  } else if (account.rfind("user:", 0) == 0) {
    auto r = user(account.substr(5));
    if (!r) return {};
    key = user_credential_key(r->submitted.id);
  } else {
    return {};
  }
  auto cred = store.side_get(eventstore::SideTable::kCredentials, key);
  if (!cred.ok() || !*cred) return {};
  return base::to_hex(sha256(**cred)).substr(0, 16);
}

std::string AccountService::issue_device_token(const std::string& account) {
  auto key = impl_->vault.server_secret(kDeviceKey);
  if (!key.ok()) return {};
  const std::string credential = impl_->credential_fingerprint(account);
  if (credential.empty()) return {};
  const std::string payload = "v1|" + account + "|" + base::to_hex(random_bytes(16)) + "|" +
                              std::to_string(impl_->clock.now()) + "|" + credential;
  return base::to_hex(payload) + "." + base::to_hex(mac(*key, payload));
}

std::string AccountService::device_of(const std::string& token, const std::string& account) const {
  if (token.empty() || token.size() > 1024) return {};
  const std::size_t dot = token.find('.');
  if (dot == std::string::npos) return {};
  auto payload = base::from_hex(std::string_view(token).substr(0, dot));
  auto tag = base::from_hex(std::string_view(token).substr(dot + 1));
  if (!payload || !tag) return {};
  auto key = impl_->vault.server_secret(kDeviceKey);
  if (!key.ok() || !equal_constant_time(mac(*key, *payload), *tag)) return {};
  const std::vector<std::string> f = split(*payload, '|');
  if (f.size() != 5 || f[0] != "v1" || f[1] != account || f[2].size() != 32) return {};
  try {
    const domain::Instant issued = std::stoll(f[3]);
    const domain::Instant now = impl_->clock.now();
    if (now >= issued + impl_->config.device_token_days * domain::kMicrosPerDay) return {};
  } catch (...) {
    return {};
  }
  if (f[4] != impl_->credential_fingerprint(account)) return {};
  return f[2];
}

std::uint64_t AccountService::login_failures() const { return impl_->login_failures.load(); }

}  // namespace hoyo::accounts
