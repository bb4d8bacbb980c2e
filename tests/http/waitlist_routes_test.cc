// The cancellation waitlist over HTTP (issue 17): an operator enables it on a
// facility; a user joins for a sold-out night; a cancellation holds the room;
// at the pick time (moved by the test clock, which runs the scheduler) the
// offer appears in GET /api/waitlist, and accepting it books a reservation of
// origin "waitlist". A declined offer goes to the next user; a lapsed one,
// with nobody left, releases the room to first-come. Joining takes the
// booking's guests and reduction, refused as a booking's are, and the
// acceptance is priced with them.
#include <map>
#include <set>

#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class WaitlistRoutes : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    login_all();
    Response put =
        send(bhttp::verb::put, "/api/operator/facilities/wl-lodge", op_,
             json::object{{"name", "待ちの宿"},
                          {"roomTypes", json::array{json::object{
                                            {"style", "standard"}, {"rooms", 1}, {"capacity", 4}}}},
                          {"waitlist", json::object{{"enabled", true}}}});
    ASSERT_EQ(put.result(), bhttp::status::created) << put.body();
    at_ = position(put);
    night_ = day(20);
  }
  void login_all() {
    hanako_ = hanako();
    taro_ = taro();
    op_ = operator_session();
    ASSERT_FALSE(hanako_.empty());
    ASSERT_FALSE(taro_.empty());
    ASSERT_FALSE(op_.empty());
  }
  json::object stay(const std::string& facility = "wl-lodge") const {
    return {
        {"facilityId", facility}, {"checkIn", night_}, {"nights", 1}, {"people", json::array{2}}};
  }
  std::string book(const std::string& session) {
    Response r = post("/api/reservations", session, stay());
    EXPECT_EQ(r.result(), bhttp::status::created) << r.body();
    at_ = position(r);
    return r.result() == bhttp::status::created
               ? std::string(body(r).at("reservationNumber").as_string())
               : "";
  }
  void cancel(const std::string& session, const std::string& number) {
    Response r = post("/api/reservations/cancellations", session,
                      json::object{{"reservationNumbers", json::array{json::value(number)}}});
    ASSERT_EQ(r.result(), bhttp::status::ok) << r.body();
    at_ = position(r);
  }
  std::string join(const std::string& session) {
    Response r = post("/api/waitlist", session, stay());
    EXPECT_EQ(r.result(), bhttp::status::created) << r.body();
    at_ = position(r);
    return r.result() == bhttp::status::created ? std::string(body(r).at("entryId").as_string())
                                                : "";
  }
  Response read(const std::string& target, const std::string& session) {
    Request req = make(bhttp::verb::get, target, session);
    req.set("X-Min-Position", at_);
    return send(req);
  }
  json::array entries(const std::string& session) {
    return body(read("/api/waitlist", session)).as_array();
  }
  // The offer open to the user's only entry ("" when none).
  std::string offer_of(const std::string& session) {
    const json::array list = entries(session);
    if (list.size() != 1 || !list[0].as_object().contains("offer")) return "";
    return std::string(list[0].at("offer").at("offerId").as_string());
  }
  // Moves the test clock to `t` (running what falls due); logs in again.
  void move_clock(domain::Instant t) {
    Response moved = send(bhttp::verb::put, "/api/test/clock", "",
                          json::object{{"now", domain::format_rfc3339_tokyo(t)}});
    ASSERT_EQ(moved.result(), bhttp::status::ok) << moved.body();
    if (!position(moved).empty()) at_ = position(moved);
    login_all();
  }
  domain::Instant tomorrow_at(int hour) const {
    return domain::tokyo_time(domain::tokyo_date(services_->clock().now()).plus_days(1), hour, 0);
  }

  std::string hanako_, taro_, op_, at_, night_;
};

TEST_F(WaitlistRoutes, TheSettingsAreListedAndCheckedField) {
  const json::value list = body(read("/api/operator/facilities", op_));
  bool found = false;
  for (const json::value& f : list.as_array()) {
    if (f.at("id").as_string() != "wl-lodge") continue;
    found = true;
    EXPECT_EQ(f.at("waitlist"), json::parse(R"({"enabled":true,"entriesPerMonth":2,
        "closeDaysBefore":6,"pickAt":"09:00","offerDays":2,"offerBy":"01:59"})"));
  }
  EXPECT_TRUE(found);
  // The public catalogue says it too (the member's pages offer joining where
  // it is on), and that another facility has none.
  std::map<std::string, bool> enabled;
  const json::value catalogue = body(read("/api/facilities", ""));
  for (const json::value& f : catalogue.as_array()) {
    enabled[std::string(f.at("id").as_string())] = f.at("waitlist").at("enabled").as_bool();
  }
  EXPECT_TRUE(enabled.at("wl-lodge"));
  EXPECT_FALSE(enabled.at("seaside"));
  Response bad = send(
      bhttp::verb::put, "/api/operator/facilities/wl-lodge", op_,
      json::object{{"name", "待ちの宿"},
                   {"roomTypes", json::array{json::object{
                                     {"style", "standard"}, {"rooms", 1}, {"capacity", 4}}}},
                   {"waitlist",
                    json::object{{"entriesPerMonth", 0}, {"pickAt", "9am"}, {"enabled", "yes"}}}});
  ASSERT_EQ(bad.result(), bhttp::status::unprocessable_entity) << bad.body();
  EXPECT_EQ(code(bad), "validation");
  std::set<std::string> fields;
  const json::value problem = body(bad);
  for (const json::value& f : problem.at("errors").as_array()) {
    fields.insert(std::string(f.at("field").as_string()));
  }
  EXPECT_EQ(fields, (std::set<std::string>{"waitlist.pickAt", "waitlist.enabled"}));
  Response range =
      send(bhttp::verb::put, "/api/operator/facilities/wl-lodge", op_,
           json::object{{"name", "待ちの宿"},
                        {"roomTypes", json::array{json::object{
                                          {"style", "standard"}, {"rooms", 1}, {"capacity", 4}}}},
                        {"waitlist", json::object{{"entriesPerMonth", 0}}}});
  ASSERT_EQ(range.result(), bhttp::status::unprocessable_entity) << range.body();
  EXPECT_EQ(body(range).at("errors").at(0).at("field").as_string(), "waitlist.entriesPerMonth");
}

