// The operators' quotes (issue 17: the price before OK in the operators'
// console): POST /api/operator/quotes prices a booking on a user's behalf as
// the user's own quote and the booking then record it; POST
// /api/operator/reservations/{n}/quote prices a change on the user's behalf,
// with its difference, as the PATCH then records it, by the centre's change
// window. Operators only (an auditor 403, a member's session 401); hostile
// bodies refused as the writes refuse them; a quote writes nothing.
#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class OperatorQuoteRoutes : public OperatorAndResident {
 protected:
  // One night at ohiradai (the demo's rates) on day(12) for hanako (10000012),
  // with `o`'s fields over it.
  json::object ohiradai(json::object o = {}) const {
    o.emplace("userNumber", "10000012");
    o.emplace("facilityId", "ohiradai");
    o.emplace("checkIn", day(12));
    o.emplace("nights", 1);
    o.emplace("people", json::array{2});
    return o;
  }
  // A POST of `body` by `session` read once the projections hold `at`.
  Response post_at(const std::string& path, const std::string& session, const json::object& body,
                   const std::string& at) {
    Request r = make(bhttp::verb::post, path, session, json::serialize(body));
    r.set("X-Min-Position", at);
    return send(r);
  }
};

TEST_F(OperatorQuoteRoutes, ABookingOnBehalfIsQuotedAsTheUsersOwnAndAsRecorded) {
  const std::uint64_t head = services_->store().head();
  Response quoted = post("/api/operator/quotes", op_, ohiradai());
  ASSERT_EQ(quoted.result(), bhttp::status::ok) << quoted.body();
  EXPECT_EQ(services_->store().head(), head) << "the quote wrote";
  const json::value q = body(quoted);
  ASSERT_TRUE(q.at("price").is_object()) << quoted.body();
  EXPECT_EQ(q.at("price").at("currency").as_string(), "JPY");

  // The user's own quote of the same stay says the same.
  json::object own = ohiradai();
  own.erase("userNumber");
  Response mine = post("/api/quotes", hanako_, own);
  ASSERT_EQ(mine.result(), bhttp::status::ok) << mine.body();
  EXPECT_EQ(body(mine).at("price"), q.at("price"));

  // The booking on behalf records it.
  Response booked = post("/api/operator/reservations", op_, ohiradai());
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  EXPECT_EQ(body(booked).at("price"), q.at("price"));

  // Hostile input: refused as the booking on behalf refuses it, nothing written.
  const std::uint64_t after = services_->store().head();
  json::object nobody = ohiradai();
  nobody.erase("userNumber");
  Response no_user = post("/api/operator/quotes", op_, nobody);
  EXPECT_EQ(no_user.result(), bhttp::status::unprocessable_entity) << no_user.body();
  EXPECT_EQ(body(no_user).at("errors").at(0).at("field").as_string(), "userNumber");
  Response number_user = post("/api/operator/quotes", op_, ohiradai({{"userNumber", 10000012}}));
  EXPECT_EQ(number_user.result(), bhttp::status::unprocessable_entity) << number_user.body();
  EXPECT_EQ(code(number_user),
            code(post("/api/operator/reservations", op_, ohiradai({{"userNumber", 10000012}}))));
  Response crowd = post("/api/operator/quotes", op_, ohiradai({{"people", json::array{9}}}));
  EXPECT_EQ(crowd.result(), bhttp::status::unprocessable_entity) << crowd.body();
  EXPECT_EQ(body(crowd).at("errors").at(0).at("field").as_string(), "people");
  Response guests = post("/api/operator/quotes", op_, ohiradai({{"guests", "lots"}}));
  EXPECT_EQ(guests.result(), bhttp::status::unprocessable_entity) << guests.body();
  Response unknown = post("/api/operator/quotes", op_, ohiradai({{"facilityId", "atlantis"}}));
  EXPECT_EQ(unknown.result(), bhttp::status::not_found) << unknown.body();
  // A user number that names no user (mistyped, or empty): 404 for the
  // quote and the booking alike, never a booking or a quote with every
  // reduced night left.
  for (const char* who : {"10000999", "", "abc"}) {
    Response q404 = post("/api/operator/quotes", op_, ohiradai({{"userNumber", who}}));
    EXPECT_EQ(q404.result(), bhttp::status::not_found) << who << ": " << q404.body();
    Response b404 = post("/api/operator/reservations", op_, ohiradai({{"userNumber", who}}));
    EXPECT_EQ(b404.result(), bhttp::status::not_found) << who << ": " << b404.body();
    EXPECT_EQ(code(q404), "not_found");
    EXPECT_EQ(code(b404), "not_found");
  }
  EXPECT_EQ(services_->store().head(), after) << "a refused quote wrote";

  // Operators only: an auditor is forbidden, a member's session is no staff login.
  EXPECT_EQ(post("/api/operator/quotes", auditor_session(), ohiradai()).result(),
            bhttp::status::forbidden);
  EXPECT_EQ(post("/api/operator/quotes", hanako_, ohiradai()).result(),
            bhttp::status::unauthorized);
}

