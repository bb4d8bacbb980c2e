// How a publish is settled, against a fake stream (no server): lost answers
// are retried with the same bytes and headers, duplicates and our own
// earlier attempt settle it, another writer's message fences it.
#include <gtest/gtest.h>

#include "cluster/election.h"
#include "cluster/publish_channel.h"
#include "cluster/publisher.h"
#include "fake_stream.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

using testing::FakeStream;

const RetryPolicy kQuick{std::chrono::milliseconds(2000), std::chrono::milliseconds(0)};

Outgoing batch(std::string msg_id, std::uint64_t expected) {
  return Outgoing{"HOYO.batch", MessageKind::kBatch, std::move(msg_id), expected, "bytes"};
}

TEST(PublishSettled, StoresRightAfterTheFence) {
  FakeStream s;
  base::Result<std::uint64_t> seq = publish_settled(s, batch("1:1", 1), kQuick);
  ASSERT_TRUE(seq.ok()) << seq.error();
  EXPECT_EQ(seq.value(), 2u);
  EXPECT_EQ(s.sent.size(), 1u);
}

TEST(PublishSettled, ALostAnswerIsSentAgainAndSettledAsADuplicate) {
  FakeStream s;
  s.lose_answers = 2;
  base::Result<std::uint64_t> seq = publish_settled(s, batch("1:1", 1), kQuick);
  ASSERT_TRUE(seq.ok()) << seq.error();
  EXPECT_EQ(seq.value(), 2u);
  ASSERT_EQ(s.sent.size(), 3u);
  for (const auto& sent : s.sent) {  // the same bytes and headers every time
    EXPECT_EQ(sent.msg_id, "1:1");
    EXPECT_EQ(sent.expected, 1u);
    EXPECT_EQ(sent.data, "bytes");
  }
  EXPECT_EQ(s.messages.size(), 2u);  // stored once
}

TEST(PublishSettled, AWrongLastSequenceOverOurOwnMessageSettlesIt) {
  FakeStream s;
  s.lose_answers = 1;
  s.forget_ids = true;  // the retry meets the fence, not the duplicate check
  base::Result<std::uint64_t> seq = publish_settled(s, batch("1:1", 1), kQuick);
  ASSERT_TRUE(seq.ok()) << seq.error();
  EXPECT_EQ(seq.value(), 2u);
  EXPECT_EQ(s.sent.size(), 2u);
  EXPECT_EQ(s.messages.size(), 2u);
}

TEST(PublishSettled, AnotherWritersMessageFencesIt) {
  FakeStream s;
  s.append_other("epoch:2:b");
  base::Result<std::uint64_t> seq = publish_settled(s, batch("1:1", 1), kQuick);
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.code(), base::ErrorCode::kFenced);
  EXPECT_EQ(seq.error().message, base::MessageId::kClusterFenced);
  EXPECT_EQ(base::arg_text(seq.error().args, "sequence"), "2");
  EXPECT_EQ(s.messages.size(), 2u);  // nothing of ours
}

// A duplicate answer settles a publish only when the message stored under
// the id is ours byte for byte, right after the fence: another process that
// published under the same id does not count as us.
TEST(PublishSettled, ADuplicateOfOtherBytesFencesIt) {
  FakeStream s;
  s.messages.push_back({2, MessageKind::kBatch, "1:1", "another process's bytes"});
  s.remember({{"1:1", 2}});
  base::Result<std::uint64_t> seq = publish_settled(s, batch("1:1", 1), kQuick);
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.code(), base::ErrorCode::kFenced);
  EXPECT_EQ(base::arg_text(seq.error().args, "sequence"), "2");
}

TEST(PublishSettled, ADuplicateStoredAwayFromTheFenceFencesIt) {
  FakeStream s;
  s.messages.push_back({2, MessageKind::kBatch, "1:1", "bytes"});
  s.append_other("epoch:2:b");
  s.remember({{"1:1", 2}});
  base::Result<std::uint64_t> seq = publish_settled(s, batch("1:1", 2), kQuick);
  EXPECT_TRUE(seq.is(base::ErrorCode::kFenced));
}

// Two processes under one node name (a misconfiguration) claim the same
// epoch after the same last sequence: their message ids differ in the
// process's incarnation, so the second is fenced instead of answered as a
// duplicate of the first.
TEST(ClaimEpoch, TwoProcessesUnderOneNodeNameDoNotBothWin) {
  FakeStream s;
  base::Result<Term> first = claim_epoch(s, "HOYO.epoch", {1, "same"}, "x", 1, kQuick);
  ASSERT_TRUE(first.ok()) << first.error();
  EXPECT_EQ(first->sequence, 2u);
  base::Result<Term> second = claim_epoch(s, "HOYO.epoch", {1, "same"}, "y", 1, kQuick);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message, base::MessageId::kClusterElectionLost);
  // The same process asking again (its answer was lost) still wins.
  base::Result<Term> again = claim_epoch(s, "HOYO.epoch", {1, "same"}, "x", 1, kQuick);
  ASSERT_TRUE(again.ok()) << again.error();
  EXPECT_EQ(again->sequence, 2u);
  EXPECT_EQ(s.messages.size(), 2u);
}

