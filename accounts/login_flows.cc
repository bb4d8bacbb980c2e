// M1: user and operator logins, profiles.
#include <cctype>

#include "accounts/account_service.h"
#include "accounts/internal/service_impl.h"
#include "accounts/one_time_code.h"
#include "domain/account_commands.h"

namespace hoyo::accounts {

using base::Error;
using base::ErrorCode;

namespace {

bool plausible_user_number(const std::string& n) {
  return !n.empty() && n.size() <= 16 && std::all_of(n.begin(), n.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

Error throttled(domain::Instant wait) {
  Error e{ErrorCode::kRateLimited, base::MessageId::kLoginThrottled};
  e.retry_after_seconds =
      static_cast<int>((wait + domain::kMicrosPerSecond - 1) / domain::kMicrosPerSecond);
  return e;
}

// Every refused staff login, whatever was wrong (login, password, code).
Error staff_unauthorized() {
  return {ErrorCode::kUnauthorized, base::MessageId::kStaffUnauthorized};
}

base::Status audit_failure() {
  return {base::ErrorCode::kFailed, base::MessageId::kLoginNotRecorded};
}

// The throttle's key for what was typed: implausible names share one key, so
// garbage never grows the throttle's tables.
std::string user_key(const std::string& user_number) {
  return domain::user_account(plausible_user_number(user_number) ? user_number : "?");
}

std::string operator_key(const std::string& login) {
  return domain::operator_account(domain::valid_operator_login(login) ? login : "?");
}

}  // namespace

base::Result<bool> AccountService::Impl::check_user_password(
    const std::optional<domain::Registration>& r, const std::string& password,
    std::string& outcome) {
  std::optional<std::string> stored;
  domain::PasswordInfo info;
  if (r) {
    auto cred =
        store.side_get(eventstore::SideTable::kCredentials, user_credential_key(r->submitted.id));
    if (!cred.ok()) return store_failed(cred.status());
    stored = std::move(*cred);
    info = password_info(domain::user_account(r->user_number));
  }
  // An activation code may be typed with spaces, hyphens or in lower case.
  const bool code = r && info.reason == domain::PasswordReason::kInitial &&
                    config.initial_password == InitialPassword::kActivationCode;
  // An unknown user costs one real argon2id verification too.
  auto ok =
      hasher.verify(stored ? *stored : hasher.decoy(), code ? normal_code(password) : password);
  if (!ok.ok()) return ok.error();
  if (!stored) {
    outcome = "unknown_account";
    return false;
  }
  if (!ok.value()) {
    outcome = "wrong_password";
    return false;
  }
  if (info.reason == domain::PasswordReason::kInitial &&
      (code || config.initial_password_must_change) &&
      clock.now() >
          r->approved_at + (code ? config.activation_code_days : config.initial_password_days) *
                               domain::kMicrosPerDay) {
    outcome = "expired_initial";
    return false;
  }
  outcome = "ok";
  return true;
}

base::Result<domain::Instant> AccountService::login_hold(const std::string& account,
                                                         const std::string& source,
                                                         const std::string& device) {
  const bool staff = account.rfind("operator:", 0) == 0;
  const std::string name = account.substr(account.find(':') + 1);
  const std::string key = staff ? operator_key(name) : user_key(name);
  const ThrottleVerdict v =
      impl_->throttle.assess(key, source, device_of(device, key), impl_->clock.now());
  if (v.refuse_for > 0) return throttled(v.refuse_for);
  return v.hold_for;
}

void AccountService::Impl::login_failed(const std::string& account, const std::string& source,
                                        const std::string& device) {
  ++login_failures;
  throttle.record_failure(account, source, device, clock.now());
}

base::Result<UserLogin> AccountService::login(const std::string& user_number,
                                              const std::string& password,
                                              const std::string& source,
                                              const std::string& device_token) {
  const std::string account = user_key(user_number);
  const std::string device = device_of(device_token, account);
  const ThrottleVerdict v = impl_->throttle.assess(account, source, device, impl_->clock.now());
  if (v.refuse_for > 0) return throttled(v.refuse_for);
  std::optional<domain::Registration> r;
  if (plausible_user_number(user_number)) r = impl_->user(user_number);
  std::string outcome;
  auto ok = impl_->check_user_password(r, password, outcome);
  if (!ok.ok()) return ok.error();
  if (!ok.value()) {
    impl_->login_failed(account, source, device);
    return unauthorized();
  }
  if (base::Status s = impl_->record_login(account, true, outcome); !s.ok()) {
    return store_failed(s.code() == base::ErrorCode::kUnavailable ? s : audit_failure());
  }
  impl_->throttle.record_success(account, source, device);
  return profile(user_number);
}

base::Result<UserLogin> AccountService::profile(const std::string& user_number) const {
  auto r = impl_->user(user_number);
  if (!r) return unauthorized();
  UserLogin u;
  u.user_number = user_number;
  u.category = r->submitted.category;
  if (auto d = impl_->personal(*r)) {
    u.name = d->name_kanji;
    u.postal_code = d->postal_code;
    u.address = d->address;
  }
  u.has_email = r->submitted.email_given;
  u.must_change_password = impl_->must_change(user_number);
  const domain::Date today = domain::tokyo_date(impl_->clock.now());
  impl_->processor.inspect([&](const domain::BookingState& s) {
    u.preferences = s.accounts.preferences_of(user_number);
    if (const domain::Suspension* x = s.suspension_on(user_number, today)) u.suspension = *x;
    u.limits = domain::limit_usage(s, user_number, today);
  });
  return u;
}

base::Result<OperatorLogin> AccountService::operator_login(const std::string& login,
                                                           const std::string& password,
                                                           const std::string& source,
                                                           const std::string& second_factor,
                                                           const std::string& device_token) {
  // The syntax first: a name no operator can have costs nothing more.
  if (!domain::valid_operator_login(login)) {
    ++impl_->login_failures;
    return staff_unauthorized();
  }
  const std::string account = domain::operator_account(login);
  const std::string device = device_of(device_token, account);
  const ThrottleVerdict v = impl_->throttle.assess(account, source, device, impl_->clock.now());
  if (v.refuse_for > 0) return throttled(v.refuse_for);
  std::optional<domain::OperatorAccount> op;
  impl_->processor.inspect([&](const domain::BookingState& s) {
    if (const domain::OperatorAccount* o = s.accounts.op(login)) op = *o;
  });
  auto cred =
      impl_->store.side_get(eventstore::SideTable::kCredentials, operator_credential_key(login));
  if (!cred.ok()) return store_failed(cred.status());
  const std::optional<std::string> stored = std::move(*cred);
  auto ok = impl_->hasher.verify(stored ? *stored : impl_->hasher.decoy(), password);
  if (!ok.ok()) return ok.error();
  std::string outcome = op && stored && ok.value() && !op->disabled ? "ok" : "refused";
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
  if (outcome == "totp_required") {
    return Error{ErrorCode::kSecondFactorRequired, base::MessageId::kTotpRequired};
  }
  const bool success = outcome == "ok" || outcome == "ok_recovery_code";
  if (!success) {
    impl_->login_failed(account, source, device);
    return staff_unauthorized();
  }
  if (base::Status s = impl_->record_login(account, true, outcome); !s.ok()) {
    return store_failed(s.code() == base::ErrorCode::kUnavailable ? s : audit_failure());
  }
  impl_->throttle.record_success(account, source, device);
  return OperatorLogin{login, op->role};
}

base::Result<OperatorLogin> AccountService::operator_profile(const std::string& login) const {
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

base::Result<std::vector<StaffAccount>> AccountService::staff() const {
  std::vector<StaffAccount> out;
  for (const auto& [login, op] : operators()) {
    auto factor = second_factor_status(login);
    if (!factor.ok()) return factor.error();
    out.push_back({login, op.role, op.disabled, factor.value()});
  }
  return out;
}

}  // namespace hoyo::accounts
