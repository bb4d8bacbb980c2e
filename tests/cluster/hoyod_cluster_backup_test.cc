// Backups on a cluster (docs/cluster.md, "Backups"): each node's store is a
// verified copy of the log, so a backup is made, followed and fetched on the
// node that was asked, a follower as well as the writer, never forwarded.
// `hoyoctl backup DEST --server URL` against a follower, while it follows,
// then `hoyoctl restore`, which checks the chain of the copy.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "hoyod_cluster_fixture.h"

namespace hoyo::load::cluster_test {
namespace {

TEST_F(HoyodClusterTest, AFollowerBacksUpItsOwnCopyAndTheCopyRestores) {
  set_the_scene();
  const int follower = (w_ + 1) % kNodes;
  const Answer booked = book_acknowledged(follower, users_[0], "backup-0");
  ASSERT_EQ(booked.status, 201) << booked.body;
  ASSERT_GT(booked.position, 0u);
  // The follower has applied the booking before it is asked for a copy.
  ASSERT_TRUE(
      eventually([&] { return same_position() >= booked.position; }, std::chrono::seconds(30)));

  const std::string hoyoctl = binary("HOYOCTL_BIN", HOYOCTL_BIN);
  const std::string copy = dir_.sub("follower-copy");
  std::string out;
  const int rc = testing::run_program(
      {hoyoctl, "backup", copy, "--server",
       "http://127.0.0.1:" + std::to_string(nodes_[follower]->port()), "--staff", op_login_},
      &out, op_password_ + "\n");
  ASSERT_EQ(rc, 0) << out << "\n" << nodes_[follower]->stderr_tail();
  std::ifstream in(copy + "/hoyo-backup.json");
  std::stringstream manifest_text;
  manifest_text << in.rdbuf();
  auto manifest = parse_json(manifest_text.str());
  ASSERT_TRUE(manifest) << manifest_text.str();
  EXPECT_GE(static_cast<std::uint64_t>(num(*manifest, "position")), booked.position)
      << manifest_text.str();
  // Made on the follower, in its own backup directory: the writer has none.
  const std::string backup_name = str(*manifest, "name");
  EXPECT_TRUE(std::filesystem::exists(dir_.sub(name(follower)) + ".backups/" + backup_name))
      << backup_name;
  EXPECT_FALSE(std::filesystem::exists(dir_.sub(name(w_)) + ".backups/" + backup_name))
      << backup_name;

  // Restored beside its key file (the cluster's), with the chain checked.
  const std::string restored = dir_.sub("restored");
  std::filesystem::copy_file(dir_.sub("cluster.key"), restored + ".key");
  ASSERT_EQ(testing::run_program({hoyoctl, "restore", copy, restored}, &out), 0) << out;
  EXPECT_NE(out.find("the chain verifies to position " +
                     std::to_string(static_cast<std::uint64_t>(num(*manifest, "position")))),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace hoyo::load::cluster_test
