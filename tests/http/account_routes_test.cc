// Sessions, CSRF and the account routes over demo data, handlers called
// without a network; timeouts run on the test clock.

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "accounts/demo_data.h"
#include "daemon/config.h"
#include "daemon/runtime.h"
#include "http/app/api.h"
#include "http/app/auth.h"
#include "temp_dir.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;

class AccountRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path();
    daemon::RuntimeOptions o;
    o.data_dir = dir_;
    o.test_clock = true;
    o.accounts.hash = {1024, 1, 1};
    o.accounts.public_base_url = "http://hoyo.example";
    services_ = std::move(daemon::Runtime::open(o)).value();
    ASSERT_TRUE(accounts::fill_demo_data(services_->store(), services_->processor(),
                                         services_->accounts(), services_->clock())
                    .filled);
    ctx_ = AppContext{};
    ctx_.store = &services_->store();
    ctx_.services = services_.get();
  }
  void TearDown() override {
    services_.reset();
  }
  Request make(bhttp::verb verb, const std::string& target, const std::string& body = {},
               const std::string& session = {}) {
    Request req{verb, target, 11};
    req.set(bhttp::field::host, "hoyo.example");
    req.set("X-Requested-With", "test");
    if (!session.empty())
      req.set(bhttp::field::cookie, std::string(kSessionCookie) + "=" + session);
    req.body() = body;
    req.prepare_payload();
    return req;
  }
  Response send(const Request& req) { return handle_request(req, ctx_); }
  // Logs in and returns the session id from the cookie ("" on failure).
  std::string login(const std::string& number, const std::string& password,
                    const std::string& old_session = {}) {
    Response r =
        send(make(bhttp::verb::post, "/api/session",
                  json::serialize(json::object{{"userNumber", number}, {"password", password}}),
                  old_session));
    if (r.result() != bhttp::status::ok) return {};
    const std::string c(r[bhttp::field::set_cookie]);
    return c.substr(std::string(kSessionCookie).size() + 1, 64);
  }
  bhttp::status me(const std::string& session) {
    return send(make(bhttp::verb::get, "/api/me", {}, session)).result();
  }
  static std::string code(const Response& r) {
    return std::string(json::parse(r.body()).at("code").as_string());
  }

  ::hoyo::testing::TempDir tmp_;  // removed after everything below

  std::string dir_;
  std::unique_ptr<daemon::Runtime> services_;
  AppContext ctx_;
};

TEST_F(AccountRoutes, LoginSetsAStrictHttpOnlyCookieThatOpensMe) {
  Response r = send(make(bhttp::verb::post, "/api/session",
                         R"({"userNumber":"10000012","password":"demo-hanako-2026"})"));
  ASSERT_EQ(r.result(), bhttp::status::ok) << r.body();
  const std::string cookie(r[bhttp::field::set_cookie]);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  const json::value body = json::parse(r.body());
  EXPECT_EQ(body.at("userNumber").as_string(), "10000012");
  EXPECT_EQ(body.at("name").as_string(), "港 花子");
  EXPECT_FALSE(body.at("mustChangePassword").as_bool());
  const std::string id = cookie.substr(std::string(kSessionCookie).size() + 1, 64);
  Response profile = send(make(bhttp::verb::get, "/api/me", {}, id));
  ASSERT_EQ(profile.result(), bhttp::status::ok);
  EXPECT_EQ(json::parse(profile.body()).at("category").as_string(), "resident");
  EXPECT_EQ(me(""), bhttp::status::unauthorized);
  EXPECT_EQ(me(std::string(64, 'a')), bhttp::status::unauthorized);
}

TEST_F(AccountRoutes, AnyBadPairGetsTheSameUnauthorizedAnswer) {
  Response wrong = send(make(bhttp::verb::post, "/api/session",
                             R"({"userNumber":"10000012","password":"nope-nope"})"));
  Response unknown = send(make(bhttp::verb::post, "/api/session",
                               R"({"userNumber":"99999994","password":"nope-nope"})"));
  EXPECT_EQ(wrong.result(), bhttp::status::unauthorized);
  EXPECT_EQ(wrong.body(), unknown.body());
  EXPECT_EQ(code(wrong), "unauthorized");
  EXPECT_TRUE(wrong[bhttp::field::set_cookie].empty());
}

TEST_F(AccountRoutes, CsrfNeedsTheHeaderAndOurOwnOrigin) {
  Request bare = make(bhttp::verb::post, "/api/session",
                      R"({"userNumber":"10000012","password":"demo-hanako-2026"})");
  bare.erase("X-Requested-With");
  Response r = send(bare);
  EXPECT_EQ(r.result(), bhttp::status::forbidden);
  EXPECT_EQ(code(r), "csrf");
  Request foreign = make(bhttp::verb::post, "/api/session",
                         R"({"userNumber":"10000012","password":"demo-hanako-2026"})");
  foreign.set(bhttp::field::origin, "https://evil.example");
  EXPECT_EQ(code(send(foreign)), "csrf");
  Request own = foreign;
  own.set(bhttp::field::origin, "http://hoyo.example");
  EXPECT_EQ(send(own).result(), bhttp::status::ok);
  // Reads need no header.
  Request get{bhttp::verb::get, "/api/facilities", 11};
  EXPECT_EQ(send(get).result(), bhttp::status::ok);
}

