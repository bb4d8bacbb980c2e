// The default first password: a random single-use activation code issued at
// approval, mailed (or handed to the operator for a postcard applicant),
// stored only as a hash, opening only the password change for 14 days. The
// birth date is no key to the account.
#include <gtest/gtest.h>

#include <cctype>

#include "account_fixture.h"
#include "accounts/mail_delivery.h"
#include "accounts/one_time_code.h"
#include "images.h"
#include "mail_capture.h"

namespace hoyo::accounts {
namespace {

using base::ErrorCode;
using testing::AccountTest;
using testing::CapturedMail;
using testing::CaptureTransport;
using testing::kNow;
using testing::mail_body;
using testing::resident_form;
using testing::worker_form;

class ActivationCode : public AccountTest {
 protected:
  AccountsConfig config() override {
    AccountsConfig c = AccountTest::config();
    c.initial_password = InitialPassword::kActivationCode;
    return c;
  }
  void SetUp() override {
    AccountTest::SetUp();
    auto transport = std::make_unique<CaptureTransport>(&mails_);
    DeliveryConfig c;
    c.background = false;
    delivery_ = std::make_unique<MailDelivery>(*store_, *processor_, service_->vault(), clock_,
                                               std::move(transport), c);
  }
  void TearDown() override {
    delivery_.reset();
    AccountTest::TearDown();
  }
  // The code on its own line of the latest mail: "アクティベーションコード: CODE".
  std::string mailed_code() {
    delivery_->deliver_due();
    if (mails_.empty()) return {};
    const std::string label = "アクティベーションコード: ";
    const std::string body = mail_body(mails_.back().message);
    const auto at = body.find(label);
    if (at == std::string::npos) return {};
    return body.substr(at + label.size(), body.find('\n', at) - at - label.size());
  }

  std::vector<CapturedMail> mails_;
  std::unique_ptr<MailDelivery> delivery_;
};

TEST_F(ActivationCode, AnOnlineResidentGetsACodeByMailNotTheBirthDate) {
  auto r = service_->register_online(resident_form(), std::nullopt);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->status, domain::RegistrationStatus::kApproved);
  const std::string code = mailed_code();
  ASSERT_EQ(code.size(), 19u) << (mails_.empty() ? "no mail" : mail_body(mails_.back().message));
  EXPECT_EQ(code, r->activation_code);
  EXPECT_EQ(mail_body(mails_.back().message).find("生年月日"), std::string::npos);
  // The birth date does not open the account.
  EXPECT_EQ(service_->login(r->user_number, "19800401", "a").error().code,
            ErrorCode::kUnauthorized);
  // The code does, however it is typed, and only for the password change.
  std::string typed;
  for (char c : code) {
    if (c != '-') typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  auto login = service_->login(r->user_number, typed, "a");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_TRUE(login->must_change_password);
  // Changing it uses the code up: it never works again.
  ASSERT_TRUE(
      service_->change_password(r->user_number, code, "umi-no-ie-2026", "umi-no-ie-2026").ok());
  EXPECT_EQ(service_->login(r->user_number, code, "a").error().code, ErrorCode::kUnauthorized);
  EXPECT_TRUE(service_->login(r->user_number, "umi-no-ie-2026", "a").ok());
}

TEST_F(ActivationCode, TheCodeIsNeverInTheLogAndLeavesTheOutboxOnceSent) {
  auto r = service_->register_online(resident_form(), std::nullopt);
  ASSERT_TRUE(r.ok());
  const std::string code = r->activation_code;
  std::string log;
  (void)store_->read_all(1, UINT64_MAX, [&](const eventstore::EventView& e) {
    log.append(reinterpret_cast<const char*>(e.payload.data()), e.payload.size());
    return true;
  });
  EXPECT_EQ(log.find(code), std::string::npos);
  EXPECT_EQ(log.find(normal_code(code)), std::string::npos);
  ASSERT_EQ(mailed_code(), code);
  // Nothing of it is kept in the clear once the mail is out.
  std::string outbox;
  (void)store_->side_scan(eventstore::SideTable::kOutbox, "",
                          [&](std::string_view, std::string_view v) {
                            outbox.append(v);
                            return true;
                          });
  EXPECT_EQ(outbox.find(code), std::string::npos);
}

TEST_F(ActivationCode, ItExpiresFourteenDaysAfterApproval) {
  auto r = service_->register_online(resident_form(), std::nullopt);
  ASSERT_TRUE(r.ok());
  clock_.advance(14 * domain::kMicrosPerDay - domain::kMicrosPerSecond);
  EXPECT_TRUE(service_->login(r->user_number, r->activation_code, "a").ok());
  clock_.advance(2 * domain::kMicrosPerSecond);
  EXPECT_EQ(service_->login(r->user_number, r->activation_code, "a").error().code,
            ErrorCode::kUnauthorized);
}

TEST_F(ActivationCode, AWorkerGetsACodeWhenAnOperatorApprovesAndOnlyThen) {
  auto r = service_->register_online(worker_form(), testing::make_jpeg(40, 30));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->status, domain::RegistrationStatus::kPending);
  EXPECT_TRUE(r->activation_code.empty());  // nothing to tell before approval
  delivery_->deliver_due();
  EXPECT_TRUE(mails_.empty());
  // An auditor cannot approve, and touches no credential trying.
  EXPECT_EQ(service_->approve(domain::Actor::op("audit"), r->registration_id).error().code,
            ErrorCode::kForbidden);
  auto approved = service_->approve(domain::Actor::op("ops"), r->registration_id);
  ASSERT_TRUE(approved.ok()) << approved.error().message;
  EXPECT_TRUE(approved->activation_code.empty());  // online: by mail only
  const std::string code = mailed_code();
  ASSERT_EQ(code.size(), 19u);
  EXPECT_TRUE(service_->login(approved->user_number, code, "a").ok());
  EXPECT_EQ(service_->login(approved->user_number, "19901231", "a").error().code,
            ErrorCode::kUnauthorized);
  // A second approval is refused and leaves the code working.
  EXPECT_FALSE(service_->approve(domain::Actor::op("ops"), r->registration_id).ok());
  EXPECT_TRUE(service_->login(approved->user_number, code, "a").ok());
}

TEST_F(ActivationCode, APostcardApplicantsCodeGoesToTheOperatorForTheLetter) {
  domain::ApplicantForm f = resident_form("芝 次郎", "");
  auto r = service_->register_postcard(domain::Actor::op("ops"), f);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->activation_code.size(), 19u);
  EXPECT_TRUE(service_->login(r->user_number, r->activation_code, "a").ok());
  delivery_->deliver_due();
  EXPECT_TRUE(mails_.empty());  // no address, no mail
  // Two codes are never the same.
  auto other = service_->register_postcard(domain::Actor::op("ops"), resident_form("芝 三郎", ""));
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->activation_code, r->activation_code);
}

// User numbers are not guessable from a neighbour: random, not sequential.
TEST_F(ActivationCode, UserNumbersAreRandomNotSequential) {
  std::vector<long> numbers;
  for (int i = 0; i < 8; ++i) {
    auto r = service_->register_postcard(domain::Actor::op("ops"),
                                         resident_form("区民 " + std::to_string(i), ""));
    ASSERT_TRUE(r.ok());
    numbers.push_back(std::stol(r->user_number));
  }
  int adjacent = 0;
  for (std::size_t i = 1; i < numbers.size(); ++i) {
    if (std::labs(numbers[i] - numbers[i - 1]) < 1000) ++adjacent;
  }
  EXPECT_EQ(adjacent, 0);
}

}  // namespace
}  // namespace hoyo::accounts
