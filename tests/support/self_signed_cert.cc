#include "self_signed_cert.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <cstdio>
#include <functional>
#include <memory>
#include <stdexcept>

namespace hoyo::testing {
namespace {

struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct CertFree {
  void operator()(X509* x) const { X509_free(x); }
};
struct ExtFree {
  void operator()(X509_EXTENSION* e) const { X509_EXTENSION_free(e); }
};

void fail(const char* what) { throw std::runtime_error(std::string("self-signed: ") + what); }

void write_pem(const std::string& path, const std::function<int(FILE*)>& write) {
  FILE* f = std::fopen(path.c_str(), "w");
  if (!f) fail("cannot open a PEM file");
  const int ok = write(f);
  if (std::fclose(f) != 0 || ok != 1) fail("cannot write a PEM file");
}

}  // namespace

void write_self_signed(const std::string& cert_path, const std::string& key_path) {
  std::unique_ptr<EVP_PKEY, KeyFree> key(EVP_EC_gen("P-256"));
  std::unique_ptr<X509, CertFree> x(X509_new());
  if (!key || !x) fail("cannot make a key");
  X509_set_version(x.get(), 2);  // v3, for the extension
  ASN1_INTEGER_set(X509_get_serialNumber(x.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(x.get()), -60);
  X509_gmtime_adj(X509_getm_notAfter(x.get()), 3600);
  X509_set_pubkey(x.get(), key.get());
  X509_NAME* name = X509_get_subject_name(x.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(x.get(), name);
  std::unique_ptr<X509_EXTENSION, ExtFree> san(
      X509V3_EXT_conf_nid(nullptr, nullptr, NID_subject_alt_name, "IP:127.0.0.1"));
  if (!san || X509_add_ext(x.get(), san.get(), -1) != 1) fail("cannot add the subjectAltName");
  if (X509_sign(x.get(), key.get(), EVP_sha256()) == 0) fail("cannot sign");
  write_pem(cert_path, [&](FILE* f) { return PEM_write_X509(f, x.get()); });
  write_pem(key_path, [&](FILE* f) {
    return PEM_write_PrivateKey(f, key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  });
}

}  // namespace hoyo::testing
