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

}  // namespace
}  // namespace hoyo::base
