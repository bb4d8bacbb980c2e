// M10 / M11: the rules for a new password.
#include "domain/password_policy.h"

#include <gtest/gtest.h>

namespace hoyo::domain {
namespace {

using base::FieldError;

const Date kBirth = Date::from_ymd(1980, 4, 1);

std::vector<std::string> codes(std::string_view pw, std::string_view confirm) {
  std::vector<std::string> out;
  for (const FieldError& e : check_new_password(pw, confirm, kBirth)) {
    out.push_back(e.field + ":" + e.code);
  }
  return out;
}

using V = std::vector<std::string>;

TEST(PasswordPolicy, EightCharactersAreEnoughSevenAreNot) {
  EXPECT_TRUE(codes("kq8#Lw2z", "kq8#Lw2z").empty());
  EXPECT_EQ(codes("kq8#Lw2", "kq8#Lw2"), V{"newPassword:too_short"});
}

TEST(PasswordPolicy, CharactersAreCountedNotBytes) {
  // Eight kana are 24 bytes but eight characters: allowed; seven are not.
  EXPECT_TRUE(codes("みなとのやどにて", "みなとのやどにて").empty());
  EXPECT_EQ(codes("みなとのやどに", "みなとのやどに"), V{"newPassword:too_short"});
}

TEST(PasswordPolicy, LongPassphrasesAreAcceptedUpToTheBound) {
  const std::string p64(64, 'x');
  const std::string p200 = std::string(199, 'y') + "z";
  EXPECT_TRUE(codes(p64, p64).empty());
  EXPECT_TRUE(codes(p200, p200).empty());
  const std::string too_long(kMaxPasswordBytes + 1, 'q');
  EXPECT_EQ(codes(too_long, too_long), V{"newPassword:too_long"});
}

TEST(PasswordPolicy, TheBirthDateIsRefusedInEverySpelling) {
  EXPECT_EQ(initial_password(kBirth), "19800401");
  for (const char* p : {"19800401", "1980-04-01", "1980/04/01"}) {
    EXPECT_EQ(codes(p, p), V{"newPassword:birth_date"}) << p;
  }
}

TEST(PasswordPolicy, CommonPasswordsAreRefusedWhateverTheirCase) {
  EXPECT_GE(common_password_count(), 10000u);
  for (const char* p : {"password", "PassWord", "12345678", "iloveyou", "qwertyuiop", "sunshine"}) {
    EXPECT_TRUE(is_common_password(p)) << p;
    EXPECT_EQ(codes(p, p), V{"newPassword:common"}) << p;
  }
  EXPECT_FALSE(is_common_password("minato-hoyo-2026!"));
}

TEST(PasswordPolicy, TheConfirmationMustMatch) {
  EXPECT_EQ(codes("kq8#Lw2z", "kq8#Lw2Z"), V{"newPasswordConfirm:mismatch"});
}

TEST(PasswordPolicy, MalformedUtf8IsRefused) {
  EXPECT_EQ(codes("abcdefg\xff", "abcdefg\xff"), V{"newPassword:invalid"});
}

TEST(PasswordPolicy, OperatorsHaveNoBirthDateRule) {
  EXPECT_TRUE(check_new_password("19800401", "19800401").empty());
  EXPECT_FALSE(check_new_password("password", "password").empty());
}

}  // namespace
}  // namespace hoyo::domain
