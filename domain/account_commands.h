// Commands of accounts. The accounts service (accounts/) does the I/O around
// them (sealing personal data, hashing passwords, storing proofs, issuing
// tokens); decide() checks the rules that need the log's state.
#pragma once

#include <string>

#include "domain/account_events.h"

namespace hoyo::domain {

// M9 (actor: system, for the public form) or O4 (actor: an operator, channel
// postcard). Approved at once for a postcard, or for a resident when
// `auto_approve_residents` and no earlier application looks like the same
// person. `user_number` is a fresh candidate (the processor fills it) and
// `mail_id` names the approval mail, queued when an email was given.
struct SubmitRegistration {
  RegistrationSubmitted registration;  // duplicates and at are filled by decide
  bool auto_approve_residents = true;
  std::string user_number;
  std::string mail_id;
  // O4: the number a postcard applicant already holds (operators only; digits
  // with a valid check digit, not in use). Empty: a fresh one is issued.
  std::string requested_user_number;
};

// O1: approve a pending registration (operators with the operator role).
struct ApproveRegistration {
  std::string registration;
  std::string user_number;  // filled by the processor
  std::string mail_id;
};

struct RejectRegistration {
  std::string registration;
  std::string reason;
  std::string mail_id;
};

// The credential store now holds a new hash for `account`; with a mail id,
// the user is told by mail.
struct RecordPasswordSet {
  std::string account;
  PasswordReason reason = PasswordReason::kChanged;
  std::string mail_id;
};

struct RecordLogin {
  LoginAttempted attempt;
};

// M11: a reset link for a user with a registered email.
struct IssuePasswordReset {
  std::string user_number;
  std::string mail_id;
};

// The delivery worker's report on one queued mail.
struct RecordMailOutcome {
  std::string mail_id;
  bool sent = false;
  std::string error;
  bool final = false;
};

// O4: destroy a user's data key (crypto-shredding), by user number or, for a
// registration never approved, by registration id.
struct ErasePersonalData {
  std::string user_number;
  std::string registration;
  std::string reason;
};

// Staff accounts: actor system (hoyoctl on a stopped directory, hoyod's
// first administrator) or an enabled administrator (the admin routes).
// DisableOperator refuses the last enabled administrator (kConflict).
// 3-32 characters of a-z, 0-9, '.', '_' and '-'.
bool valid_operator_login(const std::string& login);

struct AddOperator {
  std::string login;
  OperatorRole role = OperatorRole::kOperator;
};

struct DisableOperator {
  std::string login;
};

// The credential store now holds (or no longer holds) an active second factor
// for the staff account `login`: enabled or disabled by the staff member
// themself (actor: that operator), reset by an administrator (actor: system
// or an enabled admin).
struct RecordSecondFactorChange {
  std::string login;
  SecondFactorChange change = SecondFactorChange::kEnabled;
};

}  // namespace hoyo::domain