TEST(PublishSettled, GivesUpWhenNothingAnswers) {
  FakeStream s;
  s.lose_answers = 1'000'000;
  const RetryPolicy brief{std::chrono::milliseconds(30), std::chrono::milliseconds(1)};
  base::Result<std::uint64_t> seq = publish_settled(s, batch("1:1", 1), brief);
  ASSERT_FALSE(seq.ok());
  EXPECT_EQ(seq.code(), base::ErrorCode::kUnavailable);
  EXPECT_EQ(seq.error().message, base::MessageId::kClusterPublishGaveUp);
  EXPECT_GT(s.sent.size(), 1u);
}

Batch one_batch(std::uint64_t epoch, std::uint64_t first, const eventstore::Hash& previous = {}) {
  testing::EnvelopeRun run = testing::make_envelopes(first, previous, 1);
  return Batch{epoch, first, previous, std::move(run.envelopes), run.last_hash};
}

TEST(Publisher, FencesOnTheLastSequenceAndStopsForGoodOnceFenced) {
  FakeStream s;
  s.messages.push_back({2, MessageKind::kEpoch, "epoch:1:a", ""});
  Publisher p(s, "HOYO.batch", Term{1, "a", 2}, kQuick);
  const Batch first = one_batch(1, 1);
  ASSERT_EQ(p.publish(first).value(), 3u);
  EXPECT_EQ(s.sent.back().expected, 2u);
  EXPECT_EQ(s.sent.back().msg_id, "1:1");
  s.append_other("epoch:2:b");
  const Batch second = one_batch(1, 2, first.last_hash);
  EXPECT_TRUE(p.publish(second).is(base::ErrorCode::kFenced));
  const std::size_t sent = s.sent.size();
  EXPECT_TRUE(p.publish(second).is(base::ErrorCode::kFenced));
  EXPECT_EQ(s.sent.size(), sent);  // refused without sending
  EXPECT_EQ(p.last_sequence(), 3u);
}

TEST(Publisher, StopsOnceAPublishWasNotSettled) {
  FakeStream s;
  s.messages.push_back({2, MessageKind::kEpoch, "epoch:1:a", ""});
  s.lose_answers = 1'000'000;
  Publisher p(s, "HOYO.batch", Term{1, "a", 2},
              RetryPolicy{std::chrono::milliseconds(20), std::chrono::milliseconds(1)});
  EXPECT_EQ(p.publish(one_batch(1, 1)).error().message, base::MessageId::kClusterPublishGaveUp);
  s.lose_answers = 0;
  const std::size_t sent = s.sent.size();
  base::Result<std::uint64_t> after = p.publish(one_batch(1, 2, {}));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.code(), base::ErrorCode::kUnavailable);
  EXPECT_EQ(after.error().message, base::MessageId::kClusterPublisherStopped);
  EXPECT_EQ(s.sent.size(), sent);
}

// A writer whose store does not end where the stream does (its catch-up
// stopped short, or it holds a tail the stream lacks) would fork the log:
// the publisher finds the last batch before its epoch message and refuses,
// without sending, any batch that does not continue it.
TEST(Publisher, RefusesABatchThatDoesNotContinueTheStream) {
  FakeStream s;
  testing::EnvelopeRun run = testing::make_envelopes(1, {}, 3);
  const Batch held{1, 1, {}, run.envelopes, run.last_hash};
  s.messages.push_back({2, MessageKind::kBatch, held.message_id(), encode_batch(held)});
  s.messages.push_back({3, MessageKind::kEpoch, "epoch:2:b:x", ""});
  s.messages.push_back({4, MessageKind::kEpoch, "epoch:3:a:y", ""});
  for (const Batch& wrong : {one_batch(3, 1),                  // from the start again
                             one_batch(3, 5, held.last_hash),  // past a gap
                             one_batch(3, 4, {})}) {           // the right place, another chain
    Publisher p(s, "HOYO.batch", Term{3, "a", 4}, kQuick);
    base::Result<std::uint64_t> refused = p.publish(wrong);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.code(), base::ErrorCode::kCorruption);
    EXPECT_EQ(refused.error().message, base::MessageId::kClusterWriterOffStream);
    EXPECT_EQ(base::arg_text(refused.error().args, "streamPosition"), "3");
    EXPECT_TRUE(s.sent.empty());
    // Stopped for good: even a batch that continues the stream is refused.
    EXPECT_TRUE(p.publish(one_batch(3, 4, held.last_hash)).is(base::ErrorCode::kCorruption));
    EXPECT_TRUE(s.sent.empty());
  }
  Publisher p(s, "HOYO.batch", Term{3, "a", 4}, kQuick);
  const Batch next = one_batch(3, 4, held.last_hash);
  ASSERT_EQ(p.publish(next).value(), 5u);
  // Then each batch continues the one before.
  EXPECT_TRUE(p.publish(one_batch(3, 5, held.last_hash)).is(base::ErrorCode::kCorruption));
}

}  // namespace
}  // namespace hoyo::cluster
