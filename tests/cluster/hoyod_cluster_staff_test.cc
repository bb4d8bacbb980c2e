// Staff in a cluster (docs/cluster.md, "Staff in a cluster"): hoyoctl
// refuses to write to a node's own directory, whose copy must take events
// from the stream only.
#include <gtest/gtest.h>

#include "hoyod_cluster_fixture.h"

namespace hoyo::load::cluster_test {
namespace {

// A stopped follower's directory is marked as a node's: `operator add` and
// `disable` there exit 2 naming the node, and write nothing
// (the node starts again and follows); `operator list` still reads it.
TEST_F(HoyodClusterTest, HoyoctlRefusesToWriteToANodesDirectory) {
  ASSERT_TRUE(eventually([&] { return (w_ = writer()) >= 0; }, std::chrono::seconds(30)));
  ASSERT_TRUE(eventually([&] { return same_position() > 0; }, std::chrono::seconds(60)));
  const int f = (w_ + 1) % kNodes;
  ASSERT_TRUE(nodes_[f]->stop());
  const std::string dir = dir_.sub(name(f));
  const std::string key = dir + ".key";  // hoyoctl finds the key file beside the directory
  if (!std::filesystem::exists(key)) std::filesystem::copy_file(dir_.sub("cluster.key"), key);
  const std::string hoyoctl = binary("HOYOCTL_BIN", HOYOCTL_BIN);
  auto head = [&] {
    std::string out;
    EXPECT_EQ(testing::run_program({hoyoctl, "--data-dir", dir, "head"}, &out), 0) << out;
    return out;
  };
  const std::string before = head();
  for (const std::vector<std::string>& verb :
       {std::vector<std::string>{"add", "--login", "kato", "--role", "operator"},
        std::vector<std::string>{"disable", "--login", "demo-operator"},
        std::vector<std::string>{"reset-totp", "--login", "demo-operator"}}) {
    std::vector<std::string> args = {hoyoctl, "--data-dir", dir, "operator"};
    args.insert(args.end(), verb.begin(), verb.end());
    const testing::ProgramRun r =
        testing::run_program_with_input(args, "a-long-new-password-1\na-long-new-password-1\n");
    EXPECT_EQ(r.status, 2) << verb[0] << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("cluster node " + name(f)), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("through a running node"), std::string::npos) << r.err;
  }
  EXPECT_EQ(head(), before) << "a refused command wrote to the node's log";
  std::string listed;
  EXPECT_EQ(testing::run_program({hoyoctl, "--data-dir", dir, "operator", "list"}, &listed), 0);
  EXPECT_NE(listed.find("demo-operator\toperator\tactive"), std::string::npos) << listed;
  // The node follows again.
  start(f);
  ASSERT_TRUE(eventually([&] { return same_position() > 0; }, std::chrono::seconds(60)));
}

}  // namespace
}  // namespace hoyo::load::cluster_test
