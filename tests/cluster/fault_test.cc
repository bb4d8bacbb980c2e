// The writer publishing while a nats-server dies: every batch acknowledged
// to the writer is in the stream afterwards, once, in order.
#include <thread>

#include "cluster/election.h"
#include "cluster/publisher.h"
#include "cluster_env.h"
#include "eventually.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class FaultTest : public ClusterTest {};

// Publishes `count` batches; after `kill_after` of them, kills the server
// leading the stream (kill -9), and restarts it `restart_after` batches later.
TEST_F(FaultTest, EveryAcknowledgedBatchSurvivesAKilledServer) {
  const std::string stream = fresh_stream();
  auto c = connect(stream, "writer");
  base::Result<Term> term = campaign(*c, "writer", {});
  ASSERT_TRUE(term.ok()) << term.error();
  Publisher p(*c, StreamSubjects::of(stream).batch, term.value(),
              RetryPolicy{std::chrono::seconds(30), std::chrono::milliseconds(20)});

  const int count = 120, kill_after = 30, restart_after = 60;
  struct Acked {
    std::uint64_t sequence;
    std::string msg_id;
    std::vector<std::string> envelopes;
  };
  std::vector<Acked> acked;
  eventstore::Hash chain{};
  std::uint64_t position = 1;
  int killed = -1;
  for (int i = 0; i < count; ++i) {
    if (i == kill_after) {
      base::Result<StreamState> state = c->stream_state();
      ASSERT_TRUE(state.ok()) << state.error();
      ASSERT_FALSE(state->leader.empty());
      killed = state->leader.back() - '1';  // servers are named n1, n2, n3
      ASSERT_TRUE(nats_->kill9(killed)) << state->leader;
    }
    if (i == restart_after) nats_->start(killed);
    testing::EnvelopeRun run = testing::make_envelopes(position, chain, 5, 200);
    const Batch b{term->epoch, position, chain, run.envelopes, run.last_hash};
    base::Result<std::uint64_t> seq = p.publish(b);
    ASSERT_TRUE(seq.ok()) << "batch " << i << ": " << seq.error() << "\n" << nats_->logs();
    acked.push_back({seq.value(), b.message_id(), run.envelopes});
    position = b.last_position() + 1;
    chain = b.last_hash;
  }
  nats_->wait_ready(std::chrono::seconds(30));

  // Read back through the restarted server alone.
  base::Result<std::unique_ptr<Connection>> restarted =
      Connection::open({nats_->url(killed), stream, "reader"});
  ASSERT_TRUE(restarted.ok()) << restarted.error();
  auto& r = *restarted.value();
  // Once the restarted server has caught up, it holds every acknowledged batch.
  EXPECT_TRUE(testing::eventually(
      [&] {
        base::Result<StreamState> state = r.stream_state();
        return state.ok() && state->last_sequence == acked.back().sequence;
      },
      std::chrono::seconds(30)))
      << nats_->logs();
  for (std::size_t i = 0; i < acked.size(); ++i) {
    EXPECT_EQ(acked[i].sequence, term->sequence + 1 + i);  // no gaps, nothing twice
    base::Result<std::optional<StoredMessage>> m = r.message_at(acked[i].sequence);
    ASSERT_TRUE(m.ok()) << m.error();
    ASSERT_TRUE(m.value()) << acked[i].sequence;
    EXPECT_EQ(m.value()->msg_id, acked[i].msg_id);
    base::Result<Batch> b = decode_batch(m.value()->data);
    ASSERT_TRUE(b.ok()) << b.error();
    EXPECT_EQ(b->envelopes, acked[i].envelopes);
  }
}

}  // namespace
}  // namespace hoyo::cluster