TEST_F(OperatorQuoteRoutes, AChangeOnBehalfIsQuotedWithItsDifferenceAsThePatchRecordsIt) {
  Response booked = post("/api/operator/reservations", op_, ohiradai());
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::string number(body(booked).at("reservationNumber").as_string());
  const std::int64_t before = body(booked).at("price").at("total").as_int64();
  const std::string path = "/api/operator/reservations/" + number + "/quote";
  const json::object fewer{{"people", json::array{1}}};

  // Inside the user's change window the user's quote is closed; the centre's
  // is open until the check-in day ends, as its change.
  later(10);
  const std::string at = position(booked);
  Response users = post_at("/api/reservations/" + number + "/quote", hanako_, fewer, at);
  EXPECT_EQ(code(users), "window_closed") << users.body();
  const std::uint64_t head = services_->store().head();
  Response quoted = post_at(path, op_, fewer, at);
  ASSERT_EQ(quoted.result(), bhttp::status::ok) << quoted.body();
  EXPECT_EQ(services_->store().head(), head) << "the quote wrote";
  const json::value q = body(quoted);
  EXPECT_EQ(q.at("people"), json::parse("[1]"));
  EXPECT_LT(q.at("priceDifference").as_int64(), 0) << "one fewer pays less";
  EXPECT_EQ(q.at("price").at("total").as_int64(), before + q.at("priceDifference").as_int64());

  // The change on behalf records what the quote said.
  Response changed = send(bhttp::verb::patch, "/api/operator/reservations/" + number, op_, fewer);
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(body(changed).at("price"), q.at("price"));
  EXPECT_EQ(body(changed).at("priceDifference"), q.at("priceDifference"));

  // Refused as the PATCH: nothing changing, an unknown reservation, a hostile
  // body; operators only; nothing written.
  const std::string auditor = auditor_session();  // a login is written
  const std::string now_at = position(changed);
  const std::uint64_t after = services_->store().head();
  Response same = post_at(path, op_, fewer, now_at);
  EXPECT_EQ(same.result(), bhttp::status::unprocessable_entity) << same.body();
  EXPECT_EQ(body(same).at("errors").at(0).at("code").as_string(), "unchanged");
  Response none = post_at("/api/operator/reservations/99999999/quote", op_, fewer, now_at);
  EXPECT_EQ(none.result(), bhttp::status::not_found) << none.body();
  EXPECT_EQ(code(none),
            code(send(bhttp::verb::patch, "/api/operator/reservations/99999999", op_, fewer)));
  Response hostile = post_at(path, op_, json::object{{"people", "many"}}, now_at);
  EXPECT_EQ(hostile.result(), bhttp::status::unprocessable_entity) << hostile.body();
  EXPECT_EQ(post_at(path, auditor, fewer, now_at).result(), bhttp::status::forbidden);
  EXPECT_EQ(post_at(path, hanako_, fewer, now_at).result(), bhttp::status::unauthorized);
  EXPECT_EQ(services_->store().head(), after) << "a refused quote wrote";
}

}  // namespace
}  // namespace hoyo::http
