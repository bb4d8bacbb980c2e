// Staff in a cluster (docs/cluster.md, "Staff in a cluster"): hoyoctl
// refuses to write to a node's own directory, whose copy must take events
// from the stream only; an administrator manages staff through any node.
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

// An administrator manages staff through any node (docs/cluster.md, "Staff
// in a cluster"): an operator added through one follower logs in at the
// other and works at the writer; disabled through the writer, its session
// is refused on every node and it cannot log in again.
TEST_F(HoyodClusterTest, AnAdministratorManagesStaffThroughAnyNode) {
  set_the_scene();
  const int f1 = (w_ + 1) % kNodes;
  const int f2 = (w_ + 2) % kNodes;
  std::uint64_t at = 0;
  auto send = [&](int node, Request r) {
    Answer a;
    eventually(
        [&] {
          HttpClient http(nodes_[node]->port());
          a = http.send(r);
          return a.status != 503 && a.status != 0;
        },
        std::chrono::seconds(30));
    at = std::max(at, a.position);
    return a;
  };
  auto staff_login = [&](int node, const std::string& login, const std::string& password) {
    return send(node, post("/api/operator/session",
                           json::object{{"login", login}, {"password", password}}));
  };
  const Answer admin = staff_login(f1, "demo-admin", "demo-admin-2026");
  ASSERT_EQ(admin.status, 200) << admin.body;
  const std::string password = "a-long-new-password-1";
  const Answer added =
      send(f1, post("/api/admin/staff",
                    json::object{{"login", "kato"}, {"role", "operator"}, {"password", password}},
                    admin.cookie, "add-kato"));
  ASSERT_EQ(added.status, 201) << added.body;
  const Answer kato = staff_login(f2, "kato", password);
  ASSERT_EQ(kato.status, 200) << kato.body;
  auto facilities = [&](int node) {
    return send(node, {"GET", "/api/operator/facilities", {}, kato.cookie, {}, at}).status;
  };
  EXPECT_EQ(facilities(w_), 200);
  EXPECT_EQ(facilities(f1), 200);

  const Answer disabled =
      send(w_, {"POST", "/api/admin/staff/kato/disable", {}, admin.cookie, {}, 0});
  ASSERT_EQ(disabled.status, 204) << disabled.body;
  for (int i = 0; i < kNodes; ++i) {
    // The sessions' table reaches the followers through the side stream.
    EXPECT_TRUE(eventually([&] { return facilities(i) == 401; }, std::chrono::seconds(10)))
        << name(i) << " still takes the disabled operator's session";
  }
  EXPECT_EQ(staff_login(f1, "kato", password).status, 401);
}

}  // namespace
}  // namespace hoyo::load::cluster_test
