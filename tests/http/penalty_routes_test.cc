// Penalties over HTTP (issue 17): a late cancellation by the centre and a
// no-show suspend the user, who is answered 403 `suspended` with the end
// date; operators book for them only with a reason, waive with a reason,
// record attendance from the check-in day and lift a suspension.
#include <set>

#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class PenaltyRoutes : public OperatorAndResident {
 protected:
  json::object me(const std::string& session) { return body(get("/api/me", session)).as_object(); }
};

TEST_F(PenaltyRoutes, ALateCancellationSuspendsAndBookingIsRefusedWithTheEndDate) {
  const std::string number = book(day(5));
  later(3);  // check-in in 2 days: the user's window has closed
  Response cancelled = cancel(number);
  ASSERT_EQ(cancelled.result(), bhttp::status::ok) << cancelled.body();

  Response refused = post("/api/reservations", hanako_, stay(day(20)));
  ASSERT_EQ(refused.result(), bhttp::status::forbidden) << refused.body();
  EXPECT_EQ(code(refused), "suspended");
  EXPECT_EQ(body(refused).at("suspendedUntil").as_string(), day(29));  // 30 days from today
  const json::object profile = me(hanako_);
  EXPECT_EQ(profile.at("suspendedUntil").as_string(), day(29));
  EXPECT_EQ(profile.at("suspensionReason").as_string(), "late_cancellation");
  EXPECT_EQ(profile.at("suspensionReservation").as_string(), number);

  // The centre books for them only with an override reason, recorded.
  json::object for_her = stay(day(20));
  for_her["userNumber"] = "10000012";
  Response no_reason = post("/api/operator/reservations", op_, for_her);
  EXPECT_EQ(no_reason.result(), bhttp::status::forbidden) << no_reason.body();
  EXPECT_EQ(code(no_reason), "suspended");
  for_her["overrideReason"] = "区長の判断";
  Response overridden = post("/api/operator/reservations", op_, for_her);
  ASSERT_EQ(overridden.result(), bhttp::status::created) << overridden.body();
  EXPECT_EQ(body(overridden).at("overrideReason").as_string(), "区長の判断");

  Request seen = make(bhttp::verb::get, "/api/operator/users/10000012/suspension", op_);
  seen.set("X-Min-Position", position(overridden));
  const json::value s = body(send(seen));
  EXPECT_EQ(s.at("suspended"), json::value(true));
  EXPECT_EQ(s.at("suspendedUntil").as_string(), day(29));

  const std::string lift = "/api/operator/users/10000012/suspension/lift";
  EXPECT_EQ(code(post(lift, op_, json::object{})), "validation");
  const bhttp::status as_user = post(lift, hanako_, json::object{{"reason", "x"}}).result();
  EXPECT_TRUE(as_user == bhttp::status::unauthorized || as_user == bhttp::status::forbidden);
  Response lifted = post(lift, op_, json::object{{"reason", "誤って記録したため"}});
  ASSERT_EQ(lifted.result(), bhttp::status::no_content) << lifted.body();
  EXPECT_FALSE(me(hanako_).contains("suspendedUntil"));
  EXPECT_EQ(code(post(lift, op_, json::object{{"reason", "again"}})), "conflict");
  Response booked = post("/api/reservations", hanako_, stay(day(21)));
  EXPECT_EQ(booked.result(), bhttp::status::created) << booked.body();
}

