// Disk faults through the API (docs/operations.md "When the disk fails"): a
// full disk or a failed write or sync answers every write 503 `unavailable`
// with Retry-After, reads go on, /api/health says degraded with its reason;
// a full disk recovers by itself, a failed sync only by a restart. The faults
// are driven as a test drives a real hoyod: PUT /api/test/faults, which
// exists only under --test-faults.
#include "eventstore/fault_injection.h"
#include "eventually.h"
#include "temp_dir.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;
using hoyo::testing::eventually;

class DiskFaultRoutes : public AppFixture {
 protected:
  void SetUp() override {
    tweak_ = [](daemon::RuntimeOptions& o) { o.test_faults = true; };
    AppFixture::SetUp();
  }
  Response faults(const json::object& set) {
    return send(bhttp::verb::put, "/api/test/faults", "", set);
  }
  Response book(const std::string& session, int from_today, const std::string& key = {}) {
    Request req = make(bhttp::verb::post, "/api/reservations", session,
                       json::serialize(json::object{{"facilityId", "kogen"},
                                                    {"checkIn", day(from_today)},
                                                    {"nights", 1},
                                                    {"people", json::array{2}}}));
    if (!key.empty()) req.set("Idempotency-Key", key);
    return send(req);
  }
  // The user's reservations as of the log's head (what the writer holds):
  // a read without a position may not see the last booking yet.
  std::size_t reservations(const std::string& session) {
    Request req = make(bhttp::verb::get, "/api/reservations", session);
    req.set("X-Min-Position", std::to_string(services_->store().head()));
    Response r = send(req);
    EXPECT_EQ(r.result(), bhttp::status::ok) << r.body();
    return body(r).as_array().size();
  }
  // A write refused for the disk: 503 problem+json `unavailable`, Retry-After.
  static void expect_unavailable(const Response& r) {
    EXPECT_EQ(r.result(), bhttp::status::service_unavailable) << r.body();
    EXPECT_EQ(r[bhttp::field::content_type], "application/problem+json");
    EXPECT_EQ(code(r), "unavailable") << r.body();
    EXPECT_FALSE(r[bhttp::field::retry_after].empty()) << "no Retry-After";
  }
  std::string health_reason() {
    Response h = get("/api/health");
    const json::object b = body(h).as_object();
    if (b.at("status").as_string() == "ok") {
      EXPECT_EQ(h.result(), bhttp::status::ok);
      return "";
    }
    EXPECT_EQ(b.at("status").as_string(), "degraded");
    EXPECT_EQ(h.result(), bhttp::status::service_unavailable);
    return std::string(b.at("reason").as_string());
  }
  // A line of /metrics, e.g. "hoyo_store_degraded 1".
  std::string metric(const std::string& name) {
    const std::string text = render_metrics(make(bhttp::verb::get, "/metrics"), ctx_).body();
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return "";
    return text.substr(at + 1, text.find('\n', at + 1) - at - 1);
  }
  // Reads that must go on while writes are refused.
  void expect_reads_served(const std::string& session) {
    EXPECT_EQ(get("/api/facilities").result(), bhttp::status::ok);
    EXPECT_EQ(get("/api/vacancy/kogen/calendar?month=" + day(10).substr(0, 7)).result(),
              bhttp::status::ok);
    reservations(session);
  }
};

TEST_F(DiskFaultRoutes, AFullDiskRefusesWritesServesReadsAndRecoversBySelf) {
  const std::string user = hanako();
  ASSERT_EQ(book(user, 10).result(), bhttp::status::created);
  EXPECT_EQ(health_reason(), "");

  ASSERT_EQ(faults({{"noSpace", true}}).result(), bhttp::status::ok);
  expect_unavailable(book(user, 11, "key-1"));
  EXPECT_EQ(health_reason(), "no_space");
  EXPECT_EQ(metric("hoyo_store_degraded"), "hoyo_store_degraded 1");
  expect_unavailable(book(user, 12));
  expect_reads_served(user);
  expect_unavailable(
      post("/api/session", "", {{"userNumber", "10000020"}, {"password", "demo-taro-2026"}}));

  ASSERT_EQ(faults({{"noSpace", false}}).result(), bhttp::status::ok);
  ASSERT_TRUE(eventually([&] { return health_reason().empty(); }))
      << "still degraded after space returned: " << health_reason();
  EXPECT_EQ(metric("hoyo_store_degraded"), "hoyo_store_degraded 0");
  EXPECT_EQ(metric("hoyo_store_recoveries_total"), "hoyo_store_recoveries_total 1");
  // The refused keyed booking may have reached the log; its retry answers
  // whichever is true, and the user holds it once.
  Response retry = book(user, 11, "key-1");
  ASSERT_EQ(retry.result(), bhttp::status::created) << retry.body();
  EXPECT_EQ(reservations(user), 2u);
  EXPECT_EQ(book(user, 12).result(), bhttp::status::unprocessable_entity)
      << "the third upcoming booking is over the limit of two";
  EXPECT_FALSE(taro().empty()) << "logins write again";
}

