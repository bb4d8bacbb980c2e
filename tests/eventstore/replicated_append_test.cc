// append_replicated: a store fed another store's envelopes becomes its copy,
// byte for byte, with working indexes; envelopes out of place, off the
// chain or off their stream's versions are refused and nothing is written.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "eventstore/envelope_bytes.h"
#include "eventstore/event_store.h"
#include "eventually.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::make_event;
using testing::TempDir;

// The stored envelopes of `store` from `from` to `to`.
std::vector<std::string> envelopes_of(EventStore& store, std::uint64_t from, std::uint64_t to) {
  std::vector<std::string> out;
  for (std::uint64_t p = from; p <= to; ++p) {
    base::Result<StoredEvent> e = store.read_at(p);
    EXPECT_TRUE(e.ok()) << e.error();
    if (e.ok()) out.push_back(encode_envelope(e->view()));
  }
  return out;
}

class ReplicatedAppend : public ::testing::Test {
 protected:
  void SetUp() override {
    source_ = std::move(EventStore::open(dir_.sub("source"))).value();
    copy_ = std::move(EventStore::open(dir_.sub("copy"))).value();
    ASSERT_TRUE(copy_->set_role(StoreRole::kReplica).ok());
    ASSERT_TRUE(source_->append({"a", ExpectedVersion::any(), {make_event(), make_event()}}).ok());
    ASSERT_TRUE(source_->append({"b", ExpectedVersion::any(), {make_event()}}).ok());
    ASSERT_TRUE(source_->append({"a", ExpectedVersion::any(), {make_event()}}).ok());
  }

  void expect_copy_unchanged(std::uint64_t head) {
    EXPECT_EQ(copy_->head(), head);
    EXPECT_TRUE(copy_->verify().ok);
  }

  TempDir dir_;
  std::unique_ptr<EventStore> source_, copy_;
};

// A store takes one write path at a time: its own writer's appends (as
// opened) or, as a replica, another node's; the other is refused and writes
// nothing. A replica that becomes the writer appends on from the copy.
TEST_F(ReplicatedAppend, AStoreTakesOneWritePathAtATime) {
  auto store = std::move(EventStore::open(dir_.sub("roles"))).value();
  EXPECT_EQ(store->role(), StoreRole::kWriter);
  base::Result<AppendResult> refused = store->append_replicated(envelopes_of(*source_, 1, 2));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, base::MessageId::kStoreNotReplica);
  EXPECT_EQ(store->head(), 0u);

  ASSERT_TRUE(store->set_role(StoreRole::kReplica).ok());
  base::Result<AppendResult> own = store->append({"c", ExpectedVersion::any(), {make_event()}});
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.code(), base::ErrorCode::kConflict);
  EXPECT_EQ(own.error().message, base::MessageId::kStoreNotWriter);
  EXPECT_EQ(store->head(), 0u);
  ASSERT_TRUE(store->append_replicated(envelopes_of(*source_, 1, 4)).ok());

  ASSERT_TRUE(store->set_role(StoreRole::kWriter).ok());
  base::Result<AppendResult> next = store->append({"a", ExpectedVersion::exact(3), {make_event()}});
  ASSERT_TRUE(next.ok()) << next.error();
  EXPECT_EQ(next->first_position, 5u);
  EXPECT_TRUE(store->verify().ok);
}

// An append whose callers have not been answered holds the switch until
// they are: a batch decided but not yet durable would put the writer's next
// position past the durable head a replica starts from. (The callback holds
// the syncer.)
TEST_F(ReplicatedAppend, TheRoleSwitchWaitsForAnUnansweredAppend) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> answering{false};
  source_->append_async({"c", ExpectedVersion::any(), {make_event()}},
                        [&, released](base::Result<AppendResult>) {
                          answering = true;
                          released.wait();
                        });
  ASSERT_TRUE(hoyo::testing::eventually([&] { return answering.load(); }));
  std::future<base::Status> switched =
      std::async(std::launch::async, [&] { return source_->set_role(StoreRole::kReplica); });
  EXPECT_EQ(switched.wait_for(std::chrono::milliseconds(300)), std::future_status::timeout);
  EXPECT_EQ(source_->role(), StoreRole::kWriter);
  release.set_value();
  EXPECT_TRUE(switched.get().ok());
  EXPECT_EQ(source_->role(), StoreRole::kReplica);
}

