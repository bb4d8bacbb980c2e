// Followers against three real nats-servers: a writer publishes batches;
// followers that start empty, half-way or after the end all reach the same
// head and chain hash, and their stores verify. A store that holds what the
// stream does not is refused.
#include "cluster/follower.h"

#include <atomic>
#include <thread>

#include "cluster/election.h"
#include "cluster/publisher.h"
#include "cluster_env.h"
#include "eventually.h"
#include "temp_dir.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class FollowerTest : public ClusterTest {
 protected:
  // Publishes `count` batches of `per_batch` events as the writer of a fresh
  // stream, with a second election half-way (so epoch messages lie between
  // batches). Returns the stream's name.
  std::string written_stream(int count, std::size_t per_batch) {
    const std::string stream = fresh_stream();
    auto c = connect(stream, "writer");
    std::uint64_t position = 1;
    for (int term_number = 0; term_number < 2; ++term_number) {
      base::Result<Term> t = campaign(*c, "writer", {});
      EXPECT_TRUE(t.ok()) << t.error();
      if (!t.ok()) return stream;
      Publisher p(*c, StreamSubjects::of(stream).batch, t.value());
      for (int i = 0; i < count / 2; ++i) {
        testing::EnvelopeRun run = testing::make_envelopes(position, chain_, per_batch, 100);
        const Batch b{t->epoch, position, chain_, run.envelopes, run.last_hash};
        base::Result<std::uint64_t> seq = p.publish(b);
        EXPECT_TRUE(seq.ok()) << seq.error();
        position = b.last_position() + 1;
        chain_ = b.last_hash;
      }
    }
    last_position_ = position - 1;
    return stream;
  }

  // A follower of `store` started and caught up with the stream's last
  // position; null (after a failure) if it did not start or catch up.
  std::unique_ptr<Follower> caught_up(Connection& c, eventstore::EventStore& store) {
    base::Result<std::unique_ptr<Follower>> f = Follower::start(c, store);
    EXPECT_TRUE(f.ok()) << f.error();
    if (!f.ok()) return nullptr;
    const bool there = testing::eventually([&] { return store.head() == last_position_; });
    EXPECT_TRUE(there);
    return there ? std::move(f.value()) : nullptr;
  }

  static std::unique_ptr<eventstore::EventStore> open_store(const std::string& dir) {
    base::Result<std::unique_ptr<eventstore::EventStore>> s = eventstore::EventStore::open(dir);
    EXPECT_TRUE(s.ok()) << s.error();
    return s.ok() ? std::move(s.value()) : nullptr;
  }

  // Follows until the store's head is `position`.
  void follow_to(Connection& c, eventstore::EventStore& store, std::uint64_t position) {
    base::Result<std::unique_ptr<Follower>> f = Follower::start(c, store);
    ASSERT_TRUE(f.ok()) << f.error();
    EXPECT_TRUE(
        testing::eventually([&] { return store.head() >= position || !f.value()->status().ok(); },
                            std::chrono::seconds(20)));
    EXPECT_TRUE(f.value()->status().ok()) << f.value()->status().to_string();
    EXPECT_EQ(store.head(), position);
  }

  eventstore::Hash chain_{};
  std::uint64_t last_position_ = 0;
};

TEST_F(FollowerTest, FromEmptyAndFromHalfWayFollowersEndAlike) {
  const std::string stream = written_stream(40, 7);
  ASSERT_EQ(last_position_, 280u);
  auto c = connect(stream, "follower");
  testing::TempDir dir;

  auto empty = open_store(dir.sub("empty"));
  follow_to(*c, *empty, last_position_);

  // Half of the stream applied step by step, then the store reopened: its
  // follower finds where to start by itself.
  auto half = open_store(dir.sub("half"));
  ASSERT_TRUE(half->set_role(eventstore::StoreRole::kReplica).ok());
  for (std::uint64_t seq = 1; half->head() < last_position_ / 2; ++seq) {
    base::Result<std::optional<StoredMessage>> m = c->message_at(seq);
    ASSERT_TRUE(m.ok() && m.value()) << seq;
    const base::Status applied = apply_message(*m.value(), *half);
    ASSERT_TRUE(applied.ok()) << applied.to_string();
  }
  const std::uint64_t stopped_at = half->head();
  EXPECT_GT(stopped_at, 0u);
  EXPECT_LT(stopped_at, last_position_);
  half.reset();
  half = open_store(dir.sub("half"));
  EXPECT_EQ(half->head(), stopped_at);
  follow_to(*c, *half, last_position_);

  // Once at the end, starting again finds nothing to do and stays well.
  follow_to(*c, *empty, last_position_);

  EXPECT_EQ(empty->head_hash(), chain_);
  EXPECT_EQ(half->head_hash(), chain_);
  for (auto* s : {empty.get(), half.get()}) {
    const eventstore::VerifyReport r = s->verify();
    EXPECT_TRUE(r.ok) << r.reason << " at " << r.first_bad_position;
    EXPECT_EQ(r.checked, last_position_);
  }
  // The stored events are the writer's, byte for byte.
  base::Result<eventstore::StoredEvent> e = empty->read_at(123);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(eventstore::encode_envelope(e->view()),
            testing::make_envelopes(1, {}, 123, 100).envelopes.back());
}

