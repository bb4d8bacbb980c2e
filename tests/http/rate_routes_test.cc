// Rate tables over HTTP: the demo facilities' tables, the table in force on a
// date (GET /api/facilities/{id}/rates), and operators putting, keeping,
// checking and removing tables with the facility (PUT
// /api/operator/facilities/{id}), across a restart.
#include "domain/rates.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class RateRoutes : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    op_ = operator_session();
    ASSERT_FALSE(op_.empty());
  }
  // The first day of the fiscal year `years` after today's.
  std::string fiscal_start(int years) const {
    const domain::Date today = domain::Date::parse(day(0)).value();
    return domain::Date::from_ymd(domain::fiscal_year(today) + years, 4, 1).to_string();
  }
  Response rates_at(const std::string& facility, const std::string& query,
                    const std::string& min_position = {}) {
    Request req = make(bhttp::verb::get, "/api/facilities/" + facility + "/rates" + query);
    if (!min_position.empty()) req.set("X-Min-Position", min_position);
    return send(req);
  }
  std::string op_;
};

TEST_F(RateRoutes, TheDemoFacilitiesHaveTheirTablesInForce) {
  Response today = rates_at("ohiradai", "");
  ASSERT_EQ(today.result(), bhttp::status::ok) << today.body();
  const json::value b = body(today);
  EXPECT_EQ(b.at("facilityId").as_string(), "ohiradai");
  EXPECT_EQ(b.at("date").as_string(), day(0));
  EXPECT_EQ(b.at("currency").as_string(), "JPY");
  const json::value& t = b.at("rates");
  EXPECT_EQ(t.at("effectiveFrom").as_string(), fiscal_start(0));
  EXPECT_EQ(t.at("adult").as_int64(), 3200);
  EXPECT_EQ(t.at("child").as_int64(), 2500);
  EXPECT_EQ(t.at("infant").as_int64(), 0);
  EXPECT_EQ(t.at("bathingTax").as_int64(), 150);
  EXPECT_EQ(t.at("senior").at("perNight").as_int64(), 2200);
  EXPECT_EQ(t.at("senior").at("nightsPerFiscalYear").as_int64(), 2);
  EXPECT_EQ(t.at("excludeSaturdays"), json::value(true));
  EXPECT_EQ(t.at("excludedRanges"), json::parse(R"([{"from":"12-29","to":"01-03"}])"));

  // Next fiscal year's prices are entered ahead; before this year's, none.
  Response ahead = rates_at("ohiradai", "?date=" + fiscal_start(1));
  ASSERT_EQ(ahead.result(), bhttp::status::ok) << ahead.body();
  EXPECT_EQ(body(ahead).at("rates").at("adult").as_int64(), 3300);
  const std::string before = domain::Date::parse(fiscal_start(0))->plus_days(-1).to_string();
  Response none = rates_at("ohiradai", "?date=" + before);
  EXPECT_EQ(none.result(), bhttp::status::not_found);
  EXPECT_EQ(code(none), "not_found");

  EXPECT_EQ(body(rates_at("seaside", "")).at("rates").at("saturdaySurcharge").as_int64(), 500);
  EXPECT_FALSE(body(rates_at("seaside", "")).at("rates").as_object().contains("senior"));
  EXPECT_EQ(code(rates_at("nowhere", "")), "not_found");
  EXPECT_EQ(code(rates_at("ohiradai", "?date=2027-02-30")), "validation");
  // The public catalogue leaves the tables to this route.
  EXPECT_EQ(get("/api/facilities").body().find("\"rates\""), std::string::npos);
}

