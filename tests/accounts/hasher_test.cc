// argon2id with the parameters, and the bound on hashes in flight.
#include <gtest/gtest.h>

#include <future>

#include "accounts/password_hasher.h"

namespace hoyo::accounts {
namespace {

TEST(PasswordHasher, DefaultsAreArgon2idWith19MiBTwoPassesOneLane) {
  PasswordHasher h(HashParams{}, 2, std::chrono::milliseconds(5000));
  auto a = h.hash("umi-no-ie-2026");
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << a.value();
  auto b = h.hash("umi-no-ie-2026");
  EXPECT_NE(a.value(), b.value());  // a fresh salt each time
  EXPECT_TRUE(h.verify(a.value(), "umi-no-ie-2026").value());
  EXPECT_FALSE(h.verify(a.value(), "umi-no-ie-2027").value());
  EXPECT_FALSE(h.verify("not a hash", "x").value());
}

TEST(PasswordHasher, HashesWithOlderParametersStillVerify) {
  PasswordHasher cheap(HashParams{1024, 1, 1}, 1, std::chrono::milliseconds(5000));
  PasswordHasher current(HashParams{}, 1, std::chrono::milliseconds(5000));
  auto old_hash = cheap.hash("umi-no-ie-2026");
  EXPECT_TRUE(current.verify(old_hash.value(), "umi-no-ie-2026").value());
}

TEST(PasswordHasher, ExcessWorkIsRefusedInsteadOfQueuedWithoutBound) {
  // One slot, no waiting: of many concurrent hashes some must be refused.
  PasswordHasher h(HashParams{}, 1, std::chrono::milliseconds(0));
  std::vector<std::future<base::Result<std::string>>> runs;
  for (int i = 0; i < 8; ++i) {
    runs.push_back(std::async(std::launch::async, [&] { return h.hash("umi-no-ie-2026"); }));
  }
  int refused = 0, done = 0;
  for (auto& r : runs) {
    auto out = r.get();
    if (out.ok()) {
      ++done;
    } else {
      EXPECT_EQ(out.error().code, base::ErrorCode::kRateLimited);
      ++refused;
    }
  }
  EXPECT_GE(done, 1);
  EXPECT_GE(refused, 1);
}

}  // namespace
}  // namespace hoyo::accounts
