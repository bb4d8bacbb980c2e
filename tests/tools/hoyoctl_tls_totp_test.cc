// hoyoctl --server over HTTPS, as a ward's IT staff would run it against a
// hoyod on another machine, for a staff login with a second factor: the
// server's certificate is verified (a client that does not trust it refuses
// to send the password), and the login needs --totp (an authenticator's code
// or a recovery code). The backup it asks for is made.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <filesystem>

#include "accounts/totp.h"
#include "hoyod_process.h"
#include "http_client.h"
#include "self_signed_cert.h"
#include "temp_dir.h"
#include "world.h"

namespace hoyo::tools::testing {
namespace {

namespace json = boost::json;
using ::hoyo::testing::ProgramRun;

// RFC 4648 base32 (upper case, no padding) back to bytes: the secret as an
// authenticator app reads it.
std::string from_base32(const std::string& text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
    if (v < 0) continue;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return out;
}

// The code an authenticator shows `steps_ahead` 30-second steps from now.
std::string code_of(const std::string& secret, int steps_ahead) {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  return accounts::totp_code(secret, seconds / accounts::kTotpStepSeconds + steps_ahead);
}

// hoyoctl with `input` on stdin; `ca_file`, when given, is the only
// certificate it trusts (SSL_CERT_FILE, which OpenSSL's default paths honour).
ProgramRun hoyoctl(std::vector<std::string> args, const std::string& input,
                   const std::string& ca_file) {
  args.insert(args.begin(), HOYOCTL);
  if (ca_file.empty()) {
    ::setenv("SSL_CERT_FILE", "/nonexistent", 1);
  } else {
    ::setenv("SSL_CERT_FILE", ca_file.c_str(), 1);
  }
  ProgramRun run = ::hoyo::testing::run_program_with_input(args, input);
  ::unsetenv("SSL_CERT_FILE");
  return run;
}

TEST(HoyoctlTls, BacksUpOverVerifiedHttpsWithASecondFactor) {
  ::hoyo::testing::TempDir tmp;
  const std::string data = tmp.sub("data"), cert = tmp.sub("cert.pem"), key = tmp.sub("key.pem");
  ::hoyo::testing::write_self_signed(cert, key);
  // The system clock (no --test-clock): authenticator codes are of real time.
  ::hoyo::testing::HoyodOptions options{
      .binary = HOYOD_BIN,
      .data_dir = data,
      .log = tmp.sub("hoyod.log"),
      .args = {"--demo-data", "--backup-dir", tmp.sub("backups")}};

  // The operator enrols a second factor (over plain HTTP, on loopback).
  std::string login, password, secret, recovery;
  {
    ::hoyo::testing::HoyodProcess hoyod(options);
    for (const load::DemoLogin& l : load::demo_logins(hoyod.log_text())) {
      if (l.who == "operator") login = l.login, password = l.password;
    }
    ASSERT_FALSE(login.empty()) << hoyod.log_text();
    load::HttpClient http(hoyod.port());
    const load::Answer session = http.send(
        {"POST", "/api/operator/session",
         json::serialize(json::object{{"login", login}, {"password", password}}), "", "", 0});
    ASSERT_EQ(session.status, 200) << session.body;
    const load::Answer started =
        http.send({"POST", "/api/operator/me/totp", "{}", session.cookie, "", 0});
    ASSERT_EQ(started.status, 200) << started.body;
    const json::object e = json::parse(started.body).as_object();
    secret = from_base32(std::string(e.at("secret").as_string()));
    recovery = std::string(e.at("recoveryCodes").as_array().at(0).as_string());
    const load::Answer confirmed = http.send(
        {"POST", "/api/operator/me/totp/confirmation",
         json::serialize(json::object{{"totp", code_of(secret, 0)}}), session.cookie, "", 0});
    ASSERT_EQ(confirmed.status, 204) << confirmed.body;
    ASSERT_TRUE(hoyod.stop());
  }

  // The same hoyod, now serving HTTPS only.
  options.args.insert(options.args.end(), {"--tls-cert", cert, "--tls-key", key});
  ::hoyo::testing::HoyodProcess hoyod(options);
  const std::string url = "https://127.0.0.1:" + std::to_string(hoyod.port());
  auto backup = [&](const std::string& dest, std::vector<std::string> extra,
                    const std::string& ca) {
    std::vector<std::string> args = {"backup", tmp.sub(dest), "--server", url, "--staff", login};
    args.insert(args.end(), extra.begin(), extra.end());
    return hoyoctl(args, password + "\n", ca);
  };

  // A client that does not trust the certificate stops at the handshake.
  const ProgramRun untrusted = backup("untrusted", {"--totp", code_of(secret, 1)}, "");
  EXPECT_EQ(untrusted.status, 1);
  EXPECT_NE(untrusted.err.find("certificate verify failed"), std::string::npos) << untrusted.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.sub("untrusted")));

  // Trusted, without the second factor: refused.
  const ProgramRun no_code = backup("no-code", {}, cert);
  EXPECT_EQ(no_code.status, 1);
  EXPECT_NE(no_code.err.find("(totp_required)"), std::string::npos) << no_code.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.sub("no-code")));

  // With the authenticator's next code (the one used to confirm is spent),
  // then with a recovery code.
  const ProgramRun with_code = backup("with-code", {"--totp", code_of(secret, 1)}, cert);
  EXPECT_EQ(with_code.status, 0) << with_code.err;
  EXPECT_TRUE(std::filesystem::exists(tmp.sub("with-code") + "/hoyo-backup.json"));
  const ProgramRun with_recovery = backup("with-recovery", {"--totp", recovery}, cert);
  EXPECT_EQ(with_recovery.status, 0) << with_recovery.err;
  EXPECT_TRUE(std::filesystem::exists(tmp.sub("with-recovery") + "/hoyo-backup.json"));
  // A recovery code works once.
  const ProgramRun reused = backup("reused", {"--totp", recovery}, cert);
  EXPECT_EQ(reused.status, 1);
  EXPECT_NE(reused.err.find("(unauthorized)"), std::string::npos) << reused.err;
  EXPECT_FALSE(std::filesystem::exists(tmp.sub("reused")));
  EXPECT_TRUE(hoyod.stop());
}

}  // namespace
}  // namespace hoyo::tools::testing
