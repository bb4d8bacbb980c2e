// A store with a SideReplicator (cluster mode's writer): writes of the
// replicated side tables are handed over before they are applied, a refused
// batch is not applied at all, and the tables that stay with their node
// never reach it. A follower's side_apply_replicated applies without it, and
// its erase leaves the data directory as side_shred does.
#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "eventstore/event_store.h"
#include "files_containing.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::TempDir;

// Records what it is handed, and whether the store had applied it yet.
class FakeSideReplicator : public SideReplicator {
 public:
  explicit FakeSideReplicator(const EventStore* store) : store_(store) {}
  base::Status replicate(const std::vector<SideWrite>& writes, bool erase) override {
    calls.push_back({writes, erase});
    for (const SideWrite& w : writes) {
      auto have = store_->side_get(w.table, w.key);
      applied_before.push_back(have.ok() && *have == w.value && w.value);
    }
    return refuse_with;
  }
  base::Status replicate_blob(const Hash& key, std::string_view bytes) override {
    blobs.push_back({key, std::string(bytes)});
    blob_applied_before.push_back(store_->get_blob(key).ok());
    return refuse_with;
  }
  base::Status erase_blob(const Hash& key) override {
    erased_blobs.push_back(key);
    return refuse_with;
  }
  struct Call {
    std::vector<SideWrite> writes;
    bool erase;
  };
  std::vector<Call> calls;
  std::vector<bool> applied_before;
  std::vector<std::pair<Hash, std::string>> blobs;
  std::vector<bool> blob_applied_before;
  std::vector<Hash> erased_blobs;
  base::Status refuse_with;

 private:
  const EventStore* store_;
};

std::optional<std::string> get(const EventStore& store, SideTable t, std::string_view key) {
  return store.side_get(t, key).value();
}

TEST(SideReplicator, AnAcknowledgedWriteIsHandedOverFirstThenApplied) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  auto rep = std::make_shared<FakeSideReplicator>(store.get());
  store->set_side_replicator(rep);
  ASSERT_TRUE(store
                  ->side_write({{SideTable::kCredentials, "user:1", "hash-1"},
                                {SideTable::kSessions, "id:1", "session-1"}})
                  .ok());
  ASSERT_TRUE(store->side_put(SideTable::kOutbox, "mail:1", "link").ok());
  ASSERT_EQ(rep->calls.size(), 2u);
  ASSERT_EQ(rep->calls[0].writes.size(), 2u);
  EXPECT_EQ(rep->calls[0].writes[0].key, "user:1");
  EXPECT_EQ(rep->calls[0].writes[1].value, "session-1");
  EXPECT_FALSE(rep->calls[0].erase);
  EXPECT_EQ(rep->applied_before, (std::vector<bool>{false, false, false}));
  EXPECT_EQ(get(*store, SideTable::kCredentials, "user:1"), "hash-1");
  EXPECT_EQ(get(*store, SideTable::kSessions, "id:1"), "session-1");
  EXPECT_EQ(get(*store, SideTable::kOutbox, "mail:1"), "link");
}

TEST(SideReplicator, ARefusedWriteIsNotAppliedAndItsErrorIsAnswered) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  ASSERT_TRUE(store->side_put(SideTable::kDataKeys, "key:1", "old").ok());
  auto rep = std::make_shared<FakeSideReplicator>(store.get());
  rep->refuse_with = {base::ErrorCode::kFenced, base::MessageId::kClusterFenced, {{"sequence", 7}}};
  store->set_side_replicator(rep);
  // The whole batch, the table that is not replicated included.
  const base::Status s = store->side_write({{SideTable::kDataKeys, "key:1", "new"},
                                            {SideTable::kSettings, "clock", "1"},
                                            {SideTable::kCredentials, "user:1", "hash"}});
  EXPECT_TRUE(s.is(base::ErrorCode::kFenced)) << s.to_string();
  EXPECT_EQ(s.error().message, base::MessageId::kClusterFenced);
  EXPECT_EQ(get(*store, SideTable::kDataKeys, "key:1"), "old");
  EXPECT_EQ(get(*store, SideTable::kSettings, "clock"), std::nullopt);
  EXPECT_EQ(get(*store, SideTable::kCredentials, "user:1"), std::nullopt);
  // A refused shred leaves the key as it was.
  EXPECT_TRUE(store->side_shred(SideTable::kDataKeys, "key:1").is(base::ErrorCode::kFenced));
  EXPECT_EQ(get(*store, SideTable::kDataKeys, "key:1"), "old");
  ASSERT_EQ(rep->calls.size(), 2u);
  EXPECT_TRUE(rep->calls[1].erase);
  // Without the replicator (single-node mode) the store writes by itself.
  store->set_side_replicator(nullptr);
  ASSERT_TRUE(store->side_put(SideTable::kDataKeys, "key:1", "new").ok());
  EXPECT_EQ(get(*store, SideTable::kDataKeys, "key:1"), "new");
  EXPECT_EQ(rep->calls.size(), 2u);
}

