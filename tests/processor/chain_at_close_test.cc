// chain_hash_before over a fake log: the bisection finds the last event
// recorded before the instant, and any read that fails fails the answer
// (never an earlier position, never zeros).
#include "processor/chain_at_close.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace hoyo::processor {
namespace {

using eventstore::Hash;
using eventstore::StoredEvent;

// Positions 1..n recorded at the given instants (never decreasing); the chain
// hash of position p is p in every byte. Reads of `failing` positions answer
// kIoError; every read is counted.
struct FakeLog {
  std::vector<domain::Instant> recorded;
  std::set<std::uint64_t> failing;
  int reads = 0;

  static Hash hash_at(std::uint64_t p) {
    Hash h;
    h.fill(static_cast<std::uint8_t>(p));
    return h;
  }
  ReadAt reader() {
    return [this](std::uint64_t p) -> base::Result<StoredEvent> {
      ++reads;
      if (p == 0 || p > recorded.size())
        return base::Status{base::ErrorCode::kNotFound, base::MessageId::kStoreNoEvent};
      if (failing.count(p))
        return base::Status{base::ErrorCode::kIoError, base::MessageId::kStoreInjectedReadFailure};
      StoredEvent e;
      e.position = p;
      e.recorded_at_us = recorded[p - 1];
      e.chain_hash = hash_at(p);
      return e;
    };
  }
  std::uint64_t head() const { return recorded.size(); }
  // The answer by walking every position.
  Hash linear(domain::Instant t) const {
    Hash found{};
    for (std::uint64_t p = 1; p <= recorded.size(); ++p) {
      if (recorded[p - 1] < t) found = hash_at(p);
    }
    return found;
  }
};

TEST(ChainHashBefore, FindsTheLastEventRecordedBeforeTheInstant) {
  FakeLog log;
  log.recorded = {10, 10, 20, 30, 30, 30, 40, 50, 60, 60, 70};
  for (domain::Instant t : {0, 10, 11, 20, 25, 30, 31, 40, 60, 61, 70, 71, 1000}) {
    auto r = chain_hash_before(log.head(), t, log.reader());
    ASSERT_TRUE(r.ok()) << t;
    EXPECT_EQ(*r, log.linear(t)) << "t = " << t;
  }
  // Before everything: no event, zeros.
  EXPECT_EQ(*chain_hash_before(log.head(), 5, log.reader()), Hash{});
  // An empty log reads nothing.
  FakeLog empty;
  EXPECT_EQ(*chain_hash_before(0, 100, empty.reader()), Hash{});
  EXPECT_EQ(empty.reads, 0);
}

TEST(ChainHashBefore, ReadsLogarithmicallyMany) {
  FakeLog log;
  for (int i = 0; i < 100000; ++i) log.recorded.push_back(i);
  auto r = chain_hash_before(log.head(), 77777, log.reader());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, FakeLog::hash_at(77777));  // position 77777 was recorded at 77776
  EXPECT_LE(log.reads, 18);
}

TEST(ChainHashBefore, AnyFailedReadFailsTheAnswer) {
  FakeLog log;
  for (int i = 0; i < 64; ++i) log.recorded.push_back(i * 10);
  const domain::Instant t = 415;  // the answer is position 42
  // Every position the bisection reads, in turn, made to fail.
  std::set<std::uint64_t> read;
  {
    FakeLog probe = log;
    ReadAt inner = probe.reader();
    ASSERT_TRUE(chain_hash_before(probe.head(), t, [&](std::uint64_t p) {
                  read.insert(p);
                  return inner(p);
                }).ok());
  }
  ASSERT_GE(read.size(), 5u);
  ASSERT_TRUE(read.count(42)) << "the answer's own position is read";
  for (std::uint64_t bad : read) {
    FakeLog broken = log;
    broken.failing = {bad};
    auto r = chain_hash_before(broken.head(), t, broken.reader());
    ASSERT_FALSE(r.ok()) << "a failed read of position " << bad << " was skipped";
    EXPECT_EQ(r.status().code(), base::ErrorCode::kIoError);
    EXPECT_EQ(r.status().error().message, base::MessageId::kStoreInjectedReadFailure);
  }
  // A position the bisection never needs may fail unnoticed.
  FakeLog elsewhere = log;
  for (std::uint64_t p = 1; p <= 64; ++p) {
    if (!read.count(p)) elsewhere.failing.insert(p);
  }
  auto r = chain_hash_before(elsewhere.head(), t, elsewhere.reader());
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, FakeLog::hash_at(42));
}

}  // namespace
}  // namespace hoyo::processor
