// SHA-256 through OpenSSL's EVP interface with the algorithm fetched once and
// the context reused: the one-shot SHA256() fetches the algorithm on every call,
// which costs as much as hashing a small event.
#pragma once

#include <openssl/evp.h>

#include <cstdint>
#include <string_view>

#include "eventstore/event.h"

namespace hoyo::eventstore::internal {

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void reset();
  void update(const void* data, std::size_t size);
  void update(std::string_view s) { update(s.data(), s.size()); }
  Hash finish();

  // One digest, with a context reused per thread.
  static Hash of(std::string_view data);

 private:
  EVP_MD_CTX* ctx_;
};

}  // namespace hoyo::eventstore::internal
