// A store with a BatchReplicator (cluster mode's writer): each decided batch
// is handed over before it is written, and a failed replication writes
// nothing, answers its callers with the failure and refuses later appends
// until a new replicator is set.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "base/mutex.h"
#include "eventstore/envelope_bytes.h"
#include "eventstore/event_store.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::make_event;
using testing::TempDir;

// Records what it is given (and the store's head at that moment); fails
// with `failure` while it is set.
class RecordingReplicator : public BatchReplicator {
 public:
  explicit RecordingReplicator(const EventStore* store) : store_(store) {}
  base::Status replicate(const DecidedBatch& batch) override {
    base::MutexLock lk(mu_);
    batches.push_back(batch);
    heads.push_back(store_->head());
    return failure;
  }
  base::Mutex mu_;
  std::vector<DecidedBatch> batches;
  std::vector<std::uint64_t> heads;
  base::Status failure;

 private:
  const EventStore* store_;
};

std::vector<std::string> envelopes_of(EventStore& store, std::uint64_t from, std::uint64_t to) {
  std::vector<std::string> out;
  for (std::uint64_t p = from; p <= to; ++p)
    out.push_back(encode_envelope(store.read_at(p)->view()));
  return out;
}

TEST(Replicator, EachBatchIsHandedOverBeforeItIsWritten) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.sub("s"))).value();
  ASSERT_TRUE(store->append({"a", ExpectedVersion::any(), {make_event()}}).ok());
  auto rep = std::make_shared<RecordingReplicator>(store.get());
  ASSERT_TRUE(store->set_replicator(rep).ok());
  ASSERT_TRUE(store->append({"b", ExpectedVersion::any(), {make_event(), make_event()}}).ok());
  ASSERT_TRUE(store->append({"a", ExpectedVersion::exact(1), {make_event()}}).ok());
  ASSERT_EQ(rep->batches.size(), 2u);
  EXPECT_EQ(rep->heads, (std::vector<std::uint64_t>{1, 3}));  // not yet written
  const DecidedBatch& first = rep->batches[0];
  EXPECT_EQ(first.first_position, 2u);
  EXPECT_EQ(first.previous_hash, store->read_at(1)->chain_hash);
  ASSERT_EQ(first.appends.size(), 1u);
  EXPECT_EQ(first.appends[0], envelopes_of(*store, 2, 3));  // byte for byte what was stored
  EXPECT_EQ(first.last_hash, store->read_at(3)->chain_hash);
  EXPECT_EQ(rep->batches[1].appends[0], envelopes_of(*store, 4, 4));
}

TEST(Replicator, AFailedReplicationWritesNothingAndStopsOwnAppends) {
  // A store that holds the source's first event (the stream's, as it were).
  TempDir dir;
  auto source = std::move(EventStore::open(dir.sub("source"))).value();
  ASSERT_TRUE(source->append({"a", ExpectedVersion::any(), {make_event()}}).ok());
  auto store = std::move(EventStore::open(dir.sub("s"))).value();
  ASSERT_TRUE(store->set_role(StoreRole::kReplica).ok());
  ASSERT_TRUE(store->append_replicated(envelopes_of(*source, 1, 1)).ok());
  ASSERT_TRUE(store->set_role(StoreRole::kWriter).ok());

  auto rep = std::make_shared<RecordingReplicator>(store.get());
  rep->failure = base::Status{base::ErrorCode::kUnavailable, base::MessageId::kStoreClosing};
  ASSERT_TRUE(store->set_replicator(rep).ok());
  const auto refused = store->append({"b", ExpectedVersion::any(), {make_event()}});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), base::ErrorCode::kUnavailable);
  EXPECT_EQ(store->head(), 1u);
  EXPECT_FALSE(store->read_at(2).ok());
  // Later appends are refused without being decided or handed over.
  const auto later = store->append({"c", ExpectedVersion::any(), {make_event()}});
  EXPECT_EQ(later.code(), base::ErrorCode::kUnavailable);
  EXPECT_EQ(rep->batches.size(), 1u);

  // The writer's view went back to before the refused batch: as a replica
  // the store takes the stream's next event at position 2.
  ASSERT_TRUE(source->append({"x", ExpectedVersion::any(), {make_event()}}).ok());
  ASSERT_TRUE(store->set_role(StoreRole::kReplica).ok());
  const auto copied = store->append_replicated(envelopes_of(*source, 2, 2));
  ASSERT_TRUE(copied.ok()) << copied.error();
  // Writer again with a new replicator (a new term): appends go on from there.
  ASSERT_TRUE(store->set_role(StoreRole::kWriter).ok());
  auto next = std::make_shared<RecordingReplicator>(store.get());
  ASSERT_TRUE(store->set_replicator(next).ok());
  const auto ok = store->append({"b", ExpectedVersion::any(), {make_event()}});
  ASSERT_TRUE(ok.ok()) << ok.error();
  EXPECT_EQ(ok->first_position, 3u);
  EXPECT_EQ(next->batches.at(0).previous_hash, source->head_hash());
  EXPECT_TRUE(store->verify().ok);
}