TEST_F(AccountRoutes, BadBodiesAreMalformedOrValidation) {
  Response malformed = send(make(bhttp::verb::post, "/api/session", "{not json"));
  EXPECT_EQ(malformed.result(), bhttp::status::bad_request);
  EXPECT_EQ(code(malformed), "malformed");
  Response missing = send(make(bhttp::verb::post, "/api/session", R"({"userNumber":"10000012"})"));
  EXPECT_EQ(missing.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(json::parse(missing.body()).at("errors").as_array()[0].at("field").as_string(),
            "password");
  Response typed =
      send(make(bhttp::verb::post, "/api/session", R"({"userNumber":10000012,"password":"x"})"));
  EXPECT_EQ(json::parse(typed.body()).at("errors").as_array()[0].at("code").as_string(), "type");
  Request english = make(bhttp::verb::post, "/api/session", "[]");
  english.set(bhttp::field::accept_language, "en-US,en;q=0.9");
  EXPECT_EQ(json::parse(send(english).body()).at("title").as_string(),
            "The body is not a JSON object");
}

TEST_F(AccountRoutes, ANewSessionIdAtLoginAndLogoutEndsItOnTheServer) {
  const std::string first = login("10000012", "demo-hanako-2026");
  ASSERT_FALSE(first.empty());
  const std::string second = login("10000012", "demo-hanako-2026", first);
  ASSERT_FALSE(second.empty());
  EXPECT_NE(first, second);
  EXPECT_EQ(me(first), bhttp::status::unauthorized);  // the old id was ended
  Response out = send(make(bhttp::verb::delete_, "/api/session", {}, second));
  EXPECT_EQ(out.result(), bhttp::status::no_content);
  EXPECT_NE(std::string(out[bhttp::field::set_cookie]).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(me(second), bhttp::status::unauthorized);
}

TEST_F(AccountRoutes, SessionsExpireWhenIdleAndAtTheirAbsoluteLimit) {
  processor::SettableClock& clock = *services_->settable_clock();
  const std::string idle = login("10000012", "demo-hanako-2026");
  clock.advance(31 * 60 * domain::kMicrosPerSecond);
  EXPECT_EQ(me(idle), bhttp::status::unauthorized);
  const std::string busy = login("10000012", "demo-hanako-2026");
  for (int i = 0; i < 35; ++i) {  // used every 20 minutes for 11h40
    clock.advance(20 * 60 * domain::kMicrosPerSecond);
    ASSERT_EQ(me(busy), bhttp::status::ok) << i;
  }
  clock.advance(21 * 60 * domain::kMicrosPerSecond);  // past 12 hours
  EXPECT_EQ(me(busy), bhttp::status::unauthorized);
}

TEST_F(AccountRoutes, APasswordChangeEndsEverySessionAndTheNewPasswordWorks) {
  const std::string a = login("10000012", "demo-hanako-2026");
  const std::string b = login("10000012", "demo-hanako-2026");
  Response r = send(make(
      bhttp::verb::post, "/api/me/password",
      R"({"currentPassword":"demo-hanako-2026","newPassword":"shiba-koen-2027","newPasswordConfirm":"shiba-koen-2027"})",
      a));
  ASSERT_EQ(r.result(), bhttp::status::no_content) << r.body();
  EXPECT_EQ(me(a), bhttp::status::unauthorized);
  EXPECT_EQ(me(b), bhttp::status::unauthorized);
  EXPECT_TRUE(login("10000012", "demo-hanako-2026").empty());
  EXPECT_FALSE(login("10000012", "shiba-koen-2027").empty());
  Response weak = send(make(
      bhttp::verb::post, "/api/me/password",
      R"({"currentPassword":"shiba-koen-2027","newPassword":"password","newPasswordConfirm":"password"})",
      login("10000012", "shiba-koen-2027")));
  EXPECT_EQ(weak.result(), bhttp::status::unprocessable_entity);
}

TEST_F(AccountRoutes, ResetRequestsAlwaysGetTheSameAnswer) {
  Response match = send(make(bhttp::verb::post, "/api/password-resets",
                             R"({"userNumber":"10000012","email":"hanako@example.jp"})"));
  Response other = send(make(bhttp::verb::post, "/api/password-resets",
                             R"({"userNumber":"99999994","email":"x@example.jp"})"));
  EXPECT_EQ(match.result(), bhttp::status::accepted);
  EXPECT_EQ(match.body(), other.body());
  Response gone =
      send(make(bhttp::verb::post, "/api/password-resets/" + std::string(64, 'f'),
                R"({"newPassword":"shiba-koen-2027","newPasswordConfirm":"shiba-koen-2027"})"));
  EXPECT_EQ(gone.result(), bhttp::status::gone);
  EXPECT_EQ(code(gone), "gone");
}

TEST_F(AccountRoutes, OperatorsLogInAtTheirOwnRouteWithTheirRole) {
  Response r = send(make(bhttp::verb::post, "/api/operator/session",
                         R"({"login":"demo-auditor","password":"demo-auditor-2026"})"));
  ASSERT_EQ(r.result(), bhttp::status::ok) << r.body();
  EXPECT_EQ(json::parse(r.body()).at("role").as_string(), "auditor");
  const std::string cookie(r[bhttp::field::set_cookie]);
  const std::string id = cookie.substr(std::string(kSessionCookie).size() + 1, 64);
  EXPECT_EQ(me(id), bhttp::status::unauthorized);  // an operator session is not a user's
  Response user_route = send(make(bhttp::verb::post, "/api/operator/session",
                                  R"({"login":"10000012","password":"demo-hanako-2026"})"));
  EXPECT_EQ(user_route.result(), bhttp::status::unauthorized);
}

}  // namespace
}  // namespace hoyo::http
