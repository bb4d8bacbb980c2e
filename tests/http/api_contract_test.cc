// Properties of every route at once, walked from the route table: the role
// each requires (no login, a user, an operator, an auditor, an administrator), what each does
// to the state (a read or a write), CSRF refusals on every POST, PUT, PATCH
// and DELETE (the quotes' reads among them), the security headers on every
// answer, bodies that are not JSON, and the OpenAPI document listing exactly
// the routes served.
#include <fstream>
#include <set>
#include <sstream>

#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

enum class Need { kNone, kUser, kOperator, kAuditor, kAdmin, kStaff };

Need need_of(const Route& r) {
  const std::string& p = r.pattern;
  auto starts = [&](const char* prefix) { return p.rfind(prefix, 0) == 0; };
  if (p == "/api/operator/session") return Need::kNone;
  if (p == "/api/operator/me") return Need::kNone;  // answers 401 itself without a staff session
  if (starts("/api/operator/me/")) return Need::kStaff;  // their own account: either role
  if (starts("/api/operator/")) return Need::kOperator;
  if (starts("/api/audit/")) return Need::kAuditor;
  if (starts("/api/admin/")) return Need::kAdmin;
  if (starts("/api/me") || starts("/api/reservations") || starts("/api/lotteries")) {
    return Need::kUser;
  }
  return Need::kNone;
}

bool changes_state(const Route& r) {
  return r.method == bhttp::verb::post || r.method == bhttp::verb::put ||
         r.method == bhttp::verb::patch || r.method == bhttp::verb::delete_;
}

// The pattern with each {param} replaced by a plausible value.
std::string concrete(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') {
      out += pattern[i];
      continue;
    }
    const std::size_t end = pattern.find('}', i);
    const std::string name = pattern.substr(i + 1, end - i - 1);
    out += name == "facilityId" ? "seaside" : name == "kind" ? "user" : "1234567890";
    i = end;
  }
  return out;
}