TEST_F(RateRoutes, OperatorsPutKeepAndRemoveTablesWithTheFacility) {
  const json::object lodge{
      {"name", "湖畔の保養所"},
      {"nameEn", "Lakeside Lodge"},
      {"roomTypes", json::array{{{"style", "standard"}, {"rooms", 6}, {"capacity", 4}}}},
      {"rates",
       json::array{{{"effectiveFrom", day(0)},
                    {"adult", 4000},
                    {"child", 3000},
                    {"saturdaySurcharge", 500},
                    {"senior", {{"perNight", 2500}, {"nightsPerFiscalYear", 3}}},
                    {"excludedRanges", json::array{{{"from", "08-13"}, {"to", "08-16"}}}}}}}};
  Response created = send(bhttp::verb::put, "/api/operator/facilities/lakeside", op_, lodge);
  ASSERT_EQ(created.result(), bhttp::status::created) << created.body();
  const json::value t = body(created).at("rates").as_array().at(0);
  EXPECT_EQ(t.at("adult").as_int64(), 4000);
  EXPECT_EQ(t.at("infant").as_int64(), 0);  // the defaults of what is not given
  EXPECT_EQ(t.at("holidayEveSurcharge").as_int64(), 0);
  EXPECT_EQ(t.at("bathingTax").as_int64(), 0);
  EXPECT_EQ(t.at("excludeHolidayEves"), json::value(true));
  EXPECT_FALSE(t.as_object().contains("disability"));

  Response in_force = rates_at("lakeside", "?date=" + day(1), position(created));
  ASSERT_EQ(in_force.result(), bhttp::status::ok) << in_force.body();
  EXPECT_EQ(body(in_force).at("rates"), t);
  EXPECT_EQ(body(in_force).at("rates").at("senior").at("nightsPerFiscalYear").as_int64(), 3);

  // A change without `rates` keeps them, also across a restart.
  json::object renamed = lodge;
  renamed.erase("rates");
  renamed["name"] = "湖畔の保養所（新館）";
  Response kept = send(bhttp::verb::put, "/api/operator/facilities/lakeside", op_, renamed);
  ASSERT_EQ(kept.result(), bhttp::status::ok) << kept.body();
  EXPECT_EQ(body(kept).at("rates").as_array().at(0), t);
  close();
  open();
  const std::string session = operator_session();
  Response after_restart = rates_at("lakeside", "?date=" + day(1), position(kept));
  ASSERT_EQ(after_restart.result(), bhttp::status::ok) << after_restart.body();
  EXPECT_EQ(body(after_restart).at("rates"), t);

  // An empty array removes them.
  json::object without = lodge;
  without["rates"] = json::array{};
  Response removed = send(bhttp::verb::put, "/api/operator/facilities/lakeside", session, without);
  ASSERT_EQ(removed.result(), bhttp::status::ok) << removed.body();
  EXPECT_EQ(code(rates_at("lakeside", "?date=" + day(1), position(removed))), "not_found");
}

TEST_F(RateRoutes, ABadTableIsRefusedNamingItsField) {
  struct Case {
    const char* what;
    json::value rates;
    std::string field;
  } cases[] = {
      {"not an array", json::value("3200"), "rates"},
      {"not an object", json::array{1}, "rates[0]"},
      {"an impossible date",
       json::array{{{"effectiveFrom", "2027-02-30"}, {"adult", 3200}, {"child", 2500}}},
       "rates[0].effectiveFrom"},
      {"yen as text", json::array{{{"effectiveFrom", day(0)}, {"adult", "3200"}, {"child", 2500}}},
       "rates[0].adult"},
      {"no child rate", json::array{{{"effectiveFrom", day(0)}, {"adult", 3200}}},
       "rates[0].child"},
      {"a reduction without its cap",
       json::array{{{"effectiveFrom", day(0)},
                    {"adult", 3200},
                    {"child", 2500},
                    {"disability", {{"perNight", 1500}}}}},
       "rates[0].disability"},
      {"a range not MM-DD",
       json::array{{{"effectiveFrom", day(0)},
                    {"adult", 3200},
                    {"child", 2500},
                    {"excludedRanges", json::array{{{"from", "12/29"}, {"to", "01-03"}}}}}},
       "rates[0].excludedRanges"},
      // Well formed, out of range: the domain's checks.
      {"a negative amount",
       json::array{{{"effectiveFrom", day(0)}, {"adult", 3200}, {"child", -1}}}, "rates[0].child"},
      {"a cap of 0",
       json::array{{{"effectiveFrom", day(0)},
                    {"adult", 3200},
                    {"child", 2500},
                    {"senior", {{"perNight", 2000}, {"nightsPerFiscalYear", 0}}}}},
       "rates[0].senior.nightsPerFiscalYear"},
      {"a day that does not exist",
       json::array{{{"effectiveFrom", day(0)},
                    {"adult", 3200},
                    {"child", 2500},
                    {"excludedRanges", json::array{{{"from", "02-30"}, {"to", "03-01"}}}}}},
       "rates[0].excludedRanges"},
      {"two tables from one day",
       json::array{{{"effectiveFrom", day(0)}, {"adult", 3200}, {"child", 2500}},
                   {{"effectiveFrom", day(0)}, {"adult", 3300}, {"child", 2500}}},
       "rates[1].effectiveFrom"},
  };
  for (const Case& c : cases) {
    json::object lodge{
        {"name", "湖畔の保養所"},
        {"roomTypes", json::array{{{"style", "standard"}, {"rooms", 6}, {"capacity", 4}}}},
        {"rates", c.rates}};
    Response bad = send(bhttp::verb::put, "/api/operator/facilities/lakeside", op_, lodge);
    EXPECT_EQ(code(bad), "validation") << c.what;
    ASSERT_TRUE(body(bad).as_object().contains("errors")) << c.what << ": " << bad.body();
    EXPECT_EQ(body(bad).at("errors").as_array()[0].at("field").as_string(), c.field) << c.what;
  }
  EXPECT_EQ(code(rates_at("lakeside", "")), "not_found");  // nothing was registered
}

}  // namespace
}  // namespace hoyo::http