TEST_F(WaitlistRoutes, AWaiterGetsTheFreedRoomAndAcceptsIt) {
  const std::string number = book(taro_);
  // Not where the facility has no waitlist; not while a room is free.
  Response none = post("/api/waitlist", hanako_, stay("seaside"));
  EXPECT_EQ(none.result(), bhttp::status::unprocessable_entity) << none.body();
  EXPECT_EQ(code(none), "not_enabled");
  const std::string entry = join(hanako_);
  ASSERT_FALSE(entry.empty());
  json::array mine = entries(hanako_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("entryId").as_string(), entry);
  EXPECT_FALSE(mine[0].as_object().contains("offer"));
  EXPECT_TRUE(entries(taro_).empty());
  // Another's entry cannot be deleted.
  Response theirs = send(bhttp::verb::delete_, "/api/waitlist/" + entry, taro_);
  EXPECT_EQ(theirs.result(), bhttp::status::not_found) << theirs.body();

  cancel(taro_, number);
  // Held for the waitlist: not back to first-come.
  Response taken = post("/api/reservations", taro_, stay());
  EXPECT_EQ(taken.result(), bhttp::status::conflict) << taken.body();
  EXPECT_EQ(offer_of(hanako_), "");

  move_clock(tomorrow_at(9));
  const std::string offer = offer_of(hanako_);
  ASSERT_FALSE(offer.empty());
  const json::value offers = body(read("/api/me/offers", hanako_));
  ASSERT_EQ(offers.as_array().size(), 1u);
  EXPECT_EQ(offers.at(0).at("offerId").as_string(), offer);

  Response accepted = post("/api/offers/" + offer + "/acceptance", hanako_, nullptr);
  ASSERT_EQ(accepted.result(), bhttp::status::ok) << accepted.body();
  EXPECT_EQ(body(accepted).at("origin").as_string(), "waitlist");
  EXPECT_EQ(body(accepted).at("checkIn").as_string(), night_);
  at_ = position(accepted);
  EXPECT_TRUE(entries(hanako_).empty());  // the entry ended with the booking
}

TEST_F(WaitlistRoutes, ADeclineGoesToTheNextWaiterAndALapseReleasesTheRoom) {
  const std::string number = book(hanako_);
  join(hanako_);
  join(taro_);
  cancel(hanako_, number);
  move_clock(tomorrow_at(9));
  const std::string to_hanako = offer_of(hanako_), to_taro = offer_of(taro_);
  ASSERT_TRUE(to_hanako.empty() != to_taro.empty()) << to_hanako << " / " << to_taro;
  const bool hanako_first = !to_hanako.empty();
  Response declined = post("/api/offers/" + (hanako_first ? to_hanako : to_taro) + "/declination",
                           hanako_first ? hanako_ : taro_, nullptr);
  ASSERT_EQ(declined.result(), bhttp::status::ok) << declined.body();
  EXPECT_EQ(body(declined).at("status").as_string(), "declined");
  move_clock(services_->clock().now() + domain::kMicrosPerSecond);
  const std::string next = offer_of(hanako_first ? taro_ : hanako_);
  ASSERT_FALSE(next.empty());
  EXPECT_EQ(offer_of(hanako_first ? hanako_ : taro_), "");

  // The second lets it lapse (01:59:59 two days on): nobody is left, the room
  // returns to first-come.
  move_clock(domain::tokyo_time(domain::tokyo_date(services_->clock().now()).plus_days(3), 0, 0));
  EXPECT_EQ(offer_of(hanako_first ? taro_ : hanako_), "");
  Response again =
      post("/api/offers/" + next + "/acceptance", hanako_first ? taro_ : hanako_, nullptr);
  EXPECT_EQ(again.result(), bhttp::status::unprocessable_entity) << again.body();
  EXPECT_EQ(code(again), "window_closed");
  EXPECT_FALSE(book(hanako_).empty());
  // The entries stay until deleted.
  const json::array left = entries(taro_);
  ASSERT_EQ(left.size(), 1u);
  Response gone = send(bhttp::verb::delete_,
                       "/api/waitlist/" + std::string(left[0].at("entryId").as_string()), taro_);
  EXPECT_EQ(gone.result(), bhttp::status::no_content) << gone.body();
  at_ = position(gone);
  EXPECT_TRUE(entries(taro_).empty());
}

