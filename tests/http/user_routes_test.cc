// A logged-in user's routes: booking, the reservation list, change and
// cancellation, lottery applications; the wrong user, no user, the initial
// password; handlers called without a network.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <filesystem>

#include "accounts/demo_data.h"
#include "base/hex.h"
#include "daemon/config.h"
#include "daemon/runtime.h"
#include "domain/lottery_draw.h"
#include "eventstore/event.h"
#include "http/app/api.h"
#include "http/app/auth.h"
#include "projections_caught_up.h"
#include "temp_dir.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;

class UserRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path();
    daemon::RuntimeOptions o;
    o.data_dir = dir_;
    o.test_clock = true;
    o.accounts.hash = {1024, 1, 1};
    services_ = std::move(daemon::Runtime::open(o)).value();
    ASSERT_TRUE(accounts::fill_demo_data(services_->store(), services_->processor(),
                                         services_->accounts(), services_->clock())
                    .filled);
    ASSERT_TRUE(projections_caught_up(*services_));
    ctx_ = AppContext{};
    ctx_.store = &services_->store();
    ctx_.services = services_.get();
    hanako_ = login("10000012", "demo-hanako-2026");
    taro_ = login("10000020", "demo-taro-2026");
    ASSERT_FALSE(hanako_.empty());
    ASSERT_FALSE(taro_.empty());
  }
  void TearDown() override { services_.reset(); }
  Response send(bhttp::verb verb, const std::string& target, const std::string& session,
                const std::string& body = {}, const std::string& key = {},
                const std::string& min_position = {}) {
    Request req{verb, target, 11};
    // Read-your-writes as docs/api.md has it: the position a write answered with.
    if (!min_position.empty()) req.set("X-Min-Position", min_position);
    req.set("X-Requested-With", "test");
    if (!session.empty())
      req.set(bhttp::field::cookie, std::string(kSessionCookie) + "=" + session);
    if (!key.empty()) req.set("Idempotency-Key", key);
    req.body() = body;
    req.prepare_payload();
    return handle_request(req, ctx_);
  }
  std::string login(const std::string& number, const std::string& password) {
    Response r =
        send(bhttp::verb::post, "/api/session", "",
             json::serialize(json::object{{"userNumber", number}, {"password", password}}));
    if (r.result() != bhttp::status::ok) return {};
    return std::string(r[bhttp::field::set_cookie])
        .substr(std::string(kSessionCookie).size() + 1, 64);
  }
  std::string day(int from_today) const {
    return domain::tokyo_date(services_->clock().now()).plus_days(from_today).to_string();
  }
  Response book(const std::string& session, const std::string& date, int nights = 1,
                const std::string& key = {}, const std::string& facility = "seaside") {
    json::array people;
    for (int i = 0; i < nights; ++i) people.push_back(2);
    return send(
        bhttp::verb::post, "/api/reservations", session,
        json::serialize(json::object{
            {"facilityId", facility}, {"checkIn", date}, {"nights", nights}, {"people", people}}),
        key);
  }
  static json::value body(const Response& r) { return json::parse(r.body()); }
  static std::string code(const Response& r) { return std::string(body(r).at("code").as_string()); }

  ::hoyo::testing::TempDir tmp_;  // removed after everything below

  std::string dir_;
  std::unique_ptr<daemon::Runtime> services_;
  AppContext ctx_;
  std::string hanako_, taro_;
};

