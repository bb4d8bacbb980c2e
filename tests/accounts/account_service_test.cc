// M1, M9, M10, O1, O4 through the accounts service on a real store.
#include <gtest/gtest.h>

#include "account_fixture.h"
#include "accounts/proof_image.h"
#include "domain/reservation_number.h"
#include "images.h"

namespace hoyo::accounts::testing {
namespace {

using base::ErrorCode;

class Accounts : public AccountTest {};

TEST_F(Accounts, AResidentIsApprovedAtOnceAndLogsInWithTheBirthDate) {
  const std::string number = register_resident();
  ASSERT_EQ(number.size(), 8u);
  EXPECT_TRUE(domain::valid_check_digit(number));
  auto login = service_->login(number, "19800401", "10.0.0.1");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->name, "港 花子");
  EXPECT_TRUE(login->must_change_password);
  EXPECT_EQ(login->category, domain::Category::kResident);
}

TEST_F(Accounts, TheInitialPasswordStopsWorkingThirtyDaysAfterApproval) {
  const std::string number = register_resident();
  clock_.advance(30 * domain::kMicrosPerDay);
  EXPECT_TRUE(service_->login(number, "19800401", "a").ok());
  clock_.advance(1);
  auto late = service_->login(number, "19800401", "a");
  ASSERT_FALSE(late.ok());
  EXPECT_EQ(late.error().code, ErrorCode::kUnauthorized);
  // Nor does it open the password change any more.
  EXPECT_FALSE(
      service_->change_password(number, "19800401", "new-pass-2026", "new-pass-2026").ok());
}

TEST_F(Accounts, ChangingThePasswordEndsSessionsAndTheNewOneWorks) {
  const std::string number = register_resident();
  std::vector<std::string> revoked;
  service_->on_sessions_revoked([&](const std::string& a) { revoked.push_back(a); });
  auto changed = service_->change_password(number, "19800401", "umi-no-ie-2026", "umi-no-ie-2026");
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(revoked, std::vector<std::string>{"user:" + number});
  EXPECT_EQ(service_->login(number, "19800401", "a").error().code, ErrorCode::kUnauthorized);
  auto login = service_->login(number, "umi-no-ie-2026", "a");
  ASSERT_TRUE(login.ok());
  EXPECT_FALSE(login->must_change_password);
  // And after 30 days it still works: only the initial password expires.
  clock_.advance(60 * domain::kMicrosPerDay);
  EXPECT_TRUE(service_->login(number, "umi-no-ie-2026", "a").ok());
}

TEST_F(Accounts, APasswordChangeFollowsThePolicy) {
  const std::string number = register_resident();
  auto wrong = service_->change_password(number, "wrong", "umi-no-ie-2026", "umi-no-ie-2026");
  EXPECT_EQ(wrong.error().fields.at(0).field, "currentPassword");
  auto common = service_->change_password(number, "19800401", "password", "password");
  EXPECT_EQ(common.error().fields.at(0).code, "common");
  auto birth = service_->change_password(number, "19800401", "1980-04-01", "1980-04-01");
  EXPECT_EQ(birth.error().fields.at(0).code, "birth_date");
  auto mismatch = service_->change_password(number, "19800401", "umi-no-ie-2026", "umi-no-ie-2027");
  EXPECT_EQ(mismatch.error().fields.at(0).code, "mismatch");
  // A long passphrase is used whole: a different last character does not log in.
  const std::string long_pw = std::string(120, 'k') + "1";
  ASSERT_TRUE(service_->change_password(number, "19800401", long_pw, long_pw).ok());
  EXPECT_FALSE(service_->login(number, std::string(120, 'k') + "2", "a").ok());
  EXPECT_TRUE(service_->login(number, long_pw, "a").ok());
}

TEST_F(Accounts, WrongPasswordAndUnknownUserGetTheSameAnswerAndTheSameWork) {
  const std::string number = register_resident();
  const std::uint64_t before = service_->password_checks();
  auto wrong = service_->login(number, "19800402", "a");
  auto unknown = service_->login("99999994", "19800401", "b");
  auto garbage = service_->login("'; drop table", "x", "c");
  for (const auto* r : {&wrong, &unknown, &garbage}) {
    ASSERT_FALSE(r->ok());
    EXPECT_EQ(r->error().code, ErrorCode::kUnauthorized);
    EXPECT_EQ(r->error().message, wrong.error().message);
  }
  // Each costs one real argon2id verification (the unknown ones against a decoy).
  EXPECT_EQ(service_->password_checks() - before, 3u);
}

// Successful logins are events; failed ones are counted, never logged, so
// guessing cannot grow the hash-chained log.
TEST_F(Accounts, SuccessfulLoginsAreRecordedFailuresOnlyCounted) {
  const std::string number = register_resident();
  const std::uint64_t head = store_->head();
  ASSERT_FALSE(service_->login(number, "secret-guess-77", "a").ok());
  ASSERT_FALSE(service_->login("11111119", "another-guess-88", "a").ok());
  ASSERT_FALSE(service_->login("not-a-number", "x", "a").ok());
  ASSERT_FALSE(service_->operator_login("Robert'); DROP", "x", "a").ok());
  ASSERT_FALSE(service_->operator_login("nobody", "x", "a").ok());
  EXPECT_EQ(store_->head(), head);  // nothing written
  EXPECT_EQ(service_->login_failures(), 5u);
  ASSERT_TRUE(service_->login(number, "19800401", "a").ok());
  std::vector<std::string> outcomes;
  (void)store_->read_stream("logins", 1, 100, true, [&](const eventstore::EventView& e) {
    auto ev = domain::decode_event(e.type, e.payload);
    const auto& a = std::get<domain::LoginAttempted>(*ev);
    outcomes.push_back(a.account + " " + a.outcome);
    return true;
  });
  EXPECT_EQ(outcomes, (std::vector<std::string>{"user:" + number + " ok"}));
  const std::string log = whole_log();
  for (const char* secret : {"19800401", "secret-guess-77", "another-guess-88", "$argon2id"}) {
    EXPECT_EQ(log.find(secret), std::string::npos) << secret;
  }
}

TEST_F(Accounts, RepeatedFailuresHoldOneSourceWithoutLockingTheUserOut) {
  const std::string number = register_resident();
  const std::string account = "user:" + number;
  // Five failures are free; then each attempt from that source is held.
  for (int i = 0; i < 6; ++i) {
    ASSERT_EQ(service_->login(number, "guess", "attacker").error().code, ErrorCode::kUnauthorized);
  }
  auto hold = service_->login_hold(account, "attacker", "");
  ASSERT_TRUE(hold.ok());
  EXPECT_GT(hold.value(), 0);
  EXPECT_LE(hold.value(), 60 * domain::kMicrosPerSecond);
  // A hold delays the check; it never refuses the right password.
  EXPECT_TRUE(service_->login(number, "19800401", "attacker").ok());
  // The real user, from elsewhere, is not held back.
  EXPECT_EQ(service_->login_hold(account, "home", "").value(), 0);
  EXPECT_TRUE(service_->login(number, "19800401", "home").ok());
}

TEST_F(Accounts, ADeviceTokenExemptsItsDeviceUntilThePasswordChanges) {
  const std::string number = register_resident();
  const std::string account = "user:" + number;
  ASSERT_TRUE(service_->login(number, "19800401", "home").ok());
  const std::string token = service_->issue_device_token(account);
  ASSERT_FALSE(token.empty());
  EXPECT_FALSE(service_->device_of(token, account).empty());
  EXPECT_TRUE(service_->device_of(token, "user:99999999").empty());  // another account
  std::string forged = token;
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_TRUE(service_->device_of(forged, account).empty());
  // An attacker fails 40 times from 40 addresses: every new source is held...
  for (int i = 0; i < 40; ++i) {
    (void)service_->login(number, "guess", "198.51.100." + std::to_string(i));
  }
  EXPECT_GT(service_->login_hold(account, "203.0.113.1", "").value(), 0);
  // ...but the device is not, from any address.
  EXPECT_EQ(service_->login_hold(account, "203.0.113.1", token).value(), 0);
  // A password change revokes every device token of the account.
  ASSERT_TRUE(
      service_->change_password(number, "19800401", "umi-no-ie-2026", "umi-no-ie-2026").ok());
  EXPECT_TRUE(service_->device_of(token, account).empty());
  // And a token expires after device_token_days.
  const std::string fresh = service_->issue_device_token(account);
  clock_.advance(181 * domain::kMicrosPerDay);
  EXPECT_TRUE(service_->device_of(fresh, account).empty());
}

TEST_F(Accounts, APasswordChangeIsNotHeldBackByTheLoginThrottle) {
  const std::string number = register_resident();
  for (int i = 0; i < 40; ++i) {
    (void)service_->login(number, "guess", "198.51.100." + std::to_string(i));
  }
  EXPECT_TRUE(
      service_->change_password(number, "19800401", "umi-no-ie-2026", "umi-no-ie-2026").ok());
}

TEST_F(Accounts, AWorkerWaitsForAnOperatorWhoSeesTheProof) {
  auto r = service_->register_online(worker_form(), make_jpeg(32, 32, "metadata-to-drop"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, domain::RegistrationStatus::kPending);
  EXPECT_TRUE(r->user_number.empty());
  auto pending = service_->registrations(domain::RegistrationStatus::kPending);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].data->workplace_name, "港区役所");
  auto proof = service_->proof(r->registration_id);
  ASSERT_TRUE(proof.ok());
  EXPECT_EQ(proof->media_type, "image/jpeg");
  EXPECT_EQ(proof->bytes.find("metadata-to-drop"), std::string::npos);
  // Auditors read, they do not approve.
  EXPECT_EQ(service_->approve(domain::Actor::op("audit"), r->registration_id).error().code,
            ErrorCode::kForbidden);
  auto approved = service_->approve(domain::Actor::op("ops"), r->registration_id);
  ASSERT_TRUE(approved.ok());
  EXPECT_TRUE(domain::valid_check_digit(approved->user_number));
  EXPECT_TRUE(approved->activation_code.empty());  // the legacy rule: the birth date
  EXPECT_TRUE(service_->login(approved->user_number, "19901231", "a").ok());
}

