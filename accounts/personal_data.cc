#include "accounts/personal_data.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>

#include <boost/json.hpp>
#include <memory>
#include <stdexcept>

#include "accounts/key_wrap.h"
#include "accounts/personal_data_json.h"
#include "base/hex.h"
#include "base/mutex.h"

namespace hoyo::accounts {
namespace {

namespace json = boost::json;
using base::Status;
using eventstore::SideTable;

constexpr char kFormat = 1;       // AES-256-GCM, 12-byte nonce, 16-byte tag, JSON fields
constexpr char kBytesFormat = 2;  // the same around raw bytes (proof images)
constexpr std::size_t kNonce = 12, kTag = 16, kKey = 32;
constexpr const char* kIdentitySecret = "server:identity-hmac";

std::string key_name(const std::string& key_id) { return "key:" + key_id; }

std::string encode_fields(const domain::PersonalData& d) {
  return json::serialize(json::value_from(d));
}

std::optional<domain::PersonalData> decode_fields(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return std::nullopt;
  auto d = json::try_value_to<domain::PersonalData>(v);
  if (!d) return std::nullopt;
  return std::move(*d);
}

struct CipherCtx {
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  ~CipherCtx() { EVP_CIPHER_CTX_free(ctx); }
};

const unsigned char* u(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}
const unsigned char* u(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string random_bytes(std::size_t n) {
  std::string out(n, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return out;
}

std::string sha256(std::string_view bytes) {
  unsigned char digest[32];
  unsigned int n = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &n, EVP_sha256(), nullptr);
  return std::string(reinterpret_cast<const char*>(digest), 32);
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

base::Result<std::optional<std::string>> PersonalDataVault::get_key(const std::string& name) const {
  if (kek_.size() != kKey)
    return base::Status{base::ErrorCode::kFailed, base::MessageId::kVaultNoKek};
  auto stored = store_.side_get(SideTable::kDataKeys, name);
  if (!stored.ok()) return stored.status();
  if (!*stored) return std::optional<std::string>();
  auto plain = unwrap_key(kek_, name, **stored);
  OPENSSL_cleanse((*stored)->data(), (*stored)->size());
  if (!plain) return base::Status{base::ErrorCode::kCorruption, base::MessageId::kVaultBadDataKey};
  return std::optional<std::string>(std::move(*plain));
}

base::Status PersonalDataVault::put_key(const std::string& name, const std::string& plain) {
  if (kek_.size() != kKey)
    return base::Status{base::ErrorCode::kFailed, base::MessageId::kVaultNoKek};
  return store_.side_put(SideTable::kDataKeys, name, wrap_key(kek_, name, plain));
}

base::Result<std::string> PersonalDataVault::create_key() {
  const std::string id = base::to_hex(random_bytes(16));
  std::string k = random_bytes(kKey);
  base::Status s = put_key(key_name(id), k);
  OPENSSL_cleanse(k.data(), k.size());
  if (!s.ok()) return s;
  return id;
}

base::Result<std::string> PersonalDataVault::key(const std::string& key_id) const {
  auto k = get_key(key_name(key_id));
  if (!k.ok()) return k.status();
  if (!*k) return base::Status{base::ErrorCode::kNotFound, base::MessageId::kVaultNoDataKey};
  if ((*k)->size() != kKey)
    return base::Status{base::ErrorCode::kCorruption, base::MessageId::kVaultBadDataKey};
  return std::move(**k);
}

namespace {

// `plain` sealed under the 32-byte key `k` (format byte 2, nonce, ciphertext,
// tag), `key_id` bound as associated data.
base::Result<std::string> seal_under(const std::string& k, const std::string& key_id,
                                     std::string_view plain) {
  const std::string nonce = random_bytes(kNonce);
  std::string out(1 + kNonce + plain.size() + kTag, '\0');
  out[0] = kBytesFormat;
  out.replace(1, kNonce, nonce);
  CipherCtx c;
  int len = 0;
  auto* ct = reinterpret_cast<unsigned char*>(out.data() + 1 + kNonce);
  const bool ok =
      c.ctx && EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, u(k), u(nonce)) == 1 &&
      EVP_EncryptUpdate(c.ctx, nullptr, &len, u(key_id), static_cast<int>(key_id.size())) == 1 &&
      EVP_EncryptUpdate(c.ctx, ct, &len, u(plain), static_cast<int>(plain.size())) == 1 &&
      EVP_EncryptFinal_ex(c.ctx, ct + len, &len) == 1 &&
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, kTag, ct + plain.size()) == 1;
  if (!ok) return base::Status{base::ErrorCode::kFailed, base::MessageId::kVaultEncryptionFailed};
  return out;
}

static_assert(domain::kSealOverhead == 1 + kNonce + kTag);

}  // namespace

base::Result<std::string> PersonalDataVault::seal_bytes(const std::string& key_id,
                                                        std::string_view plain) {
  auto k = key(key_id);
  if (!k.ok()) return k.status();
  auto out = seal_under(*k, key_id, plain);
  OPENSSL_cleanse(k->data(), k->size());
  return out;
}

base::Result<domain::SealedText> PersonalDataVault::seal_unkept(std::string_view plain) {
  domain::SealedText out{std::string(domain::kUnkeptKeyPrefix) + base::to_hex(random_bytes(16)),
                         {}};
  std::string k = random_bytes(kKey);
  auto sealed = seal_under(k, out.key_id, plain);
  OPENSSL_cleanse(k.data(), k.size());
  if (!sealed.ok()) return sealed.status();
  out.bytes = std::move(sealed).value();
  return out;
}

base::Result<std::optional<std::string>> PersonalDataVault::open_bytes(
    const std::string& key_id, std::string_view sealed) const {
  auto k = key(key_id);
  if (!k.ok()) {
    if (k.status().code() == base::ErrorCode::kNotFound) return std::optional<std::string>();
    return k.status();
  }
  if (sealed.size() < 1 + kNonce + kTag || sealed[0] != kBytesFormat) {
    OPENSSL_cleanse(k->data(), k->size());
    return base::Status{base::ErrorCode::kCorruption, base::MessageId::kVaultNotSealed};
  }
  const std::string_view nonce = sealed.substr(1, kNonce);
  const std::string_view ct = sealed.substr(1 + kNonce, sealed.size() - 1 - kNonce - kTag);
  std::string tag(sealed.substr(sealed.size() - kTag));
  std::string plain(ct.size(), '\0');
  CipherCtx c;
  int len = 0;
  auto* pt = reinterpret_cast<unsigned char*>(plain.data());
  const bool ok =
      c.ctx && EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, u(*k), u(nonce)) == 1 &&
      EVP_DecryptUpdate(c.ctx, nullptr, &len, u(key_id), static_cast<int>(key_id.size())) == 1 &&
      EVP_DecryptUpdate(c.ctx, pt, &len, u(ct), static_cast<int>(ct.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(c.ctx, pt + len, &len) == 1;
  OPENSSL_cleanse(k->data(), k->size());
  if (!ok) return base::Status{base::ErrorCode::kCorruption, base::MessageId::kVaultNotAuthentic};
  return std::optional<std::string>(std::move(plain));
}

bool PersonalDataVault::has_key(const std::string& key_id) const { return key(key_id).ok(); }

base::Result<std::string> PersonalDataVault::seal(const std::string& key_id,
                                                  const domain::PersonalData& d) {
  auto k = key(key_id);
  if (!k.ok()) return k.status();
  const std::string plain = encode_fields(d);
  const std::string nonce = random_bytes(kNonce);
  std::string out(1 + kNonce + plain.size() + kTag, '\0');
  out[0] = kFormat;
  out.replace(1, kNonce, nonce);
  CipherCtx c;
  int len = 0;
  auto* ct = reinterpret_cast<unsigned char*>(out.data() + 1 + kNonce);
  if (!c.ctx || EVP_EncryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, u(*k), u(nonce)) != 1 ||
      EVP_EncryptUpdate(c.ctx, nullptr, &len, u(key_id), static_cast<int>(key_id.size())) != 1 ||
      EVP_EncryptUpdate(c.ctx, ct, &len, u(plain), static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(c.ctx, ct + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, kTag, ct + plain.size()) != 1) {
    return base::Status{base::ErrorCode::kFailed, base::MessageId::kVaultEncryptionFailed};
  }
  OPENSSL_cleanse(k->data(), k->size());
  return out;
}

base::Result<std::optional<domain::PersonalData>> PersonalDataVault::open(
    const std::string& key_id, std::string_view sealed) const {
  auto k = key(key_id);
  if (!k.ok()) {
    if (k.status().code() == base::ErrorCode::kNotFound)
      return std::optional<domain::PersonalData>();
    return k.status();
  }
  if (sealed.size() < 1 + kNonce + kTag || sealed[0] != kFormat) {
    return base::Status{base::ErrorCode::kCorruption, base::MessageId::kVaultNotSealed};
  }
  const std::string_view nonce = sealed.substr(1, kNonce);
  const std::string_view ct = sealed.substr(1 + kNonce, sealed.size() - 1 - kNonce - kTag);
  std::string tag(sealed.substr(sealed.size() - kTag));
  std::string plain(ct.size(), '\0');
  CipherCtx c;
  int len = 0;
  auto* pt = reinterpret_cast<unsigned char*>(plain.data());
  const bool ok =
      c.ctx && EVP_DecryptInit_ex(c.ctx, EVP_aes_256_gcm(), nullptr, u(*k), u(nonce)) == 1 &&
      EVP_DecryptUpdate(c.ctx, nullptr, &len, u(key_id), static_cast<int>(key_id.size())) == 1 &&
      EVP_DecryptUpdate(c.ctx, pt, &len, u(ct), static_cast<int>(ct.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(c.ctx, pt + len, &len) == 1;
  OPENSSL_cleanse(k->data(), k->size());
  if (!ok) return base::Status{base::ErrorCode::kCorruption, base::MessageId::kVaultNotAuthentic};
  auto d = decode_fields(plain);
  OPENSSL_cleanse(plain.data(), plain.size());
  if (!d) return base::Status{base::ErrorCode::kCorruption, base::MessageId::kVaultUndecodable};
  return d;
}

base::Status PersonalDataVault::destroy(const std::string& key_id) {
  return store_.side_shred(SideTable::kDataKeys, key_name(key_id));
}

base::Result<std::string> PersonalDataVault::server_secret(const std::string& name) {
  base::MutexLock lk(secrets_mu_);
  auto secret = get_key(name);
  if (!secret.ok()) return secret.status();
  if (*secret) return std::move(**secret);
  std::string fresh = random_bytes(kKey);
  if (base::Status s = put_key(name, fresh); !s.ok()) return s;
  return fresh;
}

base::Result<domain::Digest> PersonalDataVault::identity_digest(const domain::PersonalData& d) {
  auto secret = server_secret(kIdentitySecret);
  if (!secret.ok()) return secret.status();
  const std::string text = domain::identity_text(d);
  domain::Digest out{};
  unsigned int n = 0;
  HMAC(EVP_sha256(), secret->data(), static_cast<int>(secret->size()), u(text), text.size(),
       out.data(), &n);
  OPENSSL_cleanse(secret->data(), secret->size());
  return out;
}

}  // namespace hoyo::accounts
