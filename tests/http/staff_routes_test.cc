// A staff member's own account over the routes, handlers called without a
// network, on the test clock: TOTP enrolment, confirmation, logins with a
// code or a recovery code, disabling, and the password change; role checks,
// CSRF refusals and bad bodies.
#include "accounts/totp.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

constexpr const char* kOperatorPassword = "demo-operator-2026";

// RFC 4648 base32 back to bytes, as an authenticator app reads the secret.
std::string from_base32(std::string_view s) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s) {
    buffer = (buffer << 5) | static_cast<unsigned>(c >= 'A' ? c - 'A' : c - '2' + 26);
    if ((bits += 5) >= 8) out += static_cast<char>((buffer >> (bits -= 8)) & 0xff);
  }
  return out;
}

class StaffRoutes : public AppFixture {
 protected:
  Response staff_login(const std::string& password, const json::value& totp = nullptr) {
    json::object body{{"login", "demo-operator"}, {"password", password}};
    if (!totp.is_null()) body["totp"] = totp;
    return post("/api/operator/session", "", body);
  }
  static std::string cookie_of(const Response& r) {
    const std::string c(r[bhttp::field::set_cookie]);
    const auto eq = c.find('=');
    return c.substr(eq + 1, c.find(';') - eq - 1);
  }
  std::string code(int offset = 0) const {
    return accounts::totp_code(secret_, accounts::totp_step(services_->clock().now()) + offset);
  }
  std::string wrong_code() const { return code() == "000000" ? "111111" : "000000"; }
  std::string totp_status(const std::string& session) {
    return std::string(body(get("/api/operator/me", session)).at("totp").as_string());
  }
  // Enrols demo-operator and confirms; returns the enrolment's answer.
  json::value enrol(const std::string& session) {
    Response r = post("/api/operator/me/totp", session, nullptr);
    EXPECT_EQ(r.result(), bhttp::status::ok) << r.body();
    json::value e = body(r);
    secret_ = from_base32(e.at("secret").as_string());
    Response ok =
        post("/api/operator/me/totp/confirmation", session, json::object{{"totp", code()}});
    EXPECT_EQ(ok.result(), bhttp::status::no_content) << ok.body();
    return e;
  }
  std::string secret_;
};