// A follower slower than the stream (its store held back while 2,000
// one-event batches arrive, with room for 16 waiting messages) has messages
// dropped by the client: it subscribes again from its store's head and
// reaches the writer's head, where it would otherwise stop at the gap.
TEST_F(FollowerTest, AFollowerThatLostMessagesSubscribesAgainAndCatchesUp) {
  const std::string stream = written_stream(2, 1);
  auto c = connect(stream, "follower");
  testing::TempDir dir;
  auto store = open_store(dir.sub("slow"));
  std::atomic<bool> hold{true};
  FollowerOptions options;
  options.pending_messages = 16;
  options.throttle = [&] {
    while (hold.load()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  };
  base::Result<std::unique_ptr<Follower>> f = Follower::start(*c, *store, options);
  ASSERT_TRUE(f.ok()) << f.error();

  auto w = connect(stream, "writer");
  base::Result<Term> t = campaign(*w, "writer", {});
  ASSERT_TRUE(t.ok()) << t.error();
  Publisher p(*w, StreamSubjects::of(stream).batch, t.value());
  std::uint64_t position = last_position_ + 1;
  for (int i = 0; i < 2000; ++i) {
    testing::EnvelopeRun run = testing::make_envelopes(position, chain_, 1, 100);
    const Batch b{t->epoch, position, chain_, run.envelopes, run.last_hash};
    ASSERT_TRUE(p.publish(b).ok());
    position = b.last_position() + 1;
    chain_ = b.last_hash;
  }
  last_position_ = position - 1;
  hold = false;

  ASSERT_TRUE(testing::eventually(
      [&] { return store->head() == last_position_ || !f.value()->status().ok(); },
      std::chrono::seconds(60)));
  EXPECT_TRUE(f.value()->status().ok()) << f.value()->status().to_string();
  EXPECT_EQ(store->head(), last_position_);
  EXPECT_EQ(store->head_hash(), chain_);
  EXPECT_GE(f.value()->resubscriptions(), 1u);  // messages were dropped indeed
  EXPECT_TRUE(store->verify().ok);
}

// A gap in the stream itself (a batch that skips a position, published
// past the writer's checks) comes again after the follower subscribed anew:
// then it stops at it.
TEST_F(FollowerTest, AGapInTheStreamItselfStopsTheFollower) {
  const std::string stream = written_stream(2, 1);
  auto c = connect(stream, "follower");
  testing::TempDir dir;
  auto store = open_store(dir.sub("s"));
  std::unique_ptr<Follower> f = caught_up(*c, *store);
  ASSERT_TRUE(f);
  testing::EnvelopeRun run = testing::make_envelopes(last_position_ + 2, chain_, 1);
  const Batch skips{9, last_position_ + 2, chain_, run.envelopes, run.last_hash};
  const std::string bytes = encode_batch(skips);
  const Outgoing out{StreamSubjects::of(stream).batch, MessageKind::kBatch, skips.message_id(),
                     c->stream_state()->last_sequence, bytes};
  ASSERT_TRUE(publish_settled(*c, out, {}).ok());

  ASSERT_TRUE(testing::eventually([&] { return !f->status().ok(); }));
  EXPECT_EQ(f->status().error().message, base::MessageId::kClusterFollowerGap);
  EXPECT_EQ(f->resubscriptions(), 1u);
  EXPECT_EQ(store->head(), last_position_);
}

TEST_F(FollowerTest, AStoreThatDiffersFromTheStreamStopsItsFollower) {
  const std::string stream = written_stream(4, 3);
  auto c = connect(stream, "follower");
  testing::TempDir dir;
  auto store = open_store(dir.sub("other"));
  // A local event the stream does not have.
  eventstore::AppendRequest local{"local", eventstore::ExpectedVersion::any(), {}};
  local.events.push_back(eventstore::NewEvent{{9}, "LocalHappened", "x", "system"});
  ASSERT_TRUE(store->append(local).ok());

  base::Result<std::unique_ptr<Follower>> f = Follower::start(*c, *store);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.code(), base::ErrorCode::kCorruption);
  EXPECT_EQ(f.error().message, base::MessageId::kClusterFollowerDiverged);
}

TEST_F(FollowerTest, StopsLoudlyWhenABatchNoLongerFollowsItsStore) {
  const std::string stream = written_stream(4, 3);
  auto c = connect(stream, "follower");
  testing::TempDir dir;
  auto store = open_store(dir.sub("s"));
  std::unique_ptr<Follower> f = caught_up(*c, *store);
  ASSERT_TRUE(f);
  // The follower's store refuses a write of its own...
  eventstore::AppendRequest local{"local", eventstore::ExpectedVersion::any(), {}};
  local.events.push_back(eventstore::NewEvent{{9}, "LocalHappened", "x", "system"});
  EXPECT_EQ(store->append(local).error().message, base::MessageId::kStoreNotWriter);
  // ...but someone switches it and writes behind the follower's back...
  ASSERT_TRUE(store->set_role(eventstore::StoreRole::kWriter).ok());
  ASSERT_TRUE(store->append(local).ok());
  ASSERT_TRUE(store->set_role(eventstore::StoreRole::kReplica).ok());
  // ...and the writer publishes the next batch.
  base::Result<Term> t = campaign(*c, "writer", {});
  ASSERT_TRUE(t.ok()) << t.error();
  Publisher p(*c, StreamSubjects::of(stream).batch, t.value());
  testing::EnvelopeRun run = testing::make_envelopes(last_position_ + 1, chain_, 2);
  ASSERT_TRUE(p.publish({t->epoch, last_position_ + 1, chain_, run.envelopes, run.last_hash}).ok());

  ASSERT_TRUE(testing::eventually([&] { return !f->status().ok(); }));
  const base::Status why = f->status();
  EXPECT_EQ(why.code(), base::ErrorCode::kCorruption);
  // The gap made it look again from its head, where no batch of the stream
  // ends: the store diverged.
  EXPECT_EQ(why.error().message, base::MessageId::kClusterFollowerDiverged);
  EXPECT_EQ(store->head(), last_position_ + 1);  // nothing of the batch was written
}

}  // namespace
}  // namespace hoyo::cluster
