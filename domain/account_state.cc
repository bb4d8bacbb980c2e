// evolve_account(): folds the account events.
#include "domain/account_state.h"

namespace hoyo::domain {

const char* registration_status_name(RegistrationStatus s) {
  switch (s) {
    case RegistrationStatus::kPending:
      return "pending";
    case RegistrationStatus::kApproved:
      return "approved";
    case RegistrationStatus::kRejected:
      return "rejected";
  }
  return "pending";
}

const char* role_name(OperatorRole r) {
  return r == OperatorRole::kAuditor ? "auditor" : "operator";
}

const Registration* AccountState::registration(const std::string& id) const {
  auto it = registrations.find(id);
  return it == registrations.end() ? nullptr : &it->second;
}

const Registration* AccountState::user(const std::string& user_number) const {
  auto it = users.find(user_number);
  return it == users.end() ? nullptr : registration(it->second);
}

const OperatorAccount* AccountState::op(const std::string& login) const {
  auto it = operators.find(login);
  return it == operators.end() ? nullptr : &it->second;
}

void evolve_account(AccountState& s, const RegistrationSubmitted& e) {
  Registration& r = s.registrations[e.id];
  r.submitted = e;
  s.identities[e.identity].push_back(e.id);
}

void evolve_account(AccountState& s, const RegistrationApproved& e) {
  Registration& r = s.registrations.at(e.id);
  r.status = RegistrationStatus::kApproved;
  r.user_number = e.user_number;
  r.automatic = e.automatic;
  r.approved_at = e.at;
  s.users[e.user_number] = e.id;
}

void evolve_account(AccountState& s, const RegistrationRejected& e) {
  Registration& r = s.registrations.at(e.id);
  r.status = RegistrationStatus::kRejected;
  r.reject_reason = e.reason;
}

void evolve_account(AccountState& s, const PasswordSet& e) {
  s.passwords[e.account] = {e.reason, e.at};
}

void evolve_account(AccountState&, const LoginAttempted&) {}
void evolve_account(AccountState&, const PasswordResetIssued&) {}

void evolve_account(AccountState& s, const MailQueued& e) { s.mails[e.id].mail = e; }

void evolve_account(AccountState& s, const MailSent& e) {
  s.mails.at(e.id).status = MailStatus::kSent;
}

void evolve_account(AccountState& s, const MailFailed& e) {
  OutboxMail& m = s.mails.at(e.id);
  m.attempts = e.attempt;
  m.last_failure = e.at;
  if (e.final) m.status = MailStatus::kFailed;
}

void evolve_account(AccountState& s, const PersonalDataErased& e) {
  Registration& r = s.registrations.at(e.registration);
  r.erased = true;
  r.submitted.sealed.clear();  // unreadable from now on: do not keep the ciphertext around
}

void evolve_account(AccountState& s, const OperatorAdded& e) {
  s.operators[e.login] = {e.role, false};
}

void evolve_account(AccountState& s, const OperatorDisabled& e) {
  s.operators.at(e.login).disabled = true;
}

// No decision reads it: whether a second factor is active is the credential
// store's to say (it holds the secret); the event is for the audit.
void evolve_account(AccountState&, const SecondFactorChanged&) {}

}  // namespace hoyo::domain