// Two suspensions, listed each with its name; lifting the no-show by name
// leaves the late cancellation barring the user; a name not in force is 404
// not_found, an empty one 422; a lift naming none lifts the rest.
TEST_F(PenaltyRoutes, OperatorsLiftOneSuspensionByItsName) {
  const std::string absent = book(day(4));
  const std::string late = book(day(5));
  later(3);
  ASSERT_EQ(cancel(late).result(), bhttp::status::ok);  // suspended day(0) through day(29)
  later(2);
  Response no_show = post("/api/operator/reservations/" + absent + "/attendance", op_,
                          json::object{{"status", "no_show"}});
  ASSERT_EQ(no_show.result(), bhttp::status::ok) << no_show.body();
  const std::string user = "/api/operator/users/10000012/suspension";
  auto seen = [&](const Response& after) {
    Request r = make(bhttp::verb::get, user, op_);
    r.set("X-Min-Position", position(after));
    return body(send(r)).as_object();
  };
  json::object both = seen(no_show);
  EXPECT_EQ(both.at("suspendedUntil").as_string(), day(58));  // the no-show's end
  const json::array& list = both.at("suspensions").as_array();
  ASSERT_EQ(list.size(), 2u) << json::serialize(both);
  EXPECT_EQ(list.at(0), (json::object{{"id", "late_cancellation-" + late + "-" + day(-2)},
                                      {"from", day(-2)},
                                      {"until", day(27)},
                                      {"cause", "late_cancellation"},
                                      {"reservation", late}}));
  EXPECT_EQ(list.at(1).at("id").as_string(), "no_show-" + absent + "-" + day(-1));

  const std::string lift = user + "/lift";
  Response unknown = post(
      lift, op_, json::object{{"reason", "x"}, {"suspension", "no_show-" + late + "-" + day(-1)}});
  EXPECT_EQ(unknown.result(), bhttp::status::not_found) << unknown.body();
  EXPECT_EQ(code(unknown), "not_found");
  EXPECT_EQ(code(post(lift, op_, json::object{{"reason", "x"}, {"suspension", ""}})), "validation");
  EXPECT_EQ(code(post(lift, op_, json::object{{"reason", "x"}, {"suspension", 7}})), "validation");
  EXPECT_EQ(seen(no_show).at("suspensions").as_array().size(), 2u);  // refusals changed nothing

  Response one = post(
      lift, op_, json::object{{"reason", "施設の誤報告"}, {"suspension", list.at(1).at("id")}});
  ASSERT_EQ(one.result(), bhttp::status::no_content) << one.body();
  json::object left = seen(one);
  EXPECT_EQ(left.at("suspendedUntil").as_string(), day(27));
  EXPECT_EQ(left.at("suspensions").as_array().size(), 1u);
  EXPECT_EQ(me(hanako_).at("suspendedUntil").as_string(), day(27));
  Response refused = post("/api/reservations", hanako_, stay(day(20)));
  EXPECT_EQ(code(refused), "suspended");
  EXPECT_EQ(body(refused).at("suspendedUntil").as_string(), day(27));

  Response rest = post(lift, op_, json::object{{"reason", "区長の判断"}});
  ASSERT_EQ(rest.result(), bhttp::status::no_content) << rest.body();
  EXPECT_EQ(seen(rest).at("suspended"), json::value(false));
  EXPECT_EQ(post("/api/reservations", hanako_, stay(day(20))).result(), bhttp::status::created);
}

TEST_F(PenaltyRoutes, AWaiverNeedsAReasonAndSuspendsNoOne) {
  const std::string number = book(day(5));
  later(3);
  Response no_reason = cancel(number, {{"waivePenalty", true}});
  ASSERT_EQ(no_reason.result(), bhttp::status::unprocessable_entity) << no_reason.body();
  EXPECT_EQ(body(no_reason).at("errors").at(0).at("field").as_string(), "reason");
  EXPECT_EQ(code(cancel(number, {{"waivePenalty", "yes"}})), "validation");
  Response waived = cancel(number, {{"waivePenalty", true}, {"reason", "気象警報"}});
  ASSERT_EQ(waived.result(), bhttp::status::ok) << waived.body();
  EXPECT_FALSE(me(hanako_).contains("suspendedUntil"));
  EXPECT_EQ(post("/api/reservations", hanako_, stay(day(20))).result(), bhttp::status::created);
}

