// AccountService: construction, the worker for reset requests, and the helpers
// the flow files share.
#include "accounts/account_service.h"

#include <pthread.h>

#include <cstdio>

#include "accounts/internal/service_impl.h"
#include "base/hex.h"
#include "base/mutex.h"
#include "base/thread.h"

namespace hoyo::accounts {

using base::Error;
using base::ErrorCode;

Error unauthorized() { return {ErrorCode::kUnauthorized, base::MessageId::kUserUnauthorized}; }

Error store_failed(const base::Status& s) {
  // A store that refuses writes for now (a full disk) says so: retry later.
  if (s.code() == ErrorCode::kUnavailable) {
    Error e{ErrorCode::kUnavailable, base::MessageId::kWritesPaused, {{"cause", s.to_string()}}};
    e.retry_after_seconds = 5;
    return e;
  }
  return {ErrorCode::kFailed, base::MessageId::kAccountStoreFailed, {{"cause", s.to_string()}}};
}

AccountService::AccountService(eventstore::EventStore& store,
                               processor::CommandProcessor& processor,
                               const processor::Clock& clock, AccountsConfig config)
    : impl_(std::make_unique<Impl>(store, processor, clock, std::move(config))) {
  Impl* p = impl_.get();
  // Finish erasures interrupted between the event and the shredding of the key.
  std::vector<std::string> keys;
  processor.inspect([&](const domain::BookingState& s) {
    for (const auto& [id, r] : s.accounts.registrations) {
      if (r.erased) keys.push_back(r.submitted.key_id);
    }
  });
  for (const std::string& k : keys) {
    if (p->vault.has_key(k)) (void)p->vault.destroy(k);
  }
  p->worker = base::start_thread("hoyo-accounts", [p] { p->run_jobs(); });
}

AccountService::~AccountService() {
  {
    base::MutexLock lk(impl_->jobs_mu);
    impl_->stopping = true;
  }
  impl_->jobs_cv.notify_all();
  impl_->worker.join();
}

PersonalDataVault& AccountService::vault() { return impl_->vault; }

std::uint64_t AccountService::password_checks() const { return impl_->hasher.verifications(); }

void AccountService::Impl::run_jobs() {
  for (;;) {
    std::function<void()> job;
    {
      base::MutexLock lk(jobs_mu);
      jobs_cv.wait(lk, [&]() HOYO_REQUIRES(jobs_mu) { return stopping || !jobs.empty(); });
      if (jobs.empty()) return;
      job = std::move(jobs.front());
      jobs.pop_front();
      ++jobs_running;
    }
    try {
      job();
    } catch (const std::exception&) {
      // A job that cannot finish (the CSPRNG failing, say) does nothing: a
      // reset request then sends no mail, which is failing closed.
      std::fprintf(stderr, "{\"level\":\"error\",\"msg\":\"account job failed\"}\n");
    }
    {
      base::MutexLock lk(jobs_mu);
      --jobs_running;
    }
    jobs_cv.notify_all();
  }
}

void AccountService::drain_resets() {
  base::MutexLock lk(impl_->jobs_mu);
  impl_->jobs_cv.wait(lk, [&]() HOYO_REQUIRES(impl_->jobs_mu) {
    return impl_->jobs.empty() && impl_->jobs_running == 0;
  });
}

base::Result<processor::Outcome> AccountService::Impl::run(domain::Actor actor,
                                                           domain::CommandBody body,
                                                           const std::string& key) {
  return processor.submit(domain::Command{std::move(actor), std::move(body)}, key).get();
}

std::optional<domain::Registration> AccountService::Impl::user(
    const std::string& user_number) const {
  std::optional<domain::Registration> out;
  processor.inspect([&](const domain::BookingState& s) {
    const domain::Registration* r = s.accounts.user(user_number);
    if (r && !r->erased) out = *r;
  });
  return out;
}

std::optional<domain::Registration> AccountService::Impl::registration(
    const std::string& id) const {
  std::optional<domain::Registration> out;
  processor.inspect([&](const domain::BookingState& s) {
    if (const domain::Registration* r = s.accounts.registration(id)) out = *r;
  });
  return out;
}

domain::PasswordInfo AccountService::Impl::password_info(const std::string& account) const {
  domain::PasswordInfo info;
  processor.inspect([&](const domain::BookingState& s) {
    auto it = s.accounts.passwords.find(account);
    if (it != s.accounts.passwords.end()) info = it->second;
  });
  return info;
}

std::optional<domain::PersonalData> AccountService::Impl::personal(
    const domain::Registration& r) const {
  if (r.erased) return std::nullopt;
  auto d = vault.open(r.submitted.key_id, r.submitted.sealed);
  if (!d.ok()) return std::nullopt;
  return *d;
}

bool AccountService::Impl::must_change(const std::string& user_number) const {
  return (config.initial_password == InitialPassword::kActivationCode ||
          config.initial_password_must_change) &&
         password_info(domain::user_account(user_number)).reason ==
             domain::PasswordReason::kInitial;
}

const char* initial_password_name(InitialPassword p) {
  return p == InitialPassword::kActivationCode ? "activation_code" : "birth_date";
}

bool AccountService::Impl::is_operator(const std::string& login) const {
  bool yes = false;
  processor.inspect([&](const domain::BookingState& s) {
    const domain::OperatorAccount* o = s.accounts.op(login);
    yes = o && !o->disabled && o->role == domain::OperatorRole::kOperator;
  });
  return yes;
}

bool AccountService::Impl::operator_profile_exists(const std::string& login) const {
  bool exists = false;
  processor.inspect(
      [&](const domain::BookingState& s) { exists = s.accounts.op(login) != nullptr; });
  return exists;
}

void AccountService::Impl::revoke(const std::string& account) {
  std::vector<std::function<void(const std::string&)>> copy;
  {
    base::MutexLock lk(hooks_mu);
    copy = hooks;
  }
  for (const auto& h : copy) h(account);
}

void AccountService::on_sessions_revoked(std::function<void(const std::string&)> hook) {
  base::MutexLock lk(impl_->hooks_mu);
  impl_->hooks.push_back(std::move(hook));
}

void AccountService::on_personal_data_erased(
    std::function<void(const std::vector<std::string>&)> hook) {
  base::MutexLock lk(impl_->hooks_mu);
  impl_->erase_hooks.push_back(std::move(hook));
}

base::Error too_many_wrong() { return {base::ErrorCode::kRateLimited, base::MessageId::kTryLater}; }

base::Status AccountService::Impl::record_login(const std::string& account, bool ok,
                                                const std::string& outcome) {
  auto r = run(domain::Actor::system(), domain::RecordLogin{{account, ok, outcome}});
  if (!r.ok()) return r.status();
  return base::ok_status();
}

std::string AccountService::Impl::new_mail_id() const { return base::to_hex(random_bytes(12)); }

}  // namespace hoyo::accounts
