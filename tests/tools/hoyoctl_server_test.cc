// hoyoctl --server against a real hoyod (demo data, test clock): the staff
// login from stdin, and the same output as on the stopped data directory.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "hoyoctl_run.h"
#include "hoyod_process.h"
#include "raw_db.h"
#include "temp_dir.h"

namespace hoyo::tools::testing {
namespace {

using ::hoyo::testing::ProgramRun;

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

// Each command runs through a hoyod started for it alone, as the last login
// (a login records one event; a logout none), then on the stopped directory:
// the two print the same and end with the same status.
struct Compared {
  std::vector<std::string> args;
  std::string staff;  // demo-auditor or demo-operator
};

void expect_same_via_server(const std::string& data, const std::string& log, const Compared& c,
                            int status) {
  ProgramRun served;
  {
    ::hoyo::testing::HoyodProcess hoyod(
        ::hoyo::testing::HoyodOptions{.binary = HOYOD_BIN, .data_dir = data, .log = log});
    std::vector<std::string> args = {"--server", "http://127.0.0.1:" + std::to_string(hoyod.port()),
                                     "--staff", c.staff};
    args.insert(args.end(), c.args.begin(), c.args.end());
    served = hoyoctl(args, c.staff + "-2026\n");
    ASSERT_TRUE(hoyod.stop());
  }
  std::vector<std::string> args = {"--data-dir", data};
  args.insert(args.end(), c.args.begin(), c.args.end());
  const ProgramRun local = hoyoctl(args);
  EXPECT_EQ(local.status, status) << c.args[0] << " " << local.err;
  EXPECT_EQ(served.status, status) << c.args[0] << " " << served.err;
  EXPECT_FALSE(local.out.empty()) << c.args[0];
  EXPECT_EQ(served.out, local.out) << c.args[0];
}

// The demo data's lottery period, from hoyod's log ("demo data written: ...,
// lottery 2027-03, ...").
std::string demo_lottery(const std::string& log) {
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string marker = ", lottery ";
  const auto at = text.find(marker);
  return at == std::string::npos ? std::string("?") : text.substr(at + marker.size(), 7);
}

// Starts hoyod on `data` until a start writes nothing of its own within two
// seconds: the demo data's mails are sent (MailSent) by then, after the first
// start has answered.
void settle(const std::string& data, const std::string& log) {
  for (int run = 0; run < 10; ++run) {
    std::uint64_t started = 0;
    {
      ::hoyo::testing::HoyodProcess hoyod(
          ::hoyo::testing::HoyodOptions{.binary = HOYOD_BIN, .data_dir = data, .log = log});
      started = hoyod.start_position();
      std::this_thread::sleep_for(std::chrono::seconds(2));
      ASSERT_TRUE(hoyod.stop());
    }
    const ProgramRun head = hoyoctl({"--data-dir", data, "head"});
    ASSERT_EQ(head.status, 0) << head.err;
    if (started > 0 && head.out.rfind(std::to_string(started) + " ", 0) == 0) return;
  }
  FAIL() << "hoyod kept writing at each start";
}

TEST(HoyoctlServer, VerifyHeadRedrawAndRebuildMatchTheDataDirectory) {
  ::hoyo::testing::TempDir tmp;
  const std::string data = tmp.path() + "/data";
  const std::string log = tmp.path() + "/hoyod.log";
  settle(data, log);
  const std::vector<Compared> intact = {
      {{"verify"}, "demo-auditor"},
      {{"verify", "--from", "3", "--format", "json"}, "demo-auditor"},
      {{"head"}, "demo-auditor"},
      {{"head", "--format", "json"}, "demo-auditor"},
      {{"rebuild", "stays"}, "demo-operator"},
      {{"rebuild", "all", "--format", "json"}, "demo-operator"},
  };
  for (const Compared& c : intact) expect_same_via_server(data, log, c, 0);
  // The demo's period, never drawn: a finding (exit 1) both ways; its history
  // is the same both ways too (the logins touch no lottery).
  const std::string lottery = demo_lottery(log);
  expect_same_via_server(data, log, {{"redraw", lottery, "--format", "json"}, "demo-auditor"}, 1);
  expect_same_via_server(data, log, {{"history", "lottery", lottery}, "demo-auditor"}, 0);
  expect_same_via_server(data, log,
                         {{"history", "lottery", lottery, "--format", "json"}, "demo-auditor"}, 0);
  // A period that does not exist: bad usage (exit 2) both ways, nothing on stdout.
  {
    ::hoyo::testing::HoyodProcess hoyod(
        ::hoyo::testing::HoyodOptions{.binary = HOYOD_BIN, .data_dir = data, .log = log});
    const std::string url = "http://127.0.0.1:" + std::to_string(hoyod.port());
    auto unknown = hoyoctl({"--server", url, "--staff", "demo-auditor", "redraw", "2099-01"},
                           "demo-auditor-2026\n");
    EXPECT_EQ(unknown.status, 2) << unknown.err;
    EXPECT_EQ(unknown.out, "");
    ASSERT_TRUE(hoyod.stop());
  }
  EXPECT_EQ(hoyoctl({"--data-dir", data, "redraw", "2099-01"}).status, 2);
  // A broken chain (one byte of the eighth event, seaside, still decodable): exit 1
  // with the same fault through the server.
  eventstore::testing::alter_event(data + "/events", 8, "seaside");
  expect_same_via_server(data, log, {{"verify"}, "demo-auditor"}, 1);
  expect_same_via_server(data, log, {{"verify", "--from", "3", "--format", "json"}, "demo-auditor"},
                         1);
  // The rebuild route is an operator's, the audit routes an auditor's.
  ::hoyo::testing::HoyodProcess hoyod(
      ::hoyo::testing::HoyodOptions{.binary = HOYOD_BIN, .data_dir = data, .log = log});
  const std::string url = "http://127.0.0.1:" + std::to_string(hoyod.port());
  auto refused = hoyoctl({"--server", url, "--staff", "demo-auditor", "rebuild", "stays"},
                         "demo-auditor-2026\n");
  EXPECT_EQ(refused.status, 1);
  EXPECT_NE(refused.err.find("(forbidden)"), std::string::npos) << refused.err;
}

}  // namespace
}  // namespace hoyo::tools::testing
