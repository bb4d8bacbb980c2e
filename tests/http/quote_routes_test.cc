// The quotes refuse what the writes would (issue 17, docs/booking-core.md
// "The price of a change before OK"): a change's quote answers the same
// status, code and field as the PATCH for a stay nothing changes, too many
// people for any room, too few for the ward's minimum per room, a
// reservation no longer booked and a closed change window; a booking's quote
// as the booking for the capacity and the minimum. A refused quote changes
// nothing.
#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class QuoteRoutes : public OperatorAndResident {
 protected:
  // `quote` and the `write` it quotes, both refused the same way: status,
  // code, and the first error's field and code when the answer lists
  // errors. The quote (sent first) writes nothing.
  void expect_refused_alike(const Request& quote, const Request& write, bhttp::status status,
                            const std::string& problem, const std::string& what) {
    const std::uint64_t head = services_->store().head();
    Response q = send(quote);
    EXPECT_EQ(services_->store().head(), head) << what << ": the quote wrote";
    Response w = send(write);
    EXPECT_EQ(q.result(), status) << what << ": " << q.body();
    EXPECT_EQ(w.result(), status) << what << ": " << w.body();
    EXPECT_EQ(code(q), problem) << what;
    EXPECT_EQ(code(w), problem) << what;
    const json::value qb = body(q);
    const json::value wb = body(w);
    ASSERT_EQ(qb.as_object().contains("errors"), wb.as_object().contains("errors")) << what;
    if (!wb.as_object().contains("errors")) return;
    EXPECT_EQ(qb.at("errors").at(0).at("field"), wb.at("errors").at(0).at("field")) << what;
    EXPECT_EQ(qb.at("errors").at(0).at("code"), wb.at("errors").at(0).at("code")) << what;
  }
  // A change's quote and the change itself, for hanako's `number`, the
  // quote read at `at`.
  void expect_change_refused(const std::string& number, const json::object& change,
                             const std::string& at, bhttp::status status,
                             const std::string& problem, const std::string& field = {},
                             const std::string& field_code = {}) {
    const std::string body_text = json::serialize(change);
    Request quote =
        make(bhttp::verb::post, "/api/reservations/" + number + "/quote", hanako_, body_text);
    quote.set("X-Min-Position", at);
    Request patch = make(bhttp::verb::patch, "/api/reservations/" + number, hanako_, body_text);
    expect_refused_alike(quote, patch, status, problem, body_text);
    if (field.empty()) return;
    Response again = send(quote);
    EXPECT_EQ(body(again).at("errors").at(0).at("field").as_string(), field) << body_text;
    EXPECT_EQ(body(again).at("errors").at(0).at("code").as_string(), field_code) << body_text;
  }
  // Books seaside on `check_in` for two (one night); the answer.
  Response book_two(const std::string& check_in) {
    Response r = post("/api/reservations", hanako_, stay(check_in));
    EXPECT_EQ(r.result(), bhttp::status::created) << r.body();
    return r;
  }
  static std::string number_of(const Response& r) {
    return std::string(body(r).at("reservationNumber").as_string());
  }
  // The ward's minimum of people per room, set by the operator; the answer's position.
  std::string set_min_people(int min) {
    Response set = send(bhttp::verb::put, "/api/operator/settings/limits", op_,
                        json::object{{"minPeoplePerRoom", min}});
    EXPECT_EQ(set.result(), bhttp::status::ok) << set.body();
    return position(set);
  }
};

TEST_F(QuoteRoutes, AChangeIsQuotedOnlyWhenTheChangeWouldBeMade) {
  Response booked = book_two(day(12));
  const std::string number = number_of(booked);
  const std::string at = position(booked);
  const auto unprocessable = bhttp::status::unprocessable_entity;
  // The same people: nothing changes.
  expect_change_refused(number, {{"people", json::array{2}}}, at, unprocessable, "validation",
                        "reservation", "unchanged");
  // More than any room of seaside holds (4).
  expect_change_refused(number, {{"people", json::array{5}}}, at, unprocessable, "validation",
                        "people", "out_of_range");
  // Fewer than the ward's minimum per room.
  const std::string limits = set_min_people(2);
  expect_change_refused(number, {{"people", json::array{1}}}, limits, unprocessable, "validation",
                        "people", "too_few");
  // What passes all of them is quoted.
  Request fine = make(bhttp::verb::post, "/api/reservations/" + number + "/quote", hanako_,
                      json::serialize(json::object{{"people", json::array{3}}}));
  fine.set("X-Min-Position", limits);
  EXPECT_EQ(send(fine).result(), bhttp::status::ok);

  // A reservation no longer booked: 409, as the change.
  Response other = book_two(day(13));
  Response cancelled =
      post("/api/reservations/cancellations", hanako_,
           json::object{{"reservationNumbers", json::array{json::value(number_of(other))}}});
  ASSERT_EQ(cancelled.result(), bhttp::status::ok) << cancelled.body();
  expect_change_refused(number_of(other), {{"people", json::array{3}}}, position(cancelled),
                        bhttp::status::conflict, "conflict");

  // Inside the change window (3 days before check-in), the user's change
  // is closed: so is its quote.
  later(10);
  expect_change_refused(number, {{"people", json::array{3}}}, at, unprocessable, "window_closed");
}

