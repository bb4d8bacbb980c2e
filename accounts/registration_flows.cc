// M9, O1, O4: registration, approval, rejection, proofs and erasure.
#include "accounts/account_service.h"
#include "accounts/internal/service_impl.h"
#include "accounts/proof_image.h"
#include "domain/password_policy.h"

namespace hoyo::accounts {

using domain::DomainError;
using domain::ErrorCode;

namespace {

// The blob key of a proof: its hex SHA-256 as recorded in the registration.
eventstore::Hash proof_key(const std::string& hex) {
  eventstore::Hash key{};
  for (std::size_t i = 0; i < key.size(); ++i) {
    key[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  }
  return key;
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

// Seals the applicant's fields under a fresh data key, stores the initial
// password's hash, and submits the registration.
domain::Result<RegistrationReceipt> submit(AccountService::Impl& impl, const domain::Actor& actor,
                                           const domain::ValidApplicant& v, domain::Channel channel,
                                           const std::string& proof_hash,
                                           const std::string& idempotency_key,
                                           const std::string& user_number = {}) {
  auto key_id = impl.vault.create_key();
  if (!key_id.is_ok()) return store_failed(key_id.status());
  auto sealed = impl.vault.seal(*key_id, v.data);
  if (!sealed.is_ok()) return store_failed(sealed.status());
  auto identity = impl.vault.identity_digest(v.data);
  if (!identity.is_ok()) return store_failed(identity.status());
  auto initial = impl.hasher.hash(domain::initial_password(v.data.birth_date));
  if (!initial.ok()) return initial.error();

  domain::SubmitRegistration cmd;
  domain::RegistrationSubmitted& r = cmd.registration;
  r.id = hex(random_bytes(10));
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
  // The hash is in place before the registration can be approved.
  if (auto s = impl.store.side_put(eventstore::SideTable::kCredentials, user_credential_key(r.id),
                                   initial.value());
      !s.is_ok()) {
    return store_failed(s);
  }
  auto outcome = impl.run(actor, std::move(cmd), idempotency_key);
  if (!outcome.ok()) return outcome.error();
  return receipt_of(outcome.value());
}

}  // namespace

domain::Result<RegistrationReceipt> AccountService::register_online(
    const domain::ApplicantForm& form, std::optional<std::string_view> proof,
    const std::string& idempotency_key) {
  const domain::Date today = domain::tokyo_date(impl_->clock.now());
  auto valid = domain::validate_applicant(form, domain::Channel::kOnline, today);
  if (!valid.ok()) return valid.error();
  std::string proof_hash;
  if (valid->category == domain::Category::kWorker) {
    if (!proof || proof->empty()) {
      return DomainError::validation("proof", "required", "在勤を証明する書類を添付してください");
    }
    auto image = accept_proof(*proof);
    if (!image.ok()) return image.error();
    auto hash = impl_->store.put_blob(image->bytes);
    if (!hash.is_ok()) return store_failed(hash.status());
    proof_hash = eventstore::to_hex(hash->data(), hash->size());
  }
  return submit(*impl_, domain::Actor::system(), valid.value(), domain::Channel::kOnline,
                proof_hash, idempotency_key);
}

domain::Result<RegistrationReceipt> AccountService::register_postcard(
    const domain::Actor& op, const domain::ApplicantForm& form, const std::string& idempotency_key,
    const std::string& user_number) {
  if (op.kind != domain::Actor::Kind::kOperator) {
    return DomainError{ErrorCode::kForbidden, "only an operator may do this", {}};
  }
  const domain::Date today = domain::tokyo_date(impl_->clock.now());
  auto valid = domain::validate_applicant(form, domain::Channel::kPostcard, today);
  if (!valid.ok()) return valid.error();
  return submit(*impl_, op, valid.value(), domain::Channel::kPostcard, {}, idempotency_key,
                user_number);
}

domain::Result<std::string> AccountService::approve(const domain::Actor& op,
                                                    const std::string& registration) {
  domain::ApproveRegistration cmd{registration, {}, impl_->new_mail_id()};
  auto outcome = impl_->run(op, std::move(cmd));
  if (!outcome.ok()) return outcome.error();
  return receipt_of(outcome.value()).user_number;
}

domain::Result<Unit> AccountService::reject(const domain::Actor& op,
                                            const std::string& registration,
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

domain::Result<ProofDocument> AccountService::proof(const std::string& registration) const {
  auto r = impl_->registration(registration);
  if (!r || r->submitted.proof.size() != 64) {
    return DomainError{ErrorCode::kNotFound, "no proof for this registration", {}};
  }
  if (r->erased) return DomainError{ErrorCode::kGone, "the applicant's data was erased", {}};
  const eventstore::Hash key = proof_key(r->submitted.proof);
  auto bytes = impl_->store.get_blob(key);
  if (!bytes.is_ok()) return store_failed(bytes.status());
  return ProofDocument{*bytes, sniff_image(*bytes)};
}

domain::Result<Unit> AccountService::erase(const domain::Actor& op, const std::string& user_number,
                                           const std::string& registration,
                                           const std::string& reason) {
  auto outcome = impl_->run(op, domain::ErasePersonalData{user_number, registration, reason});
  if (!outcome.ok()) return outcome.error();
  const auto& erased = std::get<domain::PersonalDataErased>(outcome->events.front());
  auto r = impl_->registration(erased.registration);
  if (r) {
    if (auto s = impl_->vault.destroy(r->submitted.key_id); !s.is_ok()) return store_failed(s);
    // The proof document is personal data too: its bytes go as well.
    if (r->submitted.proof.size() == 64) {
      if (auto s = impl_->store.shred_blob(proof_key(r->submitted.proof)); !s.is_ok()) {
        return store_failed(s);
      }
    }
    (void)impl_->store.side_write({{eventstore::SideTable::kCredentials,
                                    user_credential_key(r->submitted.id), std::nullopt}});
    if (!r->user_number.empty()) impl_->revoke(domain::user_account(r->user_number));
  }
  return Unit{};
}

}  // namespace hoyo::accounts
