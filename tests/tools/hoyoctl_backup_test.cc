// hoyoctl backup and restore on the fixture's stopped directory: their
// progress on stderr (only with --progress when stderr is not a terminal)
// and their summary on stdout.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "hoyoctl_fixture.h"

namespace hoyo::tools::testing {
namespace {

// The lines of `text` that start with `prefix`.
std::vector<std::string> lines_starting(const std::string& text, const std::string& prefix) {
  std::vector<std::string> found;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(prefix, 0) == 0) found.push_back(line);
  }
  return found;
}

bool is_json_object(const std::string& text) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  return !ec && v.is_object();
}

TEST_F(HoyoctlTest, BackupAndRestoreShowProgressOnStderrOnlyWhenAsked) {
  const std::string copy = tmp_.path() + "/copy", restored = tmp_.path() + "/restored";
  const auto quiet = run({"backup", tmp_.path() + "/quiet", "--format", "json"});
  ASSERT_EQ(quiet.status, 0) << quiet.err;
  EXPECT_EQ(quiet.err, "") << "no progress when stderr is not a terminal";

  const auto backup = run({"backup", copy, "--format", "json", "--progress"});
  ASSERT_EQ(backup.status, 0) << backup.err;
  EXPECT_TRUE(is_json_object(backup.out)) << backup.out;
  const auto copied = lines_starting(backup.err, "backup: ");
  ASSERT_FALSE(copied.empty()) << backup.err;
  EXPECT_NE(copied.back().find("(100%)"), std::string::npos) << backup.err;

  const auto restore = bare({"restore", copy, restored, "--format", "json", "--progress"});
  ASSERT_EQ(restore.status, 0) << restore.err;
  EXPECT_TRUE(is_json_object(restore.out)) << restore.out;
  const auto bytes = lines_starting(restore.err, "restore: ");
  const auto verified = lines_starting(restore.err, "restore: verify: ");
  ASSERT_FALSE(verified.empty()) << restore.err;
  EXPECT_EQ(verified.back().rfind("restore: verify: 10 events of 10 events (100%)", 0), 0u)
      << restore.err;
  ASSERT_GT(bytes.size(), verified.size()) << restore.err;
  EXPECT_NE(bytes.front().find("B of "), std::string::npos) << restore.err;
  EXPECT_NE(bytes.front().find("(100%)"), std::string::npos) << restore.err;

  const auto silent = bare({"restore", copy, tmp_.path() + "/again"});
  ASSERT_EQ(silent.status, 0) << silent.err;
  EXPECT_EQ(silent.err, "");
}

}  // namespace
}  // namespace hoyo::tools::testing
