// The auditors' routes (the log as JSON lines with personal fields while
// their key exists, verification, history, replay) and the test clock.
#include <sstream>

#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

std::vector<json::value> lines(const Response& r) {
  std::vector<json::value> out;
  std::istringstream in(r.body());
  for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
  return out;
}

class AuditRoutes : public AppFixture {};

TEST_F(AuditRoutes, TheLogAsJsonLinesWithPersonalFieldsWhileTheKeyExists) {
  const std::string auditor = auditor_session();
  Response r = get("/api/audit/events?from=1&limit=10000", auditor);
  ASSERT_EQ(r.result(), bhttp::status::ok) << r.body();
  EXPECT_EQ(r[bhttp::field::content_type], "application/x-ndjson; charset=utf-8");
  const auto all = lines(r);
  ASSERT_EQ(all.size(), services_->store().head());
  std::string registration;
  for (std::size_t i = 0; i < all.size(); ++i) {
    const json::value& l = all[i];
    EXPECT_EQ(l.at("position").to_number<std::uint64_t>(), i + 1);
    EXPECT_EQ(l.at("hash").as_string().size(), 64u);
    for (const char* f : {"streamId", "version", "type", "at", "actor", "data"}) {
      EXPECT_TRUE(l.as_object().contains(f)) << f;
    }
    if (l.at("type").as_string() == "RegistrationSubmitted" &&
        l.at("data").at("personal").is_object() &&
        l.at("data").at("personal").at("nameKanji").as_string() == "港 花子") {
      registration = std::string(l.at("data").at("id").as_string());
    }
    EXPECT_EQ(r.body().find("demo-hanako-2026"), std::string::npos);  // never a password
  }
  ASSERT_FALSE(registration.empty());
  // Paging.
  EXPECT_EQ(lines(get("/api/audit/events?from=3&limit=2", auditor)).size(), 2u);
  EXPECT_EQ(code(get("/api/audit/events?from=0", auditor)), "validation");
  EXPECT_EQ(code(get("/api/audit/events?limit=10001", auditor)), "validation");

  // Erased: the same line now says so, and the chain still verifies.
  const std::string op = operator_session();
  ASSERT_EQ(
      post("/api/operator/users/10000012/erasure", op, json::object{{"reason", "退会"}}).result(),
      bhttp::status::ok);
  bool seen = false;
  for (const auto& l : lines(get("/api/audit/events?from=1&limit=10000", auditor))) {
    if (l.at("type").as_string() == "RegistrationSubmitted" &&
        l.at("data").at("id").as_string() == registration) {
      EXPECT_EQ(l.at("data").at("personal").as_string(), "erased");
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
  const json::value verified = body(get("/api/audit/verify", auditor));
  EXPECT_TRUE(verified.at("ok").as_bool()) << json::serialize(verified);
  EXPECT_EQ(verified.at("checked").to_number<std::uint64_t>(), services_->store().head());
}

TEST_F(AuditRoutes, HistoryOfASubjectAndReplayAtAPosition) {
  const std::string user = hanako();
  Response booked = post("/api/reservations", user,
                         json::object{{"facilityId", "kogen"},
                                      {"checkIn", day(20)},
                                      {"nights", 1},
                                      {"people", json::array{2}}});
  ASSERT_EQ(booked.result(), bhttp::status::created);
  const std::string number(body(booked).at("reservationNumber").as_string());
  const std::string at_booking = position(booked);
  Response cancelled =
      post("/api/reservations/cancellations", user,
           json::object{{"reservationNumbers", json::array{json::string(number)}}});
  ASSERT_EQ(cancelled.result(), bhttp::status::ok);

  const std::string auditor = auditor_session();
  Request h = make(bhttp::verb::get, "/api/audit/history/user/10000012", auditor);
  h.set("X-Min-Position", position(cancelled));
  std::vector<std::string> types;
  for (const auto& l : lines(send(h))) types.emplace_back(l.at("type").as_string());
  EXPECT_NE(std::find(types.begin(), types.end(), "ReservationBooked"), types.end());
  EXPECT_EQ(types.back(), "ReservationCancelled");
  EXPECT_EQ(get("/api/audit/history/planet/1", auditor).result(), bhttp::status::not_found);

  // As of the booking, the reservation stood and the night had one room fewer.
  Response then = get("/api/audit/replay?position=" + at_booking +
                          "&facilityId=kogen&from=" + day(20) + "&reservationNumber=" + number,
                      auditor);
  ASSERT_EQ(then.result(), bhttp::status::ok) << then.body();
  EXPECT_EQ(body(then).at("reservation").at("status").as_string(), "booked");
  EXPECT_EQ(body(then).at("vacancy").at("days").as_array()[0].at("freeRooms").as_int64(), 9);
  Response now = get("/api/audit/replay?position=" + position(cancelled) +
                         "&facilityId=kogen&from=" + day(20) + "&reservationNumber=" + number,
                     auditor);
  EXPECT_EQ(body(now).at("reservation").at("status").as_string(), "cancelled");
  EXPECT_EQ(body(now).at("vacancy").at("days").as_array()[0].at("freeRooms").as_int64(), 10);
  EXPECT_EQ(get("/api/audit/replay?position=999999", auditor).result(), bhttp::status::not_found);
}

TEST_F(AuditRoutes, TheTestClockMovesOnlyForwardAndSurvivesARestart) {
  const domain::Instant start = services_->clock().now();
  const std::string later = domain::format_rfc3339_tokyo(start + 3600 * domain::kMicrosPerSecond);
  Response set = send(bhttp::verb::put, "/api/test/clock", "", json::object{{"now", later}});
  ASSERT_EQ(set.result(), bhttp::status::ok) << set.body();
  const domain::Instant expected = *domain::parse_rfc3339(later);  // whole seconds
  EXPECT_EQ(services_->clock().now(), expected);
  Response back = send(bhttp::verb::put, "/api/test/clock", "",
                       json::object{{"now", domain::format_rfc3339_tokyo(start)}});
  EXPECT_EQ(code(back), "conflict");
  EXPECT_EQ(code(send(bhttp::verb::put, "/api/test/clock", "", json::object{{"now", "soon"}})),
            "validation");
  close();
  open();
  EXPECT_EQ(services_->clock().now(), expected);
  EXPECT_EQ(body(get("/api/test/clock")).at("now").as_string(), later);
}

TEST(TestClock, WithoutTheFlagThePathIsNotFound) {
  char pattern[] = "/tmp/hoyo-clk-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  {
    ServicesOptions o;
    o.data_dir = pattern;
    auto services = std::move(Services::open(o)).value();
    AppContext ctx;
    ctx.store = &services->store();
    ctx.services = services.get();
    Request req{bhttp::verb::put, "/api/test/clock", 11};
    req.set("X-Requested-With", "t");
    req.body() = R"({"now":"2030-01-01T00:00:00+09:00"})";
    req.prepare_payload();
    Response r = handle_request(req, ctx);
    EXPECT_EQ(r.result(), bhttp::status::not_found);
    EXPECT_EQ(json::parse(r.body()).at("code").as_string(), "not_found");
  }
  std::filesystem::remove_all(pattern);
}

}  // namespace
}  // namespace hoyo::http