TEST_F(Accounts, AWorkerWithoutAProofOrWithABadOneIsRefusedAndNothingIsStored) {
  const std::uint64_t head = store_->head();
  auto none = service_->register_online(worker_form(), std::nullopt);
  EXPECT_EQ(none.error().fields.at(0).field, "proof");
  auto pdf = service_->register_online(worker_form(), std::string("%PDF-1.4 not an image"));
  EXPECT_EQ(pdf.error().code, ErrorCode::kUnsupportedMediaType);
  std::string huge(kMaxProofBytes + 1, 'x');
  EXPECT_EQ(service_->register_online(worker_form(), huge).error().code,
            ErrorCode::kPayloadTooLarge);
  EXPECT_EQ(store_->head(), head);
}

TEST_F(Accounts, ARejectedApplicantIsToldWhy) {
  auto r = service_->register_online(worker_form(), make_png(8, 8));
  ASSERT_TRUE(r.ok());
  ASSERT_TRUE(
      service_->reject(domain::Actor::op("ops"), r->registration_id, "証明書が不鮮明です").ok());
  auto rejected = service_->registrations(domain::RegistrationStatus::kRejected);
  ASSERT_EQ(rejected.size(), 1u);
  EXPECT_EQ(rejected[0].registration.reject_reason, "証明書が不鮮明です");
  bool mailed = false;
  for (const auto& [id, m] : snapshot().accounts.mails) {
    mailed |= m.mail.kind == domain::MailKind::kRejected;
  }
  EXPECT_TRUE(mailed);
}

