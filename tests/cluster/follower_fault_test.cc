// A follower while a nats-server dies: the server its connection is on, or
// the one that holds its ordered consumer. The writer goes on publishing
// through the others; the follower must go on applying every batch, with no
// help from outside (in hoyod nothing restarts a follower that reports no
// error, and a live subscriber of that node is told nothing more).
#include <nats/nats.h>

#include <string>

#include "cluster/election.h"
#include "cluster/follower.h"
#include "cluster/publisher.h"
#include "cluster_env.h"
#include "eventually.h"
#include "temp_dir.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class FollowerFaultTest : public ClusterTest {
 protected:
  // Which server holds what, for the fault.
  enum class Victim { kFollowersServer, kConsumersServer };

  // The server (0..2) whose client URL `c` is connected to; -1 when none.
  static int connected_server(Connection& c) {
    char url[256] = {};
    if (natsConnection_GetConnectedUrl(c.core(), url, sizeof url) != NATS_OK) return -1;
    for (int i = 0; i < testing::NatsCluster::kServers; ++i) {
      if (nats_->url(i) == url) return i;
    }
    return -1;
  }

  // The server leading the stream's only consumer (the follower's ordered
  // consumer); -1 when there is not exactly one.
  static int consumer_server(Connection& c) {
    const std::vector<int> leaders = nats_->consumer_leaders(c.stream());
    return leaders.size() == 1 ? leaders.front() : -1;
  }

  // Publishes `count` one-event batches as the writer.
  void publish(Publisher& p, int count) {
    for (int i = 0; i < count; ++i) {
      testing::EnvelopeRun run = testing::make_envelopes(position_, chain_, 1, 100);
      const Batch b{p.term().epoch, position_, chain_, run.envelopes, run.last_hash};
      base::Result<std::uint64_t> seq = p.publish(b);
      ASSERT_TRUE(seq.ok()) << seq.error() << "\n" << nats_->logs();
      position_ = b.last_position() + 1;
      chain_ = b.last_hash;
    }
  }

  // A follower caught up with a writer; `victim`'s server killed; the writer
  // publishes on; the follower must reach its head within 20 s (a consumer
  // re-created after its server is lost comes within a few heartbeats).
  void follow_through_a_killed_server(Victim victim) {
    const std::string stream = fresh_stream();
    auto w = connect(stream, "writer");
    ASSERT_TRUE(w);
    base::Result<Term> term = campaign(*w, "writer", {});
    ASSERT_TRUE(term.ok()) << term.error();
    Publisher p(*w, StreamSubjects::of(stream).batch, term.value(),
                RetryPolicy{std::chrono::seconds(30), std::chrono::milliseconds(20)});

    auto fc = connect(stream, "follower");
    ASSERT_TRUE(fc);
    testing::TempDir dir;
    auto store = std::move(eventstore::EventStore::open(dir.sub("follower"))).value();
    base::Result<std::unique_ptr<Follower>> f = Follower::start(*fc, *store);
    ASSERT_TRUE(f.ok()) << f.error();
    publish(p, 20);
    ASSERT_TRUE(testing::eventually([&] { return store->head() == position_ - 1; }));

    const int killed =
        victim == Victim::kFollowersServer ? connected_server(*fc) : consumer_server(*fc);
    ASSERT_GE(killed, 0);
    ASSERT_TRUE(nats_->kill9(killed));
    publish(p, 20);
    const bool there = testing::eventually([&] { return store->head() == position_ - 1; },
                                           std::chrono::seconds(20));
    EXPECT_TRUE(there) << "the follower stopped at " << store->head() << " of " << position_ - 1
                       << " (server " << killed << " killed; status "
                       << f.value()->status().to_string() << ", resubscriptions "
                       << f.value()->resubscriptions() << ")";
    EXPECT_TRUE(f.value()->status().ok()) << f.value()->status().to_string();
    nats_->start(killed);
    nats_->wait_ready(std::chrono::seconds(30));
  }

  std::uint64_t position_ = 1;
  eventstore::Hash chain_{};
};

TEST_F(FollowerFaultTest, AFollowerWhoseServerIsKilledGoesOnFollowing) {
  follow_through_a_killed_server(Victim::kFollowersServer);
}

TEST_F(FollowerFaultTest, AFollowerWhoseConsumersServerIsKilledGoesOnFollowing) {
  follow_through_a_killed_server(Victim::kConsumersServer);
}

}  // namespace
}  // namespace hoyo::cluster
