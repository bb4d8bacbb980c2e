// Side tables: batches, reads, and scans by prefix, from the start or past a
// cursor key.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <vector>

#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::make_event;
using testing::TempDir;

std::vector<std::string> scan(const EventStore& store, std::string_view prefix,
                              std::string_view after = {}, std::size_t max = 100) {
  std::vector<std::string> keys;
  EXPECT_TRUE(store
                  .side_scan(
                      SideTable::kSessions, prefix,
                      [&](std::string_view key, std::string_view) {
                        keys.emplace_back(key);
                        return keys.size() < max;
                      },
                      after)
                  .ok());
  return keys;
}

TEST(SideTables, ScanByPrefixFromTheStartOrPastACursor) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  ASSERT_TRUE(store
                  ->side_write({{SideTable::kSessions, "a:1", "x"},
                                {SideTable::kSessions, "id:1", "x"},
                                {SideTable::kSessions, "id:2", "x"},
                                {SideTable::kSessions, "id:3", "x"},
                                {SideTable::kSessions, "z:1", "x"},
                                {SideTable::kCredentials, "id:9", "x"}})
                  .ok());
  EXPECT_EQ(scan(*store, "id:"), (std::vector<std::string>{"id:1", "id:2", "id:3"}));
  EXPECT_EQ(scan(*store, "id:", "id:1"), (std::vector<std::string>{"id:2", "id:3"}));
  EXPECT_EQ(scan(*store, "id:", "id:15"), (std::vector<std::string>{"id:2", "id:3"}));
  EXPECT_EQ(scan(*store, "id:", "id:3"), std::vector<std::string>{});
  EXPECT_EQ(scan(*store, "id:", "a"), (std::vector<std::string>{"id:1", "id:2", "id:3"}));
  // A slice at a time: two, then the rest.
  const auto first = scan(*store, "id:", {}, 2);
  EXPECT_EQ(first, (std::vector<std::string>{"id:1", "id:2"}));
  EXPECT_EQ(scan(*store, "id:", first.back(), 2), std::vector<std::string>{"id:3"});
  ASSERT_TRUE(store->side_write({{SideTable::kSessions, "id:2", std::nullopt}}).ok());
  EXPECT_EQ(scan(*store, "id:"), (std::vector<std::string>{"id:1", "id:3"}));
  EXPECT_FALSE(store->side_get(SideTable::kSessions, "id:2").value().has_value());
  EXPECT_EQ(store->side_get(SideTable::kCredentials, "id:9").value(), "x");
}

// Side writes join the syncer's group commit; one made from an append's
// callback (which runs on the syncer) syncs by itself instead of waiting for
// the syncer, and is durable on return.
TEST(SideTables, AWriteFromAnAppendCallbackIsDurableWithoutWaitingForItself) {
  TempDir dir;
  {
    auto store = std::move(EventStore::open(dir.path())).value();
    std::promise<base::Status> written;
    auto future = written.get_future();
    store->append_async({"s", ExpectedVersion::any(), {make_event()}},
                        [&](base::Result<AppendResult> r) {
                          EXPECT_TRUE(r.ok());
                          written.set_value(store->side_put(SideTable::kSettings, "k", "v"));
                        });
    // A guard against a deadlock, not a timing: it answers at once.
    ASSERT_EQ(future.wait_for(std::chrono::seconds(30)), std::future_status::ready)
        << "the side write waited for the syncer it ran on";
    EXPECT_TRUE(future.get().ok());
  }
  auto store = std::move(EventStore::open(dir.path())).value();
  EXPECT_EQ(store->side_get(SideTable::kSettings, "k").value(), std::optional<std::string>("v"));
}

}  // namespace
}  // namespace hoyo::eventstore
