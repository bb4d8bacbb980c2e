// M10, M11 and operator accounts: setting passwords (a staff member's own
// change too).
#include "accounts/account_service.h"
#include "accounts/internal/service_impl.h"
#include "base/hex.h"
#include "base/mutex.h"
#include "domain/password_policy.h"

namespace hoyo::accounts {

using base::Error;
using base::ErrorCode;

namespace {

Error policy_error(std::vector<base::FieldError> errors) {
  Error e{ErrorCode::kValidation, base::MessageId::kPasswordPolicy};
  e.fields = std::move(errors);
  return e;
}

Error gone() { return {ErrorCode::kGone, base::MessageId::kResetLinkGone}; }

// Ok unless `outcome` answers a retry (its Idempotency-Key's first request)
// whose first event `Done` is about another login: the key was used for
// another account (kConflict).
template <class Done>
base::Status same_account(const processor::Outcome& outcome, const std::string& login) {
  if (!outcome.replayed) return {};
  for (const domain::Event& e : outcome.events) {
    if (const Done* d = std::get_if<Done>(&e); d && d->login == login) return {};
  }
  return Error{ErrorCode::kConflict, base::MessageId::kIdempotencyKeyReused};
}

// Reset-token records: "<registration>\n<expires at, microseconds>".
std::string token_record(const std::string& registration, domain::Instant expires) {
  return registration + "\n" + std::to_string(expires);
}

}  // namespace

base::Result<Unit> AccountService::change_password(const std::string& user_number,
                                                   const std::string& current,
                                                   const std::string& new_password,
                                                   const std::string& confirm) {
  const std::string account = domain::user_account(user_number);
  // The caller holds a session: the login throttle (which an attacker may
  // have raised against the account) never holds a change back. A session's
  // own guesses at the current password have their own budget.
  auto r = impl_->user(user_number);
  std::string outcome;
  auto ok = impl_->check_user_password(r, current, outcome);
  if (!ok.ok()) return ok.error();
  if (!ok.value()) {
    if (!impl_->change_limiter.try_acquire(account, impl_->clock.now())) return too_many_wrong();
    return Error::validation("currentPassword", "wrong", base::MessageId::kCurrentPasswordWrong);
  }
  auto data = impl_->personal(*r);
  if (!data) return unauthorized();
  auto errors = domain::check_new_password(new_password, confirm, data->birth_date);
  if (!errors.empty()) return policy_error(std::move(errors));
  if (new_password == current) {
    return policy_error({{"newPassword", "unchanged", base::MessageId::kPasswordUnchanged, {}}});
  }
  auto hashed = impl_->hasher.hash(new_password);
  if (!hashed.ok()) return hashed.error();
  // The new hash, and the end of any reset link still in a mailbox.
  std::vector<eventstore::SideWrite> writes = {
      {eventstore::SideTable::kCredentials, user_credential_key(r->submitted.id), hashed.value()}};
  {
    base::MutexLock lk(impl_->reset_mu);
    impl_->revoke_reset(r->submitted.id, writes);
    if (auto s = impl_->store.side_write(writes); !s.ok()) return store_failed(s);
  }
  auto recorded = impl_->run(
      domain::Actor::user(user_number),
      domain::RecordPasswordSet{account, domain::PasswordReason::kChanged, impl_->new_mail_id()});
  impl_->revoke(account);  // the hash changed: old sessions end whatever the log says
  if (!recorded.ok()) return recorded.error();
  return Unit{};
}

base::Result<Unit> AccountService::change_operator_password(const std::string& login,
                                                            const std::string& current,
                                                            const std::string& new_password,
                                                            const std::string& confirm) {
  if (!operator_profile(login).ok()) return unauthorized();
  const std::string account = domain::operator_account(login);
  const domain::Instant now = impl_->clock.now();
  auto ok = impl_->check_operator_password(login, current);
  if (!ok.ok()) return ok.error();
  if (!ok.value()) {
    // In a session: its own budget of wrong answers, never the login throttle.
    if (!impl_->change_limiter.try_acquire(account, now)) return too_many_wrong();
    return Error::validation("currentPassword", "wrong", base::MessageId::kCurrentPasswordWrong);
  }
  auto errors = domain::check_new_password(new_password, confirm);
  if (!errors.empty()) return policy_error(std::move(errors));
  if (new_password == current) {
    return policy_error({{"newPassword", "unchanged", base::MessageId::kPasswordUnchanged, {}}});
  }
  auto hashed = impl_->hasher.hash(new_password);
  if (!hashed.ok()) return hashed.error();
  if (auto s = impl_->store.side_put(eventstore::SideTable::kCredentials,
                                     operator_credential_key(login), hashed.value());
      !s.ok()) {
    return store_failed(s);
  }
  auto recorded =
      impl_->run(domain::Actor::op(login),
                 domain::RecordPasswordSet{account, domain::PasswordReason::kChanged, {}});
  impl_->revoke(account);  // the hash changed: old sessions end whatever the log says
  if (!recorded.ok()) return recorded.error();
  return Unit{};
}

void AccountService::request_reset(const std::string& user_number, const std::string& email) {
  Impl* p = impl_.get();
  {
    base::MutexLock lk(p->jobs_mu);
    if (p->jobs.size() >= 1000) return;  // a flood: drop silently, the answer is the same
    p->jobs.push_back([p, user_number, email] { p->issue_reset(user_number, email); });
  }
  p->jobs_cv.notify_all();
}

void AccountService::Impl::revoke_reset(const std::string& registration,
                                        std::vector<eventstore::SideWrite>& writes) {
  auto current =
      store.side_get(eventstore::SideTable::kCredentials, current_reset_key(registration));
  if (current.ok() && *current) {
    writes.push_back(
        {eventstore::SideTable::kCredentials, reset_token_key(**current), std::nullopt});
  }
  writes.push_back(
      {eventstore::SideTable::kCredentials, current_reset_key(registration), std::nullopt});
}

void AccountService::Impl::issue_reset(const std::string& user_number, const std::string& email) {
  auto r = user(user_number);
  if (!r || !r->submitted.email_given) return;
  auto data = personal(*r);
  if (!data) return;
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  if (!equal_constant_time(lower(data->email), lower(email))) return;
  const domain::Instant now = clock.now();
  if (!reset_limiter.try_acquire(user_number, now)) return;  // silently: no mail
  const std::string token = base::to_hex(random_bytes(32));
  const std::string token_hash = base::to_hex(sha256(token));
  const std::string mail_id = new_mail_id();
  const std::string link = config.public_base_url + "/password-reset/" + token;
  // This token replaces any earlier one of the registration.
  base::MutexLock lk(reset_mu);
  std::vector<eventstore::SideWrite> writes;
  revoke_reset(r->submitted.id, writes);
  writes.push_back({eventstore::SideTable::kCredentials, reset_token_key(token_hash),
                    token_record(r->submitted.id, now + config.reset_token_lifetime)});
  writes.push_back(
      {eventstore::SideTable::kCredentials, current_reset_key(r->submitted.id), token_hash});
  writes.push_back({eventstore::SideTable::kOutbox, outbox_key(mail_id), link});
  if (!store.side_write(writes).ok()) return;
  (void)run(domain::Actor::system(), domain::IssuePasswordReset{user_number, mail_id});
}

base::Result<Unit> AccountService::complete_reset(const std::string& token,
                                                  const std::string& new_password,
                                                  const std::string& confirm) {
  if (token.size() != 64) return gone();
  const std::string token_hash = base::to_hex(sha256(token));
  const std::string key = reset_token_key(token_hash);
  base::MutexLock lk(impl_->reset_mu);
  auto record = impl_->store.side_get(eventstore::SideTable::kCredentials, key);
  if (!record.ok()) return store_failed(record.status());
  if (!*record) return gone();
  const auto nl = (*record)->find('\n');
  const std::string registration = (*record)->substr(0, nl);
  const domain::Instant expires = std::stoll((*record)->substr(nl + 1));
  if (impl_->clock.now() >= expires) {
    (void)impl_->store.side_write({{eventstore::SideTable::kCredentials, key, std::nullopt}});
    return gone();
  }
  // Only the registration's latest token works: a later request revoked this one.
  auto current =
      impl_->store.side_get(eventstore::SideTable::kCredentials, current_reset_key(registration));
  if (!current.ok()) return store_failed(current.status());
  if (!*current || !equal_constant_time(**current, token_hash)) {
    (void)impl_->store.side_write({{eventstore::SideTable::kCredentials, key, std::nullopt}});
    return gone();
  }
  auto r = impl_->registration(registration);
  if (!r || r->erased || r->user_number.empty()) return gone();
  auto data = impl_->personal(*r);
  if (!data) return gone();
  auto errors = domain::check_new_password(new_password, confirm, data->birth_date);
  if (!errors.empty()) return policy_error(std::move(errors));
  auto hashed = impl_->hasher.hash(new_password);
  if (!hashed.ok()) return hashed.error();
  // The new hash and the token's end, together.
  std::vector<eventstore::SideWrite> writes = {
      {eventstore::SideTable::kCredentials, user_credential_key(registration), hashed.value()},
      {eventstore::SideTable::kCredentials, key, std::nullopt}};
  impl_->revoke_reset(registration, writes);
  if (auto s = impl_->store.side_write(writes); !s.ok()) return store_failed(s);
  const std::string account = domain::user_account(r->user_number);
  auto recorded = impl_->run(
      domain::Actor::system(),
      domain::RecordPasswordSet{account, domain::PasswordReason::kReset, impl_->new_mail_id()});
  impl_->revoke(account);
  if (!recorded.ok()) return recorded.error();
  return Unit{};
}

base::Result<Unit> AccountService::add_operator(const std::string& login, domain::OperatorRole role,
                                                const std::string& password,
                                                const domain::Actor& by,
                                                const std::string& idempotency_key) {
  // Every check before anything is stored: no credential without an operator.
  if (!domain::valid_operator_login(login)) {
    return Error::validation("login", "invalid", base::MessageId::kLoginFormat,
                             {{"min", 3}, {"max", 32}});
  }
  base::MutexLock lk(impl_->staff_mu);
  if (impl_->operator_profile_exists(login)) {
    // A retry of the request that added it answers as that one did; any
    // other is refused by the rules (kLoginExists). The credential stays.
    if (idempotency_key.empty()) return Error{ErrorCode::kConflict, base::MessageId::kLoginExists};
    auto again = impl_->run(by, domain::AddOperator{login, role}, idempotency_key);
    if (!again.ok()) return again.error();
    if (auto s = same_account<domain::OperatorAdded>(*again, login); !s.ok()) return s.error();
    return Unit{};
  }
  auto errors = domain::check_new_password(password, password);
  if (!errors.empty()) return policy_error(std::move(errors));
  auto hashed = impl_->hasher.hash(password);
  if (!hashed.ok()) return hashed.error();
  if (auto s = impl_->store.side_put(eventstore::SideTable::kCredentials,
                                     operator_credential_key(login), hashed.value());
      !s.ok()) {
    return store_failed(s);
  }
  auto added = impl_->run(by, domain::AddOperator{login, role}, idempotency_key);
  if (!added.ok()) return added.error();
  if (auto s = same_account<domain::OperatorAdded>(*added, login); !s.ok()) return s.error();
  return Unit{};
}

base::Result<Unit> AccountService::disable_operator(const std::string& login,
                                                    const domain::Actor& by,
                                                    const std::string& idempotency_key) {
  auto done = impl_->run(by, domain::DisableOperator{login}, idempotency_key);
  if (!done.ok()) return done.error();
  if (auto s = same_account<domain::OperatorDisabled>(*done, login); !s.ok()) return s.error();
  impl_->revoke(domain::operator_account(login));
  return Unit{};
}

}  // namespace hoyo::accounts
