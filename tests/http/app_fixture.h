// A running application without a network: the services over a fresh data
// directory with the demo data on the test clock, the route handlers with a
// work pool, rate limits and metrics, and helpers to send requests as a user,
// an operator or an auditor.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>
#include <memory>
#include <string>

#include "accounts/demo_data.h"
#include "daemon/config.h"
#include "daemon/runtime.h"
#include "http/app/api.h"
#include "http/app/auth.h"
#include "http/app/timers.h"
#include "projections_caught_up.h"
#include "temp_dir.h"

namespace hoyo::http::testing {

namespace bhttp = boost::beast::http;
namespace json = boost::json;

class AppFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path();
    open();
    ASSERT_TRUE(accounts::fill_demo_data(services_->store(), services_->processor(),
                                         services_->accounts(), services_->clock())
                    .filled);
    ASSERT_TRUE(projections_caught_up(*services_));
  }
  void TearDown() override { close(); }
  // Opens (or reopens) everything over dir_.
  void open() {
    daemon::RuntimeOptions o;
    o.data_dir = dir_;
    o.test_clock = true;
    o.accounts.hash = {1024, 1, 1};  // fast hashing for tests
    o.accounts.public_base_url = "http://hoyo.example";
    if (tweak_) tweak_(o);
    services_ = std::move(daemon::Runtime::open(o)).value();
    pool_ = std::make_unique<WorkPool>(2, 256);
    timers_ = std::make_unique<Timers>();
    limiter_ = std::make_unique<RateLimiter>();
    ctx_ = AppContext{};
    ctx_.store = &services_->store();
    ctx_.services = services_.get();
    ctx_.web_root = std::string(HOYO_SOURCE_DIR) + "/http/web";
    ctx_.pool = pool_.get();
    ctx_.timers = timers_.get();
    ctx_.limiter = limiter_.get();
    ctx_.metrics = &metrics_;
    ctx_.config.public_origin = "http://hoyo.example";
  }
  void close() {
    // As hoyod stops: waiting reads are dropped before the pool and timers.
    if (services_) services_->projections().close_waiters();
    ctx_.rebuilds.reset();
    timers_.reset();
    pool_.reset();
    services_.reset();
  }

  Request make(bhttp::verb verb, const std::string& target, const std::string& session = {},
               const std::string& body = {}) {
    Request req{verb, target, 11};
    req.set(bhttp::field::host, "hoyo.example");
    req.set("X-Requested-With", "test");
    req.set(kPeerHeader, "192.0.2.1");
    if (!session.empty()) {
      req.set(bhttp::field::cookie, std::string(kSessionCookie) + "=" + session);
    }
    if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    return req;
  }
  Response send(const Request& req) { return handle_request(req, ctx_); }
  Response send(bhttp::verb verb, const std::string& target, const std::string& session = {},
                const json::value& body = nullptr) {
    return send(make(verb, target, session, body.is_null() ? "" : json::serialize(body)));
  }
  Response get(const std::string& target, const std::string& session = {}) {
    return send(bhttp::verb::get, target, session);
  }
  Response post(const std::string& target, const std::string& session, const json::value& body) {
    return send(bhttp::verb::post, target, session, body);
  }

  // The session id a successful login set ("" on failure).
  std::string login(const std::string& route, const json::object& body) {
    Response r = post(route, "", body);
    if (r.result() != bhttp::status::ok) return {};
    const std::string c(r[bhttp::field::set_cookie]);
    const auto eq = c.find('=');
    return c.substr(eq + 1, c.find(';') - eq - 1);
  }
  std::string hanako() {
    return login("/api/session", {{"userNumber", "10000012"}, {"password", "demo-hanako-2026"}});
  }
  std::string taro() {
    return login("/api/session", {{"userNumber", "10000020"}, {"password", "demo-taro-2026"}});
  }
  std::string operator_session() {
    return login("/api/operator/session",
                 {{"login", "demo-operator"}, {"password", "demo-operator-2026"}});
  }
  std::string auditor_session() {
    return login("/api/operator/session",
                 {{"login", "demo-auditor"}, {"password", "demo-auditor-2026"}});
  }

  // The operator of session `op` registers a resident named `name_kanji`
  // (kana, birth date, address and phone of the demo's); the answer.
  Response add_resident(const std::string& op, const std::string& name_kanji,
                        const std::string& name_kana) {
    return post("/api/operator/users", op,
                json::object{{"nameKanji", name_kanji},
                             {"nameKana", name_kana},
                             {"birthDate", "1970-01-01"},
                             {"postalCode", "105-0011"},
                             {"address", "東京都港区芝公園1-5-25"},
                             {"phone", "03-3578-2111"},
                             {"category", "resident"}});
  }

  // Moves the test clock forward by `seconds`.
  void advance(std::int64_t seconds) {
    ASSERT_TRUE(
        services_->set_test_clock(services_->clock().now() + seconds * domain::kMicrosPerSecond));
  }
  std::string day(int from_today) const {
    return domain::tokyo_date(services_->clock().now()).plus_days(from_today).to_string();
  }

  static json::value body(const Response& r) { return json::parse(r.body()); }
  static std::string code(const Response& r) {
    return std::string(json::parse(r.body()).at("code").as_string());
  }
  // The answer's X-Log-Position, for X-Min-Position on the next read.
  static std::string position(const Response& r) { return std::string(r["X-Log-Position"]); }

  ::hoyo::testing::TempDir tmp_;  // removed after everything below

  std::string dir_;
  std::function<void(daemon::RuntimeOptions&)> tweak_;  // applied by open()
  std::unique_ptr<daemon::Runtime> services_;
  std::unique_ptr<WorkPool> pool_;
  std::unique_ptr<Timers> timers_;
  std::unique_ptr<RateLimiter> limiter_;
  Metrics metrics_;
  AppContext ctx_;
};

}  // namespace hoyo::http::testing
