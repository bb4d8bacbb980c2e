// Checkpoints: a consistent copy of the whole store while appends continue,
// holding every event durable before it, with the head it reports.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::TempDir;

TEST(Checkpoint, CopiesEverythingDurableWhileAppendsContinue) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.sub("live"))).value();
  ASSERT_TRUE(store->side_put(SideTable::kDataKeys, "key:1", "sealed").ok());
  auto blob = store->put_blob(std::string(10000, 'b'));
  ASSERT_TRUE(blob.ok());
  for (int i = 0; i < 100; ++i) {
    ASSERT_TRUE(
        store
            ->append(
                {"s-" + std::to_string(i % 7), ExpectedVersion::any(), {testing::make_event()}})
            .ok());
  }
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop.load(); ++i) {
      if (!store
               ->append(
                   {"w-" + std::to_string(i % 5), ExpectedVersion::any(), {testing::make_event()}})
               .ok())
        break;
    }
  });
  const std::uint64_t durable_before = store->head();
  auto info = store->checkpoint(dir.sub("copy"));
  stop = true;
  writer.join();
  ASSERT_TRUE(info.ok()) << info.status().to_string();
  EXPECT_GE(info->position, durable_before);

  auto head = EventStore::read_head(dir.sub("copy"));
  ASSERT_TRUE(head.ok()) << head.status().to_string();
  EXPECT_EQ(head->position, info->position);
  EXPECT_EQ(head->chain_hash, info->chain_hash);

  auto copy = std::move(EventStore::open(dir.sub("copy"))).value();
  EXPECT_EQ(copy->head(), info->position);
  EXPECT_EQ(copy->head_hash(), info->chain_hash);
  const VerifyReport report = copy->verify();
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(copy->side_get(SideTable::kDataKeys, "key:1").value(), "sealed");
  EXPECT_EQ(copy->get_blob(*blob).value(), std::string(10000, 'b'));
  // The live store's chain at that position is the copy's.
  EXPECT_EQ(store->read_at(info->position).value().chain_hash, info->chain_hash);
}

TEST(Checkpoint, RefusesAnExistingDirectory) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.sub("live"))).value();
  ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {testing::make_event()}}).ok());
  ASSERT_TRUE(store->checkpoint(dir.sub("copy")).ok());
  EXPECT_FALSE(store->checkpoint(dir.sub("copy")).ok());
}

}  // namespace
}  // namespace hoyo::eventstore