void expect_security_headers(const Response& r, const std::string& what) {
  EXPECT_EQ(r["Content-Security-Policy"],
            "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
      << what;
  EXPECT_EQ(r["X-Content-Type-Options"], "nosniff") << what;
  EXPECT_EQ(r["Referrer-Policy"], "no-referrer") << what;
}

// Every route served, the test-only ones included (AppFixture runs under
// --test-clock; --test-faults opens /api/test/faults).
class ApiContract : public AppFixture {
 protected:
  void SetUp() override {
    tweak_ = [](daemon::RuntimeOptions& o) { o.test_faults = true; };
    AppFixture::SetUp();
  }
};

TEST_F(ApiContract, EveryRouteChecksItsRoleWithTheWrongUserNoUserAndTheWrongRole) {
  const std::string user = hanako();
  const std::string op = operator_session();
  const std::string auditor = auditor_session();
  const std::string admin =
      login("/api/operator/session", {{"login", "demo-admin"}, {"password", "demo-admin-2026"}});
  ASSERT_FALSE(user.empty() || op.empty() || auditor.empty() || admin.empty());
  int checked = 0;
  for (const Route& route : api_router().routes()) {
    const Need need = need_of(route);
    if (need == Need::kNone) continue;
    const std::string target = concrete(route.pattern);
    const std::string what = std::string(bhttp::to_string(route.method)) + " " + target;
    auto status_as = [&](const std::string& session) {
      Response r = send(make(route.method, target, session, "{}"));
      expect_security_headers(r, what);
      return r.result();
    };
    const auto none = status_as("");
    EXPECT_EQ(none, bhttp::status::unauthorized) << what << " without a login";
    const auto as_user = status_as(user);
    const auto as_op = status_as(op);
    const auto as_auditor = status_as(auditor);
    const auto as_admin = status_as(admin);
    // Separation of duties: an administrator is neither an operator nor an auditor.
    if (need == Need::kOperator || need == Need::kAuditor) {
      EXPECT_EQ(as_admin, bhttp::status::forbidden) << what << " as an administrator";
    }
    switch (need) {
      case Need::kUser:
        EXPECT_EQ(as_op, bhttp::status::unauthorized) << what << " as an operator";
        EXPECT_EQ(as_auditor, bhttp::status::unauthorized) << what << " as an auditor";
        EXPECT_NE(as_user, bhttp::status::unauthorized) << what << " as a user";
        EXPECT_NE(as_user, bhttp::status::forbidden) << what << " as a user";
        break;
      case Need::kOperator:
        EXPECT_EQ(as_user, bhttp::status::unauthorized) << what << " as a user";
        EXPECT_EQ(as_auditor, bhttp::status::forbidden) << what << " as an auditor";
        EXPECT_NE(as_op, bhttp::status::unauthorized) << what << " as an operator";
        EXPECT_NE(as_op, bhttp::status::forbidden) << what << " as an operator";
        break;
      case Need::kAuditor:
        EXPECT_EQ(as_user, bhttp::status::unauthorized) << what << " as a user";
        EXPECT_EQ(as_op, bhttp::status::forbidden) << what << " as an operator";
        EXPECT_NE(as_auditor, bhttp::status::unauthorized) << what << " as an auditor";
        EXPECT_NE(as_auditor, bhttp::status::forbidden) << what << " as an auditor";
        break;
      case Need::kAdmin:
        EXPECT_EQ(as_user, bhttp::status::unauthorized) << what << " as a user";
        EXPECT_EQ(as_op, bhttp::status::forbidden) << what << " as an operator";
        EXPECT_EQ(as_auditor, bhttp::status::forbidden) << what << " as an auditor";
        EXPECT_NE(as_admin, bhttp::status::unauthorized) << what << " as an administrator";
        EXPECT_NE(as_admin, bhttp::status::forbidden) << what << " as an administrator";
        break;
      case Need::kStaff:
        EXPECT_EQ(as_user, bhttp::status::unauthorized) << what << " as a user";
        for (auto status : {as_op, as_auditor, as_admin}) {
          EXPECT_NE(status, bhttp::status::unauthorized) << what << " as staff";
          EXPECT_NE(status, bhttp::status::forbidden) << what << " as staff";
        }
        break;
      case Need::kNone:
        break;
    }
    ++checked;
  }
  EXPECT_GT(checked, 40);
}

TEST_F(ApiContract, EveryStateChangingRouteRefusesCrossSiteRequests) {
  const std::string user = hanako();
  const std::uint64_t head = services_->store().head();
  int checked = 0;
  for (const Route& route : api_router().routes()) {
    if (!changes_state(route)) continue;
    const std::string target = concrete(route.pattern);
    Request no_header = make(route.method, target, user, "{}");
    no_header.erase("X-Requested-With");
    Response a = send(no_header);
    EXPECT_EQ(a.result(), bhttp::status::forbidden) << target;
    EXPECT_EQ(code(a), "csrf") << target;
    Request foreign = make(route.method, target, user, "{}");
    foreign.set(bhttp::field::origin, "https://evil.example");
    Response b = send(foreign);
    EXPECT_EQ(code(b), "csrf") << target;
    expect_security_headers(b, target);
    ++checked;
  }
  EXPECT_GT(checked, 25);
  EXPECT_EQ(services_->store().head(), head);  // nothing was written
  // Our own origin passes.
  Request own = make(bhttp::verb::delete_, "/api/session", user);
  own.set(bhttp::field::origin, "http://hoyo.example");
  EXPECT_EQ(send(own).result(), bhttp::status::no_content);
}

// What each route does to the state (Effect): a read is answered where it
// arrives and spends no write budget, a write goes to the writer. Every
// route reads or writes as its method says, but for the quotes: POSTs
// (to carry a body) that change nothing.
TEST_F(ApiContract, EveryRouteReadsOrWritesAsItsMethodSaysButTheQuotesAndLocalActions) {
  const std::set<std::string> post_reads = {
      "/api/quotes", "/api/reservations/{reservationNumber}/quote", "/api/operator/quotes",
      "/api/operator/reservations/{reservationNumber}/quote"};
  const std::set<std::string> post_locals = {"/api/operator/backups",
                                             "/api/operator/projections/{name}/rebuild"};
  std::set<std::string> reads_by_post, locals;
  for (const Route& route : api_router().routes()) {
    const std::string what = std::string(bhttp::to_string(route.method)) + " " + route.pattern;
    if (route.method == bhttp::verb::post && route.effect == Effect::kRead) {
      reads_by_post.insert(route.pattern);
      continue;
    }
    if (route.effect == Effect::kLocal) {
      EXPECT_EQ(route.method, bhttp::verb::post) << what;
      locals.insert(route.pattern);
      continue;
    }
    EXPECT_EQ(route.effect, changes_state(route) ? Effect::kWrite : Effect::kRead) << what;
  }
  EXPECT_EQ(reads_by_post, post_reads);
  EXPECT_EQ(locals, post_locals);
}

TEST_F(ApiContract, BodiesThatAreNotJsonObjectsAreMalformedAndChangeNothing) {
  const std::string user = hanako();
  const std::string op = operator_session();
  const std::uint64_t head = services_->store().head();
  const std::pair<std::string, const std::string*> json_routes[] = {
      {"/api/session", nullptr},
      {"/api/password-resets", nullptr},
      {"/api/me/password", &user},
      {"/api/reservations", &user},
      {"/api/reservations/cancellations", &user},
      {"/api/operator/users", &op},
      {"/api/operator/lotteries", &op},
      {"/api/operator/reservations", &op},
      {"/api/operator/facilities/seaside/closures", &op},
      {"/api/operator/session", nullptr},
      {"/api/operator/me/password", &op},
      {"/api/operator/me/totp/confirmation", &op}};
  for (const auto& [target, session] : json_routes) {
    for (const char* bad : {"{", "[1,2]", "\"text\"", "{\"a\":}"}) {
      Response r = send(make(bhttp::verb::post, target, session ? *session : "", bad));
      EXPECT_EQ(r.result(), bhttp::status::bad_request) << target << " " << bad;
      EXPECT_EQ(code(r), "malformed") << target;
      EXPECT_EQ(r[bhttp::field::content_type], "application/problem+json");
    }
  }
  // Wrong types and missing fields are validation errors naming the field.
  Response typed =
      post("/api/reservations", user,
           json::object{{"facilityId", 7}, {"checkIn", "2027-02-30"}, {"nights", "1"}});
  ASSERT_EQ(typed.result(), bhttp::status::unprocessable_entity);
  std::set<std::string> fields;
  const json::value typed_body = body(typed);
  for (const auto& e : typed_body.at("errors").as_array()) {
    fields.insert(std::string(e.at("field").as_string()));
  }
  EXPECT_EQ(fields, (std::set<std::string>{"facilityId", "checkIn", "nights", "people"}));
  EXPECT_EQ(services_->store().head(), head);
}

TEST_F(ApiContract, LoginResetAndRegistrationAreLimitedPerSource) {
  ctx_.config.rate.reset_per_minute = 3;
  ctx_.config.rate.login_per_minute = 2;
  ctx_.config.rate.registration_per_minute = 1;
  auto from = [&](const char* source, bhttp::verb verb, const char* target,
                  const std::string& body) {
    Request r = make(verb, target, "", body);
    r.set(kPeerHeader, source);
    return send(r);
  };
  const std::string reset = R"({"userNumber":"10000012","email":"x@example.jp"})";
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(from("198.51.100.7", bhttp::verb::post, "/api/password-resets", reset).result(),
              bhttp::status::accepted);
  }
  Response limited = from("198.51.100.7", bhttp::verb::post, "/api/password-resets", reset);
  EXPECT_EQ(limited.result(), bhttp::status::too_many_requests);
  EXPECT_EQ(code(limited), "rate_limited");
  EXPECT_GE(std::stoi(std::string(limited[bhttp::field::retry_after])), 1);
  // Another source is counted apart; the token route shares the reset limit.
  EXPECT_EQ(from("198.51.100.8", bhttp::verb::post, "/api/password-resets", reset).result(),
            bhttp::status::accepted);
  EXPECT_EQ(code(from("198.51.100.7", bhttp::verb::post, "/api/password-resets/abc",
                      R"({"newPassword":"a","newPasswordConfirm":"a"})")),
            "rate_limited");
  const std::string bad_login = R"({"userNumber":"10000012","password":"wrong-wrong"})";
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(from("198.51.100.9", bhttp::verb::post, "/api/session", bad_login).result(),
              bhttp::status::unauthorized);
  }
  EXPECT_EQ(code(from("198.51.100.9", bhttp::verb::post, "/api/session", bad_login)),
            "rate_limited");
  EXPECT_NE(code(from("198.51.100.9", bhttp::verb::post, "/api/registrations", "x")),
            "rate_limited");
  EXPECT_EQ(code(from("198.51.100.9", bhttp::verb::post, "/api/registrations", "x")),
            "rate_limited");
}

