// The rules of accounts that need the log's state: who may approve, reject and
// erase, unique ids and user numbers, duplicates, the mail outbox.
#include <algorithm>
#include <cctype>

#include "domain/decide_internal.h"
#include "domain/reservation_number.h"

namespace hoyo::domain::internal {
namespace {

Error not_found(MessageId what) { return {ErrorCode::kNotFound, what}; }
Error conflict(MessageId what) { return {ErrorCode::kConflict, what}; }

// An enabled operator account with the operator role (auditors only read).
Status check_operator(const BookingState& s, const Actor& a) {
  if (a.kind == Actor::Kind::kOperator) {
    const OperatorAccount* op = s.accounts.op(a.id);
    if (op && !op->disabled && op->role == OperatorRole::kOperator) return {};
  }
  return Error{ErrorCode::kForbidden, MessageId::kOnlyOperators, {}};
}

Status check_system(const Actor& a) {
  if (a.kind == Actor::Kind::kSystem) return {};
  return Error{ErrorCode::kForbidden, MessageId::kOnlySystem, {}};
}

// Who manages staff accounts: the system (hoyoctl on a stopped directory,
// hoyod's first administrator) or an enabled administrator.
Status check_staff_manager(const BookingState& s, const Actor& a) {
  if (a.kind == Actor::Kind::kSystem) return {};
  if (a.kind == Actor::Kind::kOperator) {
    const OperatorAccount* op = s.accounts.op(a.id);
    if (op && !op->disabled && op->role == OperatorRole::kAdmin) return {};
  }
  return Error{ErrorCode::kForbidden, MessageId::kOnlyAdmins, {}};
}

// True when an enabled administrator other than `login` exists.
bool another_enabled_admin(const BookingState& s, const std::string& login) {
  for (const auto& [name, op] : s.accounts.operators) {
    if (name != login && !op.disabled && op.role == OperatorRole::kAdmin) return true;
  }
  return false;
}

// The events that approve a registration: the user number, the initial
// password (the birth date; its hash was stored with the registration) and,
// when the user gave an email, the approval mail.
void approve(std::vector<Event>& out, const RegistrationSubmitted& r, const std::string& number,
             bool automatic, const std::string& mail_id, Instant now) {
  out.push_back(RegistrationApproved{r.id, number, automatic, now});
  out.push_back(PasswordSet{user_account(number), PasswordReason::kInitial, now});
  if (r.email_given && !mail_id.empty()) {
    out.push_back(MailQueued{mail_id, r.id, MailKind::kApproved, {}});
  }
}

Status check_fresh_number(const BookingState& s, const std::string& number) {
  if (number.empty() || s.accounts.users.count(number)) {
    return conflict(MessageId::kNoFreshUserNumber);
  }
  return {};
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const SubmitRegistration& c, Instant now) {
  RegistrationSubmitted r = c.registration;
  if (r.channel == Channel::kPostcard) {
    if (Status e = check_operator(s, a); !e.ok()) return e;
  } else if (a.kind == Actor::Kind::kUser) {
    return Error{ErrorCode::kForbidden, MessageId::kLoggedInCannotRegister, {}};
  }
  if (r.id.empty() || r.key_id.empty() || r.sealed.empty()) {
    return Error::validation("registration", "required", MessageId::kRegistrationIncomplete);
  }
  if (s.accounts.registration(r.id)) return conflict(MessageId::kRegistrationIdInUse);
  if (r.channel == Channel::kOnline && !r.email_given) {
    return Error::validation("email", "required", MessageId::kEmailRequired);
  }
  if (proof_required(r.category, r.channel) && r.proof.empty()) {
    return Error::validation("proof", "required", MessageId::kProofRequired);
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
    return Error::validation("userNumber", "invalid", MessageId::kUserNumberFormat);
  }
  if (!c.requested_user_number.empty() && !approve_now) {
    // The number would be lost while the registration waits; the operator
    // decides on the earlier registrations first.
    return conflict(MessageId::kDuplicateApplicant);
  }
  if (approve_now) {
    if (Status e = check_fresh_number(s, number); !e.ok()) return e;
  }
  std::vector<Event> out{r};
  if (approve_now) approve(out, r, number, r.channel == Channel::kOnline, c.mail_id, now);
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const ApproveRegistration& c,
                  Instant now) {
  if (Status e = check_operator(s, a); !e.ok()) return e;
  const Registration* r = s.accounts.registration(c.registration);
  if (!r) return not_found(MessageId::kNoSuchRegistration);
  if (r->status != RegistrationStatus::kPending)
    return conflict(MessageId::kRegistrationNotPending);
  if (r->erased) return conflict(MessageId::kRegistrationErased);
  if (Status e = check_fresh_number(s, c.user_number); !e.ok()) return e;
  std::vector<Event> out;
  approve(out, r->submitted, c.user_number, false, c.mail_id, now);
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const RejectRegistration& c, Instant) {
  if (Status e = check_operator(s, a); !e.ok()) return e;
  const Registration* r = s.accounts.registration(c.registration);
  if (!r) return not_found(MessageId::kNoSuchRegistration);
  if (r->status != RegistrationStatus::kPending)
    return conflict(MessageId::kRegistrationNotPending);
  if (Status e = check_reason_text("reason", c.reason, MessageId::kRejectReasonRequired,
                                   kMaxAccountReasonBytes);
      !e.ok()) {
    return e;
  }
  std::vector<Event> out{RegistrationRejected{c.registration, stored_reason(c.reason)}};
  if (r->submitted.email_given && !r->erased && !c.mail_id.empty()) {
    out.push_back(MailQueued{c.mail_id, c.registration, MailKind::kRejected, {}});
  }
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const RecordPasswordSet& c, Instant now) {
  const Registration* user = nullptr;
  if (c.account.rfind("user:", 0) == 0) {
    user = s.accounts.user(c.account.substr(5));
    if (!user || user->erased) return not_found(MessageId::kNoSuchUser);
    if (a.kind == Actor::Kind::kUser && user_account(a.id) != c.account) {
      return Error{ErrorCode::kForbidden, MessageId::kOwnPasswordOnly, {}};
    }
  } else if (c.account.rfind("operator:", 0) == 0) {
    const OperatorAccount* op = s.accounts.op(c.account.substr(9));
    if (!op || op->disabled) return not_found(MessageId::kNoSuchOperator);
    // Staff set only their own password; users never a staff member's.
    if (a.kind == Actor::Kind::kUser ||
        (a.kind == Actor::Kind::kOperator && operator_account(a.id) != c.account)) {
      return Error{ErrorCode::kForbidden, MessageId::kNotYourPassword, {}};
    }
  } else {
    return not_found(MessageId::kNoSuchAccount);
  }
  std::vector<Event> out{PasswordSet{c.account, c.reason, now}};
  if (user && user->submitted.email_given && !c.mail_id.empty()) {
    out.push_back(MailQueued{c.mail_id, user->submitted.id, MailKind::kPasswordChanged, {}});
  }
  return out;
}

Events decide_one(const BookingState&, const Actor&, const RecordLogin& c, Instant) {
  return std::vector<Event>{c.attempt};
}

Events decide_one(const BookingState& s, const Actor&, const IssuePasswordReset& c, Instant) {
  const Registration* user = s.accounts.user(c.user_number);
  if (!user || user->erased || !user->submitted.email_given)
    return not_found(MessageId::kNoSuchUser);
  if (c.mail_id.empty()) return Error::validation("mail", "required", MessageId::kMailIdMissing);
  return std::vector<Event>{PasswordResetIssued{user_account(c.user_number)},
                            MailQueued{c.mail_id, user->submitted.id, MailKind::kResetLink, {}}};
}

Events decide_one(const BookingState& s, const Actor& a, const RecordMailOutcome& c, Instant now) {
  if (Status e = check_system(a); !e.ok()) return e;
  auto it = s.accounts.mails.find(c.mail_id);
  if (it == s.accounts.mails.end()) return not_found(MessageId::kNoSuchMail);
  if (it->second.status != MailStatus::kQueued) return conflict(MessageId::kMailNotQueued);
  if (c.sent) return std::vector<Event>{MailSent{c.mail_id, it->second.attempts + 1}};
  return std::vector<Event>{MailFailed{c.mail_id, it->second.attempts + 1, c.error, c.final, now}};
}

Events decide_one(const BookingState& s, const Actor& a, const ErasePersonalData& c, Instant) {
  if (Status e = check_operator(s, a); !e.ok()) return e;
  const Registration* r = !c.user_number.empty() ? s.accounts.user(c.user_number)
                                                 : s.accounts.registration(c.registration);
  if (!r) return not_found(MessageId::kNoSuchUser);
  if (r->erased) return conflict(MessageId::kAlreadyErased);
  if (Status e = check_reason_text("reason", c.reason, MessageId::kEraseReasonRequired,
                                   kMaxAccountReasonBytes);
      !e.ok()) {
    return e;
  }
  return std::vector<Event>{PersonalDataErased{r->submitted.id, stored_reason(c.reason)}};
}

Events decide_one(const BookingState& s, const Actor& a, const AddOperator& c, Instant now) {
  if (Status e = check_staff_manager(s, a); !e.ok()) return e;
  if (!valid_operator_login(c.login)) {
    return Error::validation("login", "invalid", MessageId::kLoginFormat,
                             {{"min", 3}, {"max", 32}});
  }
  if (s.accounts.op(c.login)) return conflict(MessageId::kLoginExists);
  return std::vector<Event>{OperatorAdded{c.login, c.role},
                            PasswordSet{operator_account(c.login), PasswordReason::kInitial, now}};
}

Events decide_one(const BookingState& s, const Actor& a, const DisableOperator& c, Instant) {
  if (Status e = check_staff_manager(s, a); !e.ok()) return e;
  const OperatorAccount* op = s.accounts.op(c.login);
  if (!op) return not_found(MessageId::kNoSuchOperator);
  if (op->disabled) return conflict(MessageId::kAlreadyDisabled);
  // Nobody locks the ward out of managing its staff.
  if (op->role == OperatorRole::kAdmin && !another_enabled_admin(s, c.login)) {
    return conflict(MessageId::kLastAdmin);
  }
  return std::vector<Event>{OperatorDisabled{c.login}};
}

Events decide_one(const BookingState& s, const Actor& a, const RecordSecondFactorChange& c,
                  Instant) {
  const OperatorAccount* op = s.accounts.op(c.login);
  if (!op) return not_found(MessageId::kNoSuchOperator);
  if (c.change == SecondFactorChange::kReset) {
    if (Status e = check_staff_manager(s, a); !e.ok()) return e;
  } else if (a.kind != Actor::Kind::kOperator || a.id != c.login || op->disabled) {
    return Error{ErrorCode::kForbidden, MessageId::kOwnSecondFactorOnly, {}};
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
