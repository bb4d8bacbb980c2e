// How a publish is settled, against a fake stream (no server): lost answers
// are retried with the same bytes and headers, duplicates and our own
// earlier attempt settle it, another writer's message fences it.
#include <gtest/gtest.h>

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

Batch one_batch(std::uint64_t epoch, std::uint64_t first) {
  testing::EnvelopeRun run = testing::make_envelopes(first, {}, 1);
  return Batch{epoch, first, {}, std::move(run.envelopes), run.last_hash};
}

TEST(Publisher, FencesOnTheLastSequenceAndStopsForGoodOnceFenced) {
  FakeStream s;
  s.messages.push_back({2, MessageKind::kEpoch, "epoch:1:a", ""});
  Publisher p(s, "HOYO.batch", Term{1, "a", 2}, kQuick);
  ASSERT_EQ(p.publish(one_batch(1, 1)).value(), 3u);
  EXPECT_EQ(s.sent.back().expected, 2u);
  EXPECT_EQ(s.sent.back().msg_id, "1:1");
  s.append_other("epoch:2:b");
  EXPECT_TRUE(p.publish(one_batch(1, 2)).is(base::ErrorCode::kFenced));
  const std::size_t sent = s.sent.size();
  EXPECT_TRUE(p.publish(one_batch(1, 2)).is(base::ErrorCode::kFenced));
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
  base::Result<std::uint64_t> after = p.publish(one_batch(1, 2));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.code(), base::ErrorCode::kUnavailable);
  EXPECT_EQ(after.error().message, base::MessageId::kClusterPublisherStopped);
  EXPECT_EQ(s.sent.size(), sent);
}

}  // namespace
}  // namespace hoyo::cluster
