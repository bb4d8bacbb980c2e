// A disk fault in a three-node cluster (docs/cluster.md, "Disk faults in a
// cluster"): the writer's fsync fails under bookings through every node.
// Its store turns read-only, so it steps down; another node becomes writer
// within a few lease TTLs and the bookings go on through the survivors;
// nothing acknowledged is lost, and the sick node's /api/health says
// degraded until it is restarted.
#include "hoyod_cluster_fixture.h"

namespace hoyo::load::cluster_test {
namespace {

// Three nodes started with --test-faults.
class HoyodClusterTestWithDiskFaults : public HoyodClusterTest {
 protected:
  void SetUp() override {
    test_faults_ = true;
    HoyodClusterTest::SetUp();
  }
};

TEST_F(HoyodClusterTestWithDiskFaults, AWriterWhoseFsyncFailsLetsAnotherWrite) {
  set_the_scene();
  const int w = w_;
  bool taken_over = false;
  const Tally t = book_everyone([&] {
    sick_[w] = true;
    HttpClient http(nodes_[w]->port());
    const Answer a = http.send(
        {"PUT", "/api/test/faults", json::serialize(json::object{{"failSyncs", true}}), {}, {}, 0});
    ASSERT_EQ(a.status, 200) << a.body;
    // The lease is 3 s: another node writes well within 15 s.
    taken_over = eventually(
        [&] {
          const int now = writer();
          return now >= 0 && now != w;
        },
        std::chrono::seconds(15));
  });
  EXPECT_TRUE(taken_over) << "no other node became writer within 15 s";
  expect_sold_exactly(t);
  expect_taken_over(w);
  // The sick node says so, and follows (it forwards what it gets).
  HttpClient sick(nodes_[w]->port());
  const Answer h = sick.send({"GET", "/api/health", {}, {}, {}, 0});
  EXPECT_EQ(h.status, 503) << h.body;
  auto body = parse_json(h.body);
  ASSERT_TRUE(body) << h.body;
  EXPECT_EQ(str(*body, "status"), "degraded");
  EXPECT_EQ(str(*body, "reason"), "io_error");
  EXPECT_EQ(str(*body, "role"), "follower");
  expect_keys_sessions_and_passwords_hold(t, (w + 1) % kNodes);
  expect_keys_sessions_and_passwords_hold(t, (w + 2) % kNodes);
  // Restarted (the fault is gone with the process), it copies what it missed.
  ASSERT_TRUE(nodes_[w]->kill9());
  sick_[w] = false;
  start(w);
  ASSERT_TRUE(eventually([&] { return same_position() > 0; }, std::chrono::seconds(60)))
      << nodes_[w]->stderr_tail();
  EXPECT_EQ(str(*health(w), "role"), "follower");
  expect_one_verified_log(t);
}

}  // namespace
}  // namespace hoyo::load::cluster_test
