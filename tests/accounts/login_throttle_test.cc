// Login throttling built so that an attacker cannot turn it against the
// owner: devices with a device token count only their own failures; every
// other attempt is held (never refused) for at most hold_max, however hard
// others guess, from wherever.
#include "accounts/login_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace hoyo::accounts {
namespace {

constexpr domain::Instant kSecond = domain::kMicrosPerSecond;

TEST(LoginThrottle, OneSourceIsHeldAfterItsFreeFailuresOthersAreNot) {
  LoginThrottle t;
  domain::Instant now = 1000 * kSecond;
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(t.assess("user:1", "10.0.0.1", "", now).hold_for, 0);
    t.record_failure("user:1", "10.0.0.1", "", now);
  }
  t.record_failure("user:1", "10.0.0.1", "", now);
  const ThrottleVerdict v = t.assess("user:1", "10.0.0.1", "", now);
  EXPECT_GT(v.hold_for, 0);
  EXPECT_EQ(v.refuse_for, 0);                                      // a hold, never a refusal
  EXPECT_EQ(t.assess("user:1", "10.0.0.2", "", now).hold_for, 0);  // 6 failures: under 20
  EXPECT_EQ(t.assess("user:2", "10.0.0.1", "", now).hold_for, 0);  // another account
}

TEST(LoginThrottle, NoHoldIsLongerThanHoldMaxWhateverTheFailures) {
  LoginThrottle t;  // max_delay 15 min for one source, hold_max 60 s
  domain::Instant now = 1000 * kSecond;
  for (int i = 0; i < 200; ++i) t.record_failure("user:1", "10.0.0.1", "", now);
  const ThrottleVerdict v = t.assess("user:1", "10.0.0.1", "", now);
  EXPECT_EQ(v.hold_for, 60 * kSecond);
  EXPECT_EQ(v.refuse_for, 0);
}

// The scenario: an attacker guesses steadily from many addresses,
// the owner's carrier-NAT address among them; the owner logs in three ways.
TEST(LoginThrottle, AnAttackerFromManyAddressesCannotKeepTheOwnerOut) {
  LoginThrottle t;
  domain::Instant now = 1000 * kSecond;
  const std::string nat = "100.64.0.1";
  // The owner logged in once from a phone, which got a device token.
  t.record_success("user:1", "198.51.100.7", "phone");
  // A guess every second for an hour, from 50 addresses, the NAT one included.
  for (int i = 0; i < 3600; ++i) {
    now += kSecond;
    const std::string source = i % 50 == 0 ? nat : "203.0.113." + std::to_string(i % 50);
    t.record_failure("user:1", source, "", now);
  }
  // 1. From the known device: at once, wherever it is now (even behind the NAT).
  EXPECT_EQ(t.assess("user:1", "192.0.2.99", "phone", now).hold_for, 0);
  EXPECT_EQ(t.assess("user:1", "192.0.2.99", "phone", now).refuse_for, 0);
  EXPECT_EQ(t.assess("user:1", nat, "phone", now).hold_for, 0);
  EXPECT_EQ(t.assess("user:1", nat, "phone", now).refuse_for, 0);
  // 2. From a new address without the device: held, at most a minute, then checked.
  const ThrottleVerdict fresh = t.assess("user:1", "192.0.2.200", "", now);
  EXPECT_GT(fresh.hold_for, 0);
  EXPECT_LE(fresh.hold_for, 60 * kSecond);
  EXPECT_EQ(fresh.refuse_for, 0);
  // 3. From the NAT address the attacker shares, without the device: the same.
  const ThrottleVerdict shared = t.assess("user:1", nat, "", now);
  EXPECT_LE(shared.hold_for, 60 * kSecond);
  EXPECT_EQ(shared.refuse_for, 0);
  // The attacker goes on guessing while the owner is held: still at most a minute.
  for (int i = 0; i < 30; ++i) t.record_failure("user:1", nat, "", now + i * kSecond);
  EXPECT_LE(t.assess("user:1", nat, "", now + 30 * kSecond).hold_for, 60 * kSecond);
  // A success from the NAT address clears that source's own tier.
  t.record_success("user:1", nat, "");
  EXPECT_EQ(t.assess("user:1", nat, "", now + 30 * kSecond).hold_for, 0);
}

TEST(LoginThrottle, ADevicesOwnFailuresLockOnlyThatDevice) {
  LoginThrottle t;
  domain::Instant now = 1000 * kSecond;
  for (int i = 0; i < 6; ++i) t.record_failure("user:1", "10.0.0.1", "tablet", now);
  // The device that failed is refused for a while (its owner mistyped, or it
  // was stolen); nothing else is touched.
  const ThrottleVerdict v = t.assess("user:1", "10.0.0.1", "tablet", now);
  EXPECT_GT(v.refuse_for, 0);
  EXPECT_EQ(t.assess("user:1", "10.0.0.1", "phone", now).refuse_for, 0);
  EXPECT_EQ(t.assess("user:1", "10.0.0.1", "", now).hold_for, 0);  // no tier counted it
  EXPECT_EQ(t.assess("user:1", "10.0.0.1", "tablet", now + v.refuse_for).refuse_for, 0);
}

TEST(LoginThrottle, RememberedSourcesSkipTheAccountTierAndAreBounded) {
  ThrottleConfig c;
  c.max_entries = 3;
  c.account_free_failures = 0;
  LoginThrottle t(c);
  for (int i = 0; i < 4; ++i) t.record_success("user:1", "s" + std::to_string(i), "");
  t.record_failure("user:1", "x", "", 0);
  EXPECT_GT(t.assess("user:1", "s0", "", 0).hold_for, 0);  // the oldest was forgotten
  EXPECT_EQ(t.assess("user:1", "s3", "", 0).hold_for, 0);
}

}  // namespace
}  // namespace hoyo::accounts
