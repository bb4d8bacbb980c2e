// A throwaway TLS identity for tests that serve or call HTTPS on loopback.
#pragma once

#include <string>

namespace hoyo::testing {

// Writes a fresh P-256 key and a self-signed certificate for 127.0.0.1
// (subject CN and subjectAltName IP), valid for an hour, as PEM files. A
// client that trusts `cert_path` (e.g. through SSL_CERT_FILE) verifies a
// server that uses the pair. Throws std::runtime_error when OpenSSL fails.
void write_self_signed(const std::string& cert_path, const std::string& key_path);

}  // namespace hoyo::testing
