// The decision state of accounts, folded from the account events. Part of
// BookingState (one writer decides everything).
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/account_events.h"
#include "domain/notice_events.h"

namespace hoyo::domain {

enum class RegistrationStatus : std::uint8_t { kPending, kApproved, kRejected };
const char* registration_status_name(RegistrationStatus s);

struct Registration {
  RegistrationSubmitted submitted;
  RegistrationStatus status = RegistrationStatus::kPending;
  std::string user_number;
  bool automatic = false;
  Instant approved_at = 0;
  std::string reject_reason;
  bool erased = false;
  bool operator==(const Registration&) const = default;
};

// The last password event of an account.
struct PasswordInfo {
  PasswordReason reason = PasswordReason::kInitial;
  Instant set_at = 0;
  bool operator==(const PasswordInfo&) const = default;
};

struct OperatorAccount {
  OperatorRole role = OperatorRole::kOperator;
  bool disabled = false;
  bool operator==(const OperatorAccount&) const = default;
};

enum class MailStatus : std::uint8_t { kQueued, kSent, kFailed };

struct OutboxMail {
  MailQueued mail;
  MailStatus status = MailStatus::kQueued;
  int attempts = 0;  // failed attempts so far
  Instant last_failure = 0;
  // A notice's text (kind kNotice), kept only while the mail is queued.
  std::string subject;
  std::string body;
  Language language = Language::kJa;  // the notice's
  // The notice's kind and deadline (NoticeIssued's), kept with its text: the
  // mail links to where it is answered (notice_screen).
  NoticeKind notice_kind = NoticeKind::kLotteryResult;
  Instant confirm_by = 0;
  bool operator==(const OutboxMail&) const = default;
};

// A user's notice preferences (PreferencesSet); the defaults until set.
struct Preferences {
  Language language = Language::kJa;
  bool reminders = true;
  bool operator==(const Preferences&) const = default;
};

struct AccountState {
  std::map<std::string, Registration> registrations;        // by registration id
  std::unordered_map<std::string, std::string> users;       // user number -> registration
  std::map<Digest, std::vector<std::string>> identities;    // identity -> registrations
  std::unordered_map<std::string, PasswordInfo> passwords;  // "user:N" / "operator:L"
  std::map<std::string, OperatorAccount> operators;         // by login
  std::map<std::string, OutboxMail> mails;                  // by mail id
  // Users who set their preferences (the others have the defaults).
  std::unordered_map<std::string, Preferences> preferences;  // by user number
  // Per reservation number, the change receipts issued so far (names the next).
  std::unordered_map<std::string, std::uint32_t> change_receipts;

  const Registration* registration(const std::string& id) const;
  // The approved registration holding a user number, or null.
  const Registration* user(const std::string& user_number) const;
  const OperatorAccount* op(const std::string& login) const;
  // The user's preferences (the defaults when never set).
  Preferences preferences_of(const std::string& user_number) const;

  bool operator==(const AccountState&) const = default;
};

// "user:N" for a user number, "operator:L" for a login.
inline std::string user_account(const std::string& n) { return "user:" + n; }
inline std::string operator_account(const std::string& l) { return "operator:" + l; }

void evolve_account(AccountState& s, const RegistrationSubmitted& e);
void evolve_account(AccountState& s, const RegistrationApproved& e);
void evolve_account(AccountState& s, const RegistrationRejected& e);
void evolve_account(AccountState& s, const PasswordSet& e);
void evolve_account(AccountState& s, const LoginAttempted& e);
void evolve_account(AccountState& s, const PasswordResetIssued& e);
void evolve_account(AccountState& s, const MailQueued& e);
void evolve_account(AccountState& s, const MailSent& e);
void evolve_account(AccountState& s, const MailFailed& e);
void evolve_account(AccountState& s, const PersonalDataErased& e);
void evolve_account(AccountState& s, const OperatorAdded& e);
void evolve_account(AccountState& s, const OperatorDisabled& e);
void evolve_account(AccountState& s, const SecondFactorChanged& e);
void evolve_account(AccountState& s, const PreferencesSet& e);
void evolve_account(AccountState& s, const NoticeIssued& e);
void evolve_account(AccountState& s, const NoticesRead& e);

}  // namespace hoyo::domain
