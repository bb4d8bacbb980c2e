// Win confirmation over HTTP: a lottery opened with confirmation settings,
// the result and reservation list with the deadline, confirming (the winner,
// someone else, an operator, twice), and the test clock that answers once the
// lapse it caused is durable.
#include "base/hex.h"
#include "domain/lottery_draw.h"
#include "tests/http/operator_and_resident.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

std::string hash_hex(const std::string& secret) {
  return base::to_hex(domain::seed_commitment(secret));
}

class ConfirmationRoutes : public OperatorAndResident {
 protected:
  // The period as POST /api/operator/lotteries takes it: a month four ahead
  // on kogen, published 400 s from now, wins confirmed within 3 days.
  json::object period() {
    const domain::Date first = domain::tokyo_date(services_->clock().now()).first_of_month_plus(4);
    const domain::Instant now = services_->clock().now();
    auto at = [&](std::int64_t seconds) {
      return domain::format_rfc3339_tokyo(now + seconds * domain::kMicrosPerSecond);
    };
    return {{"stayMonth", first.to_string().substr(0, 7)},
            {"facilityIds", json::array{"kogen"}},
            {"opensAt", at(100)},
            {"closesAt", at(200)},
            {"drawAt", at(300)},
            {"publishAt", at(400)},
            {"seedHash", hash_hex(secret_)},
            {"confirmation", "required"},
            {"confirmDays", 3}};
  }

  // Opens, fills (hanako alone), draws and publishes; the win's number.
  // With `runners_up`: one room, offered to runners-up when lapsed, and
  // taro applies too; winner_ and runner_ are then their sessions.
  void publish(bool runners_up = false) {
    json::object p = period();
    const std::string month(p.at("stayMonth").as_string());
    if (runners_up) {
      p["release"] = "runners_up";
      p["allotment"] = json::array{json::object{
          {"facilityId", "kogen"}, {"date", month + "-10"}, {"style", "standard"}, {"rooms", 1}}};
    }
    Response opened = post("/api/operator/lotteries", op_, p);
    ASSERT_EQ(opened.result(), bhttp::status::created) << opened.body();
    lottery_ = std::string(body(opened).at("lotteryId").as_string());
    const std::string auditor = auditor_session();
    ASSERT_EQ(post("/api/audit/lotteries/" + lottery_ + "/commitment", auditor,
                   json::object{{"seedHash", hash_hex(auditor_secret_)}})
                  .result(),
              bhttp::status::no_content);
    advance(150);
    Response applied = post("/api/lotteries/" + lottery_ + "/applications", hanako_,
                            json::object{{"facilityId", "kogen"},
                                         {"checkIn", month + "-10"},
                                         {"nights", 1},
                                         {"people", json::array{3}},
                                         {"preference", 1}});
    ASSERT_EQ(applied.result(), bhttp::status::created) << applied.body();
    winner_ = hanako_;
    if (runners_up) {
      runner_ = taro();
      Response second = post("/api/lotteries/" + lottery_ + "/applications", runner_,
                             json::object{{"facilityId", "kogen"},
                                          {"checkIn", month + "-10"},
                                          {"nights", 1},
                                          {"people", json::array{2}},
                                          {"preference", 1}});
      ASSERT_EQ(second.result(), bhttp::status::created) << second.body();
    }
    advance(100);
    ASSERT_EQ(post("/api/audit/lotteries/" + lottery_ + "/reveal", auditor,
                   json::object{{"secret", base::to_hex(auditor_secret_)}})
                  .result(),
              bhttp::status::no_content);
    ASSERT_EQ(post("/api/operator/lotteries/" + lottery_ + "/draw", op_,
                   json::object{{"secret", base::to_hex(secret_)}})
                  .result(),
              bhttp::status::ok);
    advance(200);
    published_at_ = services_->clock().now();
    Response published = post("/api/operator/lotteries/" + lottery_ + "/publication", op_, nullptr);
    ASSERT_EQ(published.result(), bhttp::status::ok) << published.body();
    // The result notices follow from the scheduler: the test clock's PUT
    // answers once everything due by then is durable (a second on: the
    // route takes whole seconds).
    Response told =
        send(bhttp::verb::put, "/api/test/clock", "",
             json::object{
                 {"now", domain::format_rfc3339_tokyo(published_at_ + domain::kMicrosPerSecond)}});
    ASSERT_EQ(told.result(), bhttp::status::ok) << told.body();
    at_ = position(told);
    EXPECT_GE(std::stoull(at_), std::stoull(position(published)));
    json::value result = body(read("/api/lotteries/" + lottery_ + "/result", hanako_));
    if (runners_up && result.at("status").as_string() != "won") {
      std::swap(winner_, runner_);
      taro_won_ = true;
      result = body(read("/api/lotteries/" + lottery_ + "/result", winner_));
    }
    ASSERT_EQ(result.at("status").as_string(), "won") << result;
    number_ = std::string(result.at("won").at("reservationNumber").as_string());
  }

