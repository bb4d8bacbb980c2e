// Public read routes over a demo data directory, handlers called without a
// network: facilities, the vacancy calendar and week, read-your-writes.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "accounts/demo_data.h"
#include "daemon/config.h"
#include "daemon/runtime.h"
#include "http/app/api.h"
#include "projections/stay_view.h"
#include "projections_caught_up.h"
#include "temp_dir.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;

class ReadRoutes : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path();
    daemon::RuntimeOptions o;
    o.data_dir = dir_;
    o.test_clock = true;
    o.accounts.hash = {1024, 1, 1};
    services_ = std::move(daemon::Runtime::open(o)).value();
    auto demo = accounts::fill_demo_data(services_->store(), services_->processor(),
                                         services_->accounts(), services_->clock());
    ASSERT_TRUE(demo.filled) << demo.message;
    ASSERT_TRUE(projections_caught_up(*services_));
    ctx_ = AppContext{};
    ctx_.store = &services_->store();
    ctx_.services = services_.get();
  }
  void TearDown() override { services_.reset(); }
  Response get(const std::string& target, std::uint64_t min_position = 0) {
    Request req{bhttp::verb::get, target, 11};
    if (min_position) req.set("X-Min-Position", std::to_string(min_position));
    return handle_request(req, ctx_);
  }
  static json::value body(const Response& r) { return json::parse(r.body()); }
  domain::Date today() const { return domain::tokyo_date(services_->clock().now()); }

  ::hoyo::testing::TempDir tmp_;  // removed after everything below

  std::string dir_;
  std::unique_ptr<daemon::Runtime> services_;
  AppContext ctx_;
};

TEST_F(ReadRoutes, FacilitiesListsTheDemoCatalogue) {
  const std::uint64_t head = services_->store().head();
  Response r = get("/api/facilities", head);
  ASSERT_EQ(r.result(), bhttp::status::ok);
  EXPECT_EQ(r["X-Log-Position"], std::to_string(head));
  EXPECT_EQ(r[bhttp::field::content_type], "application/json; charset=utf-8");
  const json::array list = body(r).as_array();
  ASSERT_EQ(list.size(), 3u);
  const json::object& ohiradai = list[0].as_object();
  EXPECT_EQ(ohiradai.at("name").as_string(), "大平台みなと荘");
  EXPECT_TRUE(ohiradai.at("styleWish").as_bool());
  EXPECT_EQ(ohiradai.at("roomTypes").as_array()[0].at("style").as_string(), "japanese");
  EXPECT_EQ(ohiradai.at("roomTypes").as_array()[0].at("capacity").as_int64(), 5);
  for (const auto& f : list) {
    int rooms = 0;
    for (const auto& t : f.at("roomTypes").as_array()) rooms += t.at("rooms").as_int64();
    EXPECT_LE(rooms, 20);
    // Only 高原の保養所 takes cancellation-waitlist entries, with the defaults.
    EXPECT_EQ(f.at("waitlist").at("enabled").as_bool(), f.at("id").as_string() == "kogen")
        << f.at("id").as_string();
  }
  EXPECT_EQ(list[2].at("waitlist"), json::parse(R"({"enabled":true,"entriesPerMonth":2,
      "closeDaysBefore":6,"pickAt":"09:00","offerDays":2,"offerBy":"01:59"})"));
}

TEST_F(ReadRoutes, TheCalendarCoversWholeMonthsWithTheMarks) {
  const std::string month = today().first_of_month_plus(1).to_string().substr(0, 7);
  Response r = get("/api/vacancy/seaside/calendar?month=" + month + "&months=2");
  ASSERT_EQ(r.result(), bhttp::status::ok) << r.body();
  const json::object b = body(r).as_object();
  EXPECT_EQ(b.at("facilityId").as_string(), "seaside");
  const json::array& days = b.at("days").as_array();
  const domain::Date first = today().first_of_month_plus(1);
  EXPECT_EQ(static_cast<int>(days.size()), first.first_of_month_plus(2).days - first.days);
  EXPECT_EQ(days[0].at("date").as_string(), first.to_string());
  for (const auto& d : days) {
    const std::string symbol(d.at("symbol").as_string());
    EXPECT_TRUE(symbol == "●" || symbol == "－") << symbol;  // nothing booked yet
    EXPECT_EQ(d.at("bookable").as_bool(), symbol == "●");
  }
}

