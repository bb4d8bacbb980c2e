#include "eventstore/internal/sha256.h"

#include <new>
#include <stdexcept>

namespace hoyo::eventstore::internal {
namespace {

const EVP_MD* sha256_algorithm() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (md == nullptr) throw std::runtime_error("OpenSSL has no SHA256");
  return md;
}

}  // namespace

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (ctx_ == nullptr) throw std::bad_alloc();
  reset();
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::reset() {
  if (EVP_DigestInit_ex2(ctx_, sha256_algorithm(), nullptr) != 1) {
    throw std::runtime_error("EVP_DigestInit_ex2 failed");
  }
}

void Sha256::update(const void* data, std::size_t size) { EVP_DigestUpdate(ctx_, data, size); }

Hash Sha256::finish() {
  Hash h;
  unsigned int n = 0;
  EVP_DigestFinal_ex(ctx_, h.data(), &n);
  reset();
  return h;
}

Hash Sha256::of(std::string_view data) {
  thread_local Sha256 sha;
  sha.update(data);
  return sha.finish();
}

}  // namespace hoyo::eventstore::internal