// The centre's cancellation retried with its key (its answer lost) answers
// what the first answered: one late cancellation, one suspension.
TEST_F(PenaltyRoutes, TheCentresCancellationRetriedWithItsKeyAnswersOnce) {
  const std::string number = book(day(5));
  later(3);
  Request req =
      make(bhttp::verb::post, "/api/operator/reservations/cancellations", op_,
           json::serialize(json::object{{"reservationNumbers", json::array{json::value(number)}}}));
  req.set("Idempotency-Key", "centre-cancel-1");
  Response first = send(req);
  Response again = send(req);
  ASSERT_EQ(first.result(), bhttp::status::ok) << first.body();
  EXPECT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(again["X-Log-Position"], first["X-Log-Position"]);  // nothing written again
  EXPECT_EQ(me(hanako_).at("suspensionReservation").as_string(), number);
  EXPECT_EQ(code(cancel(number)), "conflict");  // without the key: already cancelled
}

// Closing a booked date late: without cancelBookings 409 conflict; with it
// but no reason 422; with a reason the booking is cancelled in the close's
// write, the user not suspended, and a retry with its key answers once.
TEST_F(PenaltyRoutes, ClosingABookedDateCancelsItsBookingsWithoutASuspension) {
  const std::string number = book(day(5));
  later(3);  // inside the late period: the centre's own cancellation would suspend
  const std::string route = "/api/operator/facilities/seaside/closures";
  const json::array dates{json::value(day(2))};
  Response booked = post(route, op_, json::object{{"dates", dates}});
  ASSERT_EQ(booked.result(), bhttp::status::conflict) << booked.body();
  EXPECT_EQ(code(booked), "conflict");
  Response no_reason = post(route, op_, json::object{{"dates", dates}, {"cancelBookings", true}});
  ASSERT_EQ(no_reason.result(), bhttp::status::unprocessable_entity) << no_reason.body();
  EXPECT_EQ(body(no_reason).at("errors").at(0).at("field").as_string(), "reason");
  EXPECT_EQ(code(post(route, op_, json::object{{"dates", dates}, {"cancelBookings", "yes"}})),
            "validation");
  // Hostile reasons change nothing: not a string, or past the limit.
  const std::uint64_t before = services_->store().head();
  EXPECT_EQ(code(post(route, op_,
                      json::object{{"dates", dates}, {"cancelBookings", true}, {"reason", 7}})),
            "validation");
  Response too_long = post(route, op_,
                           json::object{{"dates", dates},
                                        {"cancelBookings", true},
                                        {"reason", std::string(domain::kMaxReasonBytes + 1, 'x')}});
  ASSERT_EQ(too_long.result(), bhttp::status::unprocessable_entity) << too_long.body();
  EXPECT_EQ(body(too_long).at("errors").at(0).at("code").as_string(), "too_long");
  EXPECT_EQ(services_->store().head(), before);
  Request req = make(bhttp::verb::post, route, op_,
                     json::serialize(json::object{
                         {"dates", dates}, {"cancelBookings", true}, {"reason", "ボイラー故障"}}));
  req.set("Idempotency-Key", "close-1");
  Response closed = send(req);
  ASSERT_EQ(closed.result(), bhttp::status::ok) << closed.body();
  EXPECT_EQ(body(closed),
            (json::object{{"closed", dates}, {"cancelled", json::array{json::value(number)}}}));
  // A retry with its key (a lost answer) names the cancelled reservations
  // again: the first outcome, not a plain close of a date now empty.
  Response again = send(req);
  EXPECT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(body(again), body(closed));
  EXPECT_EQ(again["X-Log-Position"], closed["X-Log-Position"]);  // nothing written again
  EXPECT_FALSE(me(hanako_).contains("suspendedUntil"));
  EXPECT_EQ(code(cancel(number)), "conflict");  // cancelled already
  Response refused = post("/api/reservations", hanako_, stay(day(2)));
  EXPECT_NE(refused.result(), bhttp::status::created) << refused.body();  // closed
  EXPECT_EQ(post("/api/reservations", hanako_, stay(day(20))).result(), bhttp::status::created);
}

