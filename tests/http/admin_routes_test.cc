// Staff accounts managed by an administrator over the routes (docs/api.md,
// "Administrators"), handlers called without a network: the list, adding,
// disabling and resetting a second factor; other staff 403, no session 401,
// bad bodies 422, duplicates and the last administrator 409, unknown logins
// 404, each refusal writing nothing; the admin is the actor in the log.
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

constexpr const char* kNewPassword = "a-long-new-password-1";

class AdminRoutes : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    admin_ =
        login("/api/operator/session", {{"login", "demo-admin"}, {"password", "demo-admin-2026"}});
    ASSERT_FALSE(admin_.empty());
  }
  Response add(const json::object& b, const std::string& session, const std::string& key = {}) {
    Request req = make(bhttp::verb::post, "/api/admin/staff", session, json::serialize(b));
    if (!key.empty()) req.set("Idempotency-Key", key);
    return send(req);
  }
  static json::object member(const std::string& login, const std::string& role = "operator",
                             const std::string& password = kNewPassword) {
    return {{"login", login}, {"role", role}, {"password", password}};
  }
  std::string staff_login(const std::string& login, const std::string& password = kNewPassword) {
    return this->login("/api/operator/session", {{"login", login}, {"password", password}});
  }
  // The list's entry for `login` (null when absent).
  json::value listed(const std::string& login) {
    Response r = get("/api/admin/staff", admin_);
    EXPECT_EQ(r.result(), bhttp::status::ok) << r.body();
    const json::value list = body(r);
    for (const json::value& a : list.as_array()) {
      if (a.at("login") == json::value(login.c_str())) return a;
    }
    return nullptr;
  }
  // The actors of the events after `from`, as "Type actor".
  std::vector<std::string> events_since(std::uint64_t from) {
    std::vector<std::string> out;
    for (std::uint64_t p = from + 1; p <= services_->store().head(); ++p) {
      auto e = services_->store().read_at(p);
      EXPECT_TRUE(e.ok());
      if (e.ok()) out.push_back(e->type + " " + e->actor);
    }
    return out;
  }
  std::uint64_t head() { return services_->store().head(); }
  std::string admin_;
};

TEST_F(AdminRoutes, AnAdminAddsListsResetsAndDisablesStaffAsTheActorInTheLog) {
  json::value me = listed("demo-admin");
  ASSERT_TRUE(me.is_object());
  EXPECT_EQ(
      me, (json::value{
              {"login", "demo-admin"}, {"role", "admin"}, {"status", "active"}, {"totp", "off"}}));
  EXPECT_EQ(listed("demo-operator").at("role"), "operator");

  const std::uint64_t before = head();
  Response added = add(member("kato"), admin_);
  ASSERT_EQ(added.result(), bhttp::status::created) << added.body();
  EXPECT_EQ(body(added), (json::value{{"login", "kato"}, {"role", "operator"}}));
  EXPECT_EQ(events_since(before), (std::vector<std::string>{"OperatorAdded operator:demo-admin",
                                                            "PasswordSet operator:demo-admin"}));
  EXPECT_EQ(listed("kato").at("status"), "active");

  // The new operator logs in, and enrols a second factor the admin then removes.
  const std::string kato = staff_login("kato");
  ASSERT_FALSE(kato.empty());
  EXPECT_EQ(get("/api/operator/facilities", kato).result(), bhttp::status::ok);
  ASSERT_EQ(post("/api/operator/me/totp", kato, nullptr).result(), bhttp::status::ok);
  EXPECT_EQ(listed("kato").at("totp"), "pending");
  Response reset = post("/api/admin/staff/kato/totp-reset", admin_, nullptr);
  ASSERT_EQ(reset.result(), bhttp::status::no_content) << reset.body();
  EXPECT_EQ(listed("kato").at("totp"), "off");

  const std::uint64_t at_disable = head();
  Response disabled = post("/api/admin/staff/kato/disable", admin_, nullptr);
  ASSERT_EQ(disabled.result(), bhttp::status::no_content) << disabled.body();
  EXPECT_EQ(events_since(at_disable),
            std::vector<std::string>{"OperatorDisabled operator:demo-admin"});
  EXPECT_EQ(listed("kato").at("status"), "disabled");
  EXPECT_EQ(get("/api/operator/me", kato).result(), bhttp::status::unauthorized);
  EXPECT_TRUE(staff_login("kato").empty());

  // An admin added by an admin; roles stay apart (an admin is no operator).
  ASSERT_EQ(add(member("sato", "admin"), admin_).result(), bhttp::status::created);
  const std::string sato = staff_login("sato");
  ASSERT_FALSE(sato.empty());
  EXPECT_EQ(get("/api/admin/staff", sato).result(), bhttp::status::ok);
  EXPECT_EQ(get("/api/operator/facilities", sato).result(), bhttp::status::forbidden);
  EXPECT_EQ(get("/api/audit/head", sato).result(), bhttp::status::forbidden);
  // With another admin enabled, demo-admin may be disabled; then sato is the last.
  EXPECT_EQ(post("/api/admin/staff/demo-admin/disable", sato, nullptr).result(),
            bhttp::status::no_content);
  const std::uint64_t last = head();
  Response refused = post("/api/admin/staff/sato/disable", sato, nullptr);
  EXPECT_EQ(refused.result(), bhttp::status::conflict) << refused.body();
  EXPECT_EQ(code(refused), "conflict");
  EXPECT_NE(std::string(body(refused).at("detail").as_string()).find("最後の有効な管理者"),
            std::string::npos)
      << refused.body();
  EXPECT_EQ(head(), last);
}

