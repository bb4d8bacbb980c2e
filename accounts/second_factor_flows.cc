// Staff second factor (TOTP, RFC 6238): enrolment, confirmation, disabling,
// the administrator's reset, and the check a staff login makes.
#include "accounts/account_service.h"
#include "accounts/internal/service_impl.h"
#include "accounts/totp.h"
#include "base/mutex.h"

namespace hoyo::accounts {

using base::Error;
using base::ErrorCode;

namespace {

constexpr const char* kIssuer = "Hoyo";
Error wrong_code() { return Error::validation("totp", "wrong", base::MessageId::kTotpWrong); }

Error not_active() { return {ErrorCode::kConflict, base::MessageId::kTotpNotOn}; }

}  // namespace

base::Result<std::optional<SecondFactor>> AccountService::Impl::second_factor(
    const std::string& login) const {
  auto stored = store.side_get(eventstore::SideTable::kCredentials, second_factor_key(login));
  if (!stored.ok()) return store_failed(stored.status());
  if (!*stored) return std::optional<SecondFactor>();
  auto f = decode_second_factor(**stored);
  if (!f) {
    return Error{ErrorCode::kFailed, base::MessageId::kSecondFactorUnreadable};
  }
  return std::optional<SecondFactor>(std::move(*f));
}

base::Result<Unit> AccountService::Impl::store_second_factor(const std::string& login,
                                                             const SecondFactor& f) {
  if (auto s = store.side_put(eventstore::SideTable::kCredentials, second_factor_key(login),
                              encode_second_factor(f));
      !s.ok()) {
    return store_failed(s);
  }
  return Unit{};
}

base::Result<AccountService::Impl::FactorCheck> AccountService::Impl::check_second_factor(
    const std::string& login, const std::string& typed) {
  base::MutexLock lk(second_factor_mu);
  auto f = second_factor(login);
  if (!f.ok()) return f.error();
  if (!*f || !(*f)->active) return FactorCheck::kNone;
  const std::string code = normal_code(typed);
  if (code.empty()) return FactorCheck::kMissing;
  SecondFactor& factor = **f;
  FactorCheck result = FactorCheck::kWrong;
  if (looks_like_recovery_code(code)) {
    if (use_recovery_code(factor, code)) result = FactorCheck::kRecoveryCode;
  } else if (auto step =
                 totp_accept(factor.secret, code, totp_step(clock.now()), factor.last_step)) {
    factor.last_step = *step;
    result = FactorCheck::kTotp;
  }
  if (result == FactorCheck::kWrong) return result;
  // Used up before anyone is let in: a crash here costs a code, never replays one.
  auto stored = store_second_factor(login, factor);
  if (!stored.ok()) return stored.error();
  return result;
}

base::Result<bool> AccountService::Impl::check_operator_password(const std::string& login,
                                                                 const std::string& password) {
  auto cred = store.side_get(eventstore::SideTable::kCredentials, operator_credential_key(login));
  if (!cred.ok()) return store_failed(cred.status());
  auto ok = hasher.verify(*cred ? **cred : hasher.decoy(), password);
  if (!ok.ok()) return ok.error();
  return *cred && ok.value();
}

base::Result<TotpEnrolment> AccountService::start_totp_enrolment(const std::string& login) {
  if (!operator_profile(login).ok()) return unauthorized();
  base::MutexLock lk(impl_->second_factor_mu);
  auto existing = impl_->second_factor(login);
  if (!existing.ok()) return existing.error();
  if (*existing && (*existing)->active) {
    return Error{ErrorCode::kConflict, base::MessageId::kTotpAlreadyOn};
  }
  SecondFactor pending;
  pending.secret = random_bytes(kTotpSecretBytes);
  TotpEnrolment out;
  out.secret = base32(pending.secret);
  out.otpauth_uri = otpauth_uri(kIssuer, login, pending.secret);
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    out.recovery_codes.push_back(new_recovery_code());
    pending.recovery_hashes.push_back(recovery_hash(normal_code(out.recovery_codes.back())));
  }
  auto stored = impl_->store_second_factor(login, pending);
  if (!stored.ok()) return stored.error();
  return out;
}