TEST_F(StaffRoutes, EnrolConfirmThenLogInWithACodeOrARecoveryCodeAndDisable) {
  const std::string op = operator_session();
  ASSERT_FALSE(op.empty());
  EXPECT_EQ(totp_status(op), "off");
  Response started = post("/api/operator/me/totp", op, nullptr);
  ASSERT_EQ(started.result(), bhttp::status::ok) << started.body();
  const json::value e = body(started);
  secret_ = from_base32(e.at("secret").as_string());
  EXPECT_EQ(secret_.size(), 20u);
  EXPECT_EQ(std::string(e.at("otpauthUri").as_string())
                .rfind("otpauth://totp/Hoyo:demo-operator?secret=", 0),
            0u);
  ASSERT_EQ(e.at("recoveryCodes").as_array().size(), 10u);
  EXPECT_EQ(totp_status(op), "pending");
  // Pending: not required yet.
  EXPECT_EQ(staff_login(kOperatorPassword).result(), bhttp::status::ok);

  Response wrong =
      post("/api/operator/me/totp/confirmation", op, json::object{{"totp", wrong_code()}});
  ASSERT_EQ(wrong.result(), bhttp::status::unprocessable_entity) << wrong.body();
  EXPECT_EQ(body(wrong).at("errors").as_array()[0].at("field").as_string(), "totp");
  Response confirmed =
      post("/api/operator/me/totp/confirmation", op, json::object{{"totp", code()}});
  ASSERT_EQ(confirmed.result(), bhttp::status::no_content) << confirmed.body();
  EXPECT_EQ(totp_status(op), "on");
  EXPECT_EQ(post("/api/operator/me/totp", op, nullptr).result(), bhttp::status::conflict);

  // Logins now need the code: missing (after the right password), wrong, right.
  Response missing = staff_login(kOperatorPassword);
  EXPECT_EQ(missing.result(), bhttp::status::unauthorized);
  EXPECT_EQ(AppFixture::code(missing), "totp_required");
  EXPECT_TRUE(missing[bhttp::field::set_cookie].empty());
  Response bad_password = staff_login("not-the-password");
  Response bad_code = staff_login(kOperatorPassword, json::value(wrong_code()));
  EXPECT_EQ(bad_code.result(), bhttp::status::unauthorized);
  EXPECT_EQ(bad_code.body(), bad_password.body());  // the same answer as a wrong password
  EXPECT_EQ(AppFixture::code(bad_password), "unauthorized");
  // The confirming code was used; the next step's code logs in, once.
  EXPECT_EQ(staff_login(kOperatorPassword, json::value(code())).result(),
            bhttp::status::unauthorized);
  advance(30);
  Response in = staff_login(kOperatorPassword, json::value(code()));
  ASSERT_EQ(in.result(), bhttp::status::ok) << in.body();
  const std::string session = cookie_of(in);
  EXPECT_EQ(get("/api/operator/me", session).result(), bhttp::status::ok);
  EXPECT_EQ(staff_login(kOperatorPassword, json::value(code())).result(),
            bhttp::status::unauthorized);
  // A recovery code in place of the code, once.
  const std::string recovery(e.at("recoveryCodes").as_array()[0].as_string());
  EXPECT_EQ(staff_login(kOperatorPassword, json::value(recovery)).result(), bhttp::status::ok);
  EXPECT_EQ(staff_login(kOperatorPassword, json::value(recovery)).result(),
            bhttp::status::unauthorized);
  // The auditor, not enrolled, logs in with the password alone.
  EXPECT_FALSE(auditor_session().empty());

  // Disabling: the password, then a code.
  advance(30);
  Response no_password = send(bhttp::verb::delete_, "/api/operator/me/totp", session,
                              json::object{{"password", "nope"}, {"totp", code()}});
  ASSERT_EQ(no_password.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(body(no_password).at("errors").as_array()[0].at("field").as_string(), "password");
  Response no_code = send(bhttp::verb::delete_, "/api/operator/me/totp", session,
                          json::object{{"password", kOperatorPassword}, {"totp", wrong_code()}});
  EXPECT_EQ(body(no_code).at("errors").as_array()[0].at("field").as_string(), "totp");
  Response off = send(bhttp::verb::delete_, "/api/operator/me/totp", session,
                      json::object{{"password", kOperatorPassword}, {"totp", code()}});
  ASSERT_EQ(off.result(), bhttp::status::no_content) << off.body();
  EXPECT_EQ(totp_status(session), "off");
  EXPECT_EQ(staff_login(kOperatorPassword).result(), bhttp::status::ok);
  EXPECT_EQ(send(bhttp::verb::delete_, "/api/operator/me/totp", session,
                 json::object{{"password", kOperatorPassword}, {"totp", code()}})
                .result(),
            bhttp::status::conflict);
  // The audit sees it turned on and off, by the operator.
  const std::string auditor = auditor_session();
  Request read = make(bhttp::verb::get, "/api/audit/history/operator/demo-operator", auditor);
  read.set("X-Min-Position", std::to_string(services_->store().head()));
  Response history = send(read);
  ASSERT_EQ(history.result(), bhttp::status::ok) << history.body();
  EXPECT_NE(history.body().find("SecondFactorChanged"), std::string::npos) << history.body();
  EXPECT_EQ(history.body().find(e.at("secret").as_string().c_str()), std::string::npos);
}

TEST_F(StaffRoutes, AuditorsEnrolTooAndUsersCannot) {
  const std::string auditor = auditor_session();
  Response r = post("/api/operator/me/totp", auditor, nullptr);
  ASSERT_EQ(r.result(), bhttp::status::ok) << r.body();
  EXPECT_NE(std::string(body(r).at("otpauthUri").as_string()).find("demo-auditor"),
            std::string::npos);
  const std::string user = hanako();
  for (const std::string& s : {user, std::string()}) {
    EXPECT_EQ(post("/api/operator/me/totp", s, nullptr).result(), bhttp::status::unauthorized);
    EXPECT_EQ(post("/api/operator/me/password", s,
                   json::object{{"currentPassword", "demo-hanako-2026"},
                                {"newPassword", "shiba-koen-2027"},
                                {"newPasswordConfirm", "shiba-koen-2027"}})
                  .result(),
              bhttp::status::unauthorized);
  }
}

TEST_F(StaffRoutes, CrossSiteRequestsAndBadBodiesAreRefused) {
  const std::string op = operator_session();
  const std::uint64_t head = services_->store().head();
  const std::pair<bhttp::verb, const char*> routes[] = {
      {bhttp::verb::post, "/api/operator/me/totp"},
      {bhttp::verb::post, "/api/operator/me/totp/confirmation"},
      {bhttp::verb::delete_, "/api/operator/me/totp"},
      {bhttp::verb::post, "/api/operator/me/password"}};
  for (const auto& [verb, target] : routes) {
    Request bare = make(verb, target, op, "{}");
    bare.erase("X-Requested-With");
    EXPECT_EQ(AppFixture::code(send(bare)), "csrf") << target;
    Request foreign = make(verb, target, op, "{}");
    foreign.set(bhttp::field::origin, "https://evil.example");
    EXPECT_EQ(AppFixture::code(send(foreign)), "csrf") << target;
  }
  for (const auto& [verb, target] : routes) {
    if (std::string(target) == "/api/operator/me/totp" && verb == bhttp::verb::post) continue;
    Response malformed = send(make(verb, target, op, "{not json"));
    EXPECT_EQ(malformed.result(), bhttp::status::bad_request) << target;
    EXPECT_EQ(AppFixture::code(malformed), "malformed") << target;
    Response empty = send(make(verb, target, op, "{}"));
    EXPECT_EQ(empty.result(), bhttp::status::unprocessable_entity) << target;
    EXPECT_EQ(AppFixture::code(empty), "validation") << target;
    EXPECT_FALSE(body(empty).at("errors").as_array().empty()) << target;
  }
  Response typed = staff_login(kOperatorPassword, json::value(123456));
  EXPECT_EQ(typed.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(body(typed).at("errors").as_array()[0].at("field").as_string(), "totp");
  EXPECT_EQ(body(typed).at("errors").as_array()[0].at("code").as_string(), "type");
  EXPECT_EQ(services_->store().head(), head);  // nothing reached the log
  // Confirming with nothing pending is a conflict.
  EXPECT_EQ(
      post("/api/operator/me/totp/confirmation", op, json::object{{"totp", "123456"}}).result(),
      bhttp::status::conflict);
}

TEST_F(StaffRoutes, StaffChangeTheirPasswordAndEverySessionOfTheAccountEnds) {
  const std::string a = operator_session();
  const std::string b = operator_session();
  const std::string auditor = auditor_session();
  Response wrong = post("/api/operator/me/password", a,
                        json::object{{"currentPassword", "nope"},
                                     {"newPassword", "minato-ops-2027"},
                                     {"newPasswordConfirm", "minato-ops-2027"}});
  ASSERT_EQ(wrong.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(body(wrong).at("errors").as_array()[0].at("field").as_string(), "currentPassword");
  Response weak = post("/api/operator/me/password", a,
                       json::object{{"currentPassword", kOperatorPassword},
                                    {"newPassword", "password"},
                                    {"newPasswordConfirm", "password"}});
  EXPECT_EQ(weak.result(), bhttp::status::unprocessable_entity);
  Response changed = post("/api/operator/me/password", a,
                          json::object{{"currentPassword", kOperatorPassword},
                                       {"newPassword", "minato-ops-2027"},
                                       {"newPasswordConfirm", "minato-ops-2027"}});
  ASSERT_EQ(changed.result(), bhttp::status::no_content) << changed.body();
  EXPECT_NE(std::string(changed[bhttp::field::set_cookie]).find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(get("/api/operator/me", a).result(), bhttp::status::unauthorized);
  EXPECT_EQ(get("/api/operator/me", b).result(), bhttp::status::unauthorized);
  EXPECT_EQ(get("/api/operator/me", auditor).result(), bhttp::status::ok);
  EXPECT_EQ(staff_login(kOperatorPassword).result(), bhttp::status::unauthorized);
  EXPECT_EQ(staff_login("minato-ops-2027").result(), bhttp::status::ok);
  // An enrolled operator changes the password with the current one alone.
  const std::string c = cookie_of(staff_login("minato-ops-2027"));
  enrol(c);
  EXPECT_EQ(post("/api/operator/me/password", c,
                 json::object{{"currentPassword", "minato-ops-2027"},
                              {"newPassword", "minato-ops-2028"},
                              {"newPasswordConfirm", "minato-ops-2028"}})
                .result(),
            bhttp::status::no_content);
  advance(30);
  EXPECT_EQ(staff_login("minato-ops-2028", json::value(code())).result(), bhttp::status::ok);
}

}  // namespace
}  // namespace hoyo::http
