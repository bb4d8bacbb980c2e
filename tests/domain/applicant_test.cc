// M9: every field of the registration form, one rule per test.
#include "domain/applicant.h"

#include <gtest/gtest.h>

namespace hoyo::domain {
namespace {

using base::ErrorCode;
using base::FieldError;

const Date kToday = Date::from_ymd(2026, 11, 24);

ApplicantForm resident() {
  ApplicantForm f;
  f.name_kanji = "港 花子";
  f.name_kana = "ミナト　ハナコ";
  f.birth_date = "1980-04-01";
  f.postal_code = "105-0011";
  f.address = "東京都港区芝公園1-5-25";
  f.phone = "03-3578-2111";
  f.email = "hanako@example.jp";
  f.category = "resident";
  f.consent = "true";
  return f;
}

// The codes of the fields that failed, "field:code" each.
std::vector<std::string> failures(const ApplicantForm& f, Channel ch = Channel::kOnline) {
  auto r = validate_applicant(f, ch, kToday);
  std::vector<std::string> out;
  if (r.ok()) return out;
  EXPECT_EQ(r.error().code, ErrorCode::kValidation);
  for (const FieldError& e : r.error().fields) out.push_back(e.field + ":" + e.code);
  return out;
}

using V = std::vector<std::string>;

TEST(Applicant, AResidentWithEveryFieldRightIsValid) {
  auto r = validate_applicant(resident(), Channel::kOnline, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->category, Category::kResident);
  EXPECT_EQ(r->data.birth_date, Date::from_ymd(1980, 4, 1));
  EXPECT_EQ(r->data.name_kana, "ミナト　ハナコ");
}

TEST(Applicant, FieldsAreTrimmedOfAsciiAndIdeographicSpaces) {
  ApplicantForm f = resident();
  f.name_kanji = "\u3000 港 花子 \u3000";
  auto r = validate_applicant(f, Channel::kOnline, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->data.name_kanji, "港 花子");
}

TEST(Applicant, KanaMustBeFullWidthKatakana) {
  ApplicantForm f = resident();
  f.name_kana = "みなと はなこ";  // hiragana
  EXPECT_EQ(failures(f), V{"nameKana:not_katakana"});
  f.name_kana = "ﾐﾅﾄ ﾊﾅｺ";  // half-width
  EXPECT_EQ(failures(f), V{"nameKana:not_katakana"});
  f.name_kana = "Minato";
  EXPECT_EQ(failures(f), V{"nameKana:not_katakana"});
  f.name_kana = "ヴァージニア・ウルフ";  // ヴ, small ァ, ・ and ー are katakana
  EXPECT_TRUE(failures(f).empty());
  f.name_kana = "";
  EXPECT_EQ(failures(f), V{"nameKana:required"});
}

TEST(Applicant, BirthDateMustBeARealPastDay) {
  ApplicantForm f = resident();
  f.birth_date = "1980-02-30";
  EXPECT_EQ(failures(f), V{"birthDate:invalid"});
  f.birth_date = "1980/04/01";
  EXPECT_EQ(failures(f), V{"birthDate:invalid"});
  f.birth_date = "2026-11-24";  // today is not in the past
  EXPECT_EQ(failures(f), V{"birthDate:out_of_range"});
  f.birth_date = "1890-01-01";
  EXPECT_EQ(failures(f), V{"birthDate:out_of_range"});
  f.birth_date = "2026-11-23";
  EXPECT_TRUE(failures(f).empty());
}

TEST(Applicant, PostalCodeIsThreeDigitsHyphenFour) {
  ApplicantForm f = resident();
  for (const char* bad : {"1050011", "105-001", "１０５-００１１", "105-00a1", "105 0011"}) {
    f.postal_code = bad;
    EXPECT_EQ(failures(f), V{"postalCode:invalid"}) << bad;
  }
  f.postal_code = "";
  EXPECT_EQ(failures(f), V{"postalCode:required"});
}

TEST(Applicant, PhoneIsTenOrElevenDigits) {
  ApplicantForm f = resident();
  for (const char* good : {"0335782111", "090-1234-5678", "03-3578-2111"}) {
    f.phone = good;
    EXPECT_TRUE(failures(f).empty()) << good;
  }
  for (const char* bad : {"12345", "03-3578-21111-1", "+81-3-3578-2111", "3335782111"}) {
    f.phone = bad;
    EXPECT_EQ(failures(f), V{"phone:invalid"}) << bad;
  }
}

TEST(Applicant, EmailIsRequiredOnlineButNotOnAPostcard) {
  ApplicantForm f = resident();
  f.email = "";
  EXPECT_EQ(failures(f), V{"email:required"});
  EXPECT_TRUE(failures(f, Channel::kPostcard).empty());
  for (const char* bad : {"hanako", "@example.jp", "a@b", "a b@example.jp", "a@@example.jp",
                          "a@example.jp\r\nBcc: x@evil"}) {
    f.email = bad;
    EXPECT_EQ(failures(f), V{"email:invalid"}) << bad;
  }
}

TEST(Applicant, WorkersNeedTheirWorkplace) {
  ApplicantForm f = resident();
  f.category = "worker";
  EXPECT_EQ(failures(f), (V{"workplaceName:required", "workplaceAddress:required"}));
  f.workplace_name = "港区役所";
  f.workplace_address = "東京都港区芝公園1-5-25";
  auto r = validate_applicant(f, Channel::kOnline, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->category, Category::kWorker);
  EXPECT_TRUE(proof_required(Category::kWorker, Channel::kOnline));
  EXPECT_FALSE(proof_required(Category::kWorker, Channel::kPostcard));
  EXPECT_FALSE(proof_required(Category::kResident, Channel::kOnline));
}

TEST(Applicant, ResidentsKeepNoWorkplace) {
  ApplicantForm f = resident();
  f.workplace_name = "どこか";
  auto r = validate_applicant(f, Channel::kOnline, kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->data.workplace_name, "");
}

TEST(Applicant, CategoryAndConsentAreRequired) {
  ApplicantForm f = resident();
  f.category = "visitor";
  f.consent = "false";
  EXPECT_EQ(failures(f), (V{"category:invalid", "consent:required"}));
  f.consent = "";
  f.category = "resident";
  EXPECT_TRUE(failures(f, Channel::kPostcard).empty());  // the operator has the signed card
}

TEST(Applicant, EveryBrokenFieldIsReportedAtOnce) {
  ApplicantForm empty;
  EXPECT_EQ(failures(empty), (V{"nameKanji:required", "nameKana:required", "birthDate:required",
                                "postalCode:required", "address:required", "phone:required",
                                "email:required", "category:required", "consent:required"}));
}

TEST(Applicant, ControlCharactersAndBadUtf8AreRefused) {
  ApplicantForm f = resident();
  f.address = "港区\x01";
  EXPECT_EQ(failures(f), V{"address:invalid"});
  f.address = "港区\xff";
  EXPECT_EQ(failures(f), V{"address:invalid"});
  f.address = std::string(601, 'a');
  EXPECT_EQ(failures(f), V{"address:too_long"});
}

TEST(Applicant, IdentityIgnoresSpacesButNotTheBirthDate) {
  PersonalData a{"港 花子", "ミナト　ハナコ", Date::from_ymd(1980, 4, 1), "", "", "", "", "", ""};
  PersonalData b = a;
  b.name_kanji = "港花子";
  b.name_kana = "ミナトハナコ";
  EXPECT_EQ(identity_text(a), identity_text(b));
  b.birth_date = Date::from_ymd(1980, 4, 2);
  EXPECT_NE(identity_text(a), identity_text(b));
}

}  // namespace
}  // namespace hoyo::domain
