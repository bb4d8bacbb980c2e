// Prices over HTTP (issue 17): bookings and changes with guests and a
// reduction answer with the price recorded (and a change with its
// difference); the lists, the operators' views and the CSV show it; a
// facility without rates books unpriced; hostile guests are refused before
// any work.
#include "domain/holidays.h"
#include "domain/rates.h"
#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class PriceRoutes : public OperatorAndResident {
 protected:
  // The amount the demo's ohiradai table in force on `date` asks for `field`.
  std::int64_t rate(const std::string& date, const char* field, const std::string& at) {
    Request req = make(bhttp::verb::get, "/api/facilities/ohiradai/rates?date=" + date);
    req.set("X-Min-Position", at);
    Response r = send(req);
    EXPECT_EQ(r.result(), bhttp::status::ok) << r.body();
    return body(r).at("rates").at(field).as_int64();
  }
  // Books ohiradai for hanako: day(12), one night, unless `o` says otherwise.
  Response book(json::object o) {
    o.emplace("facilityId", "ohiradai");
    o.emplace("checkIn", day(12));
    o.emplace("nights", 1);
    return post("/api/reservations", hanako_, o);
  }
  // The first weekday from day(10) on that is neither a Saturday nor the eve
  // of a holiday is what these tests book; ohiradai has no surcharges anyway.
  static json::array guests(int adults, int children, int infants) {
    return json::array{{{"adults", adults}, {"children", children}, {"infants", infants}}};
  }
};