TEST_F(Accounts, ASecondApplicationBySamePersonWaitsForAnOperator) {
  register_resident();
  auto again =
      service_->register_online(resident_form("港　花子", "other@example.jp"), std::nullopt);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, domain::RegistrationStatus::kPending);
  EXPECT_EQ(again->duplicates.size(), 1u);
}

TEST_F(Accounts, AnOperatorRegistersAPostcardApplicantWithoutEmail) {
  domain::ApplicantForm card = resident_form("白金 一郎", "");
  card.name_kana = "シロカネ　イチロウ";
  card.consent = "";
  EXPECT_EQ(service_->register_postcard(domain::Actor::system(), card).error().code,
            ErrorCode::kForbidden);
  auto r = service_->register_postcard(domain::Actor::op("ops"), card);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->status, domain::RegistrationStatus::kApproved);
  // The registration's events name the operator as the actor.
  std::string actor;
  (void)store_->read_stream("registration-" + r->registration_id, 1, 1, true,
                            [&](const eventstore::EventView& e) {
                              actor = std::string(e.actor);
                              return true;
                            });
  EXPECT_EQ(actor, "operator:ops");
  EXPECT_TRUE(service_->login(r->user_number, "19800401", "a").ok());
}

TEST_F(Accounts, RegistrationHonoursIdempotencyKeys) {
  auto first = service_->register_online(resident_form(), std::nullopt, "key-1");
  auto again = service_->register_online(resident_form(), std::nullopt, "key-1");
  ASSERT_TRUE(first.ok() && again.ok());
  EXPECT_EQ(first->user_number, again->user_number);
  EXPECT_EQ(snapshot().accounts.registrations.size(), 1u);
}

