// The election and the fenced publisher against three real nats-servers.
#include "cluster/election.h"

#include <barrier>
#include <thread>

#include "cluster/epoch_message.h"
#include "cluster/publisher.h"
#include "cluster_env.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class ElectionTest : public ClusterTest {
 protected:
  // Two candidates on their own connections campaign at once: both read the
  // same last sequence (the catch-up step waits for the other), then both
  // publish. Returns their results.
  std::pair<base::Result<Term>, base::Result<Term>> race(const std::string& stream) {
    auto a = connect(stream, "a");
    auto b = connect(stream, "b");
    std::barrier both_read(2);
    std::uint64_t read_a = 0, read_b = 0;
    std::optional<base::Result<Term>> ra, rb;
    std::thread ta([&] {
      ra = campaign(*a, "a", [&](std::uint64_t l) {
        read_a = l;
        both_read.arrive_and_wait();
        return base::ok_status();
      });
    });
    std::thread tb([&] {
      rb = campaign(*b, "b", [&](std::uint64_t l) {
        read_b = l;
        both_read.arrive_and_wait();
        return base::ok_status();
      });
    });
    ta.join();
    tb.join();
    EXPECT_EQ(read_a, read_b);
    return {std::move(*ra), std::move(*rb)};
  }

  // Checks that exactly one of the two won, with `epoch`, right after the
  // sequence both read; returns the winner's term.
  Term exactly_one_won(const std::pair<base::Result<Term>, base::Result<Term>>& r,
                       std::uint64_t epoch, std::uint64_t last) {
    const base::Result<Term>& winner = r.first.ok() ? r.first : r.second;
    const base::Result<Term>& loser = r.first.ok() ? r.second : r.first;
    EXPECT_TRUE(winner.ok());
    EXPECT_FALSE(loser.ok());
    if (!winner.ok() || loser.ok()) return {};
    EXPECT_EQ(loser.code(), base::ErrorCode::kFenced);
    EXPECT_EQ(loser.error().message, base::MessageId::kClusterElectionLost);
    EXPECT_EQ(winner->epoch, epoch);
    EXPECT_EQ(winner->sequence, last + 1);
    return winner.value();
  }

  static Batch batch_after(std::uint64_t epoch, std::uint64_t first, const eventstore::Hash& prev,
                           std::size_t count = 3) {
    testing::EnvelopeRun run = testing::make_envelopes(first, prev, count);
    return Batch{epoch, first, prev, std::move(run.envelopes), run.last_hash};
  }
};

TEST_F(ElectionTest, OfTwoCandidatesOnAStreamWithOnlyGenesisExactlyOneWins) {
  for (int round = 0; round < 20; ++round) {
    const std::string stream = fresh_stream();
    const Term t = exactly_one_won(race(stream), 1, 1);
    auto c = connect(stream);
    EXPECT_EQ(c->stream_state()->last_sequence, 2u) << "round " << round;
    base::Result<std::optional<StoredMessage>> m = c->message_at(2);
    ASSERT_TRUE(m.ok() && m.value());
    EXPECT_EQ(m.value()->kind, MessageKind::kEpoch);
    base::Result<WriterEpochStarted> e = decode_epoch(m.value()->data);
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(e->node, t.node);
  }
}

TEST_F(ElectionTest, OfTwoCandidatesOnAStreamWithBatchesExactlyOneWinsEveryTime) {
  const std::string stream = fresh_stream();
  auto c = connect(stream);
  eventstore::Hash chain{};
  std::uint64_t position = 1;
  for (std::uint64_t round = 1; round <= 20; ++round) {
    const std::uint64_t last = c->stream_state()->last_sequence;
    const Term t = exactly_one_won(race(stream), round, last);
    ASSERT_EQ(t.epoch, round);
    // The winner writes a batch or two before the next race.
    Publisher p(*c, StreamSubjects::of(stream).batch, t);
    for (int i = 0; i < 2; ++i) {
      const Batch b = batch_after(t.epoch, position, chain);
      base::Result<std::uint64_t> seq = p.publish(b);
      ASSERT_TRUE(seq.ok()) << seq.error();
      EXPECT_EQ(seq.value(), t.sequence + 1 + i);
      position = b.last_position() + 1;
      chain = b.last_hash;
    }
  }
}

