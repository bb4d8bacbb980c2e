// The accounts service: registration (M9, O1, O4), logins (M1), passwords
// (M10, M11), operators and erasure. It does the I/O around the account
// commands: sealing personal data, storing proofs, hashing passwords into the
// credential store, issuing reset tokens, and it submits the commands to the
// processor. Calls block the calling thread (argon2id takes tens of ms); they
// are safe from any thread.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/login_throttle.h"
#include "accounts/password_hasher.h"
#include "accounts/personal_data.h"
#include "domain/account_state.h"
#include "domain/applicant.h"
#include "domain/commands.h"
#include "domain/penalties.h"
#include "domain/stay_limits.h"
#include "processor/command_processor.h"

namespace hoyo::accounts {

// What a new account's first password is.
enum class InitialPassword {
  // A random single-use code (one_time_code.h), issued at approval: mailed to
  // online registrants, handed to the operator for a postcard applicant's
  // notice letter. Stored only as an argon2id hash.
  kActivationCode,
  // The manual's rule: the 8-digit birth date (YYYYMMDD). Legacy: anyone who
  // knows a user number and a birth date could take the account over.
  kBirthDate,
};
const char* initial_password_name(InitialPassword p);  // "activation_code" / "birth_date"

struct AccountsConfig {
  bool auto_approve_residents = true;
  InitialPassword initial_password = InitialPassword::kActivationCode;
  // How long an activation code opens the password change after approval.
  int activation_code_days = 14;
  // Legacy birth-date rule: true: the initial password opens only the
  // password change and expires `initial_password_days` after approval;
  // false: changing it is only recommended (the manual's wording). An
  // activation code always opens only the change.
  bool initial_password_must_change = true;
  int initial_password_days = 30;
  domain::Instant reset_token_lifetime = 30 * 60 * domain::kMicrosPerSecond;
  int resets_per_account_per_hour = 3;
  ThrottleConfig throttle;
  int device_token_days = 180;
  // Wrong current passwords a password change may take per account per hour
  // (a session's own limit; the login throttle never holds a change back).
  int password_change_failures_per_hour = 10;
  HashParams hash;
  int max_hashes_in_flight = 4;
  std::chrono::milliseconds hash_wait{2000};
  std::string public_base_url = "http://localhost:8080";
  // The key-encryption key's 32 bytes, from prepare_key_file (key_file.h):
  // it wraps every data key. Not a setting, never printed; empty: no
  // personal data can be sealed or opened.
  std::string kek;
};

struct RegistrationReceipt {
  std::string registration_id;
  domain::RegistrationStatus status = domain::RegistrationStatus::kPending;
  std::string user_number;              // when approved
  std::vector<std::string> duplicates;  // earlier registrations that look like the same person
  // The activation code issued at approval ("ABCD-EFGH-IJKL-MNOP"; empty
  // under the birth-date rule or when not approved). Told to whoever
  // registered the applicant this once (the operator, for a postcard
  // applicant); an online registrant gets it by mail only.
  std::string activation_code;
};

struct UserLogin {
  std::string user_number;
  std::string name;
  domain::Category category = domain::Category::kResident;
  bool must_change_password = false;
  domain::Preferences preferences;  // profile() only
  // profile() only: where a posted notice goes (empty once erased).
  std::string postal_code;
  std::string address;
  bool has_email = false;
  // profile() only: the user's suspension when it covers today (Tokyo).
  std::optional<domain::Suspension> suspension;
  // profile() only: the ward's active limits on stays, for today's periods.
  std::vector<domain::LimitUsage> limits;
};

struct OperatorLogin {
  std::string login;
  domain::OperatorRole role = domain::OperatorRole::kOperator;
};

// A staff account's second factor: none, enrolled but not confirmed (not
// required yet), or active (required at every login).
enum class SecondFactorStatus { kOff, kPending, kOn };

// A staff account as an administrator sees it (hoyoctl operator list, GET
// /api/admin/staff).
struct StaffAccount {
  std::string login;
  domain::OperatorRole role = domain::OperatorRole::kOperator;
  bool disabled = false;
  SecondFactorStatus second_factor = SecondFactorStatus::kOff;
};

// What a staff member sees once when enrolling: the TOTP secret for their
// authenticator app, and the recovery codes.
struct TotpEnrolment {
  std::string secret;                       // base32, no padding
  std::string otpauth_uri;                  // the same secret as an otpauth://totp/ URI
  std::vector<std::string> recovery_codes;  // kRecoveryCodeCount, each works once
};

// O1: a registration as an operator sees it; `data` is empty once erased.
struct RegistrationView {
  domain::Registration registration;
  std::optional<domain::PersonalData> data;
};

struct ProofDocument {
  std::string bytes;
  std::string media_type;
};

class AccountService {
 public:
  // Everything passed must outlive the service. Starts a worker thread for
  // reset requests (their answer never waits on whether the pair matched) and
  // shreds the keys of registrations erased before a crash.
  AccountService(eventstore::EventStore& store, processor::CommandProcessor& processor,
                 const processor::Clock& clock, AccountsConfig config = {});
  ~AccountService();

