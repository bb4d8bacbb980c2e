// Login throttling in its two tiers: per (account, source) and per account
// across sources, with the sources that logged in before exempt from the
// second, and every delay capped.
#include "accounts/login_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace hoyo::accounts {
namespace {

constexpr domain::Instant kSecond = domain::kMicrosPerSecond;

TEST(LoginThrottle, OneSourceIsHeldBackAfterItsFreeFailuresOthersAreNot) {
  LoginThrottle t;
  domain::Instant now = 1000 * kSecond;
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(t.wait_before("user:1", "10.0.0.1", now), 0);
    t.record_failure("user:1", "10.0.0.1", now);
  }
  t.record_failure("user:1", "10.0.0.1", now);
  EXPECT_GT(t.wait_before("user:1", "10.0.0.1", now), 0);
  EXPECT_EQ(t.wait_before("user:1", "10.0.0.2", now), 0);  // 6 failures overall: under 20
  EXPECT_EQ(t.wait_before("user:2", "10.0.0.1", now), 0);  // another account
}

TEST(LoginThrottle, GuessingSpreadOverManySourcesIsSlowedButNotALockout) {
  LoginThrottle t;
  domain::Instant now = 1000 * kSecond;
  // The real user logged in from home once.
  t.record_success("user:1", "home");
  // Then 20 guesses, each from a source of its own: the first tier never bites.
  for (int i = 0; i < 20; ++i) {
    const std::string source = "198.51.100." + std::to_string(i);
    ASSERT_EQ(t.wait_before("user:1", source, now), 0) << i;
    t.record_failure("user:1", source, now);
  }
  // Past 20 failures a new source must wait, up to the cap of a minute.
  const domain::Instant wait = t.wait_before("user:1", "203.0.113.9", now);
  EXPECT_GT(wait, 0);
  EXPECT_LE(wait, 60 * kSecond);
  // The real user at a source that logged in before is not held back.
  EXPECT_EQ(t.wait_before("user:1", "home", now), 0);
  // The delay runs out: a new source may try again after it.
  EXPECT_EQ(t.wait_before("user:1", "203.0.113.9", now + wait), 0);
  // Even after many more failures the wait stays capped.
  for (int i = 0; i < 100; ++i) {
    now += 61 * kSecond;
    t.record_failure("user:1", "192.0.2." + std::to_string(i), now);
  }
  EXPECT_LE(t.wait_before("user:1", "203.0.113.10", now), 60 * kSecond);
  EXPECT_EQ(t.wait_before("user:1", "203.0.113.10", now + 60 * kSecond), 0);
  EXPECT_EQ(t.wait_before("user:1", "home", now), 0);
}

TEST(LoginThrottle, RememberedSourcesAreBounded) {
  ThrottleConfig c;
  c.max_entries = 3;
  c.account_free_failures = 0;
  LoginThrottle t(c);
  for (int i = 0; i < 4; ++i) t.record_success("user:1", "s" + std::to_string(i));
  t.record_failure("user:1", "x", 0);
  EXPECT_GT(t.wait_before("user:1", "s0", 0), 0);  // the oldest was forgotten
  EXPECT_EQ(t.wait_before("user:1", "s3", 0), 0);
}

}  // namespace
}  // namespace hoyo::accounts