TEST_F(ReadRoutes, ABookingShowsAtOnceForAReaderWhoAsksForItsPosition) {
  const domain::Date stay = today().plus_days(10);
  auto booked = services_->processor()
                    .submit({domain::Actor::user("10000012"),
                             domain::BookRoom{
                                 "10000012", "seaside", stay, 1, {2}, domain::StyleWish::kAny, {}}})
                    .get();
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  Response r = get("/api/vacancy/seaside/week?from=" + stay.to_string(), booked->last_position);
  ASSERT_EQ(r.result(), bhttp::status::ok);
  EXPECT_GE(std::stoull(std::string(r["X-Log-Position"])), booked->last_position);
  const json::value week = body(r);
  const json::array& days = week.at("days").as_array();
  ASSERT_EQ(days.size(), 7u);
  EXPECT_EQ(days[0].at("freeRooms").as_int64(), 14);
  EXPECT_EQ(days[0].at("byStyle").at("standard").as_int64(), 14);
  EXPECT_EQ(days[1].at("freeRooms").as_int64(), 15);
  Response cal =
      get("/api/vacancy/seaside/calendar?month=" + stay.to_string().substr(0, 7) + "&months=1");
  const json::value month = body(cal);
  bool seen = false;
  for (const auto& d : month.at("days").as_array()) {
    if (d.at("date").as_string() == stay.to_string()) {
      EXPECT_EQ(d.at("symbol").as_string(), "▲");
      EXPECT_EQ(d.at("totalRooms").as_int64(), 15);
      seen = true;
    }
  }
  EXPECT_TRUE(seen);
}

TEST_F(ReadRoutes, BadInputGetsAProblemWithAStableCode) {
  Response unknown = get("/api/vacancy/atlantis/week");
  EXPECT_EQ(unknown.result(), bhttp::status::not_found);
  EXPECT_EQ(body(unknown).at("code").as_string(), "not_found");
  EXPECT_EQ(unknown[bhttp::field::content_type], "application/problem+json");
  for (const char* bad :
       {"/api/vacancy/seaside/calendar?month=2026-13", "/api/vacancy/seaside/calendar?month=26-01",
        "/api/vacancy/seaside/calendar?months=9", "/api/vacancy/seaside/week?from=2026-02-30"}) {
    Response r = get(bad);
    EXPECT_EQ(r.result(), bhttp::status::unprocessable_entity) << bad;
    EXPECT_EQ(body(r).at("code").as_string(), "validation") << bad;
    EXPECT_FALSE(body(r).at("errors").as_array().empty()) << bad;
  }
  Request post{bhttp::verb::post, "/api/facilities", 11};
  post.set("X-Requested-With", "test");  // past the CSRF check, to the route
  Response r = handle_request(post, ctx_);
  EXPECT_EQ(r.result(), bhttp::status::method_not_allowed);
  EXPECT_EQ(r[bhttp::field::allow], "GET, HEAD");
}

TEST_F(ReadRoutes, EveryAnswerCarriesTheSecurityHeaders) {
  for (const char* target : {"/api/facilities", "/api/vacancy/seaside/week", "/api/nothing"}) {
    Response r = get(target);
    EXPECT_EQ(r["Content-Security-Policy"],
              "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    EXPECT_EQ(r["X-Content-Type-Options"], "nosniff");
    EXPECT_EQ(r["Referrer-Policy"], "no-referrer");
  }
}

TEST_F(ReadRoutes, DemoDataIsWrittenOnlyToAnEmptyDirectory) {
  const std::uint64_t head = services_->store().head();
  auto again = accounts::fill_demo_data(services_->store(), services_->processor(),
                                        services_->accounts(), services_->clock());
  EXPECT_FALSE(again.filled);
  EXPECT_NE(again.message.find("already holds"), std::string::npos);
  EXPECT_EQ(services_->store().head(), head);
  // The demo logins work.
  EXPECT_TRUE(services_->accounts().login("10000012", "demo-hanako-2026", "t").ok());
  EXPECT_TRUE(services_->accounts().login("10000020", "demo-taro-2026", "t").ok());
  EXPECT_EQ(services_->accounts().operator_login("demo-operator", "demo-operator-2026", "t")->role,
            domain::OperatorRole::kOperator);
  EXPECT_EQ(services_->accounts().operator_login("demo-auditor", "demo-auditor-2026", "t")->role,
            domain::OperatorRole::kAuditor);
  // The lottery is open for the stay month three months ahead; its first-come
  // window is not.
  services_->projections().read_as<projections::StayView>(
      projections::StayView::kName, head, std::chrono::seconds(2),
      [&](const projections::StayView& v) {
        ASSERT_EQ(v.lotteries().size(), 1u);
        const domain::LotteryPeriod& p = *v.lotteries()[0];
        EXPECT_EQ(p.stay_month, today().first_of_month_plus(3));
        auto days = v.vacancy("seaside", p.stay_month, 1, services_->clock().now());
        EXPECT_EQ(days[0].mark, projections::Mark::kNotBookable);
      });
}

}  // namespace
}  // namespace hoyo::http