  Response read(const std::string& target, const std::string& session) {
    Request req = make(bhttp::verb::get, target, session);
    req.set("X-Min-Position", at_);
    return send(req);
  }
  json::object my_reservation() {
    const json::value list = body(read("/api/reservations", hanako_));
    for (const json::value& r : list.as_array()) {
      if (r.at("reservationNumber").as_string() == number_) return r.as_object();
    }
    ADD_FAILURE() << "no reservation " << number_;
    return {};
  }
  // The deadline: 23:59:59 JST three days after the publication's day.
  std::string confirm_by() const {
    return domain::format_rfc3339_tokyo(
        domain::tokyo_midnight(domain::tokyo_date(published_at_).plus_days(4)) -
        domain::kMicrosPerSecond);
  }

  const std::string secret_ = "the operator's secret of this test";
  const std::string auditor_secret_ = "the auditor's secret of this test";
  // Moves the test clock to `t`; reads then see what the scheduler wrote.
  // The sessions expired meanwhile: winner_ and runner_ log in again.
  void move_clock(domain::Instant t) {
    Response moved = send(bhttp::verb::put, "/api/test/clock", "",
                          json::object{{"now", domain::format_rfc3339_tokyo(t)}});
    ASSERT_EQ(moved.result(), bhttp::status::ok) << moved.body();
    if (!position(moved).empty()) at_ = position(moved);
    winner_ = taro_won_ ? taro() : hanako();
    runner_ = taro_won_ ? hanako() : taro();
  }
  // The win lapses: 00:00 JST four days after the publication's day.
  domain::Instant lapse() const {
    return domain::tokyo_midnight(domain::tokyo_date(published_at_).plus_days(4));
  }

  std::string lottery_, number_, at_, winner_, runner_;
  bool taro_won_ = false;
  domain::Instant published_at_ = 0;
};

TEST_F(ConfirmationRoutes, TheResultAndTheListCarryTheDeadlineAndTheWinnerConfirmsOnce) {
  publish();
  const json::value result = body(read("/api/lotteries/" + lottery_ + "/result", hanako_));
  EXPECT_EQ(result.at("confirmation").as_string(), "required");
  EXPECT_EQ(result.at("confirmBy").as_string(), confirm_by());
  EXPECT_EQ(result.at("won").at("confirmBy").as_string(), confirm_by());
  json::object mine = my_reservation();
  EXPECT_EQ(mine.at("status").as_string(), "booked");
  EXPECT_EQ(mine.at("confirmation").as_string(), "required");
  EXPECT_EQ(mine.at("confirmBy").as_string(), confirm_by());
  // The result notice states the deadline.
  const json::array notices = body(read("/api/me/notices", hanako_)).as_array();
  ASSERT_FALSE(notices.empty());
  // (as people read it: "YYYY-MM-DD 23:59（日本時間）")
  const std::string deadline = confirm_by().substr(0, 10) + " 23:59（日本時間）";
  EXPECT_NE(notices[0].at("body").as_string().find(deadline), std::string::npos) << notices[0];
  // It is answered on 当選の確定 (the mail links there too).
  EXPECT_EQ(notices[0].at("link").as_string(), "/confirmations") << notices[0];

  const std::string path = "/api/reservations/" + number_ + "/confirmation";
  Response theirs = post(path, taro(), nullptr);
  EXPECT_EQ(theirs.result(), bhttp::status::not_found);
  EXPECT_EQ(post(path, "", nullptr).result(), bhttp::status::unauthorized);
  Response confirmed = post(path, hanako_, nullptr);
  ASSERT_EQ(confirmed.result(), bhttp::status::ok) << confirmed.body();
  EXPECT_EQ(body(confirmed).at("confirmation").as_string(), "confirmed");
  EXPECT_FALSE(body(confirmed).as_object().contains("confirmBy"));
  const std::uint64_t head = services_->store().head();
  Response again = post(path, hanako_, nullptr);
  ASSERT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(body(again).at("confirmation").as_string(), "confirmed");
  EXPECT_EQ(services_->store().head(), head);  // one event for two confirmations
}