TEST(SideReplicator, TablesThatStayWithTheirNodeNeverReachIt) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  auto rep = std::make_shared<FakeSideReplicator>(store.get());
  rep->refuse_with = {base::ErrorCode::kUnavailable,
                      base::MessageId::kClusterPublishGaveUp,
                      {{"seconds", 1}, {"cause", std::string("test")}}};
  store->set_side_replicator(rep);
  ASSERT_TRUE(store->side_put(SideTable::kProjections, "p", "checkpoint").ok());
  ASSERT_TRUE(store->side_write({{SideTable::kSettings, "clock", "1"}}).ok());
  ASSERT_TRUE(store->side_shred(SideTable::kSettings, "clock").ok());
  // A mixed batch hands over only its replicated writes.
  EXPECT_FALSE(
      store->side_write({{SideTable::kProjections, "q", "x"}, {SideTable::kSessions, "id:2", "s"}})
          .ok());
  ASSERT_EQ(rep->calls.size(), 1u);
  ASSERT_EQ(rep->calls[0].writes.size(), 1u);
  EXPECT_EQ(rep->calls[0].writes[0].table, SideTable::kSessions);
  EXPECT_EQ(get(*store, SideTable::kProjections, "p"), "checkpoint");
  EXPECT_EQ(get(*store, SideTable::kProjections, "q"), std::nullopt);
  EXPECT_TRUE(side_table_replicated(SideTable::kCredentials));
  EXPECT_TRUE(side_table_replicated(SideTable::kDataKeys));
  EXPECT_TRUE(side_table_replicated(SideTable::kOutbox));
  EXPECT_TRUE(side_table_replicated(SideTable::kSessions));
  EXPECT_FALSE(side_table_replicated(SideTable::kProjections));
  EXPECT_FALSE(side_table_replicated(SideTable::kSettings));
}

TEST(SideReplicator, AFollowerAppliesWithoutItAndItsEraseLeavesTheDirectory) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  auto rep = std::make_shared<FakeSideReplicator>(store.get());
  rep->refuse_with = {base::ErrorCode::kFenced, base::MessageId::kClusterFenced, {{"sequence", 1}}};
  store->set_side_replicator(rep);
  const std::string marker = "data-key-bytes-5b0c61e2d7a4";
  ASSERT_TRUE(store->side_apply_replicated({{SideTable::kDataKeys, "key:9", marker}}, false).ok());
  EXPECT_EQ(get(*store, SideTable::kDataKeys, "key:9"), marker);
  EXPECT_FALSE(hoyo::testing::files_containing(dir.path(), marker).empty());
  ASSERT_TRUE(
      store->side_apply_replicated({{SideTable::kDataKeys, "key:9", std::nullopt}}, true).ok());
  EXPECT_EQ(get(*store, SideTable::kDataKeys, "key:9"), std::nullopt);
  EXPECT_EQ(hoyo::testing::files_containing(dir.path(), marker), std::vector<std::string>{});
  EXPECT_TRUE(rep->calls.empty());
}

TEST(SideReplicator, BlobsGoThroughItFirstAndARefusalLeavesThemAsTheyWere) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  auto rep = std::make_shared<FakeSideReplicator>(store.get());
  store->set_side_replicator(rep);
  base::Result<Hash> key = store->put_blob("proof document");
  ASSERT_TRUE(key.ok());
  ASSERT_EQ(rep->blobs.size(), 1u);
  EXPECT_EQ(rep->blobs[0].first, key.value());
  EXPECT_EQ(rep->blobs[0].second, "proof document");
  EXPECT_EQ(rep->blob_applied_before, std::vector<bool>{false});
  // Held already: not handed over again.
  ASSERT_TRUE(store->put_blob("proof document").ok());
  EXPECT_EQ(rep->blobs.size(), 1u);

  rep->refuse_with = {base::ErrorCode::kFenced, base::MessageId::kClusterFenced, {{"sequence", 3}}};
  EXPECT_TRUE(store->put_blob("another").status().is(base::ErrorCode::kFenced));
  EXPECT_EQ(rep->blobs.size(), 2u);
  EXPECT_TRUE(store->shred_blob(key.value()).is(base::ErrorCode::kFenced));
  EXPECT_EQ(rep->erased_blobs, std::vector<Hash>{key.value()});
  EXPECT_EQ(store->get_blob(key.value()).value(), "proof document");
  rep->refuse_with = base::ok_status();
  ASSERT_TRUE(store->shred_blob(key.value()).ok());
  EXPECT_FALSE(store->get_blob(key.value()).ok());
}

TEST(SideReplicator, TableNamesRoundTrip) {
  for (int i = 0; i < kSideTableCount; ++i) {
    const auto t = static_cast<SideTable>(i);
    EXPECT_EQ(side_table_named(side_table_name(t)), t);
  }
  EXPECT_EQ(side_table_named("blobs"), std::nullopt);
}

}  // namespace
}  // namespace hoyo::eventstore