// A 2-night stay, closing its second night only: the 409 names that date
// (as the console shows it), not the stay's check-in, and writes nothing.
TEST_F(PenaltyRoutes, ClosingABookedNightNamesThatDate) {
  json::object two_nights = stay(day(5));
  two_nights["nights"] = 2;
  two_nights["people"] = json::array{2, 2};
  Response booked = post("/api/reservations", hanako_, two_nights);
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::uint64_t head = services_->store().head();
  Response refused = post("/api/operator/facilities/seaside/closures", op_,
                          json::object{{"dates", json::array{json::value(day(6))}}});
  ASSERT_EQ(refused.result(), bhttp::status::conflict) << refused.body();
  const std::string detail(body(refused).at("detail").as_string());
  EXPECT_EQ(detail, day(6) + " には予約または抽選用に確保した部屋があります。先に移してください。");
  EXPECT_EQ(detail.find(day(5)), std::string::npos);
  EXPECT_EQ(services_->store().head(), head);
}

TEST_F(PenaltyRoutes, AttendanceFromTheCheckInDayAndANoShowSuspends) {
  const std::string number = book(day(4));
  const std::string route = "/api/operator/reservations/" + number + "/attendance";
  Response early = post(route, op_, json::object{{"status", "no_show"}});
  ASSERT_EQ(early.result(), bhttp::status::unprocessable_entity) << early.body();
  EXPECT_EQ(code(early), "not_open");
  later(4);  // the check-in day: a no-show only from the day after
  EXPECT_EQ(code(post(route, op_, json::object{{"status", "no_show"}})), "not_open");
  later(1);
  EXPECT_EQ(code(post(route, op_, json::object{{"status", "maybe"}})), "validation");
  Response no_show = post(route, op_, json::object{{"status", "no_show"}});
  ASSERT_EQ(no_show.result(), bhttp::status::ok) << no_show.body();
  EXPECT_EQ(body(no_show).at("attendance").as_string(), "no_show");
  const json::object profile = me(hanako_);
  EXPECT_EQ(profile.at("suspendedUntil").as_string(),
            day(58));  // 60 days from check-in (yesterday)
  EXPECT_EQ(profile.at("suspensionReason").as_string(), "no_show");
  EXPECT_EQ(code(post(route, op_, json::object{{"status", "stayed"}})), "conflict");

  Request csv = make(bhttp::verb::get, "/api/operator/reservations.csv?userNumber=10000012", op_);
  csv.set("X-Min-Position", position(no_show));
  const std::string text = send(csv).body();
  EXPECT_NE(text.find(",料金,支払,利用\r\n"), std::string::npos) << text;
  EXPECT_NE(text.find(",no_show\r\n"), std::string::npos) << text;
}

TEST_F(PenaltyRoutes, OperatorsSetTheWardsRulesAndAFacilitysOverrides) {
  const std::string route = "/api/operator/settings/penalties";
  EXPECT_EQ(body(get(route, op_)), json::parse(R"({"enabled":true,"lateDays":3,
      "lateCancellationDays":30,"noShowDays":60})"));
  Response set = send(bhttp::verb::put, route, op_, json::object{{"lateCancellationDays", 10}});
  ASSERT_EQ(set.result(), bhttp::status::ok) << set.body();
  EXPECT_EQ(body(set).at("lateCancellationDays").as_int64(), 10);
  Request read = make(bhttp::verb::get, route, op_);
  read.set("X-Min-Position", position(set));
  EXPECT_EQ(body(send(read)).at("lateCancellationDays").as_int64(), 10);
  Response bad = send(bhttp::verb::put, route, op_, json::object{{"noShowDays", 0}});
  EXPECT_EQ(code(bad), "validation");
  EXPECT_EQ(body(bad).at("errors").at(0).at("field").as_string(), "noShowDays");
  const bhttp::status as_user = get(route, hanako_).result();
  EXPECT_TRUE(as_user == bhttp::status::unauthorized || as_user == bhttp::status::forbidden);

  // A facility's override, and a late cancellation there suspends per it.
  Response put = send(bhttp::verb::put, "/api/operator/facilities/seaside", op_,
                      json::object{{"name", "海の見える保養所"},
                                   {"nameEn", "Seaside Lodge"},
                                   {"roomTypes", json::parse(R"([{"style":"standard",
                                       "rooms":15,"capacity":4}])")},
                                   {"penalties", json::object{{"lateCancellationDays", 7}}}});
  ASSERT_EQ(put.result(), bhttp::status::ok) << put.body();
  EXPECT_EQ(body(put).at("penalties"), json::parse(R"({"lateCancellationDays":7})"));
  const std::string number = book(day(5));
  later(3);
  ASSERT_EQ(cancel(number).result(), bhttp::status::ok);
  EXPECT_EQ(me(hanako_).at("suspendedUntil").as_string(), day(6));
}

