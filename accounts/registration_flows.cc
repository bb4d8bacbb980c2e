// M9, O1, O4: registration, approval, rejection, proofs and erasure.
#include "accounts/account_service.h"
#include "accounts/internal/service_impl.h"
#include "accounts/one_time_code.h"
#include "accounts/proof_image.h"
#include "base/hex.h"
#include "base/mutex.h"
#include "domain/password_policy.h"

namespace hoyo::accounts {

using base::Error;
using base::ErrorCode;

namespace {

// The blob key of a proof: its hex SHA-256 as recorded in the registration
// (nullopt when there is none).
std::optional<eventstore::Hash> proof_key(const std::string& hex) {
  return base::from_hex_array<std::tuple_size_v<eventstore::Hash>>(hex);
}

RegistrationReceipt receipt_of(const processor::Outcome& o) {
  RegistrationReceipt r;
  for (const domain::Event& e : o.events) {
    if (auto* s = std::get_if<domain::RegistrationSubmitted>(&e)) {
      r.registration_id = s->id;
      r.duplicates = s->duplicates;
    }
    if (auto* a = std::get_if<domain::RegistrationApproved>(&e)) {
      r.status = domain::RegistrationStatus::kApproved;
      r.user_number = a->user_number;
    }
  }
  return r;
}

// A first credential for a registration: its argon2id hash in the
// credential store, under the registration, and for an activation code the
// code itself in the outbox under `mail_id`, for the approval mail (the
// mail's delivery deletes it). Returns the code ("" under the birth-date rule).
base::Result<std::string> store_initial_credential(AccountService::Impl& impl,
                                                   const std::string& registration,
                                                   const domain::Date& birth_date,
                                                   const std::string& mail_id) {
  const bool code = impl.config.initial_password == InitialPassword::kActivationCode;
  const std::string activation = code ? new_one_time_code() : std::string();
  auto hashed =
      impl.hasher.hash(code ? normal_code(activation) : domain::initial_password(birth_date));
  if (!hashed.ok()) return hashed.error();
  std::vector<eventstore::SideWrite> writes = {
      {eventstore::SideTable::kCredentials, user_credential_key(registration), hashed.value()}};
  if (code && !mail_id.empty()) {
    writes.push_back({eventstore::SideTable::kOutbox, outbox_key(mail_id), activation});
  }
  if (auto s = impl.store.side_write(writes); !s.ok()) return store_failed(s);
  return activation;
}

// Forgets an activation code whose approval did not happen.
void drop_unsent_code(AccountService::Impl& impl, const std::string& mail_id) {
  (void)impl.store.side_write(
      {{eventstore::SideTable::kOutbox, outbox_key(mail_id), std::nullopt}});
}

// Seals the applicant's fields, and the proof image if any, under a fresh
// data key, stores the initial credential's hash, and submits the
// registration.
base::Result<RegistrationReceipt> submit(AccountService::Impl& impl, const domain::Actor& actor,
                                         const domain::ValidApplicant& v, domain::Channel channel,
                                         const std::optional<std::string>& proof_image,
                                         const std::string& idempotency_key,
                                         const std::string& user_number = {}) {
  auto key_id = impl.vault.create_key();
  if (!key_id.ok()) return store_failed(key_id.status());
  auto sealed = impl.vault.seal(*key_id, v.data);
  if (!sealed.ok()) return store_failed(sealed.status());
  // The proof is personal data too: the blob store holds it sealed, under the
  // key erasure destroys.
  std::string proof_hash;
  if (proof_image) {
    auto sealed_proof = impl.vault.seal_bytes(*key_id, *proof_image);
    if (!sealed_proof.ok()) return store_failed(sealed_proof.status());
    auto hash = impl.store.put_blob(*sealed_proof);
    if (!hash.ok()) return store_failed(hash.status());
    proof_hash = base::to_hex(*hash);
  }
  auto identity = impl.vault.identity_digest(v.data);
  if (!identity.ok()) return store_failed(identity.status());

  domain::SubmitRegistration cmd;
  domain::RegistrationSubmitted& r = cmd.registration;
  r.id = base::to_hex(random_bytes(10));
  r.channel = channel;
  r.category = v.category;
  r.key_id = *key_id;
  r.sealed = std::move(*sealed);
  r.email_given = !v.data.email.empty();
  r.proof = proof_hash;
  r.identity = *identity;
  cmd.auto_approve_residents = impl.config.auto_approve_residents;
  cmd.mail_id = impl.new_mail_id();
  cmd.requested_user_number = user_number;
  // The credential is in place before the registration can be approved (it
  // may be at once); one that stays pending gets a fresh one at approval.
  const std::string mail_id = cmd.mail_id;
  auto code = store_initial_credential(impl, r.id, v.data.birth_date, mail_id);
  if (!code.ok()) return code.error();
  auto outcome = impl.run(actor, std::move(cmd), idempotency_key);
  if (!outcome.ok()) {
    drop_unsent_code(impl, mail_id);
    return outcome.error();
  }
  RegistrationReceipt receipt = receipt_of(outcome.value());
  if (receipt.status == domain::RegistrationStatus::kApproved && !outcome->replayed) {
    receipt.activation_code = code.value();
  } else {
    drop_unsent_code(impl, mail_id);
  }
  return receipt;
}

}  // namespace

base::Result<RegistrationReceipt> AccountService::register_online(
    const domain::ApplicantForm& form, std::optional<std::string_view> proof,
    const std::string& idempotency_key) {
  const domain::Date today = domain::tokyo_date(impl_->clock.now());
  auto valid = domain::validate_applicant(form, domain::Channel::kOnline, today);
  if (!valid.ok()) return valid.error();
  std::optional<std::string> image_bytes;
  if (valid->category == domain::Category::kWorker) {
    if (!proof || proof->empty()) {
      return Error::validation("proof", "required", base::MessageId::kProofRequired);
    }
    auto image = accept_proof(*proof);
    if (!image.ok()) return image.error();
    image_bytes = std::move(image->bytes);
  }
  return submit(*impl_, domain::Actor::system(), valid.value(), domain::Channel::kOnline,
                image_bytes, idempotency_key);
}

base::Result<RegistrationReceipt> AccountService::register_postcard(
    const domain::Actor& op, const domain::ApplicantForm& form, const std::string& idempotency_key,
    const std::string& user_number) {
  if (op.kind != domain::Actor::Kind::kOperator) {
    return Error{ErrorCode::kForbidden, base::MessageId::kOnlyOperators};
  }
  const domain::Date today = domain::tokyo_date(impl_->clock.now());
  auto valid = domain::validate_applicant(form, domain::Channel::kPostcard, today);
  if (!valid.ok()) return valid.error();
  return submit(*impl_, op, valid.value(), domain::Channel::kPostcard, std::nullopt,
                idempotency_key, user_number);
}

base::Result<RegistrationReceipt> AccountService::approve(const domain::Actor& op,
                                                          const std::string& registration) {
  // One approval at a time: the credential is replaced only for a
  // registration still pending, never under an account already in use.
  base::MutexLock lk(impl_->approval_mu);
  // Only an operator may approve: checked here too, before any credential is
  // touched (the domain checks it again).
  if (op.kind != domain::Actor::Kind::kOperator || !impl_->is_operator(op.id)) {
    return Error{ErrorCode::kForbidden, base::MessageId::kOnlyOperators};
  }
  auto r = impl_->registration(registration);
  if (!r || r->status != domain::RegistrationStatus::kPending || r->erased) {
    return Error{ErrorCode::kConflict, base::MessageId::kNotAwaitingApproval};
  }
  auto data = impl_->personal(*r);
  if (!data) return Error{ErrorCode::kConflict, base::MessageId::kNotAwaitingApproval};
  domain::ApproveRegistration cmd{registration, {}, impl_->new_mail_id()};
  const std::string mail_id = cmd.mail_id;
  auto code = store_initial_credential(*impl_, registration, data->birth_date, mail_id);
  if (!code.ok()) return code.error();
  auto outcome = impl_->run(op, std::move(cmd));
  if (!outcome.ok()) {
    drop_unsent_code(*impl_, mail_id);
    return outcome.error();
  }
  RegistrationReceipt receipt = receipt_of(outcome.value());
  receipt.registration_id = registration;
  // A postcard applicant's code goes on the notice letter the operator
  // prints; an online registrant's only by mail.
  if (r->submitted.channel == domain::Channel::kPostcard) receipt.activation_code = code.value();
  if (!r->submitted.email_given) drop_unsent_code(*impl_, mail_id);
  return receipt;
}

base::Result<Unit> AccountService::reject(const domain::Actor& op, const std::string& registration,
                                          const std::string& reason) {
  auto outcome =
      impl_->run(op, domain::RejectRegistration{registration, reason, impl_->new_mail_id()});
  if (!outcome.ok()) return outcome.error();
  return Unit{};
}

std::vector<RegistrationView> AccountService::registrations(
    std::optional<domain::RegistrationStatus> status) const {
  std::vector<domain::Registration> all;
  impl_->processor.inspect([&](const domain::BookingState& s) {
    for (const auto& [id, r] : s.accounts.registrations) {
      if (!status || r.status == *status) all.push_back(r);
    }
  });
  std::vector<RegistrationView> out;
  for (domain::Registration& r : all) {
    auto data = impl_->personal(r);
    out.push_back({std::move(r), std::move(data)});
  }
  std::sort(out.begin(), out.end(), [](const RegistrationView& a, const RegistrationView& b) {
    return a.registration.submitted.at < b.registration.submitted.at;
  });
  return out;
}

base::Result<ProofDocument> AccountService::proof(const std::string& registration) const {
  auto r = impl_->registration(registration);
  const auto key = r ? proof_key(r->submitted.proof) : std::nullopt;
  if (!key) return Error{ErrorCode::kNotFound, base::MessageId::kNoProof};
  if (r->erased) return Error{ErrorCode::kGone, base::MessageId::kApplicantErased};
  auto bytes = impl_->store.get_blob(*key);
  if (!bytes.ok()) return store_failed(bytes.status());
  auto opened = impl_->vault.open_bytes(r->submitted.key_id, *bytes);
  if (opened.ok()) {
    if (!*opened) return Error{ErrorCode::kGone, base::MessageId::kApplicantErased};
    return ProofDocument{**opened, sniff_image(**opened)};
  }
  // A proof stored before proofs were sealed: the image itself.
  if (*sniff_image(*bytes)) return ProofDocument{*bytes, sniff_image(*bytes)};
  return store_failed(opened.status());
}

base::Result<Unit> AccountService::erase(const domain::Actor& op, const std::string& user_number,
                                         const std::string& registration,
                                         const std::string& reason) {
  auto outcome = impl_->run(op, domain::ErasePersonalData{user_number, registration, reason});
  if (!outcome.ok()) return outcome.error();
  const auto& erased = std::get<domain::PersonalDataErased>(outcome->events.front());
  auto r = impl_->registration(erased.registration);
  if (r) {
    if (auto s = impl_->vault.destroy(r->submitted.key_id); !s.ok()) return store_failed(s);
    // The proof document is personal data too: its bytes go as well.
    if (const auto key = proof_key(r->submitted.proof)) {
      if (auto s = impl_->store.shred_blob(*key); !s.ok()) {
        return store_failed(s);
      }
    }
    (void)impl_->store.side_write({{eventstore::SideTable::kCredentials,
                                    user_credential_key(r->submitted.id), std::nullopt}});
    if (!r->user_number.empty()) impl_->revoke(domain::user_account(r->user_number));
    std::vector<std::string> mails;
    impl_->processor.inspect([&](const domain::BookingState& s) {
      for (const auto& [id, m] : s.accounts.mails) {
        if (m.mail.registration == r->submitted.id) mails.push_back(id);
      }
    });
    std::vector<std::function<void(const std::vector<std::string>&)>> hooks;
    {
      base::MutexLock lk(impl_->hooks_mu);
      hooks = impl_->erase_hooks;
    }
    for (const auto& h : hooks) h(mails);
  }
  return Unit{};
}

}  // namespace hoyo::accounts
