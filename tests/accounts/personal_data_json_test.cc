// The personal fields' one JSON mapping: what the vault seals and what
// operators and auditors are shown.
#include "accounts/personal_data_json.h"

#include <gtest/gtest.h>

namespace hoyo::domain {
namespace {

namespace json = boost::json;

PersonalData hanako() {
  PersonalData d;
  d.name_kanji = "港 花子";
  d.name_kana = "ミナト ハナコ";
  d.birth_date = Date::from_ymd(1990, 4, 1);
  d.postal_code = "105-0011";
  d.address = "東京都港区芝公園1-1";
  d.phone = "03-1234-5678";
  d.email = "hanako@example.jp";
  return d;
}

TEST(PersonalDataJson, WritesEveryFieldByItsApiNameInOrder) {
  EXPECT_EQ(json::serialize(json::value_from(hanako())),
            R"({"nameKanji":"港 花子","nameKana":"ミナト ハナコ","birthDate":"1990-04-01",)"
            R"("postalCode":"105-0011","address":"東京都港区芝公園1-1","phone":"03-1234-5678",)"
            R"("email":"hanako@example.jp","workplaceName":"","workplaceAddress":""})");
}

TEST(PersonalDataJson, ReadsBackWhatItWrites) {
  EXPECT_EQ(json::value_to<PersonalData>(json::value_from(hanako())), hanako());
}

TEST(PersonalDataJson, AMissingTextIsEmptyButTheBirthDateIsRequired) {
  auto read = json::try_value_to<PersonalData>(json::parse(R"({"birthDate":"2001-02-03"})"));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->birth_date, Date::from_ymd(2001, 2, 3));
  EXPECT_EQ(read->name_kanji, "");
  EXPECT_FALSE(json::try_value_to<PersonalData>(json::parse(R"({"nameKanji":"x"})")));
  EXPECT_FALSE(json::try_value_to<PersonalData>(json::parse(R"({"birthDate":"2001-13-40"})")));
  EXPECT_FALSE(json::try_value_to<PersonalData>(json::parse(R"(["2001-02-03"])")));
}

}  // namespace
}  // namespace hoyo::domain
