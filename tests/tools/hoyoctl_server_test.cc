// hoyoctl --server against a real hoyod (demo data, test clock): the staff
// login from stdin, and the same output as on the stopped data directory.
#include <gtest/gtest.h>

#include "hoyod_process.h"
#include "temp_dir.h"

namespace hoyo::tools::testing {
namespace {

using ::hoyo::testing::ProgramRun;

ProgramRun hoyoctl(std::vector<std::string> args, const std::string& input = "") {
  args.insert(args.begin(), HOYOCTL);
  return ::hoyo::testing::run_program_with_input(args, input);
}

TEST(HoyoctlServer, HistoryReplayAndExportMatchTheDataDirectory) {
  // Each login adds an event (LoginAttempted): the commands compared are
  // about subjects and positions that the logins do not touch.
  ::hoyo::testing::TempDir tmp;
  const std::string data = tmp.path() + "/data";
  std::vector<std::vector<std::string>> commands = {
      {"history", "facility", "seaside"},
      {"history", "facility", "kogen", "--format", "json"},
      {"replay", "--at", "12", "vacancy", "seaside", "2027-01"},
      {"replay", "--at", "12", "user", "10000012", "--format", "json"},
      {"export", "events", "--to", "20", "--format", "jsonl"},
      {"export", "events", "--from", "2", "--to", "9", "--bom"},
  };
  std::vector<ProgramRun> served;
  {
    ::hoyo::testing::HoyodProcess hoyod(::hoyo::testing::HoyodOptions{
        .binary = HOYOD_BIN, .data_dir = data, .log = tmp.path() + "/hoyod.log"});
    const std::string url = "http://127.0.0.1:" + std::to_string(hoyod.port());
    for (const auto& c : commands) {
      std::vector<std::string> args = {"--server", url, "--staff", "demo-auditor"};
      args.insert(args.end(), c.begin(), c.end());
      served.push_back(hoyoctl(args, "demo-auditor-2026\n"));
      EXPECT_EQ(served.back().status, 0) << c[0] << " " << served.back().err;
    }
    // The operators' exports need an operator's login; an auditor's is refused.
    auto applications =
        hoyoctl({"--server", url, "--staff", "demo-operator", "export", "applications", "--bom"},
                "demo-operator-2026\n");
    EXPECT_EQ(applications.status, 0) << applications.err;
    EXPECT_EQ(applications.out.rfind("\xEF\xBB\xBF申込番号,", 0), 0u) << applications.out;
    auto refused = hoyoctl({"--server", url, "--staff", "demo-auditor", "export", "applications"},
                           "demo-auditor-2026\n");
    EXPECT_EQ(refused.status, 1);
    EXPECT_NE(refused.err.find("(forbidden)"), std::string::npos) << refused.err;
    auto wrong = hoyoctl({"--server", url, "--staff", "demo-auditor", "history", "user", "1"},
                         "not-the-password\n");
    EXPECT_EQ(wrong.status, 1);
    EXPECT_NE(wrong.err.find("401"), std::string::npos) << wrong.err;
    ASSERT_TRUE(hoyod.stop());
  }
  for (std::size_t i = 0; i < commands.size(); ++i) {
    std::vector<std::string> args = {"--data-dir", data};
    args.insert(args.end(), commands[i].begin(), commands[i].end());
    const ProgramRun local = hoyoctl(args);
    EXPECT_EQ(local.status, 0) << local.err;
    EXPECT_FALSE(local.out.empty());
    EXPECT_EQ(served[i].out, local.out) << commands[i][0] << " " << commands[i][1];
  }
}

}  // namespace
}  // namespace hoyo::tools::testing