TEST_F(ConfirmationRoutes, AnOperatorConfirmsOnTheUsersBehalfAsTheActor) {
  publish();
  Response confirmed =
      post("/api/operator/reservations/" + number_ + "/confirmation", op_, nullptr);
  ASSERT_EQ(confirmed.result(), bhttp::status::ok) << confirmed.body();
  EXPECT_EQ(body(confirmed).at("confirmation").as_string(), "confirmed");
  EXPECT_EQ(body(confirmed).at("userNumber").as_string(), "10000012");
  auto e = services_->store().read_at(std::stoull(position(confirmed)));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->type, "ReservationConfirmed");
  EXPECT_EQ(e->actor, "operator:demo-operator");
  EXPECT_EQ(
      post("/api/operator/reservations/" + number_ + "/confirmation", hanako_, nullptr).result(),
      bhttp::status::unauthorized);
}

TEST_F(ConfirmationRoutes, MovingTheClockPastTheDeadlineAnswersOnceTheLapseIsDurable) {
  publish();
  const std::uint64_t head = services_->store().head();
  const domain::Instant lapse =
      domain::tokyo_midnight(domain::tokyo_date(published_at_).plus_days(4));
  Response moved = send(bhttp::verb::put, "/api/test/clock", "",
                        json::object{{"now", domain::format_rfc3339_tokyo(lapse)}});
  ASSERT_EQ(moved.result(), bhttp::status::ok) << moved.body();
  ASSERT_FALSE(position(moved).empty());
  EXPECT_GT(std::stoull(position(moved)), head);  // the lapse and its notice
  at_ = position(moved);
  hanako_ = hanako();  // the session expired while the clock moved on
  json::object mine = my_reservation();
  EXPECT_EQ(mine.at("status").as_string(), "lapsed");
  EXPECT_FALSE(mine.at("cancellable").as_bool());
  const json::value result = body(read("/api/lotteries/" + lottery_ + "/result", hanako_));
  EXPECT_EQ(result.at("won").at("reservationStatus").as_string(), "lapsed");
  Response late = post("/api/reservations/" + number_ + "/confirmation", hanako_, nullptr);
  EXPECT_EQ(late.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(code(late), "window_closed");
  const json::array notices = body(read("/api/me/notices", hanako_)).as_array();
  ASSERT_FALSE(notices.empty());
  EXPECT_EQ(notices[0].at("kind").as_string(), "win_lapsed");           // newest first
  EXPECT_FALSE(notices[0].as_object().contains("link")) << notices[0];  // nothing to answer
}

TEST_F(ConfirmationRoutes, OpeningValidatesTheConfirmationSettings) {
  for (const auto& [field, value] :
       std::vector<std::pair<std::string, json::value>>{{"confirmation", "maybe"},
                                                        {"confirmDays", 0},
                                                        {"confirmDays", 61},
                                                        {"release", "lottery"},
                                                        {"offerDays", 0},
                                                        {"offerDays", 61},
                                                        {"releaseAt", "tomorrow"},
                                                        {"notifyLosers", "yes"}}) {
    json::object p = period();
    p[field] = value;
    Response r = post("/api/operator/lotteries", op_, p);
    EXPECT_EQ(r.result(), bhttp::status::unprocessable_entity) << field << " " << value;
    EXPECT_EQ(code(r), "validation") << r.body();
    EXPECT_NE(r.body().find(field), std::string::npos) << r.body();
  }
  json::object p = period();
  p["confirmation"] = "none";
  p["release"] = "runners_up";
  p["offerDays"] = 3;
  p["notifyLosers"] = true;
  Response opened = post("/api/operator/lotteries", op_, p);
  ASSERT_EQ(opened.result(), bhttp::status::created) << opened.body();
  at_ = position(opened);
  bool seen = false;
  const json::value lotteries = body(read("/api/lotteries", hanako_));
  for (const json::value& l : lotteries.as_array()) {
    if (l.at("lotteryId") != body(opened).at("lotteryId")) continue;
    seen = true;
    EXPECT_EQ(l.at("confirmation").as_string(), "none");
    EXPECT_EQ(l.at("release").as_string(), "runners_up");
    EXPECT_EQ(l.at("offerDays").as_int64(), 3);
    EXPECT_TRUE(l.at("notifyLosers").as_bool());
  }
  EXPECT_TRUE(seen);
}

TEST_F(ConfirmationRoutes, ALapsedWinIsOfferedToTheRunnerUpWhoAcceptsOnce) {
  publish(true);
  move_clock(lapse());
  const json::value result = body(read("/api/lotteries/" + lottery_ + "/result", runner_));
  ASSERT_EQ(result.at("status").as_string(), "offered") << result;
  const json::object& offer = result.at("offer").as_object();
  const std::string id(offer.at("offerId").as_string());
  EXPECT_EQ(offer.at("facilityId").as_string(), "kogen");
  EXPECT_EQ(offer.at("nights").as_int64(), 1);
  EXPECT_EQ(offer.at("roomStyle").as_string(), "standard");
  // Open two days: 23:59:59 JST on the lapse's day + 2.
  EXPECT_EQ(offer.at("offerBy").as_string(),
            domain::format_rfc3339_tokyo(
                domain::tokyo_midnight(domain::tokyo_date(lapse()).plus_days(3)) -
                domain::kMicrosPerSecond));
  const json::array open = body(read("/api/me/offers", runner_)).as_array();
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].at("offerId").as_string(), id);
  EXPECT_TRUE(body(read("/api/me/offers", winner_)).as_array().empty());
  const json::array notices = body(read("/api/me/notices", runner_)).as_array();
  ASSERT_FALSE(notices.empty());
  EXPECT_EQ(notices[0].at("kind").as_string(), "runner_up_offer");

  const std::string accept = "/api/offers/" + id + "/acceptance";
  EXPECT_EQ(post(accept, winner_, nullptr).result(), bhttp::status::not_found);
  EXPECT_EQ(post("/api/offers/" + id + "/declination", winner_, nullptr).result(),
            bhttp::status::not_found);
  EXPECT_EQ(post("/api/offers/nothing-1/acceptance", runner_, nullptr).result(),
            bhttp::status::not_found);
  EXPECT_EQ(post(accept, "", nullptr).result(), bhttp::status::unauthorized);
  Response accepted = post(accept, runner_, nullptr);
  ASSERT_EQ(accepted.result(), bhttp::status::ok) << accepted.body();
  EXPECT_EQ(body(accepted).at("origin").as_string(), "runner_up");
  EXPECT_EQ(body(accepted).at("status").as_string(), "booked");
  const std::uint64_t head = services_->store().head();
  Response again = post(accept, runner_, nullptr);
  ASSERT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(body(again).at("reservationNumber"), body(accepted).at("reservationNumber"));
  EXPECT_EQ(services_->store().head(), head);  // accepted once
  Response decline = post("/api/offers/" + id + "/declination", runner_, nullptr);
  EXPECT_EQ(decline.result(), bhttp::status::conflict) << decline.body();
  at_ = position(accepted);
  const json::value won = body(read("/api/lotteries/" + lottery_ + "/result", runner_));
  EXPECT_EQ(won.at("status").as_string(), "won") << won;
  EXPECT_EQ(won.at("won").at("reservationNumber"), body(accepted).at("reservationNumber"));
}

