// hoyod's first administrator (--initial-admin, docs/operations.md "Staff
// accounts: the first administrator"): added once on an empty directory,
// never again on a restart, and refused with a password file others may read.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "hoyoctl_run.h"
#include "hoyod_process.h"
#include "temp_dir.h"

namespace hoyo::tools::testing {
namespace {

using ::hoyo::testing::ProgramRun;

// A password file of `mode` holding `password`.
std::string password_file(const std::string& path, const std::string& password, mode_t mode) {
  std::ofstream(path) << password << "\n";
  ::chmod(path.c_str(), mode);
  return path;
}

TEST(HoyodInitialAdmin, AddedOnceOnAnEmptyDirectoryAndNeverAgain) {
  ::hoyo::testing::TempDir tmp;
  const std::string data = tmp.path() + "/data";
  const std::string file = password_file(tmp.path() + "/admin-pw", "kanri-password-2026", 0600);
  ::hoyo::testing::HoyodOptions o{.binary = HOYOD_BIN,
                                  .data_dir = data,
                                  .log = tmp.path() + "/hoyod.log",
                                  .args = {"--test-clock", "--initial-admin", "kanri01",
                                           "--initial-admin-password-file", file}};
  {
    ::hoyo::testing::HoyodProcess hoyod(o);
    EXPECT_NE(hoyod.log_text().find("added the initial administrator kanri01"), std::string::npos)
        << hoyod.log_text();
    const std::string url = "http://127.0.0.1:" + std::to_string(hoyod.port());
    ProgramRun listed = hoyoctl({"--server", url, "--staff", "kanri01", "operator", "list"},
                                "kanri-password-2026\n");
    EXPECT_EQ(listed.status, 0) << listed.err;
    EXPECT_EQ(listed.out, "kanri01\tadmin\tactive\toff\n");
    ASSERT_TRUE(hoyod.stop());
  }
  ProgramRun head = hoyoctl({"--data-dir", data, "head"});
  ASSERT_EQ(head.status, 0) << head.err;
  {
    ::hoyo::testing::HoyodProcess hoyod(o);
    EXPECT_NE(hoyod.log_text().find("an administrator account exists (kanri01)"), std::string::npos)
        << hoyod.log_text();
    ASSERT_TRUE(hoyod.stop());
  }
  EXPECT_EQ(hoyoctl({"--data-dir", data, "head"}).out, head.out) << "the restart wrote";
  EXPECT_EQ(hoyoctl({"--data-dir", data, "operator", "list"}).out, "kanri01\tadmin\tactive\toff\n");
}

TEST(HoyodInitialAdmin, APasswordFileOthersMayReadRefusesToStart) {
  ::hoyo::testing::TempDir tmp;
  const std::string data = tmp.path() + "/data";
  const std::string file = password_file(tmp.path() + "/admin-pw", "kanri-password-2026", 0640);
  ProgramRun refused = ::hoyo::testing::run_program_with_input(
      {HOYOD_BIN, "--data-dir", data, "--listen", "127.0.0.1:0", "--initial-admin", "kanri01",
       "--initial-admin-password-file", file},
      "");
  EXPECT_EQ(refused.status, 2);
  EXPECT_NE(refused.err.find("readable by its owner only"), std::string::npos) << refused.err;
  EXPECT_FALSE(std::filesystem::exists(data)) << "hoyod opened the directory";
  ProgramRun alone = ::hoyo::testing::run_program_with_input(
      {HOYOD_BIN, "--data-dir", data, "--initial-admin", "kanri01"}, "");
  EXPECT_EQ(alone.status, 2);
  EXPECT_NE(alone.err.find("go together"), std::string::npos) << alone.err;
}

}  // namespace
}  // namespace hoyo::tools::testing