// Limits on stays (issue 17, "Limits"): off by default; the ward sets them;
// a booking or an application past one is 422 limit_reached naming it, and
// GET /api/me lists each active limit with what is used and left.
TEST_F(PenaltyRoutes, TheWardsLimitsOnNightsAndPeople) {
  const std::string route = "/api/operator/settings/limits";
  EXPECT_EQ(body(get(route, op_)), json::parse(R"({"nightsPerFiscalYear":0,"nightsPerMonth":0,
      "minPeoplePerRoom":0})"));
  EXPECT_EQ(me(hanako_).at("limits"), json::array{});
  Response set = send(bhttp::verb::put, route, op_,
                      json::object{{"nightsPerMonth", 1}, {"minPeoplePerRoom", 2}});
  ASSERT_EQ(set.result(), bhttp::status::ok) << set.body();
  EXPECT_EQ(code(send(bhttp::verb::put, route, op_, json::object{{"nightsPerMonth", 40}})),
            "validation");

  json::object alone = stay(day(10));
  alone["people"] = json::array{1};
  Response too_few = post("/api/reservations", hanako_, alone);
  EXPECT_EQ(code(too_few), "validation");
  EXPECT_EQ(body(too_few).at("errors").at(0).at("code").as_string(), "too_few");

  // Two nights in one month are past a limit of one; one is not. (Day 10
  // may be a month's last day: then days 11 and 12 share a month.)
  const int first = day(10).substr(0, 7) == day(11).substr(0, 7) ? 10 : 11;
  json::object two = stay(day(first));
  two["nights"] = 2;
  two["people"] = json::array{2, 2};
  Response past = post("/api/reservations", hanako_, two);
  ASSERT_EQ(past.result(), bhttp::status::unprocessable_entity) << past.body();
  EXPECT_EQ(code(past), "limit_reached");
  // The answer names the limit: 1 night a month, none used yet.
  const std::string detail(body(past).at("detail").as_string());
  EXPECT_NE(detail.find("上限（1泊）"), std::string::npos) << detail;
  EXPECT_NE(detail.find("すでに0泊"), std::string::npos) << detail;
  ASSERT_EQ(post("/api/reservations", hanako_, stay(day(10))).result(), bhttp::status::created);
  const json::array limits = me(hanako_).at("limits").as_array();
  ASSERT_EQ(limits.size(), 1u);
  EXPECT_EQ(limits[0].at("kind").as_string(), "nights_per_month");
  EXPECT_EQ(limits[0].at("max").as_int64(), 1);

  // A lottery application past the limit is refused when it is made.
  Response lotteries = get("/api/lotteries", hanako_);
  const std::string id(body(lotteries).as_array().at(0).at("lotteryId").as_string());
  advance(120);  // the demo's window opens a minute after it was written
  hanako_ = hanako();
  Response applied = post("/api/lotteries/" + id + "/applications", hanako_,
                          json::object{{"facilityId", "kogen"},
                                       {"checkIn", id + "-05"},
                                       {"nights", 2},
                                       {"people", json::array{2, 2}},
                                       {"preference", 1}});
  ASSERT_EQ(applied.result(), bhttp::status::unprocessable_entity) << applied.body();
  EXPECT_EQ(code(applied), "limit_reached");
}

