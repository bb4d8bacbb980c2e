// A suspended user over HTTP (issue 17, "Suspension"): a lottery
// application, a waitlist joining and the acceptance of a waitlist offer
// made before the suspension are each refused 403 `suspended` with the end
// date, as a first-come booking is, and change nothing.
#include "tests/http/app_fixture.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class SuspendedRoutes : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    advance(120);  // the demo lottery's window opens a minute after it was written
    log_in();
    // A waitlisted lodge of one room, and one where every cancellation by
    // the centre is late: the user's own window closes 30 days before
    // check-in and the late period is 30 days.
    put_facility("wl-lodge", {{"waitlist", json::object{{"enabled", true}}}});
    put_facility("late-lodge", {{"rules", json::object{{"cancelCloseDaysBefore", 30}}},
                                {"penalties", json::object{{"lateDays", 30}}}});
  }
  void log_in() {
    hanako_ = hanako();
    taro_ = taro();
    op_ = operator_session();
    ASSERT_FALSE(hanako_.empty() || taro_.empty() || op_.empty());
  }
  void put_facility(const std::string& id, json::object extra) {
    extra["name"] = id;
    extra["roomTypes"] =
        json::array{json::object{{"style", "standard"}, {"rooms", 1}, {"capacity", 4}}};
    Response r = send(bhttp::verb::put, "/api/operator/facilities/" + id, op_, extra);
    ASSERT_EQ(r.result(), bhttp::status::created) << r.body();
    at_ = position(r);
  }
  static json::object stay(const std::string& facility, const std::string& check_in) {
    return {
        {"facilityId", facility}, {"checkIn", check_in}, {"nights", 1}, {"people", json::array{2}}};
  }
  // Sends `r` read at the last write's position; keeps the answer's position.
  Response sent(Request r) {
    r.set("X-Min-Position", at_);
    Response out = send(r);
    if (!position(out).empty()) at_ = position(out);
    return out;
  }
  Response post_as(const std::string& session, const std::string& target, const json::value& b) {
    return sent(make(bhttp::verb::post, target, session, json::serialize(b)));
  }
  std::string book(const std::string& session, const json::object& s) {
    Response r = post_as(session, "/api/reservations", s);
    EXPECT_EQ(r.result(), bhttp::status::created) << r.body();
    return r.result() == bhttp::status::created
               ? std::string(body(r).at("reservationNumber").as_string())
               : "";
  }
  // The centre cancels `number`: late at late-lodge, so its user is suspended.
  void cancel_by_centre(const std::string& number) {
    Response r = post_as(op_, "/api/operator/reservations/cancellations",
                         json::object{{"reservationNumbers", json::array{json::value(number)}}});
    ASSERT_EQ(r.result(), bhttp::status::ok) << r.body();
  }
  // 403 `suspended` with `until` as the end date.
  static void expect_suspended(const Response& r, const std::string& until,
                               const std::string& what) {
    EXPECT_EQ(r.result(), bhttp::status::forbidden) << what << ": " << r.body();
    EXPECT_EQ(r[bhttp::field::content_type], "application/problem+json") << what;
    EXPECT_EQ(code(r), "suspended") << what;
    ASSERT_TRUE(body(r).as_object().contains("suspendedUntil")) << what << ": " << r.body();
    EXPECT_EQ(body(r).at("suspendedUntil").as_string(), until) << what;
  }
  json::array list(const std::string& session, const std::string& target) {
    return body(sent(make(bhttp::verb::get, target, session))).as_array();
  }

  std::string hanako_, taro_, op_, at_;
};

TEST_F(SuspendedRoutes, ApplyingJoiningAndAcceptingAreRefusedWithTheEndDate) {
  const std::string night = day(20);
  const std::string taros_room = book(taro_, stay("wl-lodge", night));
  Response joined = post_as(hanako_, "/api/waitlist", stay("wl-lodge", night));
  ASSERT_EQ(joined.result(), bhttp::status::created) << joined.body();
  const std::string taros_late = book(taro_, stay("late-lodge", day(10)));
  const std::string hanakos_late = book(hanako_, stay("late-lodge", day(11)));
  // Taro's room is freed and held for hanako's entry; then the centre
  // cancels his other stay late: suspended for 30 days from today.
  Response freed =
      post_as(taro_, "/api/reservations/cancellations",
              json::object{{"reservationNumbers", json::array{json::value(taros_room)}}});
  ASSERT_EQ(freed.result(), bhttp::status::ok) << freed.body();
  cancel_by_centre(taros_late);
  const std::string until = day(29);
  expect_suspended(post_as(taro_, "/api/reservations", stay("seaside", day(12))), until,
                   "a booking");

  // A lottery application.
  const std::string lottery(list(taro_, "/api/lotteries").at(0).at("lotteryId").as_string());
  json::object application = stay("kogen", lottery + "-05");
  application["preference"] = 1;
  expect_suspended(post_as(taro_, "/api/lotteries/" + lottery + "/applications", application),
                   until, "an application");
  EXPECT_TRUE(list(taro_, "/api/lotteries/" + lottery + "/applications").empty());
  // A waitlist joining for the night held (no room free).
  expect_suspended(post_as(taro_, "/api/waitlist", stay("wl-lodge", night)), until, "a joining");
  EXPECT_TRUE(list(taro_, "/api/waitlist").empty());

  // Hanako is offered the held room at 09:00 the next day, and suspended after.
  const domain::Instant nine =
      domain::tokyo_time(domain::tokyo_date(services_->clock().now()).plus_days(1), 9, 0);
  Response moved = send(bhttp::verb::put, "/api/test/clock", "",
                        json::object{{"now", domain::format_rfc3339_tokyo(nine)}});
  ASSERT_EQ(moved.result(), bhttp::status::ok) << moved.body();
  if (!position(moved).empty()) at_ = position(moved);
  log_in();
  const json::array entries = list(hanako_, "/api/waitlist");
  ASSERT_EQ(entries.size(), 1u);
  ASSERT_TRUE(entries[0].as_object().contains("offer")) << json::serialize(entries);
  const std::string offer(entries[0].at("offer").at("offerId").as_string());
  cancel_by_centre(hanakos_late);
  const std::string her_until = day(29);
  expect_suspended(post_as(hanako_, "/api/reservations", stay("seaside", day(12))), her_until,
                   "her booking");
  expect_suspended(post_as(hanako_, "/api/offers/" + offer + "/acceptance", nullptr), her_until,
                   "an acceptance");
  // The offer is still open to her, and nothing was booked.
  const json::array after = list(hanako_, "/api/waitlist");
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].at("offer").at("offerId").as_string(), offer);
  for (const json::value& r : list(hanako_, "/api/reservations")) {
    EXPECT_NE(r.at("origin").as_string(), "waitlist") << json::serialize(r);
  }
}

}  // namespace
}  // namespace hoyo::http