TEST_F(AdminRoutes, OtherStaffAreForbiddenAndNoSessionIsUnauthorized) {
  const std::string op = operator_session();
  const std::string auditor = auditor_session();
  const std::uint64_t before = head();
  for (const std::string& session : {op, auditor, std::string()}) {
    const auto want = session.empty() ? bhttp::status::unauthorized : bhttp::status::forbidden;
    EXPECT_EQ(get("/api/admin/staff", session).result(), want);
    Response r = add(member("kato"), session);
    EXPECT_EQ(r.result(), want) << r.body();
    EXPECT_EQ(code(r), session.empty() ? "unauthorized" : "forbidden");
    EXPECT_EQ(post("/api/admin/staff/demo-operator/disable", session, nullptr).result(), want);
    EXPECT_EQ(post("/api/admin/staff/demo-operator/totp-reset", session, nullptr).result(), want);
  }
  EXPECT_EQ(head(), before);
  EXPECT_TRUE(staff_login("kato").empty());
  EXPECT_EQ(listed("demo-operator").at("status"), "active");
}

TEST_F(AdminRoutes, BadBodiesDuplicatesAndUnknownLoginsChangeNothing) {
  const std::uint64_t before = head();
  auto field_of = [](const Response& r) {
    return std::string(body(r).at("errors").as_array()[0].at("field").as_string());
  };
  struct Case {
    json::object body;
    std::string field;
  };
  json::object extra = member("kato");
  extra["admin"] = true;
  json::object typed = member("kato");
  typed["role"] = 1;
  json::object missing = member("kato");
  missing.erase("password");
  const std::vector<Case> cases = {
      {extra, "admin"},
      {typed, "role"},
      {missing, "password"},
      {member("kato", "root"), "role"},
      {member(std::string(33, 'k')), "login"},
      {member("Kato!"), "login"},
      {member("kato", "operator", "short"), "newPassword"},
      {member("kato", "operator", std::string(2000, 'x')), "newPassword"},
  };
  for (const Case& c : cases) {
    Response r = add(c.body, admin_);
    EXPECT_EQ(r.result(), bhttp::status::unprocessable_entity) << json::serialize(c.body);
    EXPECT_EQ(code(r), "validation") << r.body();
    EXPECT_EQ(field_of(r), c.field) << r.body();
  }
  Response malformed = send(make(bhttp::verb::post, "/api/admin/staff", admin_, "{\"login\":"));
  EXPECT_EQ(malformed.result(), bhttp::status::bad_request) << malformed.body();
  Response duplicate = add(member("demo-operator"), admin_);
  EXPECT_EQ(duplicate.result(), bhttp::status::conflict) << duplicate.body();
  EXPECT_EQ(code(duplicate), "conflict");
  EXPECT_EQ(post("/api/admin/staff/ghost/disable", admin_, nullptr).result(),
            bhttp::status::not_found);
  EXPECT_EQ(post("/api/admin/staff/ghost/totp-reset", admin_, nullptr).result(),
            bhttp::status::not_found);
  Response last = post("/api/admin/staff/demo-admin/disable", admin_, nullptr);
  EXPECT_EQ(last.result(), bhttp::status::conflict) << last.body();
  EXPECT_EQ(head(), before);
  // A CSRF-less write is refused too.
  Request bare =
      make(bhttp::verb::post, "/api/admin/staff", admin_, json::serialize(member("kato")));
  bare.erase("X-Requested-With");
  EXPECT_EQ(send(bare).result(), bhttp::status::forbidden);
  EXPECT_EQ(head(), before);
  // No account was made, and the existing operator's password is the one it
  // had (a login records an event: checked last).
  EXPECT_TRUE(staff_login("kato").empty());
  EXPECT_FALSE(staff_login("demo-operator", "demo-operator-2026").empty());
}

TEST_F(AdminRoutes, ARetryWithTheSameIdempotencyKeyAddsOnce) {
  Response first = add(member("kato"), admin_, "add-kato-1");
  ASSERT_EQ(first.result(), bhttp::status::created) << first.body();
  const std::uint64_t after = head();
  Response again = add(member("kato"), admin_, "add-kato-1");
  EXPECT_EQ(again.result(), bhttp::status::created) << again.body();
  EXPECT_EQ(head(), after);
  // The same key for another account is refused, and adds nothing.
  Response other = add(member("sato"), admin_, "add-kato-1");
  EXPECT_EQ(other.result(), bhttp::status::conflict) << other.body();
  EXPECT_EQ(head(), after);
  EXPECT_TRUE(staff_login("sato").empty());
  EXPECT_FALSE(staff_login("kato").empty());
}

}  // namespace
}  // namespace hoyo::http
