#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <mutex>
#include <set>
#include <thread>

#include "eventstore/event_store.h"
#include "test_dir.h"
#include "eventually.h"

namespace hoyo::eventstore {
namespace {

using hoyo::testing::eventually;

using testing::make_event;
using testing::TempDir;

TEST(GroupCommit, ConcurrentAppendsShareBatchesAndGetGapFreePositions) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  constexpr int kThreads = 32, kPerThread = 40;
  std::mutex mu;
  std::set<std::uint64_t> positions;
  std::vector<std::thread> threads;
  std::latch start(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      start.arrive_and_wait();
      for (int i = 0; i < kPerThread; ++i) {
        auto r = store->append(
            {"writer-" + std::to_string(t), ExpectedVersion::exact(i), {make_event()}});
        ASSERT_TRUE(r.ok()) << r.status().to_string();
        EXPECT_EQ(r->stream_version, static_cast<std::uint64_t>(i + 1));
        std::lock_guard lk(mu);
        EXPECT_TRUE(positions.insert(r->first_position).second);
      }
    });
  }
  for (auto& t : threads) t.join();
  constexpr std::uint64_t kTotal = kThreads * kPerThread;
  ASSERT_EQ(positions.size(), kTotal);
  EXPECT_EQ(*positions.begin(), 1u);
  EXPECT_EQ(*positions.rbegin(), kTotal);
  EXPECT_EQ(store->head(), kTotal);
  StoreStats stats = store->stats();
  EXPECT_EQ(stats.events, kTotal);
  // 32 writers blocked on syncs must have shared them: far fewer syncs than
  // appends. (Write batches may stay small when the writer outruns arrivals on
  // a loaded machine; the syncs are what group commit shares.)
  EXPECT_LT(stats.syncs, kTotal / 2) << "syncs=" << stats.syncs << " batches=" << stats.batches;
  EXPECT_LE(stats.syncs, stats.batches);
  EXPECT_TRUE(store->verify().ok);
}

TEST(GroupCommit, RejectedAppendsInABatchLeaveNoGaps) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  // Every thread races to create the same streams; exactly one wins each.
  constexpr int kThreads = 16, kStreams = 50;
  std::atomic<int> accepted{0}, rejected{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int s = 0; s < kStreams; ++s) {
        auto r = store->append(
            {"race-" + std::to_string(s), ExpectedVersion::no_stream(), {make_event()}});
        if (r.ok()) {
          ++accepted;
        } else {
          EXPECT_EQ(r.status().code(), base::ErrorCode::kWrongExpectedVersion);
          ++rejected;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(accepted.load(), kStreams);
  EXPECT_EQ(rejected.load(), kThreads * kStreams - kStreams);
  EXPECT_EQ(store->head(), static_cast<std::uint64_t>(kStreams));
  VerifyReport v = store->verify();
  EXPECT_TRUE(v.ok) << v.reason;
  EXPECT_EQ(v.checked, static_cast<std::uint64_t>(kStreams));
}

TEST(GroupCommit, AsyncCallersAreAnsweredOnceDurableInSubmissionOrder) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  constexpr int kAppends = 2000;
  std::mutex mu;
  std::vector<std::uint64_t> order;
  std::atomic<int> done{0};
  for (int i = 0; i < kAppends; ++i) {
    store->append_async({"async", ExpectedVersion::any(), {make_event()}},
                        [&](base::Result<AppendResult> r) {
                          ASSERT_TRUE(r.ok());
                          // Answered only once visible: the head covers the position.
                          EXPECT_GE(store->head(), r->last_position);
                          std::lock_guard lk(mu);
                          order.push_back(r->first_position);
                          ++done;
                        });
  }
  ASSERT_TRUE(eventually([&] { return done.load() == kAppends; }));
  ASSERT_EQ(order.size(), static_cast<std::size_t>(kAppends));
  for (int i = 0; i < kAppends; ++i) EXPECT_EQ(order[i], static_cast<std::uint64_t>(i + 1));
  EXPECT_LT(store->stats().batches, static_cast<std::uint64_t>(kAppends / 4));
}

TEST(GroupCommit, ClosingTheStoreAnswersEveryQueuedAppend) {
  TempDir dir;
  std::atomic<int> answered{0};
  {
    auto store = std::move(EventStore::open(dir.path())).value();
    for (int i = 0; i < 500; ++i) {
      store->append_async({"s", ExpectedVersion::any(), {make_event()}},
                          [&](base::Result<AppendResult>) { ++answered; });
    }
  }
  EXPECT_EQ(answered.load(), 500);
}

}  // namespace
}  // namespace hoyo::eventstore
