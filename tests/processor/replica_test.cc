// The processor over a cluster node's store (docs/cluster.md): while the
// store is a replica it decides nothing; once it is the writer again after
// another node wrote the log, it folds the log afresh before deciding, so
// that a room the other writer sold is not sold again; and a replica's
// stale state never becomes the snapshot written at close.
#include <gtest/gtest.h>

#include "eventstore/envelope_bytes.h"
#include "processor_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;
using base::ErrorCode;

// Copies `from`'s events past `to`'s head into `to` (a replica), as a
// follower applies the stream.
void replicate(eventstore::EventStore& from, eventstore::EventStore& to) {
  std::vector<std::string> envelopes;
  auto read = from.read_all(to.head() + 1, UINT64_MAX, [&](const eventstore::EventView& e) {
    envelopes.push_back(eventstore::encode_envelope(e));
    return true;
  });
  ASSERT_TRUE(read.ok());
  if (envelopes.empty()) return;
  auto applied = to.append_replicated(std::move(envelopes));
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  ASSERT_EQ(to.head(), from.head());
}

std::size_t bookings_in(eventstore::EventStore& store) {
  std::size_t n = 0;
  EXPECT_TRUE(store
                  .read_all(1, UINT64_MAX,
                            [&](const eventstore::EventView& e) {
                              if (e.type == "ReservationBooked") ++n;
                              return true;
                            })
                  .ok());
  return n;
}

class ReplicaProcessorTest : public ProcessorTest {
 protected:
  // The other node: its own store, a copy of this one's log, and its
  // processor deciding while this store is a replica.
  void start_other_writer() {
    other_ = std::move(eventstore::EventStore::open(other_dir_.path(), {})).value();
    ASSERT_TRUE(other_->set_role(eventstore::StoreRole::kReplica).ok());
    replicate(*store_, *other_);
    ASSERT_TRUE(other_->set_role(eventstore::StoreRole::kWriter).ok());
    ASSERT_TRUE(store_->set_role(eventstore::StoreRole::kReplica).ok());
    other_processor_ = std::move(CommandProcessor::open(*other_, clock_)).value();
  }
  base::Result<Outcome> run_other(domain::Command c) {
    return other_processor_->submit(std::move(c)).get();
  }

  ::hoyo::testing::TempDir other_dir_;
  std::unique_ptr<eventstore::EventStore> other_;
  std::unique_ptr<CommandProcessor> other_processor_;
};

TEST_F(ReplicaProcessorTest, AReplicaDecidesNothing) {
  register_seaside(1);
  const std::uint64_t head = store_->head();
  ASSERT_TRUE(store_->set_role(eventstore::StoreRole::kReplica).ok());
  auto refused = run(book("50"), "key-1");
  ASSERT_FALSE(refused.ok()) << "a replica's processor decided a booking";
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_EQ(refused.error().message, base::MessageId::kStoreNotWriter);
  EXPECT_EQ(refused.error().retry_after_seconds, 1);
  EXPECT_EQ(store_->head(), head);
  // The key was not taken: once the store is the writer, it decides afresh.
  ASSERT_TRUE(store_->set_role(eventstore::StoreRole::kWriter).ok());
  auto booked = run(book("50"), "key-1");
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  EXPECT_FALSE(booked->replayed);
}

TEST_F(ReplicaProcessorTest, ANewWriterFoldsWhatTheOtherWriterSoldBeforeDeciding) {
  register_seaside(1);
  // This node's processor has folded the log up to here; then another node
  // becomes the writer and sells the only room.
  EXPECT_EQ(snapshot().reservations.size(), 0u);
  start_other_writer();
  auto sold = run_other(book("50"));
  ASSERT_TRUE(sold.ok()) << sold.error().message;
  other_processor_.reset();
  ASSERT_TRUE(other_->set_role(eventstore::StoreRole::kReplica).ok());
  replicate(*other_, *store_);
  // What this follower's processor shows (accounts, registrations) is the
  // log's, not what it folded while it wrote.
  EXPECT_EQ(snapshot().reservations.size(), 1u) << "a follower reads a frozen state";
  // This node is the writer again: the room is gone.
  const base::Status writer_again = store_->set_role(eventstore::StoreRole::kWriter);
  ASSERT_TRUE(writer_again.ok()) << writer_again.to_string();
  auto again = run(book("60"));
  ASSERT_FALSE(again.ok()) << "the room the other writer sold was sold again";
  EXPECT_EQ(bookings_in(*store_), 1u);
  EXPECT_EQ(snapshot().reservations.size(), 1u);
}

TEST_F(ReplicaProcessorTest, AReplicaDoesNotWriteItsStaleStateAsTheSnapshotAtClose) {
  close();
  store_ = std::move(eventstore::EventStore::open(dir_, {})).value();
  ProcessorOptions options;
  options.snapshots.on_close = true;
  processor_ = std::move(CommandProcessor::open(*store_, clock_, options)).value();
  register_seaside(1);
  start_other_writer();
  ASSERT_TRUE(run_other(book("50")).ok());
  replicate(*other_, *store_);
  close();  // this node stops while it follows
  open();
  EXPECT_EQ(snapshot().reservations.size(), 1u) << "restored a replica's stale state";
}

}  // namespace
}  // namespace hoyo::processor