TEST_F(QuoteRoutes, ABookingIsQuotedOnlyForAStayTheBookingWouldTake) {
  json::object crowd = stay(day(12));
  crowd["people"] = json::array{5};  // seaside's rooms hold 4
  expect_refused_alike(
      make(bhttp::verb::post, "/api/quotes", hanako_, json::serialize(crowd)),
      make(bhttp::verb::post, "/api/reservations", hanako_, json::serialize(crowd)),
      bhttp::status::unprocessable_entity, "validation", "5 people");
  Response q = post("/api/quotes", hanako_, crowd);
  EXPECT_EQ(body(q).at("errors").at(0).at("field").as_string(), "people");
  EXPECT_EQ(body(q).at("errors").at(0).at("code").as_string(), "out_of_range");

  json::object alone = stay(day(12));
  alone["people"] = json::array{1};
  ASSERT_EQ(post("/api/quotes", hanako_, alone).result(), bhttp::status::ok);
  const std::string limits = set_min_people(2);
  Request quote = make(bhttp::verb::post, "/api/quotes", hanako_, json::serialize(alone));
  quote.set("X-Min-Position", limits);
  expect_refused_alike(
      quote, make(bhttp::verb::post, "/api/reservations", hanako_, json::serialize(alone)),
      bhttp::status::unprocessable_entity, "validation", "1 person");
  EXPECT_EQ(body(send(quote)).at("errors").at(0).at("code").as_string(), "too_few");
}

// A change that needs a room of the other style (issue 17, "The price of a
// change before OK"): the quote names the style the PATCH then books, and
// while no room of it is free both answer 409 no_vacancy.
TEST_F(QuoteRoutes, ANewRoomIsQuotedInTheStyleTheChangeTakes) {
  Response put =
      send(bhttp::verb::put, "/api/operator/facilities/two-styles", op_,
           json::object{
               {"name", "和洋の宿"},
               {"roomTypes", json::array{{{"style", "japanese"}, {"rooms", 1}, {"capacity", 5}},
                                         {{"style", "western"}, {"rooms", 1}, {"capacity", 2}}}},
               {"styleWish", true}});
  ASSERT_EQ(put.result(), bhttp::status::created) << put.body();
  // Taro's stay takes the japanese room (the first style), hanako's the western.
  const std::string taro_session = taro();
  Response taken = post("/api/reservations", taro_session, stay(day(12), "two-styles"));
  ASSERT_EQ(taken.result(), bhttp::status::created) << taken.body();
  ASSERT_EQ(body(taken).at("roomStyle").as_string(), "japanese");
  Response booked = post("/api/reservations", hanako_, stay(day(12), "two-styles"));
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  ASSERT_EQ(body(booked).at("roomStyle").as_string(), "western");
  const std::string number = number_of(booked);

  // Four people do not fit a western room (2), and the japanese one is taken.
  const json::object four{{"people", json::array{4}}};
  expect_change_refused(number, four, position(booked), bhttp::status::conflict, "no_vacancy");

  Response freed =
      post("/api/reservations/cancellations", taro_session,
           json::object{{"reservationNumbers", json::array{json::value(number_of(taken))}}});
  ASSERT_EQ(freed.result(), bhttp::status::ok) << freed.body();
  // Hanako's quote of `change`, read at `at`.
  auto quote = [&](const json::object& change, const std::string& at) {
    Request r = make(bhttp::verb::post, "/api/reservations/" + number + "/quote", hanako_,
                     json::serialize(change));
    r.set("X-Min-Position", at);
    return send(r);
  };
  Response quoted = quote(four, position(freed));
  ASSERT_EQ(quoted.result(), bhttp::status::ok) << quoted.body();
  EXPECT_EQ(body(quoted).at("roomStyle").as_string(), "japanese");
  EXPECT_EQ(body(quoted).at("people"), json::parse("[4]"));
  Response changed = send(bhttp::verb::patch, "/api/reservations/" + number, hanako_, four);
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(body(changed).at("roomStyle"), body(quoted).at("roomStyle"));

  // Back to two, asking for western: the freed western room, quoted and taken.
  const json::object back{{"people", json::array{2}}, {"roomStyle", "western"}};
  Response requoted = quote(back, position(changed));
  ASSERT_EQ(requoted.result(), bhttp::status::ok) << requoted.body();
  EXPECT_EQ(body(requoted).at("roomStyle").as_string(), "western");
  Response moved = send(bhttp::verb::patch, "/api/reservations/" + number, hanako_, back);
  ASSERT_EQ(moved.result(), bhttp::status::ok) << moved.body();
  EXPECT_EQ(body(moved).at("roomStyle").as_string(), "western");
}

}  // namespace
}  // namespace hoyo::http