// The centre answers for a runner-up who telephones: it lists the user's
// open offers and accepts one; the events record the operator as actor.
TEST_F(ConfirmationRoutes, AnOperatorAnswersAnOfferOnTheRunnerUpsBehalf) {
  publish(true);
  move_clock(lapse());
  op_ = operator_session();  // the one before expired as the clock moved
  const std::string user(body(read("/api/session", runner_)).at("userNumber").as_string());
  const std::string list = "/api/operator/users/" + user + "/offers";
  EXPECT_EQ(read(list, runner_).result(), bhttp::status::unauthorized);
  Response listed = read(list, op_);
  ASSERT_EQ(listed.result(), bhttp::status::ok) << listed.body();
  const json::array open = body(listed).as_array();
  ASSERT_EQ(open.size(), 1u);
  const std::string id(open[0].at("offerId").as_string());
  const std::string accept = "/api/operator/offers/" + id + "/acceptance";
  EXPECT_EQ(post(accept, runner_, nullptr).result(), bhttp::status::unauthorized);
  EXPECT_EQ(post("/api/operator/offers/nothing-1/acceptance", op_, nullptr).result(),
            bhttp::status::not_found);
  Response accepted = post(accept, op_, nullptr);
  ASSERT_EQ(accepted.result(), bhttp::status::ok) << accepted.body();
  EXPECT_EQ(body(accepted).at("origin").as_string(), "runner_up");
  auto e = services_->store().read_at(std::stoull(position(accepted)));
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->actor, "operator:demo-operator");
  at_ = position(accepted);
  bool theirs = false;  // the runner-up's reservation
  const json::value mine = body(read("/api/reservations", runner_));
  ASSERT_TRUE(mine.is_array()) << mine;
  for (const json::value& r : mine.as_array()) {
    theirs = theirs || r.at("reservationNumber") == body(accepted).at("reservationNumber");
  }
  EXPECT_TRUE(theirs);
  EXPECT_TRUE(body(read("/api/me/offers", runner_)).as_array().empty());
  EXPECT_TRUE(body(read(list, op_)).as_array().empty());
  // Declining an accepted offer is a conflict for the centre too.
  EXPECT_EQ(post("/api/operator/offers/" + id + "/declination", op_, nullptr).result(),
            bhttp::status::conflict);
}