TEST_F(UserRoutesTest, BookListChangeAndCancel) {
  Response booked = book(hanako_, day(10), 2);
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const json::value b = body(booked);
  const std::string number(b.at("reservationNumber").as_string());
  EXPECT_EQ(b.at("nights").as_int64(), 2);
  EXPECT_EQ(b.at("roomStyle").as_string(), "standard");
  EXPECT_EQ(b.at("origin").as_string(), "first_come");
  EXPECT_TRUE(b.at("changeable").as_bool());

  Response list = send(bhttp::verb::get, "/api/reservations", hanako_, {}, {},
                       std::string(booked["X-Log-Position"]));
  ASSERT_EQ(list.result(), bhttp::status::ok);
  ASSERT_EQ(body(list).as_array().size(), 1u);

  Response changed = send(bhttp::verb::patch, "/api/reservations/" + number, hanako_,
                          R"({"dropNight":1,"people":[3]})");
  ASSERT_EQ(changed.result(), bhttp::status::ok) << changed.body();
  EXPECT_EQ(body(changed).at("checkIn").as_string(), day(11));  // the check-in moved
  EXPECT_EQ(body(changed).at("nights").as_int64(), 1);
  EXPECT_EQ(body(changed).at("people").as_array()[0].as_int64(), 3);

  Response cancelled = send(
      bhttp::verb::post, "/api/reservations/cancellations", hanako_,
      json::serialize(json::object{{"reservationNumbers", json::array{json::string(number)}}}));
  ASSERT_EQ(cancelled.result(), bhttp::status::ok) << cancelled.body();
  Response after = send(bhttp::verb::get, "/api/reservations", hanako_, {}, {},
                        std::string(cancelled["X-Log-Position"]));
  EXPECT_EQ(body(after).as_array()[0].at("status").as_string(), "cancelled");
}

TEST_F(UserRoutesTest, AUserSeesAndTouchesOnlyTheirOwn) {
  Response booked = book(hanako_, day(10));
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::string number(body(booked).at("reservationNumber").as_string());
  // Reads name the booking's position: without it the list may not hold it yet.
  const std::string at(booked["X-Log-Position"]);
  EXPECT_TRUE(
      body(send(bhttp::verb::get, "/api/reservations", taro_, {}, {}, at)).as_array().empty());
  Response change =
      send(bhttp::verb::patch, "/api/reservations/" + number, taro_, R"({"people":[1]})");
  EXPECT_EQ(change.result(), bhttp::status::not_found);
  Response cancel = send(
      bhttp::verb::post, "/api/reservations/cancellations", taro_,
      json::serialize(json::object{{"reservationNumbers", json::array{json::string(number)}}}));
  EXPECT_NE(cancel.result(), bhttp::status::ok);
  const json::value mine = body(send(bhttp::verb::get, "/api/reservations", hanako_, {}, {}, at));
  ASSERT_EQ(mine.as_array().size(), 1u);
  EXPECT_EQ(mine.as_array()[0].at("status").as_string(), "booked");
  // No session, or an operator's session: unauthorized.
  for (const char* target : {"/api/reservations", "/api/lotteries"}) {
    EXPECT_EQ(send(bhttp::verb::get, target, "").result(), bhttp::status::unauthorized);
  }
  Response op = send(bhttp::verb::post, "/api/operator/session", "",
                     R"({"login":"demo-operator","password":"demo-operator-2026"})");
  const std::string op_id =
      std::string(op[bhttp::field::set_cookie]).substr(std::string(kSessionCookie).size() + 1, 64);
  EXPECT_EQ(send(bhttp::verb::get, "/api/reservations", op_id).result(),
            bhttp::status::unauthorized);
}

TEST_F(UserRoutesTest, AnIdempotencyKeyBooksOnce) {
  Response first = book(hanako_, day(12), 1, "key-42");
  Response again = book(hanako_, day(12), 1, "key-42");
  ASSERT_EQ(first.result(), bhttp::status::created);
  EXPECT_EQ(body(first).at("reservationNumber"), body(again).at("reservationNumber"));
  // Read-your-writes: the list as of the booking's position.
  const std::string at(first["X-Log-Position"]);
  EXPECT_EQ(
      body(send(bhttp::verb::get, "/api/reservations", hanako_, {}, {}, at)).as_array().size(), 1u);
}