TEST_F(WaitlistRoutes, BadGuestsOrAClaimAreRefusedAsABookingsAreAndChangeNothing) {
  book(taro_);
  const std::pair<const char*, const char*> cases[] = {
      {R"({"people":[2],"guests":[{"adults":2,"children":1}]})", "people"},
      {R"({"guests":[{"adults":1,"children":0},{"adults":1,"children":0}]})", "guests"},
      {R"({"guests":[{"adults":0,"children":0,"infants":1}]})", "guests"},
      {R"({"guests":[{"adults":-1,"children":2}]})", "guests"},
      {R"({"guests":"2 adults"})", "guests"},
      {R"({"people":[2],"reduction":"gold"})", "reduction"},
      // Well formed, but wl-lodge has no rates: no reduction is offered.
      {R"({"people":[2],"reduction":"senior"})", "reduction"},
  };
  for (const auto& [extra, field] : cases) {
    json::object o = json::parse(extra).as_object();
    o.emplace("facilityId", "wl-lodge");
    o.emplace("checkIn", night_);
    o.emplace("nights", 1);
    Response joined = post("/api/waitlist", hanako_, o);
    ASSERT_EQ(joined.result(), bhttp::status::unprocessable_entity) << extra << joined.body();
    EXPECT_EQ(code(joined), "validation") << extra;
    EXPECT_EQ(body(joined).at("errors").at(0).at("field").as_string(), field) << extra;
    // The booking's route answers the same.
    Response booked = post("/api/reservations", hanako_, o);
    EXPECT_EQ(booked.result(), joined.result()) << extra;
    EXPECT_EQ(body(booked).at("errors"), body(joined).at("errors")) << extra;
  }
  EXPECT_TRUE(entries(hanako_).empty());
}

TEST_F(WaitlistRoutes, AJoiningWithAChildAndAReductionIsPricedWithThemAtTheAcceptance) {
  Response rated = send(
      bhttp::verb::put, "/api/operator/facilities/wl-lodge", op_,
      json::object{
          {"name", "待ちの宿"},
          {"roomTypes",
           json::array{json::object{{"style", "standard"}, {"rooms", 1}, {"capacity", 4}}}},
          {"waitlist", json::object{{"enabled", true}}},
          {"rates", json::array{{{"effectiveFrom", day(0)},
                                 {"adult", 3200},
                                 {"child", 2500},
                                 {"senior", {{"perNight", 2200}, {"nightsPerFiscalYear", 2}}}}}}});
  ASSERT_EQ(rated.result(), bhttp::status::ok) << rated.body();
  at_ = position(rated);
  const std::string number = book(taro_);
  json::object wish = stay();
  wish.erase("people");
  wish["guests"] = json::parse(R"([{"adults":1,"children":1,"infants":1}])");
  wish["reduction"] = "senior";
  Response joined = post("/api/waitlist", hanako_, wish);
  ASSERT_EQ(joined.result(), bhttp::status::created) << joined.body();
  at_ = position(joined);
  const json::array mine = entries(hanako_);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].at("guests"), wish.at("guests"));
  EXPECT_EQ(mine[0].at("people"), json::parse("[2]"));
  EXPECT_EQ(mine[0].at("reduction").as_string(), "senior");
  // What the same stay is quoted at now.
  Request ask = make(bhttp::verb::post, "/api/quotes", hanako_, json::serialize(wish));
  ask.set("X-Min-Position", at_);
  Response quoted = send(ask);
  ASSERT_EQ(quoted.result(), bhttp::status::ok) << quoted.body();

  cancel(taro_, number);
  move_clock(tomorrow_at(9));
  const std::string offer = offer_of(hanako_);
  ASSERT_FALSE(offer.empty());
  Response accepted = post("/api/offers/" + offer + "/acceptance", hanako_, nullptr);
  ASSERT_EQ(accepted.result(), bhttp::status::ok) << accepted.body();
  const json::value r = body(accepted);
  EXPECT_EQ(r.at("guests"), wish.at("guests"));
  EXPECT_EQ(r.at("reduction").as_string(), "senior");
  EXPECT_EQ(r.at("price"), body(quoted).at("price"));
  std::set<std::string> categories;
  for (const json::value& l : r.at("price").at("lines").as_array()) {
    categories.insert(std::string(l.at("category").as_string()));
  }
  EXPECT_TRUE(categories.count("child")) << r.at("price");
  EXPECT_TRUE(categories.count("infant")) << r.at("price");
}

}  // namespace
}  // namespace hoyo::http
