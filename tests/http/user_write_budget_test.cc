// A member's writes are budgeted per account (rate.user_writes_per_minute),
// from every session and address together: a script looping writes (each
// may add events, notices and mails) is refused with 429 before any work,
// while reads and other members go on.
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

}  // namespace
}  // namespace hoyo::http