TEST_F(ApiContract, MessagesAreJapaneseByDefaultAndEnglishOnRequest) {
  Response ja = get("/api/reservations");
  EXPECT_EQ(body(ja).at("title").as_string(), "ログインしてください");
  Request en = make(bhttp::verb::get, "/api/reservations");
  en.set(bhttp::field::accept_language, "en-US,en;q=0.9");
  EXPECT_EQ(body(send(en)).at("title").as_string(), "Please log in");
}

TEST_F(ApiContract, TheOpenApiDocumentListsExactlyTheRoutesServed) {
  Response doc = get("/api/openapi.json");
  ASSERT_EQ(doc.result(), bhttp::status::ok);
  const json::value spec = body(doc);
  EXPECT_EQ(std::string(spec.at("openapi").as_string()).substr(0, 2), "3.");
  std::set<std::string> documented, websocket;
  for (const auto& [path, item] : spec.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) {
      if (method == "parameters" || method == "summary" || method == "description") continue;
      std::string m(method);
      for (char& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      const std::string key = m + " " + std::string(path);
      if (op.as_object().contains("x-websocket")) {
        websocket.insert(key);
      } else {
        documented.insert(key);
      }
    }
  }
  std::set<std::string> served;
  for (const Route& r : api_router().routes()) {
    served.insert(std::string(bhttp::to_string(r.method)) + " " + r.pattern);
  }
  for (const auto& s : served) EXPECT_TRUE(documented.count(s)) << "not documented: " << s;
  for (const auto& d : documented) EXPECT_TRUE(served.count(d)) << "documented, not served: " << d;
  EXPECT_EQ(websocket, (std::set<std::string>{"GET /api/vacancy/live"}));
}