// A batch the replicator refuses before sending anything (kInvalidArgument:
// an append too large for one stream message) fails alone: the next append
// is replicated and written as if it had not happened.
TEST(Replicator, ABatchRefusedBeforeSendingFailsAlone) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.sub("s"))).value();
  auto rep = std::make_shared<RecordingReplicator>(store.get());
  rep->failure =
      base::Status{base::ErrorCode::kInvalidArgument, base::MessageId::kClusterEnvelopeTooLarge};
  ASSERT_TRUE(store->set_replicator(rep).ok());
  const auto big = store->append({"big", ExpectedVersion::any(), {make_event()}});
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.code(), base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(store->head(), 0u);
  rep->failure = base::ok_status();
  const auto next = store->append({"small", ExpectedVersion::any(), {make_event()}});
  ASSERT_TRUE(next.ok()) << next.error();
  EXPECT_EQ(next->first_position, 1u);
  EXPECT_EQ(rep->batches.size(), 2u);
  EXPECT_TRUE(store->verify().ok);
}

// Appends queued while a replication fails are refused with its failure,
// without being handed to the replicator.
TEST(Replicator, AppendsQueuedDuringAFailedReplicationAreRefusedUnsent) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.sub("s"))).value();
  std::promise<void> entered_p, go_p;
  std::shared_future<void> go = go_p.get_future().share();
  std::atomic<int> calls{0};
  class Holding : public BatchReplicator {
   public:
    Holding(std::promise<void>& entered, std::shared_future<void> go, std::atomic<int>& calls)
        : entered_(entered), go_(std::move(go)), calls_(calls) {}
    base::Status replicate(const DecidedBatch&) override {
      if (calls_++ == 0) {
        entered_.set_value();
        go_.wait();
      }
      return base::Status{base::ErrorCode::kFenced, base::MessageId::kClusterFenced};
    }

   private:
    std::promise<void>& entered_;
    std::shared_future<void> go_;
    std::atomic<int>& calls_;
  };
  ASSERT_TRUE(store->set_replicator(std::make_shared<Holding>(entered_p, go, calls)).ok());
  auto first = store->append_future({"a", ExpectedVersion::any(), {make_event()}});
  entered_p.get_future().wait();
  auto queued = store->append_future({"b", ExpectedVersion::any(), {make_event()}});
  go_p.set_value();
  EXPECT_EQ(first.get().code(), base::ErrorCode::kFenced);
  EXPECT_EQ(queued.get().code(), base::ErrorCode::kFenced);
  EXPECT_EQ(calls.load(), 1);
  EXPECT_EQ(store->head(), 0u);
}

}  // namespace
}  // namespace hoyo::eventstore
