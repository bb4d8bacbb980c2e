#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "eventstore/event_store.h"
#include "test_dir.h"
#include "eventually.h"

namespace hoyo::eventstore {
namespace {

using namespace std::chrono_literals;
using testing::make_event;
using testing::TempDir;
using hoyo::testing::eventually;

TEST(Subscription, CatchesUpThenFollowsLiveInOrderWithoutGapsOrDuplicates) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event()}}).ok());
  }
  std::mutex mu;
  std::vector<std::uint64_t> seen;
  auto sub = store->subscribe(40, [&](const EventView& e) {
    std::lock_guard lk(mu);
    seen.push_back(e.position);
    return true;
  });
  // Live appends from several threads while the subscriber catches up.
  std::vector<std::thread> writers;
  for (int t = 0; t < 4; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 100; ++i) {
        ASSERT_TRUE(store->append({"live", ExpectedVersion::any(), {make_event()}}).ok());
      }
    });
  }
  for (auto& w : writers) w.join();
  ASSERT_TRUE(eventually([&] { return sub->position() == 500; }));
  std::lock_guard lk(mu);
  ASSERT_EQ(seen.size(), 460u);
  for (std::size_t i = 0; i < seen.size(); ++i) EXPECT_EQ(seen[i], 41 + i);
}

TEST(Subscription, ASlowSubscriberDoesNotBlockAppends) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  std::atomic<bool> release{false};
  std::atomic<int> delivered{0};
  auto sub = store->subscribe(0, [&](const EventView&) {
    while (!release.load()) std::this_thread::sleep_for(1ms);  // stuck on its first event
    ++delivered;
    return true;
  });
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event()}}).ok());
  }
  EXPECT_EQ(store->head(), 200u);
  EXPECT_EQ(delivered.load(), 0);
  release.store(true);
  ASSERT_TRUE(eventually([&] { return delivered.load() == 200; }));
}

TEST(Subscription, DestroyingStopsDelivery) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  std::atomic<int> delivered{0};
  auto sub = store->subscribe(0, [&](const EventView&) {
    ++delivered;
    return true;
  });
  ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event()}}).ok());
  ASSERT_TRUE(eventually([&] { return delivered.load() == 1; }));
  sub.reset();
  ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event()}}).ok());
  // A subscriber that came later has seen the second event: it has been
  // published, and the ended subscription did not get it.
  std::atomic<std::uint64_t> later_seen{0};
  auto later = store->subscribe(1, [&](const EventView& e) {
    later_seen = e.position;
    return true;
  });
  ASSERT_TRUE(eventually([&] { return later_seen.load() == 2; }));
  EXPECT_EQ(delivered.load(), 1);
}

TEST(WaitForPosition, WakesWhenTheHeadArrivesAndTimesOutOtherwise) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  EXPECT_FALSE(store->wait_for_position(1, 20ms));
  std::thread writer([&] {
    std::this_thread::sleep_for(20ms);
    ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event()}}).ok());
  });
  EXPECT_TRUE(store->wait_for_position(1, 10s));
  writer.join();
}

}  // namespace
}  // namespace hoyo::eventstore
