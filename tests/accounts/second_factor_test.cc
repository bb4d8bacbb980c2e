// Staff second factor through the accounts service on a real store, on the
// settable clock: enrolment that must be confirmed before it is required,
// logins without, with a wrong and with a right code, replay, recovery codes,
// disabling, the administrator's reset, and secrets kept out of the log. And
// a staff member's own password change.
#include "accounts/second_factor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "account_fixture.h"
#include "accounts/totp.h"
#include "base/hex.h"

namespace hoyo::accounts::testing {
namespace {

using base::ErrorCode;

// RFC 4648 base32 (no padding) back to bytes: the test reads the secret the
// way an authenticator app does.
std::string from_base32(const std::string& s) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : s) {
    const int v = c >= 'A' && c <= 'Z' ? c - 'A' : c >= '2' && c <= '7' ? c - '2' + 26 : -1;
    if (v < 0) return {};
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

class StaffSecondFactor : public AccountTest {
 protected:
  // Enrols "ops" and confirms with the current code; returns the enrolment.
  TotpEnrolment enrol(const std::string& login = "ops") {
    auto e = service_->start_totp_enrolment(login);
    EXPECT_TRUE(e.ok()) << (e.ok() ? std::string() : e.error().to_string());
    if (!e.ok()) return {};
    secret_ = from_base32(e->secret);
    auto confirmed = service_->confirm_totp(login, code_now());
    EXPECT_TRUE(confirmed.ok()) << (confirmed.ok() ? std::string() : confirmed.error().to_string());
    return e.value();
  }
  std::string code_now(int offset = 0) const {
    return totp_code(secret_, totp_step(clock_.now()) + offset);
  }
  void next_step() { clock_.advance(kTotpStepSeconds * domain::kMicrosPerSecond); }
  std::vector<std::string> login_outcomes() {
    std::vector<std::string> out;
    (void)store_->read_stream("logins", 1, 1000, true, [&](const eventstore::EventView& e) {
      out.push_back(
          std::get<domain::LoginAttempted>(*domain::decode_event(e.type, e.payload)).outcome);
      return true;
    });
    return out;
  }
  std::vector<domain::SecondFactorChanged> changes(const std::string& login) {
    std::vector<domain::SecondFactorChanged> out;
    (void)store_->read_stream("operator-" + login, 1, 1000, true,
                              [&](const eventstore::EventView& e) {
                                auto ev = domain::decode_event(e.type, e.payload);
                                if (auto* c = std::get_if<domain::SecondFactorChanged>(&*ev)) {
                                  out.push_back(*c);
                                }
                                return true;
                              });
    return out;
  }
  std::string secret_;
};

TEST_F(StaffSecondFactor, EnrolmentGivesASecretAnOtpauthUriAndTenRecoveryCodes) {
  auto e = service_->start_totp_enrolment("ops");
  ASSERT_TRUE(e.ok()) << e.error().message;
  EXPECT_EQ(e->secret.size(), 32u);  // 20 bytes in base32
  EXPECT_EQ(from_base32(e->secret).size(), kTotpSecretBytes);
  EXPECT_EQ(e->otpauth_uri, "otpauth://totp/Hoyo:ops?secret=" + e->secret +
                                "&issuer=Hoyo&algorithm=SHA1&digits=6&period=30");
  ASSERT_EQ(e->recovery_codes.size(), 10u);
  std::set<std::string> distinct(e->recovery_codes.begin(), e->recovery_codes.end());
  EXPECT_EQ(distinct.size(), 10u);
  // A second start replaces the pending secret.
  auto again = service_->start_totp_enrolment("ops");
  EXPECT_NE(again->secret, e->secret);
  EXPECT_EQ(service_->start_totp_enrolment("ghost").error().code, ErrorCode::kUnauthorized);
}

TEST_F(StaffSecondFactor, EnrolmentMustBeConfirmedBeforeItIsRequired) {
  EXPECT_EQ(service_->second_factor_status("ops").value(), SecondFactorStatus::kOff);
  EXPECT_EQ(service_->confirm_totp("ops", "123456").error().code, ErrorCode::kConflict);
  auto e = service_->start_totp_enrolment("ops");
  ASSERT_TRUE(e.ok());
  secret_ = from_base32(e->secret);
  EXPECT_EQ(service_->second_factor_status("ops").value(), SecondFactorStatus::kPending);
  // Pending: the password alone still logs in.
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "a").ok());
  // A wrong code does not confirm it.
  const std::string wrong = code_now() == "000000" ? "111111" : "000000";
  auto refused = service_->confirm_totp("ops", wrong);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kValidation);
  EXPECT_EQ(refused.error().fields.at(0).field, "totp");
  EXPECT_EQ(service_->second_factor_status("ops").value(), SecondFactorStatus::kPending);
  ASSERT_TRUE(service_->confirm_totp("ops", code_now()).ok());
  EXPECT_EQ(service_->second_factor_status("ops").value(), SecondFactorStatus::kOn);
  EXPECT_EQ(service_->confirm_totp("ops", code_now(1)).error().code, ErrorCode::kConflict);
  EXPECT_EQ(service_->start_totp_enrolment("ops").error().code, ErrorCode::kConflict);
  // Now required; the confirming code itself does not log in.
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "a").error().code,
            ErrorCode::kSecondFactorRequired);
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "a", code_now()).error().code,
            ErrorCode::kUnauthorized);
  // The auditor, not enrolled, is not affected.
  EXPECT_TRUE(service_->operator_login("audit", kOpsPassword, "a").ok());
  const auto recorded = changes("ops");
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].change, domain::SecondFactorChange::kEnabled);
}

