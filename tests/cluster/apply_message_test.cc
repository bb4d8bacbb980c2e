// One follower step without a server: a batch applies at head + 1 after the
// head's hash, or is refused with its code and nothing written.
#include <gtest/gtest.h>

#include "cluster/batch_message.h"
#include "cluster/epoch_message.h"
#include "cluster/follower.h"
#include "fake_stream.h"
#include "temp_dir.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

TEST(ApplyMessage, RefusesAGapAChainThatDoesNotLinkAndSkipsWhatItHas) {
  testing::TempDir dir;
  auto store = eventstore::EventStore::open(dir.sub("s"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store.value()->set_role(eventstore::StoreRole::kReplica).ok());
  auto& s = *store.value();
  testing::EnvelopeRun first = testing::make_envelopes(1, {}, 3);
  const Batch b1{1, 1, {}, first.envelopes, first.last_hash};
  testing::EnvelopeRun second = testing::make_envelopes(4, first.last_hash, 2);
  const Batch b2{1, 4, first.last_hash, second.envelopes, second.last_hash};
  auto msg = [](const Batch& b) {
    return StoredMessage{0, MessageKind::kBatch, b.message_id(), encode_batch(b)};
  };

  const base::Status gap = apply_message(msg(b2), s);
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(gap.error().message, base::MessageId::kClusterFollowerGap);
  EXPECT_EQ(s.head(), 0u);

  ASSERT_TRUE(apply_message(msg(b1), s).ok());
  EXPECT_TRUE(apply_message(msg(b1), s).ok());  // applied before: skipped
  EXPECT_EQ(s.head(), 3u);
  EXPECT_TRUE(apply_message({0, MessageKind::kEpoch, "", encode_epoch({2, "b"})}, s).ok());
  EXPECT_FALSE(apply_message({0, MessageKind::kEpoch, "", "junk"}, s).ok());

  // A batch at the right position after another chain.
  testing::EnvelopeRun elsewhere = testing::make_envelopes(4, eventstore::Hash{7}, 2);
  const Batch forked{1, 4, eventstore::Hash{7}, elsewhere.envelopes, elsewhere.last_hash};
  const base::Status refused = apply_message(msg(forked), s);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, base::MessageId::kClusterFollowerChain);
  EXPECT_EQ(s.head(), 3u);

  ASSERT_TRUE(apply_message(msg(b2), s).ok());
  EXPECT_EQ(s.head(), 5u);
  EXPECT_EQ(s.head_hash(), second.last_hash);
  EXPECT_TRUE(s.verify().ok);
}

// A genesis message is the stream's first and nowhere else: a late copy
// (sent unfenced by a node that found the stream empty long ago) stops the
// follower instead of being skipped.
TEST(ApplyMessage, AGenesisMessageAnywhereButFirstIsRefused) {
  testing::TempDir dir;
  auto store = eventstore::EventStore::open(dir.sub("s"));
  ASSERT_TRUE(store.ok());
  ASSERT_TRUE(store.value()->set_role(eventstore::StoreRole::kReplica).ok());
  EXPECT_TRUE(apply_message({1, MessageKind::kGenesis, "genesis", {}}, *store.value()).ok());
  const base::Status late =
      apply_message({7, MessageKind::kGenesis, "genesis", {}}, *store.value());
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.code(), base::ErrorCode::kCorruption);
  EXPECT_EQ(late.error().message, base::MessageId::kClusterGenesisMidStream);
}

// Where a follower starts: after the batch that ends at its head, and only
// when that batch ends with the head's chain hash. A store as long as the
// stream's first batch but holding other events was taken for a copy.
TEST(StartSequence, StartsAfterTheHeadOnlyWhenTheHashesAgree) {
  testing::FakeStream stream;
  // It holds genesis at sequence 1.
  testing::EnvelopeRun first = testing::make_envelopes(1, {}, 3);
  const Batch b1{1, 1, {}, first.envelopes, first.last_hash};
  stream.messages.push_back({2, MessageKind::kBatch, b1.message_id(), encode_batch(b1)});
  stream.messages.push_back({3, MessageKind::kEpoch, "e2", encode_epoch({2, "b"})});
  testing::EnvelopeRun second = testing::make_envelopes(4, first.last_hash, 2);
  const Batch b2{2, 4, first.last_hash, second.envelopes, second.last_hash};
  stream.messages.push_back({4, MessageKind::kBatch, b2.message_id(), encode_batch(b2)});

  auto start = [&](std::uint64_t head, const eventstore::Hash& hash) {
    return start_sequence(stream, stream.messages.size(), head, hash);
  };
  ASSERT_TRUE(start(0, {}).ok());
  EXPECT_EQ(start(0, {}).value(), 2u);
  ASSERT_TRUE(start(3, first.last_hash).ok());
  EXPECT_EQ(start(3, first.last_hash).value(), 4u);  // b2 (the epoch message holds no events)
  ASSERT_TRUE(start(5, second.last_hash).ok());
  EXPECT_EQ(start(5, second.last_hash).value(), 5u);  // nothing yet past the head

  // The same lengths with other events.
  const testing::EnvelopeRun other = testing::make_envelopes(1, eventstore::Hash{9}, 3);
  for (const auto& [head, hash] : {std::pair{std::uint64_t{3}, other.last_hash},
                                   std::pair{std::uint64_t{5}, first.last_hash}}) {
    base::Result<std::uint64_t> refused = start(head, hash);
    ASSERT_FALSE(refused.ok()) << head;
    EXPECT_EQ(refused.error().message, base::MessageId::kClusterFollowerDiverged);
  }
  // A head between two batches' ends.
  EXPECT_FALSE(start(4, first.last_hash).ok());
}

}  // namespace
}  // namespace hoyo::cluster
