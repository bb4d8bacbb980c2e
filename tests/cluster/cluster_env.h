// One three-server NATS cluster shared by a test binary's suites (starting it
// takes seconds); each test works on a stream of its own.
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "cluster/connection.h"
#include "cluster/stream.h"
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

  static inline std::unique_ptr<NatsCluster> nats_;
};

}  // namespace hoyo::testing
