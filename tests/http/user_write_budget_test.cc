// A member's writes are budgeted per account (rate.user_writes_per_minute),
// from every session and address together: a script looping writes (each
// may add events, notices and mails) is refused with 429 before any work,
// while reads (the quotes among them) and other members go on.
#include <gtest/gtest.h>

#include <chrono>

#include "app_fixture.h"
#include "http/app/rate_limiter.h"

namespace hoyo::http {
namespace {

using namespace hoyo::http::testing;

class UserWriteBudget : public AppFixture {
 protected:
  void SetUp() override {
    AppFixture::SetUp();
    ctx_.limiter = &frozen_;  // no token comes back during the test, however slow the machine
    ctx_.config.rate.user_writes_per_minute = 5;
  }
  const std::chrono::steady_clock::time_point now_ = std::chrono::steady_clock::now();
  RateLimiter frozen_{[this] { return now_; }};
};

TEST_F(UserWriteBudget, WritesPastTheAccountsBudgetAre429AndChangeNothing) {
  const std::string s = hanako();
  for (int i = 0; i < 5; ++i) {
    Response r = send(bhttp::verb::patch, "/api/me", s, json::object{{"reminders", i % 2 == 1}});
    EXPECT_EQ(r.result(), bhttp::status::ok) << i << " " << r.body();
  }
  const std::uint64_t head = services_->store().head();
  Response refused = send(bhttp::verb::patch, "/api/me", s, json::object{{"language", "en"}});
  EXPECT_EQ(refused.result(), bhttp::status::too_many_requests) << refused.body();
  EXPECT_EQ(code(refused), "rate_limited");
  EXPECT_FALSE(refused[bhttp::field::retry_after].empty());
  EXPECT_EQ(services_->store().head(), head) << "a refused write wrote";
  // Reads go on, and the refused change did not happen.
  Response me = get("/api/me", s);
  ASSERT_EQ(me.result(), bhttp::status::ok);
  EXPECT_EQ(body(me).at("language").as_string(), "ja");
  // A second session of the same account shares the budget.
  EXPECT_EQ(
      send(bhttp::verb::patch, "/api/me", hanako(), json::object{{"language", "en"}}).result(),
      bhttp::status::too_many_requests);
  // Another member has a budget of their own.
  EXPECT_EQ(
      send(bhttp::verb::patch, "/api/me", taro(), json::object{{"reminders", false}}).result(),
      bhttp::status::ok);
}

// Whoever loops writes with a stolen session cannot keep the owner from
// changing the password, which ends every session.
TEST_F(UserWriteBudget, ThePasswordChangeIsNotBudgeted) {
  const std::string s = hanako();
  for (int i = 0; i < 5; ++i) {
    send(bhttp::verb::patch, "/api/me", s, json::object{{"reminders", i % 2 == 1}});
  }
  ASSERT_EQ(send(bhttp::verb::patch, "/api/me", s, json::object{{"language", "en"}}).result(),
            bhttp::status::too_many_requests);
  Response changed = send(bhttp::verb::post, "/api/me/password", s,
                          json::object{{"currentPassword", "demo-hanako-2026"},
                                       {"newPassword", "shiba-koen-2027"},
                                       {"newPasswordConfirm", "shiba-koen-2027"}});
  EXPECT_EQ(changed.result(), bhttp::status::no_content) << changed.body();
}

// A quote is a read (POST only to carry its body): however many are asked,
// they are answered and spend nothing of the write budget.
TEST_F(UserWriteBudget, QuotesAreReadsAndSpendNoBudget) {
  const std::string s = hanako();
  const json::object stay{
      {"facilityId", "seaside"}, {"checkIn", day(12)}, {"nights", 1}, {"people", json::array{2}}};
  for (int i = 0; i < 8; ++i) {
    Response quoted = post("/api/quotes", s, stay);
    EXPECT_EQ(quoted.result(), bhttp::status::ok) << i << " " << quoted.body();
  }
  Response booked = post("/api/reservations", s, stay);
  ASSERT_EQ(booked.result(), bhttp::status::created) << booked.body();
  const std::string number(body(booked).at("reservationNumber").as_string());
  for (int i = 0; i < 8; ++i) {
    Request quote = make(bhttp::verb::post, "/api/reservations/" + number + "/quote", s,
                         json::serialize(json::object{{"people", json::array{3}}}));
    quote.set("X-Min-Position", position(booked));
    Response quoted = send(quote);
    EXPECT_EQ(quoted.result(), bhttp::status::ok) << i << " " << quoted.body();
  }
  // The booking was the budget's first write: four are left.
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(
        send(bhttp::verb::patch, "/api/me", s, json::object{{"reminders", i % 2 == 1}}).result(),
        bhttp::status::ok)
        << i;
  }
  EXPECT_EQ(send(bhttp::verb::patch, "/api/me", s, json::object{{"language", "en"}}).result(),
            bhttp::status::too_many_requests);
}

}  // namespace
}  // namespace hoyo::http
