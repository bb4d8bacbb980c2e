// evolve_account(): folds the account events.
#include "domain/account_state.h"

#include <utility>

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

const char* language_name(Language l) { return l == Language::kEn ? "en" : "ja"; }

const char* notice_kind_name(NoticeKind k) {
  switch (k) {
    case NoticeKind::kLotteryResult:
      return "lottery_result";
    case NoticeKind::kBookingReceipt:
      return "booking_receipt";
    case NoticeKind::kChangeReceipt:
      return "change_receipt";
    case NoticeKind::kCancellationReceipt:
      return "cancellation_receipt";
    case NoticeKind::kConfirmationReminder:
      return "confirmation_reminder";
    case NoticeKind::kStayReminder:
      return "stay_reminder";
    case NoticeKind::kRoomsFreed:
      return "rooms_freed";
    case NoticeKind::kWinLapsed:
      return "win_lapsed";
    case NoticeKind::kSuspended:
      return "suspended";
    case NoticeKind::kSuspensionLifted:
      return "suspension_lifted";
    case NoticeKind::kRunnerUpOffer:
      return "runner_up_offer";
    case NoticeKind::kWaitlistOffer:
      return "waitlist_offer";
  }
  return "lottery_result";
}

const char* notice_screen(NoticeKind kind, Instant confirm_by) {
  switch (kind) {
    case NoticeKind::kLotteryResult:
    case NoticeKind::kConfirmationReminder:
      return confirm_by != 0 ? "/confirmations" : nullptr;
    case NoticeKind::kRunnerUpOffer:
      return "/confirmations";
    case NoticeKind::kWaitlistOffer:
      return "/waitlist";
    case NoticeKind::kBookingReceipt:
    case NoticeKind::kChangeReceipt:
    case NoticeKind::kCancellationReceipt:
    case NoticeKind::kWinLapsed:
    case NoticeKind::kStayReminder:
    case NoticeKind::kRoomsFreed:
    case NoticeKind::kSuspended:
    case NoticeKind::kSuspensionLifted:
      return nullptr;
  }
  return nullptr;
}

namespace {
constexpr std::pair<OperatorRole, const char*> kRoleNames[] = {
    {OperatorRole::kOperator, "operator"},
    {OperatorRole::kAuditor, "auditor"},
    {OperatorRole::kAdmin, "admin"}};
}  // namespace

const char* role_name(OperatorRole r) {
  for (const auto& [role, name] : kRoleNames) {
    if (role == r) return name;
  }
  return "operator";
}

std::optional<OperatorRole> role_named(std::string_view name) {
  for (const auto& [role, n] : kRoleNames) {
    if (name == n) return role;
  }
  return std::nullopt;
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

Preferences AccountState::preferences_of(const std::string& user_number) const {
  auto it = preferences.find(user_number);
  return it == preferences.end() ? Preferences{} : it->second;
}

void evolve_account(AccountState& s, const MailQueued& e) { s.mails[e.id].mail = e; }

namespace {
// A mail that will not be tried again needs no text any more.
void drop_text(OutboxMail& m) {
  std::string().swap(m.subject);
  std::string().swap(m.body);
  m.notice_kind = NoticeKind::kLotteryResult;
  m.confirm_by = 0;
}
}  // namespace

void evolve_account(AccountState& s, const MailSent& e) {
  OutboxMail& m = s.mails.at(e.id);
  m.status = MailStatus::kSent;
  drop_text(m);
}

void evolve_account(AccountState& s, const MailFailed& e) {
  OutboxMail& m = s.mails.at(e.id);
  m.attempts = e.attempt;
  m.last_failure = e.at;
  if (e.final) {
    m.status = MailStatus::kFailed;
    drop_text(m);
  }
}

void evolve_account(AccountState& s, const PreferencesSet& e) {
  s.preferences[e.user] = {e.language, e.reminders};
}

void evolve_account(AccountState& s, const NoticeIssued& e) {
  if (e.kind == NoticeKind::kChangeReceipt) ++s.change_receipts[e.cause];
  // The mail that carries it was queued just before, in the same group.
  auto it = s.mails.find(e.mail);
  if (it == s.mails.end()) return;
  OutboxMail& m = it->second;
  m.subject = e.subject;
  m.body = e.body;
  m.language = e.language;
  m.notice_kind = e.kind;
  m.confirm_by = e.confirm_by;
}

// Read marks are the read model's (projections/notice_board.h).
void evolve_account(AccountState&, const NoticesRead&) {}

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
