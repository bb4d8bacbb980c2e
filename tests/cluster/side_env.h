// What the side-table suites share: a fresh side stream, stores, a writer's
// term on it, and followers.
#pragma once

#include <memory>
#include <string>

#include "cluster/side_follower.h"
#include "cluster/side_replicator.h"
#include "cluster/side_stream.h"
#include "cluster_env.h"
#include "eventstore/event_store.h"
#include "temp_dir.h"

namespace hoyo::testing {

class SideTest : public ClusterTest {
 protected:
  // A connection bound to a fresh side stream, made as production makes it.
  static std::unique_ptr<cluster::Connection> fresh_side_stream(const std::string& name) {
    static std::atomic<int> n{0};
    cluster::StreamSettings log;
    log.name = "L" + std::to_string(++n);
    auto c = connect(cluster::side_stream_name(log.name), name);
    const base::Status made = cluster::ensure_stream(*c, cluster::side_stream_settings(log));
    EXPECT_TRUE(made.ok()) << made.to_string();
    return c;
  }

  static std::unique_ptr<eventstore::EventStore> open_store(const TempDir& dir) {
    return std::move(eventstore::EventStore::open(dir.path())).value();
  }

  // A writer's store: term `epoch` begun on `side` and its replicator set.
  static std::shared_ptr<cluster::SideStreamReplicator> make_writer(
      cluster::Connection& side, eventstore::EventStore& store, std::uint64_t epoch,
      cluster::RetryPolicy retry = {}) {
    base::Result<std::shared_ptr<cluster::SideStreamReplicator>> r =
        cluster::SideStreamReplicator::begin(side, store,
                                             {epoch, "node" + std::to_string(epoch), 0}, retry);
    EXPECT_TRUE(r.ok()) << r.error();
    if (!r.ok()) return nullptr;
    store.set_side_replicator(r.value());
    return r.value();
  }

  static std::unique_ptr<cluster::SideFollower> follow(cluster::Connection& side,
                                                       eventstore::EventStore& store) {
    base::Result<std::unique_ptr<cluster::SideFollower>> f =
        cluster::SideFollower::start(side, store);
    EXPECT_TRUE(f.ok()) << f.error();
    return f.ok() ? std::move(f.value()) : nullptr;
  }

  // Three nodes on one fresh side stream, each with its own connection and
  // store: `a` writes (term 1 begun on side_a, its replicator set on the
  // store); b and c neither write nor follow until the test says so.
  // Destroyed writer first, then the stores, their directories, the
  // connections.
  struct ThreeNodes {
    ThreeNodes()
        : side_a(fresh_side_stream("a")),
          side_b(connect(side_a->stream(), "b")),
          side_c(connect(side_a->stream(), "c")),
          a(open_store(da)),
          b(open_store(db)),
          c(open_store(dc)),
          writer(make_writer(*side_a, *a, 1)) {}

    std::unique_ptr<cluster::Connection> side_a, side_b, side_c;
    TempDir da, db, dc;
    std::unique_ptr<eventstore::EventStore> a, b, c;
    std::shared_ptr<cluster::SideStreamReplicator> writer;  // null when the term did not begin
  };

  static std::optional<std::string> get(const eventstore::EventStore& store,
                                        eventstore::SideTable t, std::string_view key) {
    base::Result<std::optional<std::string>> v = store.side_get(t, key);
    EXPECT_TRUE(v.ok());
    return v.ok() ? v.value() : std::nullopt;
  }
};

}  // namespace hoyo::testing
