// The events of accounts: registration, approval, passwords (that one was set,
// never what), logins, resets, mail and erasure. No password, hash, token or
// image byte is ever part of one; personal fields travel sealed (encrypted
// with the registration's data key, see accounts/personal_data.h).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/applicant.h"
#include "domain/civil_time.h"

namespace hoyo::domain {

using Digest = std::array<std::uint8_t, 32>;

// M9 / O4: an application for registration. `sealed` holds the personal fields
// encrypted under the data key `key_id`; `identity` is a keyed digest of name,
// kana and birth date that spots a second application by the same person
// (`duplicates` lists the earlier ones, for the operator).
struct RegistrationSubmitted {
  std::string id;
  Channel channel = Channel::kOnline;
  Category category = Category::kResident;
  std::string key_id;
  std::string sealed;
  bool email_given = false;
  std::string proof;  // hex SHA-256 of the re-encoded proof in the blob store; empty if none
  Digest identity{};
  std::vector<std::string> duplicates;
  Instant at = 0;
  bool operator==(const RegistrationSubmitted&) const = default;
};

// O1: approved (automatically, or by the acting operator); the user number is issued.
struct RegistrationApproved {
  std::string id;
  std::string user_number;
  bool automatic = false;
  Instant at = 0;
  bool operator==(const RegistrationApproved&) const = default;
};

struct RegistrationRejected {
  std::string id;
  std::string reason;
  bool operator==(const RegistrationRejected&) const = default;
};

enum class PasswordReason : std::uint8_t { kInitial, kChanged, kReset };

// A password was set for an account ("user:N" or "operator:LOGIN"). The hash
// lives in the credential store.
struct PasswordSet {
  std::string account;
  PasswordReason reason = PasswordReason::kInitial;
  Instant at = 0;
  bool operator==(const PasswordSet&) const = default;
};

// M1: a login attempt, for audit. `account` is what was typed ("user:N",
// "operator:LOGIN"), known or not; `outcome` one of ok, wrong_password,
// unknown_account, expired_initial, throttled, disabled; for staff with an
// active second factor also totp_required, wrong_totp and ok_recovery_code.
struct LoginAttempted {
  std::string account;
  bool succeeded = false;
  std::string outcome;
  bool operator==(const LoginAttempted&) const = default;
};

// M11: a reset link was issued to the user's registered address (the token is
// only in the credential store, hashed, and in the mail).
struct PasswordResetIssued {
  std::string account;
  bool operator==(const PasswordResetIssued&) const = default;
};

enum class MailKind : std::uint8_t { kApproved, kRejected, kResetLink, kPasswordChanged, kNotice };

// The outbox: a mail to a registration's address. Its text is rendered at
// delivery from the kind, the registration's (decrypted) fields and, for a
// reset link, the secret kept in the outbox side table; a notice's from the
// NoticeIssued `notice` just after it in the same group.
struct MailQueued {
  std::string id;
  std::string registration;
  MailKind kind = MailKind::kApproved;
  std::string notice;  // kNotice: the notice's id
  bool operator==(const MailQueued&) const = default;
};

struct MailSent {
  std::string id;
  int attempts = 1;
  bool operator==(const MailSent&) const = default;
};

// A delivery attempt failed; `final` when no more attempts will be made.
struct MailFailed {
  std::string id;
  int attempt = 1;
  std::string error;
  bool final = false;
  Instant at = 0;
  bool operator==(const MailFailed&) const = default;
};

// O4: the registration's data key was destroyed; its sealed fields are gone for good.
struct PersonalDataErased {
  std::string registration;
  std::string reason;
  bool operator==(const PersonalDataErased&) const = default;
};

// A staff account's role. Separation of duties: an operator runs the ward's
// business, an auditor reads and checks the log, an administrator manages
// staff accounts only (docs/rules.md, "Staff roles"). Stored as its number
// (events, snapshots): a new role takes the next one.
enum class OperatorRole : std::uint8_t { kOperator, kAuditor, kAdmin };
// "operator", "auditor" or "admin": the one name of each role, in sessions,
// the API, the log's JSON and hoyoctl.
const char* role_name(OperatorRole r);
// The role named `name` (role_name's inverse); nullopt for any other text.
std::optional<OperatorRole> role_named(std::string_view name);

struct OperatorAdded {
  std::string login;
  OperatorRole role = OperatorRole::kOperator;
  bool operator==(const OperatorAdded&) const = default;
};

struct OperatorDisabled {
  std::string login;
  bool operator==(const OperatorDisabled&) const = default;
};

enum class SecondFactorChange : std::uint8_t { kEnabled, kDisabled, kReset };

// A staff account's second factor (TOTP) was enabled or disabled by its
// owner, or reset by an administrator (hoyoctl). The secret and the recovery
// codes live only in the credential store; the log tells the audit that it
// changed, never what it is.
struct SecondFactorChanged {
  std::string account;  // "operator:LOGIN"
  SecondFactorChange change = SecondFactorChange::kEnabled;
  bool operator==(const SecondFactorChanged&) const = default;
};

}  // namespace hoyo::domain
