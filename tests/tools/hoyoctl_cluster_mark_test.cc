// A cluster node's directory used alone (docs/cluster.md, "A node's
// directory used alone"): hoyod without cluster mode refuses to start on it
// (exit 2, naming the node, the stream and the way out) and writes nothing;
// hoyoctl refuses the commands that write; a restore of its backup says whose
// copy it is; `hoyoctl leave-cluster` clears the mark, after which hoyod
// runs it as a single node and hoyoctl writes to it. No NATS: the mark is
// written as a node's start writes it.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <stdexcept>

#include "backup/cluster_mark.h"
#include "eventstore/cluster_member.h"
#include "eventstore/event_store.h"
#include "hoyoctl_fixture.h"

namespace hoyo::tools::testing {
namespace {

class ClusterMarkTest : public HoyoctlTest {
 protected:
  void SetUp() override {
    HoyoctlTest::SetUp();
    auto store = std::move(eventstore::EventStore::open(dir_ + "/events")).value();
    ASSERT_TRUE(store
                    ->side_put(eventstore::SideTable::kSettings, eventstore::kClusterMemberKey,
                               backup::cluster_mark_text({"node-2", "HOYO"}))
                    .ok());
  }
  std::string head() { return run({"head"}).out; }
  // hoyod on the fixture's directory, without cluster mode or demo data.
  ::hoyo::testing::HoyodOptions hoyod_options() const {
    return {.binary = HOYOD_BIN, .data_dir = dir_, .log = tmp_.path() + "/hoyod.log", .args = {}};
  }
};

TEST_F(ClusterMarkTest, HoyodRefusesToRunANodesDirectoryAloneUntilItLeavesTheCluster) {
  const std::string before = head();
  std::string refused;
  try {
    ::hoyo::testing::HoyodProcess hoyod(hoyod_options());
    ADD_FAILURE() << "hoyod started on a node's directory without cluster mode";
  } catch (const std::runtime_error& e) {
    refused = e.what();
  }
  EXPECT_NE(refused.find("hoyod exited 2 before listening"), std::string::npos) << refused;
  EXPECT_NE(refused.find(dir_ + " is the copy of cluster node node-2 (stream HOYO)"),
            std::string::npos)
      << refused;
  EXPECT_NE(refused.find("run hoyoctl leave-cluster " + dir_ + " first"), std::string::npos)
      << refused;
  EXPECT_EQ(head(), before) << "the refused start wrote to the node's log";
  const auto add = run({"operator", "add", "--login", "kato", "--role", "operator"},
                       "a-long-new-password-1\na-long-new-password-1\n");
  EXPECT_EQ(add.status, 2);
  EXPECT_NE(add.err.find("run hoyoctl leave-cluster " + dir_ + " first"), std::string::npos)
      << add.err;

  EXPECT_EQ(bare({"leave-cluster", dir_, "--data-dir", dir_}).status, 2) << "DIR is the argument";
  const auto left = bare({"leave-cluster", dir_});
  EXPECT_EQ(left.status, 0) << left.err;
  EXPECT_EQ(left.out, dir_ +
                          " was the copy of cluster node node-2 (stream HOYO); it is a single "
                          "node's data directory now: hoyod runs it without cluster mode, and it "
                          "never follows that stream again\n");
  const auto again = bare({"leave-cluster", dir_, "--format", "json"});
  EXPECT_EQ(again.status, 0) << again.err;
  EXPECT_EQ(boost::json::parse(again.out),
            boost::json::parse(R"({"directory":")" + dir_ + R"(","left":false})"));
  {
    ::hoyo::testing::HoyodProcess hoyod(hoyod_options());
    EXPECT_TRUE(hoyod.stop());
  }
  const auto added = run({"operator", "add", "--login", "kato", "--role", "operator"},
                         "a-long-new-password-1\na-long-new-password-1\n");
  EXPECT_EQ(added.status, 0) << added.err;
}

TEST_F(ClusterMarkTest, ARestoredNodesBackupSaysWhoseCopyItIsAndHowToUseItAlone) {
  const std::string copy = tmp_.path() + "/copy", restored = tmp_.path() + "/restored";
  ASSERT_EQ(run({"backup", copy}).status, 0);
  const auto r = bare({"restore", copy, restored});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("this is the copy of cluster node node-2 (stream HOYO): hoyod starts it in "
                       "cluster mode only"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("run hoyoctl leave-cluster " + restored + "\n"), std::string::npos) << r.out;
  const auto j = bare({"restore", copy, tmp_.path() + "/again", "--format", "json"});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_EQ(boost::json::parse(j.out).at("clusterNode"),
            boost::json::parse(R"({"node":"node-2","stream":"HOYO"})"));
  EXPECT_NE(j.err.find("hoyoctl leave-cluster"), std::string::npos) << j.err;
  // Left, the restored copy is an ordinary directory.
  ASSERT_EQ(bare({"leave-cluster", restored}).status, 0);
  const auto add =
      bare({"--data-dir", restored, "operator", "add", "--login", "kato", "--role", "operator"},
           "a-long-new-password-1\na-long-new-password-1\n");
  EXPECT_EQ(add.status, 0) << add.err;
}

}  // namespace
}  // namespace hoyo::tools::testing