  // M9: the public form. `proof` is the uploaded file, if any (accept_proof).
  base::Result<RegistrationReceipt> register_online(const domain::ApplicantForm& form,
                                                    std::optional<std::string_view> proof,
                                                    const std::string& idempotency_key = {});
  // O4: a postcard applicant, registered and approved by an operator; with
  // `user_number`, under the number the applicant already holds.
  base::Result<RegistrationReceipt> register_postcard(const domain::Actor& op,
                                                      const domain::ApplicantForm& form,
                                                      const std::string& idempotency_key = {},
                                                      const std::string& user_number = {});
  // O1: approve (the receipt has the user number; for a postcard applicant
  // also the activation code, for the notice letter) or reject a pending
  // registration.
  base::Result<RegistrationReceipt> approve(const domain::Actor& op,
                                            const std::string& registration);
  base::Result<Unit> reject(const domain::Actor& op, const std::string& registration,
                            const std::string& reason);
  std::vector<RegistrationView> registrations(
      std::optional<domain::RegistrationStatus> status) const;
  base::Result<ProofDocument> proof(const std::string& registration) const;
  // O4: crypto-shredding. By user number, or by registration id when
  // `user_number` is empty.
  base::Result<Unit> erase(const domain::Actor& op, const std::string& user_number,
                           const std::string& registration, const std::string& reason);

  // Issue 17: an operator's free text about user `user_number` (a waiver's,
  // an override's or a lift's reason), sealed under the user's data key so
  // that erasing the user erases it (open it with PersonalDataVault::
  // open_bytes). Empty text: an empty SealedText. A user with no data key to
  // seal under (erased, or a user number without a registration, which only
  // tests and load generators make) gets it sealed under a key never stored
  // (seal_unkept): it reads as erased from the start, never as plain text.
  base::Result<domain::SealedText> seal_note(const std::string& user_number, std::string_view text);

  // A login in two steps (LoginThrottle says why): first how long the
  // attempt must be held before it is checked (0: at once), or kRateLimited
  // while the client's device is locked out by its own failures; then, once
  // held that long, the check. `account` is "user:N" or "operator:L" as typed
  // (implausible ones are throttled as one); `source` is the client's
  // address; `device` is the client's device token ("" for none).
  base::Result<domain::Instant> login_hold(const std::string& account, const std::string& source,
                                           const std::string& device);
  // M1. kUnauthorized for any bad pair (same answer, similar time, for an
  // unknown user number); kRateLimited while the device is locked out.
  // Failures are counted (throttle, metrics), not written to the log; a
  // success is recorded as an event.
  base::Result<UserLogin> login(const std::string& user_number, const std::string& password,
                                const std::string& source, const std::string& device = {});
  base::Result<UserLogin> profile(const std::string& user_number) const;
  // The same for staff. A login that is not of a login's syntax is refused
  // before any other work. With an active second factor, `second_factor`
  // must be the authenticator's current code (a code works once) or an unused
  // recovery code (which is then used up). The password is checked first and
  // the second factor only when it was right: a wrong code answers exactly
  // like a wrong password (kUnauthorized, throttled alike); a missing one,
  // after a right password, answers kSecondFactorRequired (not counted as a
  // failure, nor as a success).
  base::Result<OperatorLogin> operator_login(const std::string& login, const std::string& password,
                                             const std::string& source,
                                             const std::string& second_factor = {},
                                             const std::string& device = {});