// A cancellation retried with its key (its answer lost, a failover) answers
// what the first answered, not 409 for the reservation it cancelled itself.
TEST_F(UserRoutesTest, AnIdempotencyKeyCancelsOnce) {
  Response booked = book(hanako_, day(12), 1);
  ASSERT_EQ(booked.result(), bhttp::status::created);
  const std::string cancel = json::serialize(json::object{
      {"reservationNumbers", json::array{json::value(body(booked).at("reservationNumber"))}}});
  Response first =
      send(bhttp::verb::post, "/api/reservations/cancellations", hanako_, cancel, "cancel-7");
  Response again =
      send(bhttp::verb::post, "/api/reservations/cancellations", hanako_, cancel, "cancel-7");
  ASSERT_EQ(first.result(), bhttp::status::ok) << first.body();
  EXPECT_EQ(again.result(), bhttp::status::ok) << again.body();
  EXPECT_EQ(body(again), body(first));
  EXPECT_EQ(again["X-Log-Position"], first["X-Log-Position"]);  // nothing written again
  // Without a key a second cancellation is refused: the reservation is gone.
  EXPECT_EQ(send(bhttp::verb::post, "/api/reservations/cancellations", hanako_, cancel).result(),
            bhttp::status::conflict);
}

TEST_F(UserRoutesTest, DomainRefusalsKeepTheirCodes) {
  EXPECT_EQ(code(book(hanako_, day(1))), "window_closed");  // closes 3 days before
  ASSERT_EQ(book(hanako_, day(10)).result(), bhttp::status::created);
  ASSERT_EQ(book(hanako_, day(14)).result(), bhttp::status::created);
  Response limit = book(hanako_, day(18));
  EXPECT_EQ(limit.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(code(limit), "limit_reached");
  Response bad = send(bhttp::verb::post, "/api/reservations", taro_,
                      R"({"facilityId":"seaside","checkIn":"2027-02-30","nights":1,"people":[2]})");
  EXPECT_EQ(code(bad), "validation");
  Response wish = send(bhttp::verb::post, "/api/reservations", taro_,
                       json::serialize(json::object{{"facilityId", "seaside"},
                                                    {"checkIn", day(10)},
                                                    {"nights", 1},
                                                    {"people", json::array{2}},
                                                    {"roomStyle", "japanese"}}));
  EXPECT_EQ(code(wish), "validation");  // seaside does not ask the style wish
}

TEST_F(UserRoutesTest, TheInitialPasswordOpensOnlyThePasswordChange) {
  auto reg = services_->accounts().register_online(
      [] {
        domain::ApplicantForm f;
        f.name_kanji = "白金 一郎";
        f.name_kana = "シロカネ　イチロウ";
        f.birth_date = "1990-01-02";
        f.postal_code = "108-0071";
        f.address = "東京都港区白金台";
        f.phone = "03-1234-5678";
        f.email = "ichiro@example.jp";
        f.category = "resident";
        f.consent = "true";
        return f;
      }(),
      std::nullopt);
  ASSERT_TRUE(reg.ok());
  ASSERT_EQ(reg->activation_code.size(), 19u);
  EXPECT_TRUE(login(reg->user_number, "19900102").empty());  // not the birth date
  // The activation code, as typed: lower case, without hyphens.
  std::string typed;
  for (char c : reg->activation_code) {
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  const std::string s = login(reg->user_number, typed);
  ASSERT_FALSE(s.empty());
  Response r = send(bhttp::verb::get, "/api/reservations", s);
  EXPECT_EQ(r.result(), bhttp::status::forbidden);
  EXPECT_EQ(code(r), "password_change_required");
  EXPECT_EQ(send(bhttp::verb::get, "/api/me", s).result(), bhttp::status::ok);
}

TEST_F(UserRoutesTest, LotteryApplyListDemandWithdrawAndPendingResult) {
  Response lotteries = send(bhttp::verb::get, "/api/lotteries", hanako_);
  ASSERT_EQ(lotteries.result(), bhttp::status::ok);
  const json::value list = body(lotteries);
  ASSERT_EQ(list.as_array().size(), 1u);
  const std::string id(list.as_array()[0].at("lotteryId").as_string());
  EXPECT_EQ(list.as_array()[0].at("seedHash").as_string().size(), 64u);
  // The demo's auditor committed to "demo-auditor-secret-YYYY-MM" (README).
  const domain::DrawSeed auditor_hash = domain::seed_commitment("demo-auditor-secret-" + id);
  EXPECT_EQ(list.as_array()[0].at("auditorSeedHash").as_string(), base::to_hex(auditor_hash));
  EXPECT_EQ(list.as_array()[0].at("drawRule").as_int64(), 2);
  EXPECT_FALSE(list.as_array()[0].at("auditorRevealed").as_bool());
  EXPECT_EQ(list.as_array()[0].at("status").as_string(), "upcoming");
  // The window opens a minute after the demo data was written: before, an
  // application is refused not_open.
  const std::string stay_early = id + "-05";
  Response early = send(bhttp::verb::post, "/api/lotteries/" + id + "/applications", hanako_,
                        json::serialize(json::object{{"facilityId", "kogen"},
                                                     {"checkIn", stay_early},
                                                     {"nights", 1},
                                                     {"people", json::array{2}},
                                                     {"preference", 1}}));
  EXPECT_EQ(early.result(), bhttp::status::unprocessable_entity);
  EXPECT_EQ(code(early), "not_open");
  services_->settable_clock()->advance(120 * domain::kMicrosPerSecond);
  EXPECT_EQ(body(send(bhttp::verb::get, "/api/lotteries", hanako_))
                .as_array()[0]
                .at("status")
                .as_string(),
            "open");
  const std::string stay = id + "-05";
  Response applied = send(bhttp::verb::post, "/api/lotteries/" + id + "/applications", hanako_,
                          json::serialize(json::object{{"facilityId", "kogen"},
                                                       {"checkIn", stay},
                                                       {"nights", 1},
                                                       {"people", json::array{2}},
                                                       {"preference", 1}}));
  ASSERT_EQ(applied.result(), bhttp::status::created) << applied.body();
  const std::string app(body(applied).at("applicationId").as_string());
  Response other = send(bhttp::verb::post, "/api/lotteries/" + id + "/applications", hanako_,
                        json::serialize(json::object{{"facilityId", "seaside"},
                                                     {"checkIn", stay},
                                                     {"nights", 1},
                                                     {"people", json::array{2}},
                                                     {"preference", 2}}));
  EXPECT_EQ(code(other), "other_facility");
  const std::string applied_at(applied["X-Log-Position"]);
  Response demand = send(bhttp::verb::get, "/api/lotteries/" + id + "/demand/kogen?from=" + stay,
                         hanako_, {}, {}, applied_at);
  ASSERT_EQ(demand.result(), bhttp::status::ok) << demand.body();
  EXPECT_EQ(body(demand).at("days").as_array()[0].at("applications").as_int64(), 1);
  EXPECT_EQ(body(demand).at("days").as_array()[0].at("winnable").as_int64(), 10);
  Response mine =
      send(bhttp::verb::get, "/api/lotteries/" + id + "/applications", hanako_, {}, {}, applied_at);
  ASSERT_EQ(body(mine).as_array().size(), 1u);
  EXPECT_EQ(body(mine).as_array()[0].at("status").as_string(), "active");
  EXPECT_TRUE(body(send(bhttp::verb::get, "/api/lotteries/" + id + "/applications", taro_))
                  .as_array()
                  .empty());
  EXPECT_EQ(body(send(bhttp::verb::get, "/api/lotteries/" + id + "/result", hanako_))
                .at("status")
                .as_string(),
            "pending");
  Response withdrawn =
      send(bhttp::verb::post, "/api/lotteries/" + id + "/applications/cancellations", hanako_,
           json::serialize(json::object{{"applicationIds", json::array{json::string(app)}}}));
  ASSERT_EQ(withdrawn.result(), bhttp::status::ok) << withdrawn.body();
  Response after = send(bhttp::verb::get, "/api/lotteries/" + id + "/applications", hanako_, {}, {},
                        std::string(withdrawn["X-Log-Position"]));
  EXPECT_EQ(body(after).as_array()[0].at("status").as_string(), "cancelled");
}

}  // namespace
}  // namespace hoyo::http