TEST_F(PriceRoutes, ABookingAnswersListsAndExportsItsPrice) {
  Response booked = book({{"guests", guests(2, 1, 1)}});
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const json::value b = body(booked);
  const std::string number(b.at("reservationNumber").as_string());
  EXPECT_EQ(b.at("people"), json::parse("[3]"));  // adults + children
  EXPECT_EQ(b.at("guests"), json::parse(R"([{"adults":2,"children":1,"infants":1}])"));
  EXPECT_EQ(b.at("reduction").as_string(), "none");
  const json::value& price = b.at("price");
  const std::int64_t adult = rate(day(12), "adult", position(booked));
  const std::int64_t child = rate(day(12), "child", position(booked));
  const std::int64_t tax = rate(day(12), "bathingTax", position(booked));
  EXPECT_EQ(price.at("total").as_int64(), 2 * adult + child + 2 * tax);
  EXPECT_EQ(price.at("currency").as_string(), "JPY");
  const json::value first_line = price.at("lines").as_array().at(0);
  EXPECT_EQ(first_line, (json::value{{"date", day(12)},
                                     {"category", "adult"},
                                     {"count", 2},
                                     {"unitPrice", adult},
                                     {"amount", 2 * adult}}));
  EXPECT_EQ(price.at("lines").as_array().size(), 4u);  // adult, child, infant, bathing_tax

  Request list = make(bhttp::verb::get, "/api/reservations", hanako_);
  list.set("X-Min-Position", position(booked));
  EXPECT_EQ(body(send(list)).as_array().at(0).at("price"), price);

  Request search = make(bhttp::verb::get, "/api/operator/reservations?userNumber=10000012", op_);
  search.set("X-Min-Position", position(booked));
  EXPECT_EQ(body(send(search)).as_array().at(0).at("price"), price);

  Request csv = make(bhttp::verb::get, "/api/operator/reservations.csv?userNumber=10000012", op_);
  csv.set("X-Min-Position", position(booked));
  const std::string text = send(csv).body();
  EXPECT_NE(text.find(",料金,支払,利用\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find("," + std::to_string(price.at("total").as_int64()) + ",unpaid,unknown\r\n"),
            std::string::npos)
      << text;

  // A change with guests recomputes it and answers the difference.
  Response changed = send(bhttp::verb::patch, "/api/reservations/" + number, hanako_,
                          json::object{{"guests", guests(1, 1, 0)}});
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  const json::value c = body(changed);
  EXPECT_EQ(c.at("people"), json::parse("[2]"));
  EXPECT_EQ(c.at("price").at("total").as_int64(), adult + child + tax);
  EXPECT_EQ(c.at("priceDifference").as_int64(), -(adult + tax));

  // The operators' change answers the same way.
  Response by_centre = send(bhttp::verb::patch, "/api/operator/reservations/" + number, op_,
                            json::object{{"people", json::array{3}}});
  ASSERT_EQ(by_centre.result(), bhttp::status::ok) << by_centre.body();
  // People alone keep the night's child: one more adult.
  EXPECT_EQ(body(by_centre).at("guests"),
            json::parse(R"([{"adults":2,"children":1,"infants":0}])"));
  EXPECT_EQ(body(by_centre).at("price").at("total").as_int64(), 2 * adult + child + 2 * tax);
  EXPECT_EQ(body(by_centre).at("priceDifference").as_int64(), adult + tax);
}

TEST_F(PriceRoutes, AChangeIsQuotedBeforeOkAsItWillBeRecorded) {
  Response booked = book({{"guests", guests(2, 1, 1)}});
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::string number(body(booked).at("reservationNumber").as_string());
  const json::value before = body(booked).at("price");
  const std::string quote_path = "/api/reservations/" + number + "/quote";
  const json::object more{{"people", json::array{4}}};
  // A quote read once the projection holds position `at` (read your writes).
  auto quote = [this](const std::string& path, const std::string& session,
                      const json::object& change, const std::string& at) {
    Request req = make(bhttp::verb::post, path, session, json::serialize(change));
    req.set("X-Min-Position", at);
    return send(req);
  };

  Response quoted = quote(quote_path, hanako_, more, position(booked));
  ASSERT_EQ(quoted.result(), bhttp::status::ok) << quoted.body();
  const json::value q = body(quoted);
  EXPECT_EQ(q.at("people"), json::parse("[4]"));
  EXPECT_EQ(q.at("guests"), json::parse(R"([{"adults":3,"children":1,"infants":1}])"));
  const std::int64_t adult = rate(day(12), "adult", position(booked));
  const std::int64_t tax = rate(day(12), "bathingTax", position(booked));
  EXPECT_EQ(q.at("priceDifference").as_int64(), adult + tax);
  EXPECT_EQ(q.at("price").at("total").as_int64(), before.at("total").as_int64() + adult + tax);

  // Nothing changed: the list still holds the booked price.
  Request list = make(bhttp::verb::get, "/api/reservations", hanako_);
  list.set("X-Min-Position", position(booked));
  EXPECT_EQ(body(send(list)).as_array().at(0).at("price"), before);

  // The change records what the quote said.
  Response changed = send(bhttp::verb::patch, "/api/reservations/" + number, hanako_, more);
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(body(changed).at("price"), q.at("price"));
  EXPECT_EQ(body(changed).at("priceDifference"), q.at("priceDifference"));
  EXPECT_EQ(body(changed).at("guests"), q.at("guests"));

  // Fewer people than the night's children: the guests must be given.
  Response two_children = book({{"checkIn", day(14)}, {"guests", guests(1, 2, 0)}});
  ASSERT_EQ(two_children.result(), bhttp::status::created) << two_children.body();
  const std::string second(body(two_children).at("reservationNumber").as_string());
  const json::object one{{"people", json::array{1}}};
  Response fewer =
      quote("/api/reservations/" + second + "/quote", hanako_, one, position(two_children));
  EXPECT_EQ(fewer.result(), bhttp::status::unprocessable_entity) << fewer.body();
  EXPECT_EQ(body(fewer).at("errors").as_array().at(0).at("field").as_string(), "guests");
  EXPECT_EQ(body(fewer).at("errors").as_array().at(0).at("code").as_string(), "required");
  Response refused = send(bhttp::verb::patch, "/api/reservations/" + second, hanako_, one);
  EXPECT_EQ(refused.result(), bhttp::status::unprocessable_entity) << refused.body();

  // Another user's reservation, or none, is not found; a hostile body is
  // refused as a change's.
  EXPECT_EQ(post(quote_path, taro(), more).result(), bhttp::status::not_found);
  EXPECT_EQ(post("/api/reservations/99999999/quote", hanako_, more).result(),
            bhttp::status::not_found);
  Response hostile = post(quote_path, hanako_, json::object{{"guests", "lots"}});
  EXPECT_EQ(hostile.result(), bhttp::status::unprocessable_entity) << hostile.body();
}

TEST_F(PriceRoutes, AReductionIsPricedAndAnUnknownOneRefused) {
  Response booked = book({{"guests", guests(2, 0, 0)}, {"reduction", "senior"}});
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  EXPECT_EQ(body(booked).at("reduction").as_string(), "senior");
  bool senior = false;
  const json::value b = body(booked);
  for (const json::value& l : b.at("price").at("lines").as_array()) {
    senior = senior || l.at("category").as_string() == "senior";
  }
  // Reduced unless day(12) is excluded (a Saturday, a holiday eve, 12/29-1/3).
  const domain::Date d = *domain::Date::parse(day(12));
  EXPECT_EQ(senior,
            d.weekday() != 6 && !domain::is_holiday_eve(d) && !domain::kYearEndRange.contains(d));

  Response gold = book({{"people", json::array{1}}, {"reduction", "gold"}});
  EXPECT_EQ(gold.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(body(gold).at("errors").as_array().at(0).at("field").as_string(), "reduction");
}

TEST_F(PriceRoutes, GuestsThatDisagreeWithPeopleAreRefusedNamingTheField) {
  Response r = book({{"people", json::array{2}}, {"guests", guests(2, 1, 0)}});
  ASSERT_EQ(r.result(), bhttp::status::unprocessable_entity) << r.body();
  EXPECT_EQ(code(r), "validation");
  const json::value f = body(r).at("errors").as_array().at(0);
  EXPECT_EQ(f.at("field").as_string(), "people");
  EXPECT_EQ(f.at("code").as_string(), "mismatch");
  // Infants are not counted: 2 adults and an infant agree with 2 people.
  Response infants = book({{"people", json::array{2}}, {"guests", guests(2, 0, 1)}});
  EXPECT_EQ(infants.result(), bhttp::status::created) << infants.body();
}

TEST_F(PriceRoutes, HostileGuestsAreRefusedBeforeAnyWork) {
  const char* cases[] = {
      R"([{"adults":1,"children":0},{"adults":1,"children":0}])",  // two for one night
      R"([{"adults":1,"children":0},{"adults":1,"children":0},{"adults":1,"children":0}])",
      R"([{"adults":-1,"children":2}])",
      R"([{"adults":101,"children":0}])",
      R"([{"adults":1e12,"children":0}])",
      R"([{"adults":9223372036854775807,"children":9223372036854775807}])",
      R"([{"adults":1,"children":0,"infants":-3}])",
      R"([{"adults":"2","children":0}])",
      R"([{"adults":1.5,"children":0}])",
      R"([{"adults":true,"children":0}])",
      R"([{"children":1}])",
      R"([{"adults":0,"children":0,"infants":1}])",
      R"([[1,0,0]])",
      R"([null])",
      R"([])",
      R"({"adults":1,"children":0})",
      R"("2 adults")",
      R"(null)",
  };
  for (const char* g : cases) {
    Response r = book({{"guests", json::parse(g)}});
    ASSERT_EQ(r.result(), bhttp::status::unprocessable_entity) << g << ": " << r.body();
    EXPECT_EQ(code(r), "validation") << g;
    EXPECT_EQ(body(r).at("errors").as_array().at(0).at("field").as_string(), "guests") << g;
  }
  Response patch = send(bhttp::verb::patch, "/api/reservations/123456789", hanako_,
                        json::object{{"guests", json::parse(R"([{"adults":-1,"children":0}])")}});
  EXPECT_EQ(patch.result(), bhttp::status::unprocessable_entity) << patch.body();
}

TEST_F(PriceRoutes, AFacilityWithoutRatesBooksUnpriced) {
  Response created =
      send(bhttp::verb::put, "/api/operator/facilities/lakeside", op_,
           json::object{
               {"name", "湖畔の保養所"},
               {"nameEn", "Lakeside Lodge"},
               {"roomTypes", json::array{{{"style", "standard"}, {"rooms", 2}, {"capacity", 4}}}}});
  ASSERT_EQ(created.result(), bhttp::status::created) << created.body();
  Request req = make(bhttp::verb::post, "/api/reservations", hanako_,
                     json::serialize(json::object{{"facilityId", "lakeside"},
                                                  {"checkIn", day(12)},
                                                  {"nights", 1},
                                                  {"guests", guests(2, 1, 0)}}));
  req.set("X-Min-Position", position(created));
  Response booked = send(req);
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  EXPECT_TRUE(body(booked).at("price").is_null());
  EXPECT_EQ(body(booked).at("people"), json::parse("[3]"));
}

TEST_F(PriceRoutes, AQuoteIsThePriceABookingWouldRecordWithTheUsersCaps) {
  const json::object stay{{"facilityId", "ohiradai"},
                          {"checkIn", day(12)},
                          {"nights", 1},
                          {"guests", guests(2, 1, 0)},
                          {"reduction", "senior"}};
  Response quoted = post("/api/quotes", hanako_, stay);
  ASSERT_EQ(quoted.result(), bhttp::status::ok) << quoted.body();
  const json::value q = body(quoted);
  EXPECT_EQ(q.at("guests"), json::parse(R"([{"adults":2,"children":1,"infants":0}])"));
  Response booked = book({{"guests", guests(2, 1, 0)}, {"reduction", "senior"}});
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  EXPECT_EQ(body(booked).at("price"), q.at("price"));  // nothing booked by the quote

  // Two more senior nights quoted after two booked: the fiscal year's cap of
  // 2 is used, so the quote of a third reduced night is in full.
  Response second =
      book({{"checkIn", day(13)}, {"guests", guests(1, 0, 0)}, {"reduction", "senior"}});
  ASSERT_EQ(second.result(), bhttp::status::created) << second.body();
  Request after = make(bhttp::verb::post, "/api/quotes", hanako_,
                       json::serialize(json::object{{"facilityId", "ohiradai"},
                                                    {"checkIn", day(14)},
                                                    {"nights", 1},
                                                    {"people", json::array{1}},
                                                    {"reduction", "senior"}}));
  after.set("X-Min-Position", position(second));
  const json::value third = body(send(after));
  int reduced_booked = 0;
  for (const Response* r : {&booked, &second}) {
    const json::value b = body(*r);
    for (const json::value& l : b.at("price").at("lines").as_array()) {
      if (l.at("category").as_string() == "senior") ++reduced_booked;
    }
  }
  bool third_reduced = false;
  for (const json::value& l : third.at("price").at("lines").as_array()) {
    third_reduced = third_reduced || l.at("category").as_string() == "senior";
  }
  if (reduced_booked == 2) EXPECT_FALSE(third_reduced) << third;

  EXPECT_EQ(post("/api/quotes", "", stay).result(), bhttp::status::unauthorized);
  json::object nowhere = stay;
  nowhere["facilityId"] = "nowhere";
  EXPECT_EQ(code(post("/api/quotes", hanako_, nowhere)), "not_found");
  json::object bad = stay;
  bad["guests"] = json::parse(R"([{"adults":-1,"children":0}])");
  EXPECT_EQ(code(post("/api/quotes", hanako_, bad)), "validation");
}

// A lottery application keeps its guests and reduction; its answer carries
// the price a win would have at today's rates (the quote's).
TEST_F(PriceRoutes, AnApplicationKeepsItsGuestsAndAnswersThePriceAWinWouldHave) {
  const std::string id(body(send(bhttp::verb::get, "/api/lotteries", hanako_))
                           .as_array()[0]
                           .at("lotteryId")
                           .as_string());
  services_->settable_clock()->advance(120 * domain::kMicrosPerSecond);  // the window opens
  const json::object stay{{"facilityId", "ohiradai"},
                          {"checkIn", id + "-12"},
                          {"nights", 1},
                          {"guests", guests(2, 1, 1)},
                          {"reduction", "senior"}};
  Response quoted = post("/api/quotes", hanako_, stay);
  ASSERT_EQ(quoted.result(), bhttp::status::ok) << quoted.body();
  json::object application = stay;
  application["preference"] = 1;
  Response applied = post("/api/lotteries/" + id + "/applications", hanako_, application);
  ASSERT_EQ(applied.result(), bhttp::status::created) << applied.body();
  const json::value a = body(applied);
  EXPECT_EQ(a.at("guests"), json::parse(R"([{"adults":2,"children":1,"infants":1}])"));
  EXPECT_EQ(a.at("people"), json::parse("[3]"));
  EXPECT_EQ(a.at("reduction").as_string(), "senior");
  EXPECT_EQ(a.at("price"), body(quoted).at("price"));
  auto list = [&](const std::string& at) {
    Request req = make(bhttp::verb::get, "/api/lotteries/" + id + "/applications", hanako_);
    req.set("X-Min-Position", at);
    return send(req);
  };
  Response mine = list(position(applied));
  ASSERT_EQ(body(mine).as_array().size(), 1u);
  EXPECT_EQ(body(mine).as_array()[0].at("guests"), a.at("guests"));
  EXPECT_EQ(body(mine).as_array()[0].at("reduction").as_string(), "senior");

  // Guests that disagree with people are refused, naming the field; nothing is written.
  json::object mismatch = application;
  mismatch["preference"] = 2;
  mismatch["people"] = json::array{2};
  Response refused = post("/api/lotteries/" + id + "/applications", hanako_, mismatch);
  EXPECT_EQ(code(refused), "validation");
  EXPECT_NE(refused.body().find("\"people\""), std::string::npos) << refused.body();
  EXPECT_EQ(body(list(position(applied))).as_array().size(), 1u);
}

TEST_F(PriceRoutes, OperatorsMarkAReservationPaidAndTheViewsShowIt) {
  Response booked = book({{"guests", guests(2, 0, 0)}});
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::string number(body(booked).at("reservationNumber").as_string());
  const std::string route = "/api/operator/reservations/" + number + "/payment";
  Request search = make(bhttp::verb::get, "/api/operator/reservations?userNumber=10000012", op_);
  search.set("X-Min-Position", position(booked));
  EXPECT_EQ(body(send(search)).as_array().at(0).at("paid"), json::value(false));

  Response paid = post(route, op_, nullptr);
  ASSERT_EQ(paid.result(), bhttp::status::ok) << paid.body();
  EXPECT_EQ(body(paid).at("paid"), json::value(true));
  Response again = post(route, op_, nullptr);  // idempotent
  ASSERT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(body(again).at("paid"), json::value(true));

  Request csv = make(bhttp::verb::get, "/api/operator/reservations.csv?userNumber=10000012", op_);
  csv.set("X-Min-Position", position(paid));
  const std::string text = send(csv).body();
  EXPECT_NE(text.find(",料金,支払,利用\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find(",paid,unknown\r\n"), std::string::npos) << text;

  Request events = make(bhttp::verb::get, "/api/operator/reservations?userNumber=10000012", op_);
  events.set("X-Min-Position", position(paid));
  EXPECT_EQ(body(send(events)).as_array().at(0).at("paid"), json::value(true));

  EXPECT_EQ(code(post("/api/operator/reservations/123456789/payment", op_, nullptr)), "not_found");
  const bhttp::status as_user = post(route, hanako_, nullptr).result();
  EXPECT_TRUE(as_user == bhttp::status::unauthorized || as_user == bhttp::status::forbidden);
}

}  // namespace
}  // namespace hoyo::http
