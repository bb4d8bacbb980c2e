// Per-source limits in real elapsed time: N at once, then refused with the
// seconds to wait, refilled evenly; sources and limits are counted apart.
#include "http/app/rate_limiter.h"

#include <gtest/gtest.h>

namespace hoyo::http {
namespace {

using namespace std::chrono_literals;

TEST(RateLimiter, NPerMinuteThenRefusedUntilRefilled) {
  auto now = std::chrono::steady_clock::time_point{} + 1h;
  RateLimiter limiter([&] { return now; });
  int retry = 0;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.allow("reset", "10.0.0.1", 10, retry)) << i;
  EXPECT_FALSE(limiter.allow("reset", "10.0.0.1", 10, retry));
  EXPECT_EQ(retry, 6);  // one request per 6 s
  // Another source and another limit are counted apart.
  EXPECT_TRUE(limiter.allow("reset", "10.0.0.2", 10, retry));
  EXPECT_TRUE(limiter.allow("login", "10.0.0.1", 10, retry));
  now += 5s;
  EXPECT_FALSE(limiter.allow("reset", "10.0.0.1", 10, retry));
  EXPECT_EQ(retry, 1);
  now += 1s;
  EXPECT_TRUE(limiter.allow("reset", "10.0.0.1", 10, retry));
  EXPECT_FALSE(limiter.allow("reset", "10.0.0.1", 10, retry));
  // A minute later the bucket is full again, and no fuller.
  now += 10min;
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.allow("reset", "10.0.0.1", 10, retry));
  EXPECT_FALSE(limiter.allow("reset", "10.0.0.1", 10, retry));
  // Zero means no limit.
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(limiter.allow("x", "10.0.0.1", 0, retry));
}

}  // namespace
}  // namespace hoyo::http
