#include <gtest/gtest.h>
#include <openssl/sha.h>

#include <random>

#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::TempDir;

std::string random_bytes(std::size_t n) {
  std::mt19937 rng(7);
  std::string s(n, '\0');
  for (auto& c : s) c = static_cast<char>(rng());
  return s;
}

TEST(Blobs, KeyIsSha256AndContentRoundTripsAcrossReopen) {
  TempDir dir;
  const std::string big = random_bytes(3 << 20);
  const std::string small = "tiny";
  Hash big_key, small_key;
  {
    auto store = std::move(EventStore::open(dir.path())).value();
    big_key = store->put_blob(big).value();
    small_key = store->put_blob(small).value();
  }
  Hash expected;
  SHA256(reinterpret_cast<const unsigned char*>(big.data()), big.size(), expected.data());
  EXPECT_EQ(big_key, expected);
  auto store = std::move(EventStore::open(dir.path())).value();
  EXPECT_EQ(store->get_blob(big_key).value(), big);
  EXPECT_EQ(store->get_blob(small_key).value(), small);
  EXPECT_EQ(store->head(), 0u);  // blobs are not events
}

TEST(Blobs, PutIsIdempotentAndUnknownKeysAreNotFound) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  auto a = store->put_blob("same bytes");
  auto b = store->put_blob("same bytes");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a.value(), b.value());
  Hash unknown{};
  unknown[0] = 1;
  EXPECT_EQ(store->get_blob(unknown).status().code(), base::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace hoyo::eventstore
