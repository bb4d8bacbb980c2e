// The three-server fixture itself: it comes up with JetStream ready, and one
// server can be killed, restarted, paused and resumed.
#include "nats_cluster.h"

#include <gtest/gtest.h>

namespace hoyo::testing {
namespace {

TEST(NatsCluster, ComesUpSurvivesAKilledServerAndRestartsIt) {
  NatsCluster nats;
  EXPECT_NE(nats.urls().find(nats.url(2)), std::string::npos);
  for (int i = 0; i < NatsCluster::kServers; ++i) EXPECT_TRUE(nats.running(i)) << i;

  EXPECT_TRUE(nats.kill9(0));
  EXPECT_FALSE(nats.running(0));
  nats.wait_ready(std::chrono::seconds(30));  // two of three still make a quorum
  nats.start(0);
  EXPECT_TRUE(nats.running(0));
  nats.wait_ready(std::chrono::seconds(30));

  EXPECT_TRUE(nats.pause(1));
  EXPECT_TRUE(nats.running(1));  // stopped, not ended
  EXPECT_TRUE(nats.resume(1));
  nats.wait_ready(std::chrono::seconds(30));
  EXPECT_TRUE(nats.stop(2));
  EXPECT_FALSE(nats.running(2));
}

}  // namespace
}  // namespace hoyo::testing