// Hostile ids on the centre's offer routes (path text is the client's):
// long, encoded control bytes, path tricks, another user's shape. Each is a
// clean refusal or an empty list, and nothing is written.
TEST_F(ConfirmationRoutes, TheCentresOfferRoutesRefuseHostileIdsAndWriteNothing) {
  publish(true);
  move_clock(lapse());
  op_ = operator_session();
  const std::uint64_t head = services_->store().head();
  const std::string ids[] = {
      std::string(4000, '7'), "%00%0d%0aSet-Cookie:%20x", "..%2F..%2Fetc", "%E3%81%82", "1-1", "-"};
  for (const std::string& id : ids) {
    for (const char* how : {"acceptance", "declination"}) {
      Response r = post("/api/operator/offers/" + id + "/" + how, op_, nullptr);
      EXPECT_EQ(r.result(), bhttp::status::not_found) << id << " " << how << ": " << r.body();
      EXPECT_EQ(r[bhttp::field::set_cookie], "") << id;
    }
    Response listed = read("/api/operator/users/" + id + "/offers", op_);
    ASSERT_EQ(listed.result(), bhttp::status::ok) << id << ": " << listed.body();
    EXPECT_TRUE(body(listed).as_array().empty()) << id;
  }
  EXPECT_EQ(services_->store().head(), head);
}

TEST_F(ConfirmationRoutes, DecliningTwiceAnswers200AndAcceptingAfterTheDeadlineIs422) {
  publish(true);
  move_clock(lapse());
  const json::value result = body(read("/api/lotteries/" + lottery_ + "/result", runner_));
  ASSERT_EQ(result.at("status").as_string(), "offered") << result;
  const std::string id(result.at("offer").at("offerId").as_string());
  // Past its deadline: too late to accept or decline.
  move_clock(lapse() + 3 * domain::kMicrosPerDay);
  Response late = post("/api/offers/" + id + "/acceptance", runner_, nullptr);
  EXPECT_EQ(late.result(), bhttp::status::unprocessable_entity) << late.body();
  EXPECT_EQ(code(late), "window_closed");
  EXPECT_EQ(body(read("/api/lotteries/" + lottery_ + "/result", runner_)).at("status"), "lost");
}

TEST_F(ConfirmationRoutes, ADeclinedOfferAnswers200TwiceAndCannotBeAccepted) {
  publish(true);
  move_clock(lapse());
  const json::value result = body(read("/api/lotteries/" + lottery_ + "/result", runner_));
  ASSERT_EQ(result.at("status").as_string(), "offered") << result;
  const std::string id(result.at("offer").at("offerId").as_string());
  const std::string path = "/api/offers/" + id + "/declination";
  Response declined = post(path, runner_, nullptr);
  ASSERT_EQ(declined.result(), bhttp::status::ok) << declined.body();
  EXPECT_EQ(body(declined).at("status").as_string(), "declined");
  Response again = post(path, runner_, nullptr);
  ASSERT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(body(again).at("status").as_string(), "declined");
  EXPECT_EQ(post("/api/offers/" + id + "/acceptance", runner_, nullptr).result(),
            bhttp::status::conflict);
}

}  // namespace
}  // namespace hoyo::http