TEST_F(ReplicatedAppend, MakesACopyWithTheSameHeadChainAndIndexes) {
  base::Result<AppendResult> r = copy_->append_replicated(envelopes_of(*source_, 1, 2));
  ASSERT_TRUE(r.ok()) << r.error();
  EXPECT_EQ(r->first_position, 1u);
  EXPECT_EQ(r->last_position, 2u);
  ASSERT_TRUE(copy_->append_replicated(envelopes_of(*source_, 3, 4)).ok());
  EXPECT_EQ(copy_->head(), 4u);
  EXPECT_EQ(copy_->head_hash(), source_->head_hash());
  EXPECT_EQ(envelopes_of(*copy_, 1, 4), envelopes_of(*source_, 1, 4));
  EXPECT_EQ(copy_->stream_version("a").value(), 3u);
  EXPECT_EQ(copy_->stream_version("b").value(), 1u);
  const VerifyReport report = copy_->verify();
  EXPECT_TRUE(report.ok) << report.reason;
  EXPECT_EQ(report.checked, 4u);

  // The copy becomes the writer. The event-id index came along: the
  // source's append, retried on the copy, is a duplicate there.
  ASSERT_TRUE(copy_->set_role(StoreRole::kWriter).ok());
  base::Result<StoredEvent> b = source_->read_at(3);
  NewEvent same{b->id, b->type, b->payload, b->actor};
  base::Result<AppendResult> retried = copy_->append({"b", ExpectedVersion::any(), {same}});
  ASSERT_TRUE(retried.ok()) << retried.error();
  EXPECT_TRUE(retried->duplicate);
  EXPECT_EQ(retried->first_position, 3u);
  // And the copy's own appends go on from its head.
  base::Result<AppendResult> next = copy_->append({"a", ExpectedVersion::exact(3), {make_event()}});
  ASSERT_TRUE(next.ok()) << next.error();
  EXPECT_EQ(next->first_position, 5u);
  EXPECT_TRUE(copy_->verify().ok);
}

TEST_F(ReplicatedAppend, IsDurableAcrossAReopen) {
  ASSERT_TRUE(copy_->append_replicated(envelopes_of(*source_, 1, 4)).ok());
  copy_.reset();
  copy_ = std::move(EventStore::open(dir_.sub("copy"))).value();
  EXPECT_EQ(copy_->head(), 4u);
  EXPECT_EQ(copy_->head_hash(), source_->head_hash());
}

TEST_F(ReplicatedAppend, RefusesAGapAndWritesNothing) {
  base::Result<AppendResult> r = copy_->append_replicated(envelopes_of(*source_, 2, 3));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), base::ErrorCode::kCorruption);
  EXPECT_EQ(r.error().message, base::MessageId::kStoreReplicatedGap);
  expect_copy_unchanged(0);
  std::vector<std::string> skips = envelopes_of(*source_, 1, 3);
  skips.erase(skips.begin() + 1);
  EXPECT_EQ(copy_->append_replicated(skips).error().message, base::MessageId::kStoreReplicatedGap);
  expect_copy_unchanged(0);
}

TEST_F(ReplicatedAppend, RefusesABrokenChainAndWritesNothing) {
  base::Result<StoredEvent> e = source_->read_at(1);
  StoredEvent changed = *e;
  changed.payload = "other";  // the stored hash no longer covers it
  std::vector<std::string> envelopes = {encode_envelope(changed.view())};
  base::Result<AppendResult> r = copy_->append_replicated(envelopes);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, base::MessageId::kStoreReplicatedChain);
  // Nor may the first follow anything but the head's hash.
  ASSERT_TRUE(copy_->append_replicated(envelopes_of(*source_, 1, 1)).ok());
  changed = *source_->read_at(2);
  changed.chain_hash = chain_hash_after(Hash{1}, changed.view());
  EXPECT_EQ(copy_->append_replicated({encode_envelope(changed.view())}).error().message,
            base::MessageId::kStoreReplicatedChain);
  expect_copy_unchanged(1);
}

TEST_F(ReplicatedAppend, RefusesAStreamVersionOutOfStepAndWritesNothing) {
  base::Result<StoredEvent> e = source_->read_at(1);
  StoredEvent changed = *e;
  changed.stream_version = 2;  // the stream "a" has no version 1 yet
  changed.chain_hash = chain_hash_after(Hash{}, changed.view());
  base::Result<AppendResult> r = copy_->append_replicated({encode_envelope(changed.view())});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message, base::MessageId::kStoreReplicatedVersion);
  EXPECT_EQ(base::arg_text(r.error().args, "stream"), "a");
  expect_copy_unchanged(0);
}

TEST_F(ReplicatedAppend, RefusesBytesThatAreNoEnvelope) {
  base::Result<AppendResult> r = copy_->append_replicated({"not an envelope"});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.code(), base::ErrorCode::kCorruption);
  EXPECT_EQ(r.error().message, base::MessageId::kStoreBadEnvelope);
  expect_copy_unchanged(0);
}

}  // namespace
}  // namespace hoyo::eventstore
