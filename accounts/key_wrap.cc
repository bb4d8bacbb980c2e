#include "accounts/key_wrap.h"

#include <openssl/evp.h>

#include "accounts/personal_data.h"

namespace hoyo::accounts {
namespace {

constexpr std::string_view kPrefix = "W1";
constexpr std::size_t kNonce = 12, kTag = 16;

struct Ctx {
  EVP_CIPHER_CTX* c = EVP_CIPHER_CTX_new();
  ~Ctx() { EVP_CIPHER_CTX_free(c); }
};

const unsigned char* u(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

bool is_wrapped(std::string_view stored) {
  return stored.size() >= kPrefix.size() + kNonce + kTag && stored.substr(0, 2) == kPrefix;
}

std::string wrap_key(std::string_view kek, std::string_view name, std::string_view plain) {
  const std::string nonce = random_bytes(kNonce);
  std::string out(kPrefix.size() + kNonce + plain.size() + kTag, '\0');
  out.replace(0, kPrefix.size(), kPrefix);
  out.replace(kPrefix.size(), kNonce, nonce);
  auto* ct = reinterpret_cast<unsigned char*>(out.data() + kPrefix.size() + kNonce);
  Ctx x;
  int len = 0;
  if (kek.size() != 32 || !x.c ||
      EVP_EncryptInit_ex(x.c, EVP_aes_256_gcm(), nullptr, u(kek), u(nonce)) != 1 ||
      EVP_EncryptUpdate(x.c, nullptr, &len, u(name), static_cast<int>(name.size())) != 1 ||
      EVP_EncryptUpdate(x.c, ct, &len, u(plain), static_cast<int>(plain.size())) != 1 ||
      EVP_EncryptFinal_ex(x.c, ct + len, &len) != 1 ||
      EVP_CIPHER_CTX_ctrl(x.c, EVP_CTRL_GCM_GET_TAG, kTag, ct + plain.size()) != 1) {
    throw std::runtime_error("key wrapping failed");
  }
  return out;
}

std::optional<std::string> unwrap_key(std::string_view kek, std::string_view name,
                                      std::string_view stored) {
  if (kek.size() != 32 || !is_wrapped(stored)) return std::nullopt;
  const std::string_view nonce = stored.substr(kPrefix.size(), kNonce);
  const std::string_view ct =
      stored.substr(kPrefix.size() + kNonce, stored.size() - kPrefix.size() - kNonce - kTag);
  std::string tag(stored.substr(stored.size() - kTag));
  std::string plain(ct.size(), '\0');
  Ctx x;
  int len = 0;
  auto* pt = reinterpret_cast<unsigned char*>(plain.data());
  const bool ok =
      x.c && EVP_DecryptInit_ex(x.c, EVP_aes_256_gcm(), nullptr, u(kek), u(nonce)) == 1 &&
      EVP_DecryptUpdate(x.c, nullptr, &len, u(name), static_cast<int>(name.size())) == 1 &&
      EVP_DecryptUpdate(x.c, pt, &len, u(ct), static_cast<int>(ct.size())) == 1 &&
      EVP_CIPHER_CTX_ctrl(x.c, EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1 &&
      EVP_DecryptFinal_ex(x.c, pt + len, &len) == 1;
  if (!ok) return std::nullopt;
  return plain;
}

}  // namespace hoyo::accounts