TEST_F(Accounts, OperatorsLogInUntilDisabledAndDisablingEndsTheirSessions) {
  auto ok = service_->operator_login("ops", kOpsPassword, "a");
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->role, domain::OperatorRole::kOperator);
  EXPECT_EQ(service_->operator_login("audit", kOpsPassword, "a")->role,
            domain::OperatorRole::kAuditor);
  EXPECT_EQ(service_->operator_login("ops", "nope", "a").error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(service_->operator_login("ghost", kOpsPassword, "a").error().code,
            ErrorCode::kUnauthorized);
  std::vector<std::string> revoked;
  service_->on_sessions_revoked([&](const std::string& a) { revoked.push_back(a); });
  ASSERT_TRUE(service_->disable_operator("ops").ok());
  EXPECT_EQ(revoked, std::vector<std::string>{"operator:ops"});
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "a").error().code,
            ErrorCode::kUnauthorized);
  EXPECT_EQ(service_->operator_profile("ops").error().code, ErrorCode::kUnauthorized);
  // Operator logins are throttled like users': held, never refused.
  for (int i = 0; i < 6; ++i) (void)service_->operator_login("audit", "guess", "x");
  EXPECT_GT(service_->login_hold("operator:audit", "x", "").value(), 0);
  EXPECT_TRUE(service_->operator_login("audit", kOpsPassword, "x").ok());
}

TEST_F(Accounts, EverythingSurvivesARestart) {
  const std::string number = register_resident();
  ASSERT_TRUE(
      service_->change_password(number, "19800401", "umi-no-ie-2026", "umi-no-ie-2026").ok());
  close();
  open();
  auto login = service_->login(number, "umi-no-ie-2026", "a");
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(login->name, "港 花子");
  EXPECT_FALSE(login->must_change_password);
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "a").ok());
}

class RecommendOnly : public AccountTest {
  AccountsConfig config() override {
    AccountsConfig c = AccountTest::config();
    c.initial_password_must_change = false;
    return c;
  }
};

TEST_F(RecommendOnly, TheInitialPasswordNeitherForcesAChangeNorExpires) {
  const std::string number = register_resident();
  clock_.advance(400 * domain::kMicrosPerDay);
  auto login = service_->login(number, "19800401", "a");
  ASSERT_TRUE(login.ok());
  EXPECT_FALSE(login->must_change_password);
}

class ManualApproval : public AccountTest {
  AccountsConfig config() override {
    AccountsConfig c = AccountTest::config();
    c.auto_approve_residents = false;
    return c;
  }
};

TEST_F(ManualApproval, ResidentsWaitWhenAutomaticApprovalIsOff) {
  auto r = service_->register_online(resident_form(), std::nullopt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, domain::RegistrationStatus::kPending);
}

}  // namespace
}  // namespace hoyo::accounts::testing
