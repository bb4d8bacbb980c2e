// Account policy through the routes. The login throttle through the routes: held attempts wait on a
// timer, not on a thread, and are then checked; the device cookie exempts known devices.
#include <gtest/gtest.h>

#include <chrono>

#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class LoginHold : public AppFixture {};

// A throttled login is held on a timer (no thread waits), then checked: the
// right password gets in after the hold, never refused; a device that logged
// in before carries a device cookie and is not held at all.
TEST_F(LoginHold, ThrottledLoginsAreHeldThenCheckedAndKnownDevicesAreNot) {
  close();
  tweak_ = [](daemon::RuntimeOptions& o) { o.accounts.throttle.hold_max = 300 * 1000; };  // 0.3 s
  open();
  auto attempt = [&](const std::string& password, const std::string& source,
                     const std::string& cookie = {}) {
    Request req = make(bhttp::verb::post, "/api/session", "",
                       R"({"userNumber":"10000012","password":")" + password + "\"}");
    req.set(kPeerHeader, source);
    if (!cookie.empty()) req.set(bhttp::field::cookie, cookie);
    return send(req);
  };
  // The owner logs in once from home: a device cookie comes with the session.
  Response first = attempt("demo-hanako-2026", "198.51.100.1");
  ASSERT_EQ(first.result(), bhttp::status::ok) << first.body();
  std::string device;
  for (const auto& f : first) {
    if (f.name() != bhttp::field::set_cookie) continue;
    const std::string c(f.value());
    if (c.rfind(std::string(kDeviceCookie) + "=", 0) == 0) device = c.substr(0, c.find(';'));
  }
  ASSERT_FALSE(device.empty());
  EXPECT_NE(std::string(first[bhttp::field::set_cookie]).find("HttpOnly"), std::string::npos);
  // An attacker guesses from one address, then from many.
  for (int i = 0; i < 8; ++i) {
    ASSERT_EQ(attempt("guess-guess", "192.0.2.7").result(), bhttp::status::unauthorized);
  }
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(attempt("guess-guess", "203.0.113." + std::to_string(i)).result(),
              bhttp::status::unauthorized);
  }
  // The owner at the attacker's address, without the cookie: held, then in.
  const std::uint64_t held = ctx_.held_logins->held_total();
  const auto t0 = std::chrono::steady_clock::now();
  Response r = attempt("demo-hanako-2026", "192.0.2.7");
  EXPECT_EQ(r.result(), bhttp::status::ok) << r.body();
  EXPECT_GE(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(250));
  EXPECT_EQ(ctx_.held_logins->held_total(), held + 1);
  // With the device cookie, from that address or a new one: not held.
  EXPECT_EQ(attempt("demo-hanako-2026", "192.0.2.7", device).result(), bhttp::status::ok);
  EXPECT_EQ(attempt("demo-hanako-2026", "192.0.2.99", device).result(), bhttp::status::ok);
  EXPECT_EQ(ctx_.held_logins->held_total(), held + 1);
  // A forged cookie counts as none.
  EXPECT_EQ(
      attempt("demo-hanako-2026", "192.0.2.100", std::string(kDeviceCookie) + "=00.00").result(),
      bhttp::status::ok);
  EXPECT_EQ(ctx_.held_logins->held_total(), held + 2);
}

// The pages word the first password by the server's policy: an activation
// code unless the legacy birth-date rule is configured.
TEST_F(LoginHold, SettingsSayHowANewAccountsFirstPasswordWorks) {
  Response r = get("/api/settings");
  ASSERT_EQ(r.result(), bhttp::status::ok);
  const json::value v = json::parse(r.body());
  EXPECT_EQ(v.at("initialPassword").as_string(), "activation_code");
  EXPECT_EQ(v.at("initialPasswordDays").as_int64(), 14);
  close();
  tweak_ = [](daemon::RuntimeOptions& o) {
    o.accounts.initial_password = accounts::InitialPassword::kBirthDate;
  };
  open();
  const json::value legacy = json::parse(get("/api/settings").body());
  EXPECT_EQ(legacy.at("initialPassword").as_string(), "birth_date");
  EXPECT_EQ(legacy.at("initialPasswordDays").as_int64(), 30);
}

}  // namespace
}  // namespace hoyo::http