  // Device tokens: a signed token a device gets at a successful login, naming
  // the account and a random device id. Valid for `device_token_days`, and
  // only until the account's password is next set (change or reset).
  std::string issue_device_token(const std::string& account);
  // The device id of `token` when it is valid for `account`, else "".
  std::string device_of(const std::string& token, const std::string& account) const;
  // Failed logins so far (metrics).
  std::uint64_t login_failures() const;
  // The operator's role, or kUnauthorized when unknown or disabled.
  base::Result<OperatorLogin> operator_profile(const std::string& login) const;

  // M10: every session of the user ends (the revocation hooks run).
  base::Result<Unit> change_password(const std::string& user_number, const std::string& current,
                                     const std::string& new_password, const std::string& confirm);
  // M11: always returns at once with nothing to tell; when the pair matches and
  // the account's limit allows, a reset link is mailed.
  void request_reset(const std::string& user_number, const std::string& email);
  // M11: kGone for an unknown, used or expired token.
  base::Result<Unit> complete_reset(const std::string& token, const std::string& new_password,
                                    const std::string& confirm);

  // Staff second factor (TOTP). Starts, or starts again, an enrolment: a new
  // secret and new recovery codes, kept pending (not required) until
  // confirmed. kConflict while one is active (disable it first);
  // kUnauthorized for an unknown or disabled login.
  base::Result<TotpEnrolment> start_totp_enrolment(const std::string& login);
  // Activates the pending enrolment when `code` is the authenticator's
  // current code (proving it works); records SecondFactorChanged{enabled}.
  // kValidation (field totp) for a wrong code, kConflict with nothing pending.
  base::Result<Unit> confirm_totp(const std::string& login, const std::string& code);
  // Removes an active second factor: needs the password (checked first,
  // field password) and a current code or recovery code (field totp); both
  // throttled. Records SecondFactorChanged{disabled}. kConflict when none is
  // active.
  base::Result<Unit> disable_totp(const std::string& login, const std::string& password,
                                  const std::string& code);
  // For an administrator (hoyoctl, or an admin's route: `by`) when an
  // authenticator is lost: removes any second factor of `login`, pending or
  // active, without checks; records SecondFactorChanged{reset} as `by` when
  // one was active. True when there was one; kNotFound for an unknown login.
  base::Result<bool> reset_totp(const std::string& login,
                                const domain::Actor& by = domain::Actor::system());
  base::Result<SecondFactorStatus> second_factor_status(const std::string& login) const;
  // A staff member's own password change: the current password (kValidation
  // on currentPassword when wrong, throttled), the users' policy for the new
  // one; every session of the account ends (the revocation hooks run).
  base::Result<Unit> change_operator_password(const std::string& login, const std::string& current,
                                              const std::string& new_password,
                                              const std::string& confirm);

  // Staff accounts, by the command line and hoyod's first administrator
  // (`by` the system) or by an administrator's route (`by` that admin's
  // operator actor; the rules refuse any other). add_operator checks the
  // login, that it is free (kConflict) and the password policy before it
  // stores anything; a retry with the same `idempotency_key` answers as the
  // first and changes nothing. disable_operator ends the account's sessions
  // and refuses the last enabled administrator (kConflict, kLastAdmin).
  base::Result<Unit> add_operator(const std::string& login, domain::OperatorRole role,
                                  const std::string& password,
                                  const domain::Actor& by = domain::Actor::system(),
                                  const std::string& idempotency_key = {});
  base::Result<Unit> disable_operator(const std::string& login,
                                      const domain::Actor& by = domain::Actor::system(),
                                      const std::string& idempotency_key = {});
  std::vector<std::pair<std::string, domain::OperatorAccount>> operators() const;
  // Every staff account with its second factor, by login.
  base::Result<std::vector<StaffAccount>> staff() const;

  // Registers a hook called with "user:N" or "operator:L" after that account's
  // sessions must end (password change, reset, operator disabled, erasure).
  void on_sessions_revoked(std::function<void(const std::string& account)> hook);
  // Registers a hook called after an erasure with the id of every mail ever
  // queued to the erased registration: the mail delivery removes the copies
  // its transport keeps (.eml files).
  void on_personal_data_erased(std::function<void(const std::vector<std::string>& mail_ids)> hook);
  // Waits until every reset request handed to the worker so far is done (tests).
  void drain_resets();

  PersonalDataVault& vault();
  // How many argon2id verifications ran (metrics; tests of enumeration safety).
  std::uint64_t password_checks() const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoyo::accounts
