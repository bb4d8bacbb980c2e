// One three-server NATS cluster shared by a test binary's suites (starting it
// takes seconds); each test works on a stream of its own.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "cluster/connection.h"
#include "cluster/election.h"
#include "cluster/publisher.h"
#include "cluster/stream.h"
#include "cluster/stream_replicator.h"
#include "eventstore/event_store.h"
#include "nats_cluster.h"

namespace hoyo::testing {

class ClusterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!nats_) nats_ = std::make_unique<NatsCluster>();
  }
  static void TearDownTestSuite() { nats_.reset(); }

  // A connection bound to `stream` (on every server's URL).
  static std::unique_ptr<cluster::Connection> connect(const std::string& stream,
                                                      const std::string& name = "test") {
    base::Result<std::unique_ptr<cluster::Connection>> c =
        cluster::Connection::open({nats_->urls(), stream, name});
    if (!c.ok()) ADD_FAILURE() << c.error();
    return c.ok() ? std::move(c.value()) : nullptr;
  }

  // A fresh stream name, made with the production settings and its genesis.
  static std::string fresh_stream() {
    static std::atomic<int> n{0};
    const std::string name = "T" + std::to_string(++n);
    auto c = connect(name);
    cluster::StreamSettings s;
    s.name = name;
    const base::Status made = cluster::ensure_stream(*c, s);
    EXPECT_TRUE(made.ok()) << made.to_string();
    return name;
  }

  // The writer of `stream`: node "writer" elected (a term), and its store,
  // opened at `dir`, publishing each group-commit batch to the stream before
  // writing it (StreamReplicator). The connection outlives the store. A null
  // store after a failure, which is reported.
  struct Writer {
    std::unique_ptr<cluster::Connection> connection;
    std::unique_ptr<eventstore::EventStore> store;
  };
  static Writer elect_writer(const std::string& stream, const std::string& dir) {
    Writer w;
    w.connection = connect(stream, "writer");
    if (!w.connection) return w;
    base::Result<cluster::Term> term = cluster::campaign(*w.connection, "writer", {});
    if (!term.ok()) {
      ADD_FAILURE() << term.error();
      return w;
    }
    auto publisher = std::make_shared<cluster::Publisher>(
        *w.connection, cluster::StreamSubjects::of(stream).batch, term.value());
    auto store = eventstore::EventStore::open(dir);
    if (!store.ok()) {
      ADD_FAILURE() << store.error();
      return w;
    }
    w.store = std::move(store).value();
    const base::Status set =
        w.store->set_replicator(std::make_shared<cluster::StreamReplicator>(publisher));
    if (!set.ok()) {
      ADD_FAILURE() << set.to_string();
      w.store.reset();
    }
    return w;
  }

  static inline std::unique_ptr<NatsCluster> nats_;
};

}  // namespace hoyo::testing
