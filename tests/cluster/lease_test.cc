// The lease that tells followers when to campaign, against three real
// nats-servers: empty until a writer renews it, seen alike by every node
// while it is renewed, empty again a TTL after the last renewal.
#include "cluster/lease.h"

#include <thread>

#include "cluster/election.h"
#include "cluster_env.h"
#include "eventually.h"

namespace hoyo::cluster {
namespace {

using testing::ClusterTest;

class LeaseTest : public ClusterTest {};

TEST_F(LeaseTest, HeldWhileRenewedAndEmptyATtlAfterTheLastRenewal) {
  const std::string stream = fresh_stream();
  auto a = connect(stream, "a");
  auto b = connect(stream, "b");
  const LeaseSettings settings{std::chrono::milliseconds(3000), 3};
  auto la = Lease::open(*a, settings);
  ASSERT_TRUE(la.ok()) << la.error();
  auto lb = Lease::open(*b, settings);  // the bucket exists: opened, not refused
  ASSERT_TRUE(lb.ok()) << lb.error();
  ASSERT_TRUE(lb.value()->holder().ok());
  EXPECT_FALSE(lb.value()->holder().value());  // never taken: campaign

  base::Result<Term> term = campaign(*a, "a", {});
  ASSERT_TRUE(term.ok()) << term.error();
  ASSERT_TRUE(la.value()->renew(term.value()).ok());
  // Renewed every 500 ms for one and a half TTLs (a TTL is wide: a loaded machine may pause the
  // renewer): b sees a hold it all along.
  for (int i = 0; i < 9; ++i) {
    base::Result<std::optional<LeaseHolder>> h = lb.value()->holder();
    ASSERT_TRUE(h.ok()) << h.error();
    ASSERT_TRUE(h.value());
    EXPECT_EQ(*h.value(), (LeaseHolder{term->epoch, "a"}));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    ASSERT_TRUE(la.value()->renew(term.value()).ok());
  }
  // a stops renewing (it died): the lease runs out, and b may campaign.
  EXPECT_TRUE(::hoyo::testing::eventually(
      [&] {
        base::Result<std::optional<LeaseHolder>> h = lb.value()->holder();
        return h.ok() && !h.value();
      },
      std::chrono::seconds(15)));
}

// Nodes restarted with their nats-servers may open the lease while the
// servers still form (no meta leader): the open waits for them instead of
// failing the node's start (hoyod exited with kClusterJetStreamFailed, "lease
// bucket", in a full run).
TEST_F(LeaseTest, OpensOnceAClusterThatLostItsQuorumFormsAgain) {
  const std::string stream = fresh_stream();
  auto a = connect(stream, "a");
  ASSERT_TRUE(a);
  ASSERT_TRUE(nats_->kill9(1));
  ASSERT_TRUE(nats_->kill9(2));
  std::thread back([] {
    std::this_thread::sleep_for(std::chrono::seconds(1));
    nats_->start(1);
    nats_->start(2);
  });
  auto lease = Lease::open(*a, LeaseSettings{std::chrono::milliseconds(3000), 3});
  back.join();
  ASSERT_TRUE(lease.ok()) << lease.error();
  // Opened; its bucket answers once the servers have formed (a read may be
  // refused until then: the followers' campaign loop asks again).
  EXPECT_TRUE(::hoyo::testing::eventually([&] { return lease.value()->holder().ok(); },
                                          std::chrono::seconds(30)));
  nats_->wait_ready(std::chrono::seconds(30));
}

}  // namespace
}  // namespace hoyo::cluster