TEST_F(ElectionTest, AFencedWriterIsRefusedAndNothingOfItIsStored) {
  const std::string stream = fresh_stream();
  auto ca = connect(stream, "a");
  auto cb = connect(stream, "b");
  const std::string subject = StreamSubjects::of(stream).batch;
  base::Result<Term> ta = campaign(*ca, "a", {});
  ASSERT_TRUE(ta.ok()) << ta.error();
  Publisher a(*ca, subject, ta.value());
  const Batch first = batch_after(ta->epoch, 1, {});
  ASSERT_TRUE(a.publish(first).ok());

  // b catches up and takes over.
  base::Result<Term> tb = campaign(*cb, "b", {});
  ASSERT_TRUE(tb.ok()) << tb.error();
  EXPECT_EQ(tb->epoch, ta->epoch + 1);

  const Batch second = batch_after(ta->epoch, first.last_position() + 1, first.last_hash);
  base::Result<std::uint64_t> refused = a.publish(second);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), base::ErrorCode::kFenced);
  EXPECT_EQ(ca->stream_state()->last_sequence, tb->sequence);  // nothing of a's after b's epoch
  // From now on a refuses without sending.
  base::Result<std::uint64_t> again = a.publish(second);
  EXPECT_TRUE(again.is(base::ErrorCode::kFenced));
  EXPECT_EQ(ca->stream_state()->last_sequence, tb->sequence);

  // b writes on from where the log is.
  Publisher b(*cb, subject, tb.value());
  const Batch b_batch = batch_after(tb->epoch, first.last_position() + 1, first.last_hash);
  base::Result<std::uint64_t> seq = b.publish(b_batch);
  ASSERT_TRUE(seq.ok()) << seq.error();
  EXPECT_EQ(seq.value(), tb->sequence + 1);
}

// Forwards to the real stream, but loses the answer of the first `lose`
// publishes after they were sent: the message is in, the writer cannot know.
class LosesAnswers : public PublishChannel {
 public:
  LosesAnswers(PublishChannel& real, int lose) : real_(real), lose_(lose) {}
  const std::string& stream() const override { return real_.stream(); }
  PublishAttempt publish(const Outgoing& out) override {
    ++sends;
    PublishAttempt a = real_.publish(out);
    if (lose_ > 0) {
      --lose_;
      return {
          PublishAttempt::Outcome::kNoAnswer, 0,
          base::Status{base::ErrorCode::kUnavailable, base::MessageId::kClusterJetStreamFailed}};
    }
    return a;
  }
  base::Result<std::optional<StoredMessage>> message_at(std::uint64_t sequence) override {
    return real_.message_at(sequence);
  }
  int sends = 0;

 private:
  PublishChannel& real_;
  int lose_;
};

TEST_F(ElectionTest, APublishRetriedAfterATimeoutIsStoredOnce) {
  const std::string stream = fresh_stream();
  auto c = connect(stream);
  base::Result<Term> t = campaign(*c, "a", {});
  ASSERT_TRUE(t.ok()) << t.error();
  LosesAnswers lossy(*c, 1);
  Publisher p(lossy, StreamSubjects::of(stream).batch, t.value(),
              RetryPolicy{std::chrono::seconds(10), std::chrono::milliseconds(10)});
  const Batch b = batch_after(t->epoch, 1, {});
  base::Result<std::uint64_t> seq = p.publish(b);
  ASSERT_TRUE(seq.ok()) << seq.error();
  EXPECT_EQ(lossy.sends, 2);
  EXPECT_EQ(seq.value(), t->sequence + 1);
  EXPECT_EQ(c->stream_state()->last_sequence, t->sequence + 1);  // once
  base::Result<std::optional<StoredMessage>> m = c->message_at(seq.value());
  ASSERT_TRUE(m.ok() && m.value());
  EXPECT_EQ(m.value()->msg_id, b.message_id());
  EXPECT_EQ(m.value()->kind, MessageKind::kBatch);
  base::Result<Batch> decoded = decode_batch(m.value()->data);
  ASSERT_TRUE(decoded.ok()) << decoded.error();
  EXPECT_EQ(decoded->envelopes, b.envelopes);
  // The next batch follows it.
  const Batch next = batch_after(t->epoch, b.last_position() + 1, b.last_hash);
  base::Result<std::uint64_t> seq2 = p.publish(next);
  ASSERT_TRUE(seq2.ok()) << seq2.error();
  EXPECT_EQ(seq2.value(), seq.value() + 1);
}

}  // namespace
}  // namespace hoyo::cluster