TEST_F(StaffSecondFactor, AnEnrolledLoginNeedsTheRightCodeOnceAfterTheRightPassword) {
  enrol();
  next_step();
  // Missing: a distinct answer, only after the right password.
  auto missing = service_->operator_login("ops", kOpsPassword, "a");
  EXPECT_EQ(missing.error().code, ErrorCode::kSecondFactorRequired);
  auto wrong_password_no_code = service_->operator_login("ops", "wrong-password", "a");
  EXPECT_EQ(wrong_password_no_code.error().code, ErrorCode::kUnauthorized);
  // Wrong: the very answer of a wrong password.
  const std::string wrong = code_now() == "000000" ? "111111" : "000000";
  auto bad_code = service_->operator_login("ops", kOpsPassword, "a", wrong);
  ASSERT_EQ(bad_code.error().code, ErrorCode::kUnauthorized);
  EXPECT_EQ(bad_code.error().message, wrong_password_no_code.error().message);
  // The right code with a wrong password is not even looked at (nor used up).
  EXPECT_EQ(service_->operator_login("ops", "wrong-password", "a", code_now()).error().code,
            ErrorCode::kUnauthorized);
  auto ok = service_->operator_login("ops", kOpsPassword, "a", code_now());
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->role, domain::OperatorRole::kOperator);
  // Replay: the same code, or the previous step's, is refused.
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "a", code_now()).error().code,
            ErrorCode::kUnauthorized);
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "b", code_now(-1)).error().code,
            ErrorCode::kUnauthorized);
  // The next step's code works (a clock a little ahead), then one a step late.
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "b", code_now(1)).ok());
  next_step();
  next_step();
  next_step();
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "b", code_now(-1)).ok());
  // Two steps away is too far.
  next_step();
  next_step();
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "b", code_now(2)).error().code,
            ErrorCode::kUnauthorized);
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "b", code_now(-2)).error().code,
            ErrorCode::kUnauthorized);
  // Spaces typed in the code are fine.
  const std::string c = code_now();
  EXPECT_TRUE(
      service_->operator_login("ops", kOpsPassword, "b", c.substr(0, 3) + " " + c.substr(3)).ok());
  // Failures are counted, not logged: the log holds the successes only.
  const auto outcomes = login_outcomes();
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "totp_required"), 0);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "wrong_totp"), 0);
  EXPECT_GE(std::count(outcomes.begin(), outcomes.end(), "ok"), 4);
  EXPECT_GE(service_->login_failures(), 4u);
}

TEST_F(StaffSecondFactor, WrongCodesAreThrottledLikeWrongPasswords) {
  enrol();
  next_step();
  const std::string wrong = code_now() == "000000" ? "111111" : "000000";
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(service_->operator_login("ops", kOpsPassword, "x", wrong).error().code,
              ErrorCode::kUnauthorized);
  }
  // That source is now held (never refused) before its next check...
  EXPECT_GT(service_->login_hold("operator:ops", "x", "").value(), 0);
  // ...while elsewhere, the real operator is not held at all.
  EXPECT_EQ(service_->login_hold("operator:ops", "y", "").value(), 0);
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "y", code_now()).ok());
}

TEST_F(StaffSecondFactor, EachRecoveryCodeWorksOnceInPlaceOfTheCode) {
  const TotpEnrolment e = enrol();
  ASSERT_EQ(e.recovery_codes.size(), 10u);
  auto first = service_->operator_login("ops", kOpsPassword, "a", e.recovery_codes[0]);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "a", e.recovery_codes[0]).error().code,
            ErrorCode::kUnauthorized);
  // Typed in lower case without hyphens, another one works.
  std::string typed = normal_code(e.recovery_codes[3]);
  for (char& ch : typed) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "a", typed).ok());
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "a", "AAAA-BBBB-CCCC-DDDD").error().code,
            ErrorCode::kUnauthorized);
  const auto outcomes = login_outcomes();
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), "ok_recovery_code"), 2);
}

