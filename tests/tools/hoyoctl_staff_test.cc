// Staff accounts on a running hoyod: hoyoctl operator add|list|disable|
// reset-totp --server through the admin routes (an administrator's login;
// the same output and exit codes as on the stopped directory).
#include <gtest/gtest.h>

#include "hoyoctl_run.h"
#include "hoyod_process.h"
#include "temp_dir.h"

namespace hoyo::tools::testing {
namespace {

using ::hoyo::testing::ProgramRun;

constexpr const char* kNew = "a-long-new-password-1\n";

TEST(HoyoctlStaff, OperatorVerbsThroughTheServerAsTheDataDirectoryDoes) {
  ::hoyo::testing::TempDir tmp;
  const std::string data = tmp.path() + "/data";
  std::string served_list;
  {
    ::hoyo::testing::HoyodProcess hoyod(::hoyo::testing::HoyodOptions{
        .binary = HOYOD_BIN, .data_dir = data, .log = tmp.path() + "/hoyod.log"});
    const std::string url = "http://127.0.0.1:" + std::to_string(hoyod.port());
    auto as_admin = [&](std::vector<std::string> verb, const std::string& more = "") {
      std::vector<std::string> args = {"--server", url, "--staff", "demo-admin", "operator"};
      args.insert(args.end(), verb.begin(), verb.end());
      return hoyoctl(args, "demo-admin-2026\n" + more);
    };
    // stdin: the admin's password, then the new account's twice.
    ProgramRun added =
        as_admin({"add", "--login", "kato", "--role", "operator"}, std::string(kNew) + kNew);
    EXPECT_EQ(added.status, 0) << added.err;
    EXPECT_EQ(added.out, "added operator kato\n");
    ProgramRun json = as_admin({"add", "--login", "sato", "--role", "auditor", "--format", "json"},
                               std::string(kNew) + kNew);
    EXPECT_EQ(json.status, 0) << json.err;
    EXPECT_EQ(json.out, "{\"added\":\"sato\",\"role\":\"auditor\"}\n");
    // The new operator logs in through the server.
    ProgramRun kato = hoyoctl({"--server", url, "--staff", "kato", "export", "reservations"}, kNew);
    EXPECT_EQ(kato.status, 0) << kato.err;

    ProgramRun differ = as_admin({"add", "--login", "ito", "--role", "operator"},
                                 std::string(kNew) + "another-password-2\n");
    EXPECT_EQ(differ.status, 1);
    EXPECT_NE(differ.err.find("differ"), std::string::npos) << differ.err;
    ProgramRun duplicate =
        as_admin({"add", "--login", "kato", "--role", "operator"}, std::string(kNew) + kNew);
    EXPECT_EQ(duplicate.status, 1);
    EXPECT_NE(duplicate.err.find("(conflict)"), std::string::npos) << duplicate.err;

    ProgramRun reset = as_admin({"reset-totp", "--login", "kato"});
    EXPECT_EQ(reset.status, 0) << reset.err;
    EXPECT_EQ(reset.out, "no second factor for kato\n");
    ProgramRun disabled = as_admin({"disable", "--login", "kato"});
    EXPECT_EQ(disabled.status, 0) << disabled.err;
    EXPECT_EQ(disabled.out, "disabled kato\n");
    ProgramRun again = as_admin({"disable", "--login", "kato"});
    EXPECT_EQ(again.status, 1);
    EXPECT_NE(again.err.find("409"), std::string::npos) << again.err;
    ProgramRun last = as_admin({"disable", "--login", "demo-admin"});
    EXPECT_EQ(last.status, 1);
    EXPECT_NE(last.err.find("last enabled administrator"), std::string::npos) << last.err;
    ProgramRun gone = hoyoctl({"--server", url, "--staff", "kato", "export", "reservations"}, kNew);
    EXPECT_EQ(gone.status, 1);

    // Only an administrator: an operator's login is refused.
    ProgramRun op = hoyoctl({"--server", url, "--staff", "demo-operator", "operator", "list"},
                            "demo-operator-2026\n");
    EXPECT_EQ(op.status, 1);
    EXPECT_NE(op.err.find("(forbidden)"), std::string::npos) << op.err;

    ProgramRun listed = as_admin({"list"});
    EXPECT_EQ(listed.status, 0) << listed.err;
    served_list = listed.out;
    EXPECT_NE(served_list.find("kato\toperator\tdisabled\toff\n"), std::string::npos)
        << served_list;
    EXPECT_NE(served_list.find("sato\tauditor\tactive\toff\n"), std::string::npos) << served_list;
    ASSERT_TRUE(hoyod.stop());
  }
  ProgramRun local = hoyoctl({"--data-dir", data, "operator", "list"});
  EXPECT_EQ(local.status, 0) << local.err;
  EXPECT_EQ(local.out, served_list);
}

}  // namespace
}  // namespace hoyo::tools::testing