base::Result<Unit> AccountService::confirm_totp(const std::string& login, const std::string& code) {
  if (!operator_profile(login).ok()) return unauthorized();
  const std::string account = domain::operator_account(login);
  const domain::Instant now = impl_->clock.now();
  {
    base::MutexLock lk(impl_->second_factor_mu);
    auto f = impl_->second_factor(login);
    if (!f.ok()) return f.error();
    if (!*f || (*f)->active) {
      return Error{ErrorCode::kConflict, base::MessageId::kTotpNoPending};
    }
    SecondFactor& factor = **f;
    auto step = totp_accept(factor.secret, normal_code(code), totp_step(now), factor.last_step);
    if (!step) {
      // In a session: its own budget of wrong answers, never the login throttle.
      if (!impl_->change_limiter.try_acquire(account, now)) return too_many_wrong();
      return wrong_code();
    }
    factor.active = true;
    factor.last_step = *step;  // the confirming code does not log in afterwards
    auto stored = impl_->store_second_factor(login, factor);
    if (!stored.ok()) return stored.error();
  }
  auto recorded =
      impl_->run(domain::Actor::op(login),
                 domain::RecordSecondFactorChange{login, domain::SecondFactorChange::kEnabled});
  if (!recorded.ok()) return recorded.error();
  return Unit{};
}

base::Result<Unit> AccountService::disable_totp(const std::string& login,
                                                const std::string& password,
                                                const std::string& code) {
  if (!operator_profile(login).ok()) return unauthorized();
  const std::string account = domain::operator_account(login);
  const domain::Instant now = impl_->clock.now();
  {
    auto f = impl_->second_factor(login);
    if (!f.ok()) return f.error();
    if (!*f || !(*f)->active) return not_active();
  }
  auto password_ok = impl_->check_operator_password(login, password);
  if (!password_ok.ok()) return password_ok.error();
  if (!password_ok.value()) {
    // In a session: its own budget of wrong answers, never the login throttle.
    if (!impl_->change_limiter.try_acquire(account, now)) return too_many_wrong();
    return Error::validation("password", "wrong", base::MessageId::kCurrentPasswordWrong);
  }
  // Only with the right password is the code looked at.
  auto checked = impl_->check_second_factor(login, code);
  if (!checked.ok()) return checked.error();
  switch (checked.value()) {
    case Impl::FactorCheck::kNone:
      return not_active();
    case Impl::FactorCheck::kMissing:
    case Impl::FactorCheck::kWrong:
      // In a session: its own budget of wrong answers, never the login throttle.
      if (!impl_->change_limiter.try_acquire(account, now)) return too_many_wrong();
      return wrong_code();
    case Impl::FactorCheck::kTotp:
    case Impl::FactorCheck::kRecoveryCode:
      break;
  }
  {
    base::MutexLock lk(impl_->second_factor_mu);
    if (auto s = impl_->store.side_write(
            {{eventstore::SideTable::kCredentials, second_factor_key(login), std::nullopt}});
        !s.ok()) {
      return store_failed(s);
    }
  }
  auto recorded =
      impl_->run(domain::Actor::op(login),
                 domain::RecordSecondFactorChange{login, domain::SecondFactorChange::kDisabled});
  if (!recorded.ok()) return recorded.error();
  return Unit{};
}

base::Result<bool> AccountService::reset_totp(const std::string& login, const domain::Actor& by) {
  if (!impl_->operator_profile_exists(login)) {
    return Error{ErrorCode::kNotFound, base::MessageId::kNoSuchOperator};
  }
  bool was_active = false;
  {
    base::MutexLock lk(impl_->second_factor_mu);
    auto f = impl_->second_factor(login);
    if (!f.ok()) return f.error();
    if (!*f) return false;
    was_active = (*f)->active;
    if (auto s = impl_->store.side_write(
            {{eventstore::SideTable::kCredentials, second_factor_key(login), std::nullopt}});
        !s.ok()) {
      return store_failed(s);
    }
  }
  if (was_active) {
    auto recorded =
        impl_->run(by, domain::RecordSecondFactorChange{login, domain::SecondFactorChange::kReset});
    if (!recorded.ok()) return recorded.error();
  }
  return true;
}

base::Result<SecondFactorStatus> AccountService::second_factor_status(
    const std::string& login) const {
  auto f = impl_->second_factor(login);
  if (!f.ok()) return f.error();
  if (!*f) return SecondFactorStatus::kOff;
  return (*f)->active ? SecondFactorStatus::kOn : SecondFactorStatus::kPending;
}

}  // namespace hoyo::accounts