TEST_F(StaffSecondFactor, DisablingNeedsThePasswordThenACode) {
  const TotpEnrolment e = enrol();
  next_step();
  auto no_password = service_->disable_totp("ops", "wrong-password", code_now());
  ASSERT_FALSE(no_password.ok());
  EXPECT_EQ(no_password.error().fields.at(0).field, "password");
  const std::string wrong = code_now() == "000000" ? "111111" : "000000";
  auto no_code = service_->disable_totp("ops", kOpsPassword, wrong);
  ASSERT_FALSE(no_code.ok());
  EXPECT_EQ(no_code.error().fields.at(0).field, "totp");
  EXPECT_EQ(service_->second_factor_status("ops").value(), SecondFactorStatus::kOn);
  // The code was not used up by the refused attempt with a wrong password.
  ASSERT_TRUE(service_->disable_totp("ops", kOpsPassword, code_now()).ok());
  EXPECT_EQ(service_->second_factor_status("ops").value(), SecondFactorStatus::kOff);
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "a").ok());
  EXPECT_EQ(service_->disable_totp("ops", kOpsPassword, code_now()).error().code,
            ErrorCode::kConflict);
  // A recovery code disables too.
  const TotpEnrolment again = enrol();
  ASSERT_TRUE(service_->disable_totp("ops", kOpsPassword, again.recovery_codes[9]).ok());
  const auto recorded = changes("ops");
  ASSERT_EQ(recorded.size(), 4u);
  EXPECT_EQ(recorded[1].change, domain::SecondFactorChange::kDisabled);
  EXPECT_EQ(recorded[3].change, domain::SecondFactorChange::kDisabled);
  (void)e;
}

TEST_F(StaffSecondFactor, AnAdministratorResetsALostAuthenticator) {
  enrol();
  EXPECT_EQ(service_->operator_login("ops", kOpsPassword, "a").error().code,
            ErrorCode::kSecondFactorRequired);
  auto reset = service_->reset_totp("ops");
  ASSERT_TRUE(reset.ok());
  EXPECT_TRUE(reset.value());
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "a").ok());
  EXPECT_FALSE(service_->reset_totp("ops").value());
  EXPECT_EQ(service_->reset_totp("ghost").error().code, ErrorCode::kNotFound);
  const auto recorded = changes("ops");
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded[1].change, domain::SecondFactorChange::kReset);
}

TEST_F(StaffSecondFactor, SecretsAndRecoveryCodesStayOutOfTheLogAndSurviveARestart) {
  const TotpEnrolment e = enrol();
  std::vector<std::string> secrets{secret_, e.secret, base::to_hex(secret_)};
  for (const std::string& c : e.recovery_codes) {
    secrets.push_back(c);
    secrets.push_back(normal_code(c));
    secrets.push_back(recovery_hash(normal_code(c)));
  }
  const std::string log = whole_log();
  for (const std::string& s : secrets) EXPECT_EQ(log.find(s), std::string::npos) << s;
  close();
  open();
  EXPECT_EQ(service_->second_factor_status("ops").value(), SecondFactorStatus::kOn);
  next_step();
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "a", code_now()).ok());
}

TEST_F(StaffSecondFactor, StaffChangeTheirOwnPasswordAndEverySessionEnds) {
  std::vector<std::string> revoked;
  service_->on_sessions_revoked([&](const std::string& a) { revoked.push_back(a); });
  auto wrong =
      service_->change_operator_password("audit", "nope", "kansa-new-2027", "kansa-new-2027");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().fields.at(0).field, "currentPassword");
  auto weak = service_->change_operator_password("audit", kOpsPassword, "password", "password");
  EXPECT_EQ(weak.error().fields.at(0).code, "common");
  auto mismatch =
      service_->change_operator_password("audit", kOpsPassword, "kansa-new-2027", "kansa-new-2028");
  EXPECT_EQ(mismatch.error().fields.at(0).code, "mismatch");
  EXPECT_TRUE(revoked.empty());
  auto changed =
      service_->change_operator_password("audit", kOpsPassword, "kansa-new-2027", "kansa-new-2027");
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_EQ(revoked, std::vector<std::string>{"operator:audit"});
  EXPECT_EQ(service_->operator_login("audit", kOpsPassword, "a").error().code,
            ErrorCode::kUnauthorized);
  EXPECT_TRUE(service_->operator_login("audit", "kansa-new-2027", "a").ok());
  EXPECT_TRUE(service_->operator_login("ops", kOpsPassword, "a").ok());  // others unchanged
  EXPECT_EQ(whole_log().find("kansa-new-2027"), std::string::npos);
}

}  // namespace
}  // namespace hoyo::accounts::testing
