#include "base/log.h"

#include <gtest/gtest.h>

namespace hoyo::base {
namespace {

TEST(Log, ValuesAreEscapedIntoOneJsonLine) {
  EXPECT_EQ(json_escape("a\"b\\c\nd\x01"), "a\\\"b\\\\c\\nd\\u0001");
  EXPECT_EQ(json_escape("港区"), "港区");
  ::testing::internal::CaptureStderr();
  log_line("error", "connection failed", {{"error", "bad \"alloc\""}});
  EXPECT_EQ(
      ::testing::internal::GetCapturedStderr(),
      "{\"level\":\"error\",\"msg\":\"connection failed\",\"error\":\"bad \\\"alloc\\\"\"}\n");
}

TEST(Log, InfoLinesCanBeTurnedOffAndWarningsStillShow) {
  set_info_lines(false);
  ::testing::internal::CaptureStderr();
  log_line("info", "restored");
  log_line("warn", "a snapshot is damaged");
  const std::string out = ::testing::internal::GetCapturedStderr();
  set_info_lines(true);
  EXPECT_EQ(out, "{\"level\":\"warn\",\"msg\":\"a snapshot is damaged\"}\n");
  ::testing::internal::CaptureStderr();
  log_line("info", "restored");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(),
            "{\"level\":\"info\",\"msg\":\"restored\"}\n");
}

}  // namespace
}  // namespace hoyo::base
