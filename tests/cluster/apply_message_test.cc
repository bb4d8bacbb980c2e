// One follower step without a server: a batch applies at head + 1 after the
// head's hash, or is refused with its code and nothing written.
#include <gtest/gtest.h>

#include "cluster/batch_message.h"
#include "cluster/epoch_message.h"
#include "cluster/follower.h"
#include "temp_dir.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

TEST(ApplyMessage, RefusesAGapAChainThatDoesNotLinkAndSkipsWhatItHas) {
  testing::TempDir dir;
  auto store = eventstore::EventStore::open(dir.sub("s"));
  ASSERT_TRUE(store.ok());
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

}  // namespace
}  // namespace hoyo::cluster
