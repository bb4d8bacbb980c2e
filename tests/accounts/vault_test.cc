// Personal data: sealed in the log, erasable for good (crypto-shredding).
#include <gtest/gtest.h>

#include "account_fixture.h"
#include "accounts/personal_data.h"

namespace hoyo::accounts::testing {
namespace {

using base::ErrorCode;

class Vault : public AccountTest {};

TEST_F(Vault, SealedFieldsOpenOnlyWithTheirKeyAndId) {
  PersonalDataVault& v = service_->vault();
  auto key = v.create_key();
  ASSERT_TRUE(key.ok());
  domain::PersonalData d{"港 花子",
                         "ミナト ハナコ",
                         domain::Date::from_ymd(1980, 4, 1),
                         "105-0011",
                         "東京都港区",
                         "0335782111",
                         "h@example.jp",
                         "",
                         ""};
  auto sealed = v.seal(*key, d);
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->find("港 花子"), std::string::npos);
  auto opened = v.open(*key, *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(**opened, d);
  // Sealing twice gives different bytes (fresh nonces).
  EXPECT_NE(*v.seal(*key, d), *sealed);
  // Another key's id, or one flipped byte, does not authenticate.
  auto other = v.create_key();
  EXPECT_FALSE(v.open(*other, *sealed).ok());
  std::string tampered = *sealed;
  tampered[20] ^= 1;
  EXPECT_EQ(v.open(*key, tampered).status().code(), base::ErrorCode::kCorruption);
}

TEST_F(Vault, PersonalFieldsNeverEnterTheLogInTheClear) {
  domain::ApplicantForm f = resident_form();
  f.address = "東京都港区白金台5-9-1 ユニーク番地";
  f.phone = "090-8765-4321";
  register_resident(f);
  const std::string log = whole_log();
  for (const std::string& s : {f.name_kanji, f.name_kana, f.address, f.phone, f.email,
                               std::string("1980-04-01"), std::string("19800401")}) {
    EXPECT_EQ(log.find(s), std::string::npos) << s;
  }
}

TEST_F(Vault, ErasureMakesTheDataUnreadableForGoodAndKeepsTheChain) {
  const std::string number = register_resident();
  const std::string registration = snapshot().accounts.users.at(number);
  const std::string key_id = snapshot().accounts.registrations.at(registration).submitted.key_id;
  auto key_bytes = store_->side_get(eventstore::SideTable::kDataKeys, "key:" + key_id);
  ASSERT_TRUE(key_bytes.ok() && key_bytes->has_value());
  // Flush so the key also sits in an SST file, as it would after a while.
  close();
  open();
  ASSERT_NE(whole_directory().find(**key_bytes), std::string::npos);

  std::vector<std::string> revoked;
  service_->on_sessions_revoked([&](const std::string& a) { revoked.push_back(a); });
  EXPECT_EQ(service_->erase(domain::Actor::op("audit"), number, "", "x").error().code,
            ErrorCode::kForbidden);
  ASSERT_TRUE(service_->erase(domain::Actor::op("ops"), number, "", "本人の申出").ok());
  EXPECT_EQ(revoked, std::vector<std::string>{"user:" + number});

  // The key's bytes are gone from every file of the data directory.
  close();
  EXPECT_EQ(whole_directory().find(**key_bytes), std::string::npos);
  open();
  // Reads show the fields as erased; the user can no longer log in.
  auto all = service_->registrations(std::nullopt);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(all[0].registration.erased);
  EXPECT_FALSE(all[0].data.has_value());
  EXPECT_EQ(service_->login(number, "19800401", "a").error().code, ErrorCode::kUnauthorized);
  // The sealed bytes are still in the log, and the chain is intact.
  std::string sealed;
  (void)store_->read_stream("registration-" + registration, 1, 1, true,
                            [&](const eventstore::EventView& e) {
                              auto ev = domain::decode_event(e.type, e.payload);
                              sealed = std::get<domain::RegistrationSubmitted>(*ev).sealed;
                              return true;
                            });
  EXPECT_FALSE(sealed.empty());
  auto opened = service_->vault().open(key_id, sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_FALSE(opened->has_value());
  EXPECT_TRUE(store_->verify().ok);
}

TEST_F(Vault, AnErasureInterruptedBeforeTheShredIsFinishedAtStart) {
  const std::string number = register_resident();
  const std::string registration = snapshot().accounts.users.at(number);
  const std::string key_id = snapshot().accounts.registrations.at(registration).submitted.key_id;
  // The event is recorded, then the process dies before the key is destroyed.
  ASSERT_TRUE(
      processor_
          ->submit({domain::Actor::op("ops"), domain::ErasePersonalData{number, "", "本人の申出"}})
          .get()
          .ok());
  ASSERT_TRUE(service_->vault().has_key(key_id));
  close();
  open();
  EXPECT_FALSE(service_->vault().has_key(key_id));
}

}  // namespace
}  // namespace hoyo::accounts::testing