// GET /api/me/limits (issue 17): the limits in force, what the user holds
// against each (this fiscal year; this month and each later month with a
// night) and the suspension in force, read at the user's own writes.
TEST_F(PenaltyRoutes, AUserSeesTheirLimitsWhatTheyHoldAndTheirSuspension) {
  const std::string route = "/api/me/limits";
  EXPECT_EQ(body(get(route, hanako_)), json::parse(R"({"limits":{"nightsPerFiscalYear":0,
      "nightsPerMonth":0,"minPeoplePerRoom":0},"usage":[],"suspended":false})"));
  EXPECT_EQ(get(route, "").result(), bhttp::status::unauthorized);
  const bhttp::status as_op = get(route, op_).result();
  EXPECT_TRUE(as_op == bhttp::status::unauthorized || as_op == bhttp::status::forbidden);
  Response set = send(bhttp::verb::put, "/api/operator/settings/limits", op_,
                      json::object{{"nightsPerFiscalYear", 20}, {"nightsPerMonth", 3}});
  ASSERT_EQ(set.result(), bhttp::status::ok) << set.body();

  auto mine = [&](const Response& after) {
    Request r = make(bhttp::verb::get, route, hanako_);
    r.set("X-Min-Position", position(after));
    Response res = send(r);
    EXPECT_EQ(res.result(), bhttp::status::ok) << res.body();
    return body(res).as_object();
  };
  // The expected usage for stays on `days` (one night each), counted here
  // from the dates alone.
  auto expected = [&](const std::vector<std::string>& days) {
    const std::string today = day(0);
    auto fiscal = [](const std::string& d) {
      const int y = std::stoi(d.substr(0, 4));
      return std::to_string(std::stoi(d.substr(5, 2)) >= 4 ? y : y - 1) + "-04-01";
    };
    auto month = [](const std::string& d) { return d.substr(0, 8) + "01"; };
    auto entry = [&](const char* kind, const std::string& period, int max, auto of) {
      std::int64_t used = 0;
      for (const std::string& d : days) used += of(d) == period;
      return json::object{
          {"kind", kind}, {"period", period}, {"max", max}, {"used", used}, {"left", max - used}};
    };
    json::array out{entry("nights_per_fiscal_year", fiscal(today), 20, fiscal)};
    std::set<std::string> months{month(today)};
    for (const std::string& d : days) months.insert(month(d));
    for (const std::string& m : months) out.push_back(entry("nights_per_month", m, 3, month));
    return out;
  };
  const std::string first = book(day(10));
  Response second = post("/api/reservations", hanako_, stay(day(45)));
  ASSERT_EQ(second.result(), bhttp::status::created) << second.body();
  json::object seen = mine(second);
  EXPECT_EQ(seen.at("limits"), json::parse(R"({"nightsPerFiscalYear":20,"nightsPerMonth":3,
      "minPeoplePerRoom":0})"));
  EXPECT_EQ(seen.at("usage"), expected({day(10), day(45)}));
  EXPECT_EQ(seen.at("suspended"), json::value(false));

  // A cancelled stay counts nothing, and a later month without nights is not listed.
  Response cancelled =
      post("/api/reservations/cancellations", hanako_,
           json::object{{"reservationNumbers", json::array{body(second).at("reservationNumber")}}});
  ASSERT_EQ(cancelled.result(), bhttp::status::ok) << cancelled.body();
  EXPECT_EQ(mine(cancelled).at("usage"), expected({day(10)}));

  // A late cancellation by the centre: the suspension in force.
  const std::string late = book(day(5));
  later(3);
  Response suspended = cancel(late);
  ASSERT_EQ(suspended.result(), bhttp::status::ok) << suspended.body();
  seen = mine(suspended);
  EXPECT_EQ(seen.at("suspended"), json::value(true));
  EXPECT_EQ(seen.at("suspendedUntil").as_string(), day(29));
  EXPECT_EQ(seen.at("suspensionReason").as_string(), "late_cancellation");
  EXPECT_EQ(seen.at("suspensionReservation").as_string(), late);
  EXPECT_EQ(seen.at("usage"), expected({day(7)}));  // the first stay, 3 days nearer
  EXPECT_FALSE(first.empty());
}

}  // namespace
}  // namespace hoyo::http
