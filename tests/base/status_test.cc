// base::Status and base::Result: values, errors, and checked access (a
// failed value() aborts in every build type).
#include "base/status.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

namespace hoyo::base {
namespace {

Result<int> half(int n) {
  if (n % 2) return Error{ErrorCode::kValidation, MessageId::kOneOf, {{"a", 2}, {"b", 4}}};
  return n / 2;
}

Status check(bool fine) {
  if (!fine) return {ErrorCode::kConflict, MessageId::kNothingChanges};
  return {};
}

TEST(Status, OkOrAnErrorWithCodeAndMessageId) {
  EXPECT_TRUE(check(true).ok());
  const Status s = check(false);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kConflict);
  EXPECT_TRUE(s.is(ErrorCode::kConflict));
  EXPECT_FALSE(check(true).is(ErrorCode::kConflict));
  EXPECT_EQ(s.error().message, MessageId::kNothingChanges);
  EXPECT_EQ(s.to_string(), "conflict kNothingChanges");
  EXPECT_EQ(ok_status().to_string(), "ok");
}

TEST(Result, HoldsAValueOrAnError) {
  const Result<int> r = half(8);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, 4);
  EXPECT_EQ(r.value(), 4);
  EXPECT_TRUE(r.status().ok());
  const Result<int> bad = half(3);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.code(), ErrorCode::kValidation);
  EXPECT_EQ(arg_text(bad.error().args, "b"), "4");
  EXPECT_EQ(bad.status().code(), ErrorCode::kValidation);
  EXPECT_EQ(bad.error().to_string(), "validation kOneOf(a=2, b=4)");
  // A failed Status passes on as a failed Result.
  const Result<std::string> passed = check(false);
  EXPECT_TRUE(passed.is(ErrorCode::kConflict));
}

TEST(Error, ValidationNamesTheFieldWithTheSameMessage) {
  const Error e =
      Error::validation("nights", "out_of_range", MessageId::kNightsRange, {{"max", 2}});
  EXPECT_EQ(e.code, ErrorCode::kValidation);
  EXPECT_EQ(e.message, MessageId::kNightsRange);
  ASSERT_EQ(e.fields.size(), 1u);
  EXPECT_EQ(e.fields[0].field, "nights");
  EXPECT_EQ(e.fields[0].code, "out_of_range");
  EXPECT_EQ(arg_text(e.fields[0].args, "max"), "2");
  const Error all = Error::invalid_fields({e.fields[0], e.fields[0]});
  EXPECT_EQ(all.message, MessageId::kInvalidInput);
  EXPECT_EQ(all.fields.size(), 2u);
}

TEST(Args, RenderIntegersStringsAndDays) {
  const Args args{{"n", 42}, {"s", std::string("R-1")}, {"d", Day{2026, 3, 7}}};
  EXPECT_EQ(arg_text(args, "n"), "42");
  EXPECT_EQ(arg_text(args, "s"), "R-1");
  EXPECT_EQ(arg_text(args, "d"), "2026-03-07");
  EXPECT_EQ(arg_text(args, "missing"), "");
}

TEST(ErrorCodes, KeepTheApiNames) {
  EXPECT_STREQ(error_code_name(ErrorCode::kValidation), "validation");
  EXPECT_STREQ(error_code_name(ErrorCode::kSecondFactorRequired), "totp_required");
  EXPECT_STREQ(error_code_name(ErrorCode::kPasswordChangeRequired), "password_change_required");
  EXPECT_STREQ(error_code_name(ErrorCode::kMalformed), "malformed");
  EXPECT_STREQ(error_code_name(ErrorCode::kWrongExpectedVersion), "wrong_expected_version");
  EXPECT_STREQ(error_code_name(ErrorCode::kFenced), "fenced");
  std::set<std::string> names;
  for (int c = 0; c <= static_cast<int>(ErrorCode::kFenced); ++c) {
    names.insert(error_code_name(static_cast<ErrorCode>(c)));
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(ErrorCode::kFenced) + 1);
}

TEST(MessageIds, HaveTheirNames) {
  EXPECT_STREQ(message_id_name(MessageId::kNoRoomFree), "kNoRoomFree");
  std::ostringstream out;
  out << MessageId::kInvalidInput;
  EXPECT_EQ(out.str(), "kInvalidInput");
  std::set<std::string> names;
  for (std::size_t i = 0; i < kMessageIdCount; ++i) {
    names.insert(message_id_name(static_cast<MessageId>(i)));
  }
  EXPECT_EQ(names.size(), kMessageIdCount);
}

using StatusDeathTest = ::testing::Test;

TEST(StatusDeathTest, ValueOfAFailedResultAborts) {
  EXPECT_DEATH(
      {
        const Result<int> r = half(3);
        std::printf("%d\n", r.value());
      },
      "value\\(\\) of a failed Result");
  EXPECT_DEATH(
      {
        Result<std::string> r = check(false);
        std::printf("%zu\n", r->size());
      },
      "kNothingChanges");
}

TEST(StatusDeathTest, ErrorOfASuccessAborts) {
  EXPECT_DEATH({ (void)half(2).error(); }, "error\\(\\) of an ok Result");
  EXPECT_DEATH({ (void)check(true).code(); }, "error\\(\\) of an ok Status");
  EXPECT_DEATH({ const Result<int> r = check(true); }, "a Result made from an ok Status");
}

}  // namespace
}  // namespace hoyo::base
