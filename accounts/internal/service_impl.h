// Private state of AccountService, shared by its flow files. Only
// accounts/*.cc include this.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "accounts/account_service.h"
#include "accounts/second_factor.h"
#include "base/mutex.h"

namespace hoyo::accounts {

// Credential-store keys: a user's hash is kept under its registration (it is
// stored before the user number exists), an operator's under its login.
inline std::string user_credential_key(const std::string& registration) {
  return "pw:reg:" + registration;
}
inline std::string operator_credential_key(const std::string& login) {
  return "pw:operator:" + login;
}
// A reset token is kept only as the hex SHA-256 of its bytes.
inline std::string reset_token_key(const std::string& token_hash_hex) {
  return "reset:" + token_hash_hex;
}
// The one reset token of a registration that may still be used (the hex
// SHA-256 under reset_token_key): a new request, a completed reset and a
// password change each replace or remove it, revoking every earlier token.
inline std::string current_reset_key(const std::string& registration) {
  return "reset-current:" + registration;
}
// The outbox secret of a reset mail (the link), until it is sent.
inline std::string outbox_key(const std::string& mail_id) { return "mail:" + mail_id; }

struct AccountService::Impl {
  Impl(eventstore::EventStore& s, processor::CommandProcessor& p, const processor::Clock& c,
       AccountsConfig cfg)
      : store(s),
        processor(p),
        clock(c),
        config(std::move(cfg)),
        vault(s, config.kek),
        hasher(config.hash, config.max_hashes_in_flight, config.hash_wait),
        throttle(config.throttle),
        reset_limiter(config.resets_per_account_per_hour, 3600 * domain::kMicrosPerSecond),
        change_limiter(config.password_change_failures_per_hour, 3600 * domain::kMicrosPerSecond) {}

  eventstore::EventStore& store;
  processor::CommandProcessor& processor;
  const processor::Clock& clock;
  AccountsConfig config;
  PersonalDataVault vault;
  PasswordHasher hasher;
  LoginThrottle throttle;
  WindowLimiter reset_limiter;
  WindowLimiter change_limiter;  // wrong current passwords in password changes, per account
  std::atomic<std::uint64_t> login_failures{0};
  base::Mutex reset_mu;     // a reset token is checked and consumed by one caller at a time
  base::Mutex approval_mu;  // approvals one at a time (their first credentials)
  // A second factor is read, checked and written back (its last step, its
  // recovery codes) by one caller at a time.
  base::Mutex second_factor_mu;
  // Staff accounts added one at a time: a login's credential and its
  // OperatorAdded are never those of two requests.
  base::Mutex staff_mu;

  base::Mutex hooks_mu;
  std::vector<std::function<void(const std::string&)>> hooks HOYO_GUARDED_BY(hooks_mu);
  std::vector<std::function<void(const std::vector<std::string>&)>> erase_hooks
      HOYO_GUARDED_BY(hooks_mu);

  // Reset requests run here, so their answer time says nothing.
  base::Mutex jobs_mu;
  base::CondVar jobs_cv;
  std::deque<std::function<void()>> jobs HOYO_GUARDED_BY(jobs_mu);
  int jobs_running HOYO_GUARDED_BY(jobs_mu) = 0;
  bool stopping HOYO_GUARDED_BY(jobs_mu) = false;
  std::thread worker;

  // Submits and waits for the outcome.
  base::Result<processor::Outcome> run(domain::Actor actor, domain::CommandBody body,
                                       const std::string& idempotency_key = {});
  // A copy of the registration of an approved user (nullopt if none or erased).
  std::optional<domain::Registration> user(const std::string& user_number) const;
  std::optional<domain::Registration> registration(const std::string& id) const;
  domain::PasswordInfo password_info(const std::string& account) const;
  std::optional<domain::PersonalData> personal(const domain::Registration& r) const;
  // True when the user's current password is the initial one and policy says
  // it must be changed.
  bool must_change(const std::string& user_number) const;
  // Checks a user's password: the stored hash, or the decoy for an unknown
  // user (similar time), and the expiry of an initial password.
  base::Result<bool> check_user_password(const std::optional<domain::Registration>& r,
                                         const std::string& password, std::string& outcome);
  bool operator_profile_exists(const std::string& login) const;
  // True for an enabled staff account of the operator role.
  bool is_operator(const std::string& login) const;
  // The stored second factor of a staff account (nullopt: none). Callers that
  // write it back hold second_factor_mu.
  base::Result<std::optional<SecondFactor>> second_factor(const std::string& login) const;
  base::Result<Unit> store_second_factor(const std::string& login, const SecondFactor& f);
  // How a typed second factor fared against an active one; a TOTP code or
  // recovery code that matches is used up (stored) before this returns.
  enum class FactorCheck { kNone, kMissing, kWrong, kTotp, kRecoveryCode };
  base::Result<FactorCheck> check_second_factor(const std::string& login, const std::string& typed);
  // The argon2id check of a staff member's password (false for none stored).
  base::Result<bool> check_operator_password(const std::string& login, const std::string& password);
  void revoke(const std::string& account);
  // Records a login for audit; the processor's refusal when it could not be
  // recorded (kUnavailable while the store refuses writes).
  base::Status record_login(const std::string& account, bool ok, const std::string& outcome);
  // 16 hex digits naming the account's current password hash ("" if none).
  std::string credential_fingerprint(const std::string& account) const;
  // Counts a failed login (throttle and metrics); nothing enters the log.
  void login_failed(const std::string& account, const std::string& source,
                    const std::string& device);
  std::string new_mail_id() const;
  void issue_reset(const std::string& user_number, const std::string& email);
  // Revokes the registration's reset token, if any (with the credential
  // writes in `writes`, to go in one batch).
  void revoke_reset(const std::string& registration, std::vector<eventstore::SideWrite>& writes);
  void run_jobs();
};

base::Error unauthorized();
// A session's wrong answers (current passwords, second-factor codes) past
// change_limiter's budget.
base::Error too_many_wrong();
base::Error store_failed(const base::Status& s);

}  // namespace hoyo::accounts
