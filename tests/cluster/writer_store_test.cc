// The writer's store in cluster mode against three real nats-servers: each
// group-commit batch goes to the stream (StreamReplicator) before the store
// writes it, so a follower's copy equals the writer's store; a fenced writer
// writes nothing more, locally or to the stream.
#include <atomic>
#include <thread>

#include "cluster/election.h"
#include "cluster/follower.h"
#include "cluster_env.h"
#include "eventually.h"
#include "temp_dir.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class WriterStoreTest : public ClusterTest {};

using testing::one_event;

TEST_F(WriterStoreTest, AFollowerCopiesTheWritersStoreAndAFencedWriterWritesNothingMore) {
  const std::string stream = fresh_stream();
  ::hoyo::testing::TempDir dir;
  Writer elected = elect_writer(stream, dir.sub("writer"));
  ASSERT_TRUE(elected.store);
  eventstore::EventStore* writer = elected.store.get();

  // Appends from several threads at once: group commit gathers them.
  std::vector<std::thread> threads;
  std::atomic<int> failed{0};
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 40; ++i) {
        if (!writer->append(one_event("s-" + std::to_string(t), t * 1000 + i)).ok()) ++failed;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failed.load(), 0);
  ASSERT_EQ(writer->head(), 240u);

  auto fc = connect(stream, "follower");
  auto copy = std::move(eventstore::EventStore::open(dir.sub("follower"))).value();
  base::Result<std::unique_ptr<Follower>> f = Follower::start(*fc, *copy);
  ASSERT_TRUE(f.ok()) << f.error();
  ASSERT_TRUE(::hoyo::testing::eventually([&] { return copy->head() == writer->head(); }));
  EXPECT_EQ(copy->head_hash(), writer->head_hash());
  EXPECT_TRUE(copy->verify().ok);

  // Another node takes over: the old writer's next append is refused, and
  // nothing of it reaches its store or the stream.
  auto oc = connect(stream, "other");
  base::Result<Term> other = campaign(*oc, "other", {});
  ASSERT_TRUE(other.ok()) << other.error();
  const base::Result<eventstore::AppendResult> refused = writer->append(one_event("late", 9999));
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.code(), base::ErrorCode::kFenced);
  EXPECT_EQ(writer->head(), 240u);
  EXPECT_EQ(oc->stream_state()->last_sequence, other->sequence);
  EXPECT_EQ(writer->append(one_event("later", 9998)).code(), base::ErrorCode::kFenced);
}

}  // namespace
}  // namespace hoyo::cluster