TEST_F(DiskFaultRoutes, AFailedSyncKeepsWritesRefusedUntilRestart) {
  const std::string user = hanako();
  ASSERT_EQ(book(user, 10).result(), bhttp::status::created);
  ASSERT_EQ(faults({{"failSyncs", true}}).result(), bhttp::status::ok);
  expect_unavailable(book(user, 11, "key-1"));
  ASSERT_EQ(faults({{"failSyncs", false}}).result(), bhttp::status::ok);
  // Healthy disk or not: a failed fsync cannot be trusted.
  expect_unavailable(book(user, 11, "key-1"));
  EXPECT_EQ(health_reason(), "io_error");
  expect_reads_served(user);

  close();
  open();
  EXPECT_EQ(health_reason(), "");
  const std::string again = hanako();
  // The acknowledged booking is there; the refused one may be (its bytes
  // reached the WAL, only their sync failed): its key answers which.
  const std::size_t before = reservations(again);
  EXPECT_GE(before, 1u) << "the acknowledged booking was lost";
  EXPECT_LE(before, 2u);
  Response retry = book(again, 11, "key-1");
  EXPECT_EQ(retry.result(), bhttp::status::created) << retry.body();
  EXPECT_EQ(reservations(again), 2u);
}

TEST_F(DiskFaultRoutes, FailedWritesKeepWritesRefusedUntilRestart) {
  const std::string user = hanako();
  ASSERT_EQ(faults({{"failWrites", true}}).result(), bhttp::status::ok);
  expect_unavailable(book(user, 10));
  ASSERT_EQ(faults({{"failWrites", false}}).result(), bhttp::status::ok);
  expect_unavailable(book(user, 10));
  EXPECT_EQ(health_reason(), "io_error");
}

TEST_F(DiskFaultRoutes, TheFaultsRouteSaysAndSwitchesEachFault) {
  Response on = faults({{"noSpace", true}, {"failSyncs", false}});
  ASSERT_EQ(on.result(), bhttp::status::ok) << on.body();
  EXPECT_EQ(body(on), json::parse(R"({"noSpace":true,"failSyncs":false,"failWrites":false})"));
  EXPECT_EQ(body(get("/api/test/faults")), body(on));
  Response bad = faults({{"noSpace", "yes"}, {"failWrites", true}});
  EXPECT_EQ(bad.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(code(bad), "validation");
  EXPECT_EQ(body(get("/api/test/faults")), body(on)) << "a refused body changes nothing";
  ASSERT_EQ(faults({{"noSpace", false}}).result(), bhttp::status::ok);
}

TEST(TestFaults, WithoutTheFlagThePathIsNotFound) {
  const ::hoyo::testing::TempDir tmp;
  daemon::RuntimeOptions o;
  o.data_dir = tmp.path();
  o.test_clock = true;  // another test route's flag opens only its own path
  o.faults = std::make_shared<eventstore::FaultInjector>();
  auto services = std::move(daemon::Runtime::open(o)).value();
  AppContext ctx;
  ctx.store = &services->store();
  ctx.services = services.get();
  for (const auto verb : {bhttp::verb::get, bhttp::verb::put}) {
    Request req{verb, "/api/test/faults", 11};
    req.set("X-Requested-With", "t");
    req.body() = R"({"noSpace":true})";
    req.prepare_payload();
    Response r = handle_request(req, ctx);
    EXPECT_EQ(r.result(), bhttp::status::not_found);
    EXPECT_EQ(json::parse(r.body()).at("code").as_string(), "not_found");
  }
  EXPECT_FALSE(o.faults->out_of_space());
}

}  // namespace
}  // namespace hoyo::http