TEST_F(ApiContract, PagesOfTheWebAppAndUnknownApiPaths) {
  for (const char* page : {"/", "/login", "/menu", "/password-reset/abc123"}) {
    Response r = get(page);
    EXPECT_EQ(r.result(), bhttp::status::ok) << page;
    EXPECT_EQ(r[bhttp::field::content_type], "text/html; charset=utf-8") << page;
    expect_security_headers(r, page);
  }
  EXPECT_EQ(get("/nothing.js").result(), bhttp::status::not_found);
  Response api = get("/api/nothing");
  EXPECT_EQ(api.result(), bhttp::status::not_found);
  EXPECT_EQ(code(api), "not_found");
  expect_security_headers(api, "/api/nothing");
}

TEST_F(ApiContract, MetricsCountRequestsByRouteAndStatus) {
  (void)get("/api/facilities");
  (void)get("/api/facilities");
  (void)get("/api/reservations");
  // Not served on the public listener without a token configured...
  EXPECT_EQ(get("/metrics").result(), bhttp::status::not_found);
  // ...and with one, only to whoever sends it.
  ctx_.config.metrics_token = "s3cret-metrics-token";
  EXPECT_EQ(get("/metrics").result(), bhttp::status::unauthorized);
  Request wrong = make(bhttp::verb::get, "/metrics");
  wrong.set(bhttp::field::authorization, "Bearer s3cret-metrics-tokem");
  EXPECT_EQ(send(wrong).result(), bhttp::status::unauthorized);
  Request right = make(bhttp::verb::get, "/metrics");
  right.set(bhttp::field::authorization, "Bearer s3cret-metrics-token");
  Response m = send(right);
  ASSERT_EQ(m.result(), bhttp::status::ok);
  const std::string& t = m.body();
  EXPECT_NE(t.find("hoyo_http_requests_total{method=\"GET\",route=\"/api/facilities\","
                   "status=\"200\"} 2"),
            std::string::npos)
      << t;
  EXPECT_NE(t.find("route=\"/api/reservations\",status=\"401\"} 1"), std::string::npos);
  EXPECT_NE(t.find("hoyo_http_request_duration_seconds_bucket{le=\"+Inf\"}"), std::string::npos);
  EXPECT_NE(t.find("hoyo_fsync_seconds_total"), std::string::npos);
  EXPECT_NE(t.find("hoyo_append_batch_events_mean"), std::string::npos);
  EXPECT_NE(t.find("hoyo_projection_lag_events"), std::string::npos);
}

}  // namespace
}  // namespace hoyo::http
