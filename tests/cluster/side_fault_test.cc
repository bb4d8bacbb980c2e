// The side stream under faults, on three real nats-servers: side writes
// acknowledged while one server was killed (kill -9) are all held by a new
// writer after the old one is gone; a write the stream cannot take (no
// quorum) is answered with the error and applied nowhere; a side follower
// goes on through another server when its consumer's is killed.
#include "eventually.h"
#include "side_env.h"

namespace hoyo::cluster {
namespace {

using eventstore::SideTable;
using testing::TempDir;

class SideFaultTest : public testing::SideTest {
 protected:
  // SideStreamReplicator::begin, tried again for up to 30 s.
  static std::shared_ptr<SideStreamReplicator> begin_eventually(Connection& side,
                                                                eventstore::EventStore& store,
                                                                std::uint64_t epoch) {
    std::shared_ptr<SideStreamReplicator> r;
    base::Status last;
    const bool began = testing::eventually(
        [&] {
          base::Result<std::shared_ptr<SideStreamReplicator>> b =
              SideStreamReplicator::begin(side, store, {epoch, "node", 0});
          if (b.ok()) r = b.value();
          last = b.status();
          return b.ok();
        },
        std::chrono::seconds(30));
    EXPECT_TRUE(began) << last.to_string();
    return r;
  }
};

TEST_F(SideFaultTest, WritesAcknowledgedWithAServerKilledSurviveTheWriter) {
  auto side_a = fresh_side_stream("a");
  const std::string stream = side_a->stream();
  TempDir da, db;
  auto a = open_store(da);
  auto writer = make_writer(*side_a, *a, 1);
  ASSERT_TRUE(writer);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(a->side_put(SideTable::kSessions, "id:" + std::to_string(i), "s").ok());
  }
  ASSERT_TRUE(nats_->kill9(0));
  for (int i = 10; i < 20; ++i) {
    const base::Status s = a->side_put(SideTable::kSessions, "id:" + std::to_string(i), "s");
    ASSERT_TRUE(s.ok()) << i << ": " << s.to_string();
  }
  // The writer is gone; another node takes over, from an empty store.
  writer.reset();
  a.reset();
  side_a.reset();
  // (Its begin is tried again while the servers elect a new meta leader, as
  // a node campaigning again would.)
  auto side_b = connect(stream, "b");
  auto b = open_store(db);
  const std::shared_ptr<SideStreamReplicator> next = begin_eventually(*side_b, *b, 2);
  ASSERT_TRUE(next);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(get(*b, SideTable::kSessions, "id:" + std::to_string(i)), "s") << i;
  }
  nats_->start(0);
  nats_->wait_ready(std::chrono::seconds(30));
}

TEST_F(SideFaultTest, AWriteTheStreamCannotTakeIsAppliedNowhere) {
  auto side_a = fresh_side_stream("a");
  const std::string stream = side_a->stream();
  TempDir da, db;
  auto a = open_store(da);
  RetryPolicy quick;
  quick.give_up_after = std::chrono::milliseconds(1500);
  auto writer = make_writer(*side_a, *a, 1, quick);
  ASSERT_TRUE(writer);
  ASSERT_TRUE(a->side_put(SideTable::kCredentials, "user:1", "before").ok());
  // Two of three servers gone: no quorum.
  ASSERT_TRUE(nats_->kill9(1));
  ASSERT_TRUE(nats_->kill9(2));
  const base::Status s = a->side_put(SideTable::kCredentials, "user:1", "during");
  EXPECT_TRUE(s.is(base::ErrorCode::kUnavailable)) << s.to_string();
  EXPECT_EQ(s.error().message, base::MessageId::kClusterPublishGaveUp);
  EXPECT_EQ(get(*a, SideTable::kCredentials, "user:1"), "before");
  nats_->start(1);
  nats_->start(2);
  nats_->wait_ready(std::chrono::seconds(30));
  // Unsure whether it got in, the replicator writes no more: the node must
  // follow again (and a new writer catches up with whatever got in).
  EXPECT_TRUE(
      a->side_put(SideTable::kCredentials, "user:1", "after").is(base::ErrorCode::kUnavailable));
  EXPECT_EQ(get(*a, SideTable::kCredentials, "user:1"), "before");
  // The stream's group elects a leader again a moment after the quorum is back.
  auto side_b = connect(stream, "b");
  auto b = open_store(db);
  const std::shared_ptr<SideStreamReplicator> next = begin_eventually(*side_b, *b, 2);
  ASSERT_TRUE(next);
  const std::optional<std::string> held = get(*b, SideTable::kCredentials, "user:1");
  EXPECT_TRUE(held == "before" || held == "during") << held.value_or("(none)");
}

// The server holding a side follower's ordered consumer is killed: the
// writes that come after reach the follower through the others (before,
// nothing more came until the server was back, and nothing said so).
TEST_F(SideFaultTest, ASideFollowerWhoseConsumersServerIsKilledGoesOnFollowing) {
  auto side_a = fresh_side_stream("a");
  const std::string stream = side_a->stream();
  TempDir da, db;
  auto a = open_store(da);
  RetryPolicy patient{std::chrono::seconds(30), std::chrono::milliseconds(20)};
  auto writer = make_writer(*side_a, *a, 1, patient);
  ASSERT_TRUE(writer);
  auto side_b = connect(stream, "b");
  auto b = open_store(db);
  std::unique_ptr<SideFollower> follower = follow(*side_b, *b);
  ASSERT_TRUE(follower);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(a->side_put(SideTable::kSessions, "id:" + std::to_string(i), "s").ok());
  }
  ASSERT_TRUE(testing::eventually([&] { return get(*b, SideTable::kSessions, "id:9") == "s"; }));
  const std::vector<int> leaders = nats_->consumer_leaders(stream);
  ASSERT_EQ(leaders.size(), 1u);  // the follower's
  ASSERT_TRUE(nats_->kill9(leaders.front()));
  for (int i = 10; i < 20; ++i) {
    const base::Status s = a->side_put(SideTable::kSessions, "id:" + std::to_string(i), "s");
    ASSERT_TRUE(s.ok()) << i << ": " << s.to_string();
  }
  EXPECT_TRUE(testing::eventually([&] { return get(*b, SideTable::kSessions, "id:19") == "s"; },
                                  std::chrono::seconds(20)))
      << "server " << leaders.front() << " killed; the follower at sequence "
      << follower->sequence() << ", " << follower->resubscriptions() << " resubscriptions, "
      << follower->status().to_string();
  EXPECT_TRUE(follower->status().ok()) << follower->status().to_string();
  nats_->start(leaders.front());
  nats_->wait_ready(std::chrono::seconds(30));
}

}  // namespace
}  // namespace hoyo::cluster
