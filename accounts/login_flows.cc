// M1: user and operator logins, profiles.
#include <cctype>

#include "accounts/account_service.h"
#include "accounts/internal/service_impl.h"

namespace hoyo::accounts {

using domain::DomainError;
using domain::ErrorCode;

namespace {

bool plausible_user_number(const std::string& n) {
  return !n.empty() && n.size() <= 16 && std::all_of(n.begin(), n.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

DomainError throttled(domain::Instant wait) {
  DomainError e{ErrorCode::kRateLimited, "ログインの試行が続いたため、しばらくお待ちください", {}};
  e.retry_after_seconds =
      static_cast<int>((wait + domain::kMicrosPerSecond - 1) / domain::kMicrosPerSecond);
  return e;
}

// Every refused staff login, whatever was wrong (login, password, code).
DomainError staff_unauthorized() {
  return {ErrorCode::kUnauthorized, "ログインID、パスワードまたは確認コードが正しくありません", {}};
}

eventstore::Status audit_failure() {
  return {eventstore::StatusCode::kFailed, "the login attempt could not be recorded"};
}

}  // namespace

domain::Result<bool> AccountService::Impl::check_user_password(
    const std::optional<domain::Registration>& r, const std::string& password,
    std::string& outcome) {
  std::optional<std::string> stored;
  if (r) {
    auto cred =
        store.side_get(eventstore::SideTable::kCredentials, user_credential_key(r->submitted.id));
    if (!cred.is_ok()) return store_failed(cred.status());
    stored = std::move(*cred);
  }
  // An unknown user costs one real argon2id verification too.
  auto ok = hasher.verify(stored ? *stored : hasher.decoy(), password);
  if (!ok.ok()) return ok.error();
  if (!stored) {
    outcome = "unknown_account";
    return false;
  }
  if (!ok.value()) {
    outcome = "wrong_password";
    return false;
  }
  const domain::PasswordInfo info = password_info(domain::user_account(r->user_number));
  if (config.initial_password_must_change && info.reason == domain::PasswordReason::kInitial &&
      clock.now() > r->approved_at + config.initial_password_days * domain::kMicrosPerDay) {
    outcome = "expired_initial";
    return false;
  }
  outcome = "ok";
  return true;
}

domain::Result<UserLogin> AccountService::login(const std::string& user_number,
                                                const std::string& password,
                                                const std::string& source) {
  const std::string account =
      domain::user_account(plausible_user_number(user_number) ? user_number : "?");
  const domain::Instant now = impl_->clock.now();
  if (domain::Instant wait = impl_->throttle.wait_before(account, source, now); wait > 0) {
    if (!impl_->record_login(account, false, "throttled")) return store_failed(audit_failure());
    return throttled(wait);
  }
  std::optional<domain::Registration> r;
  if (plausible_user_number(user_number)) r = impl_->user(user_number);
  std::string outcome;
  auto ok = impl_->check_user_password(r, password, outcome);
  if (!ok.ok()) return ok.error();
  if (!impl_->record_login(account, ok.value(), outcome)) return store_failed(audit_failure());
  if (!ok.value()) {
    impl_->throttle.record_failure(account, source, now);
    return unauthorized();
  }
  impl_->throttle.record_success(account, source);
  return profile(user_number);
}

domain::Result<UserLogin> AccountService::profile(const std::string& user_number) const {
  auto r = impl_->user(user_number);
  if (!r) return unauthorized();
  UserLogin u;
  u.user_number = user_number;
  u.category = r->submitted.category;
  if (auto d = impl_->personal(*r)) u.name = d->name_kanji;
  u.must_change_password = impl_->must_change(user_number);
  return u;
}

domain::Result<OperatorLogin> AccountService::operator_login(const std::string& login,
                                                             const std::string& password,
                                                             const std::string& source,
                                                             const std::string& second_factor) {
  const bool plausible = !login.empty() && login.size() <= 32;
  const std::string account = domain::operator_account(plausible ? login : "?");
  const domain::Instant now = impl_->clock.now();
  if (domain::Instant wait = impl_->throttle.wait_before(account, source, now); wait > 0) {
    if (!impl_->record_login(account, false, "throttled")) return store_failed(audit_failure());
    return throttled(wait);
  }
  std::optional<std::string> stored;
  std::optional<domain::OperatorAccount> op;
  if (plausible) {
    impl_->processor.inspect([&](const domain::BookingState& s) {
      if (const domain::OperatorAccount* o = s.accounts.op(login)) op = *o;
    });
    auto cred =
        impl_->store.side_get(eventstore::SideTable::kCredentials, operator_credential_key(login));
    if (!cred.is_ok()) return store_failed(cred.status());
    stored = std::move(*cred);
  }
  auto ok = impl_->hasher.verify(stored ? *stored : impl_->hasher.decoy(), password);
  if (!ok.ok()) return ok.error();
  std::string outcome = !op || !stored ? "unknown_account"
                        : !ok.value()  ? "wrong_password"
                        : op->disabled ? "disabled"
                                       : "ok";
  // The second factor is looked at only once the password was right.
  if (outcome == "ok") {
    auto factor = impl_->check_second_factor(login, second_factor);
    if (!factor.ok()) return factor.error();
    using Check = Impl::FactorCheck;
    const Check c = factor.value();
    outcome = c == Check::kMissing        ? "totp_required"
              : c == Check::kWrong        ? "wrong_totp"
              : c == Check::kRecoveryCode ? "ok_recovery_code"
                                          : "ok";
  }
  const bool success = outcome == "ok" || outcome == "ok_recovery_code";
  if (!impl_->record_login(account, success, outcome)) return store_failed(audit_failure());
  if (outcome == "totp_required") {
    return DomainError{ErrorCode::kSecondFactorRequired, "確認コードを入力してください", {}};
  }
  if (!success) {
    impl_->throttle.record_failure(account, source, now);
    return staff_unauthorized();
  }
  impl_->throttle.record_success(account, source);
  return OperatorLogin{login, op->role};
}

domain::Result<OperatorLogin> AccountService::operator_profile(const std::string& login) const {
  std::optional<domain::OperatorAccount> op;
  impl_->processor.inspect([&](const domain::BookingState& s) {
    if (const domain::OperatorAccount* o = s.accounts.op(login)) op = *o;
  });
  if (!op || op->disabled) return unauthorized();
  return OperatorLogin{login, op->role};
}

std::vector<std::pair<std::string, domain::OperatorAccount>> AccountService::operators() const {
  std::vector<std::pair<std::string, domain::OperatorAccount>> out;
  impl_->processor.inspect([&](const domain::BookingState& s) {
    for (const auto& [login, op] : s.accounts.operators) out.emplace_back(login, op);
  });
  return out;
}

}  // namespace hoyo::accounts
