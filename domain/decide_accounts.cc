// The rules of accounts that need the log's state: who may approve, reject and
// erase, unique ids and user numbers, duplicates, the mail outbox.
#include <algorithm>
#include <cctype>

#include "domain/decide_internal.h"
#include "domain/reservation_number.h"

namespace hoyo::domain::internal {
namespace {

DomainError not_found(const std::string& what) { return {ErrorCode::kNotFound, what, {}}; }
DomainError conflict(const std::string& what) { return {ErrorCode::kConflict, what, {}}; }

// An enabled operator account with the operator role (auditors only read).
std::optional<DomainError> check_operator(const BookingState& s, const Actor& a) {
  if (a.kind == Actor::Kind::kOperator) {
    const OperatorAccount* op = s.accounts.op(a.id);
    if (op && !op->disabled && op->role == OperatorRole::kOperator) return std::nullopt;
  }
  return DomainError{ErrorCode::kForbidden, "only an operator may do this", {}};
}

std::optional<DomainError> check_system(const Actor& a) {
  if (a.kind == Actor::Kind::kSystem) return std::nullopt;
  return DomainError{ErrorCode::kForbidden, "only the system may do this", {}};
}

// The events that approve a registration: the user number, the initial
// password (the birth date; its hash was stored with the registration) and,
// when the user gave an email, the approval mail.
void approve(std::vector<Event>& out, const RegistrationSubmitted& r, const std::string& number,
             bool automatic, const std::string& mail_id, Instant now) {
  out.push_back(RegistrationApproved{r.id, number, automatic, now});
  out.push_back(PasswordSet{user_account(number), PasswordReason::kInitial, now});
  if (r.email_given && !mail_id.empty()) {
    out.push_back(MailQueued{mail_id, r.id, MailKind::kApproved});
  }
}

std::optional<DomainError> check_fresh_number(const BookingState& s, const std::string& number) {
  if (number.empty() || s.accounts.users.count(number)) {
    return conflict("no fresh user number was given");
  }
  return std::nullopt;
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const SubmitRegistration& c, Instant now) {
  RegistrationSubmitted r = c.registration;
  if (r.channel == Channel::kPostcard) {
    if (auto e = check_operator(s, a)) return *e;
  } else if (a.kind == Actor::Kind::kUser) {
    return DomainError{ErrorCode::kForbidden, "a logged-in user cannot register again", {}};
  }
  if (r.id.empty() || r.key_id.empty() || r.sealed.empty()) {
    return DomainError::validation("registration", "required", "the registration is incomplete");
  }
  if (s.accounts.registration(r.id)) return conflict("registration id in use");
  if (r.channel == Channel::kOnline && !r.email_given) {
    return DomainError::validation("email", "required", "メールアドレスを入力してください");
  }
  if (proof_required(r.category, r.channel) && r.proof.empty()) {
    return DomainError::validation("proof", "required", "在勤を証明する書類を添付してください");
  }
  r.duplicates.clear();
  if (auto it = s.accounts.identities.find(r.identity); it != s.accounts.identities.end()) {
    for (const std::string& id : it->second) {
      const Registration& earlier = s.accounts.registrations.at(id);
      if (earlier.status != RegistrationStatus::kRejected && !earlier.erased) {
        r.duplicates.push_back(id);
      }
    }
  }
  r.at = now;
  // A possible second registration of the same person waits for an operator's
  // decision, whoever entered it: it is flagged, never silently doubled.
  const bool approve_now =
      r.duplicates.empty() && (r.channel == Channel::kPostcard ||
                               (r.category == Category::kResident && c.auto_approve_residents));
  const std::string& number =
      c.requested_user_number.empty() ? c.user_number : c.requested_user_number;
  if (!c.requested_user_number.empty() &&
      (r.channel != Channel::kPostcard || number.size() != 8 || !valid_check_digit(number))) {
    return DomainError::validation("userNumber", "invalid",
                                   "利用者番号は8桁（最後の1桁は検査数字）で指定してください");
  }
  if (!c.requested_user_number.empty() && !approve_now) {
    // The number would be lost while the registration waits; the operator
    // decides on the earlier registrations first.
    return conflict("同じ氏名・生年月日の登録があるため、利用者番号を指定して登録できません");
  }
  if (approve_now) {
    if (auto e = check_fresh_number(s, number)) return *e;
  }
  std::vector<Event> out{r};
  if (approve_now) approve(out, r, number, r.channel == Channel::kOnline, c.mail_id, now);
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const ApproveRegistration& c,
                  Instant now) {
  if (auto e = check_operator(s, a)) return *e;
  const Registration* r = s.accounts.registration(c.registration);
  if (!r) return not_found("no such registration");
  if (r->status != RegistrationStatus::kPending) return conflict("the registration is not pending");
  if (r->erased) return conflict("the registration's personal data was erased");
  if (auto e = check_fresh_number(s, c.user_number)) return *e;
  std::vector<Event> out;
  approve(out, r->submitted, c.user_number, false, c.mail_id, now);
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const RejectRegistration& c, Instant) {
  if (auto e = check_operator(s, a)) return *e;
  const Registration* r = s.accounts.registration(c.registration);
  if (!r) return not_found("no such registration");
  if (r->status != RegistrationStatus::kPending) return conflict("the registration is not pending");
  if (c.reason.empty() || c.reason.size() > 1500) {
    return DomainError::validation("reason", c.reason.empty() ? "required" : "too_long",
                                   "却下の理由を入力してください");
  }
  std::vector<Event> out{RegistrationRejected{c.registration, c.reason}};
  if (r->submitted.email_given && !r->erased && !c.mail_id.empty()) {
    out.push_back(MailQueued{c.mail_id, c.registration, MailKind::kRejected});
  }
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const RecordPasswordSet& c, Instant now) {
  const Registration* user = nullptr;
  if (c.account.rfind("user:", 0) == 0) {
    user = s.accounts.user(c.account.substr(5));
    if (!user || user->erased) return not_found("no such user");
    if (a.kind == Actor::Kind::kUser && user_account(a.id) != c.account) {
      return DomainError{ErrorCode::kForbidden, "users set only their own password", {}};
    }
  } else if (c.account.rfind("operator:", 0) == 0) {
    const OperatorAccount* op = s.accounts.op(c.account.substr(9));
    if (!op || op->disabled) return not_found("no such operator");
    // Staff set only their own password; users never a staff member's.
    if (a.kind == Actor::Kind::kUser ||
        (a.kind == Actor::Kind::kOperator && operator_account(a.id) != c.account)) {
      return DomainError{ErrorCode::kForbidden, "not yours", {}};
    }
  } else {
    return not_found("no such account");
  }
  std::vector<Event> out{PasswordSet{c.account, c.reason, now}};
  if (user && user->submitted.email_given && !c.mail_id.empty()) {
    out.push_back(MailQueued{c.mail_id, user->submitted.id, MailKind::kPasswordChanged});
  }
  return out;
}

Events decide_one(const BookingState&, const Actor&, const RecordLogin& c, Instant) {
  return std::vector<Event>{c.attempt};
}

Events decide_one(const BookingState& s, const Actor&, const IssuePasswordReset& c, Instant) {
  const Registration* user = s.accounts.user(c.user_number);
  if (!user || user->erased || !user->submitted.email_given) return not_found("no such user");
  if (c.mail_id.empty()) return DomainError::validation("mail", "required", "no mail id");
  return std::vector<Event>{PasswordResetIssued{user_account(c.user_number)},
                            MailQueued{c.mail_id, user->submitted.id, MailKind::kResetLink}};
}

Events decide_one(const BookingState& s, const Actor& a, const RecordMailOutcome& c, Instant now) {
  if (auto e = check_system(a)) return *e;
  auto it = s.accounts.mails.find(c.mail_id);
  if (it == s.accounts.mails.end()) return not_found("no such mail");
  if (it->second.status != MailStatus::kQueued) return conflict("the mail is not queued");
  if (c.sent) return std::vector<Event>{MailSent{c.mail_id, it->second.attempts + 1}};
  return std::vector<Event>{MailFailed{c.mail_id, it->second.attempts + 1, c.error, c.final, now}};
}

Events decide_one(const BookingState& s, const Actor& a, const ErasePersonalData& c, Instant) {
  if (auto e = check_operator(s, a)) return *e;
  const Registration* r = !c.user_number.empty() ? s.accounts.user(c.user_number)
                                                 : s.accounts.registration(c.registration);
  if (!r) return not_found("no such user");
  if (r->erased) return conflict("already erased");
  if (c.reason.empty() || c.reason.size() > 1500) {
    return DomainError::validation("reason", c.reason.empty() ? "required" : "too_long",
                                   "消去の理由を入力してください");
  }
  return std::vector<Event>{PersonalDataErased{r->submitted.id, c.reason}};
}

Events decide_one(const BookingState& s, const Actor& a, const AddOperator& c, Instant now) {
  if (auto e = check_system(a)) return *e;
  if (!valid_operator_login(c.login)) {
    return DomainError::validation("login", "invalid",
                                   "a login is 3-32 characters of a-z, 0-9, '.', '_' and '-'");
  }
  if (s.accounts.op(c.login)) return conflict("that login exists");
  return std::vector<Event>{OperatorAdded{c.login, c.role},
                            PasswordSet{operator_account(c.login), PasswordReason::kInitial, now}};
}

Events decide_one(const BookingState& s, const Actor& a, const DisableOperator& c, Instant) {
  if (auto e = check_system(a)) return *e;
  const OperatorAccount* op = s.accounts.op(c.login);
  if (!op) return not_found("no such operator");
  if (op->disabled) return conflict("already disabled");
  return std::vector<Event>{OperatorDisabled{c.login}};
}

Events decide_one(const BookingState& s, const Actor& a, const RecordSecondFactorChange& c,
                  Instant) {
  const OperatorAccount* op = s.accounts.op(c.login);
  if (!op) return not_found("no such operator");
  if (c.change == SecondFactorChange::kReset) {
    if (auto e = check_system(a)) return *e;
  } else if (a.kind != Actor::Kind::kOperator || a.id != c.login || op->disabled) {
    return DomainError{ErrorCode::kForbidden, "staff change only their own second factor", {}};
  }
  return std::vector<Event>{SecondFactorChanged{operator_account(c.login), c.change}};
}

}  // namespace hoyo::domain::internal

namespace hoyo::domain {

bool valid_operator_login(const std::string& login) {
  if (login.size() < 3 || login.size() > 32) return false;
  return std::all_of(login.begin(), login.end(), [](char c) {
    return std::islower(static_cast<unsigned char>(c)) ||
           std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace hoyo::domain
