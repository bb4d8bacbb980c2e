// The account events to and from Cap'n Proto (events.capnp).
#include <algorithm>

#include "domain/event_codec_internal.h"
#include "domain/events.capnp.h"

namespace hoyo::domain::internal {

namespace s = schema;

void encode_account(capnp::MallocMessageBuilder& m, const RegistrationSubmitted& e) {
  auto b = m.initRoot<s::RegistrationSubmitted>();
  b.setId(text(e.id));
  b.setChannel(static_cast<s::Channel>(e.channel));
  b.setCategory(static_cast<s::Category>(e.category));
  b.setKeyId(text(e.key_id));
  b.setSealed(data(e.sealed));
  b.setEmailGiven(e.email_given);
  b.setProof(text(e.proof));
  b.setIdentity(capnp::Data::Reader(e.identity.data(), e.identity.size()));
  auto dups = b.initDuplicates(static_cast<unsigned>(e.duplicates.size()));
  for (unsigned i = 0; i < e.duplicates.size(); ++i) dups.set(i, text(e.duplicates[i]));
  b.setAt(e.at);
}

void encode_account(capnp::MallocMessageBuilder& m, const RegistrationApproved& e) {
  auto b = m.initRoot<s::RegistrationApproved>();
  b.setId(text(e.id));
  b.setUserNumber(text(e.user_number));
  b.setAutomatic(e.automatic);
  b.setAt(e.at);
}

void encode_account(capnp::MallocMessageBuilder& m, const RegistrationRejected& e) {
  auto b = m.initRoot<s::RegistrationRejected>();
  b.setId(text(e.id));
  b.setReason(text(e.reason));
}

void encode_account(capnp::MallocMessageBuilder& m, const PasswordSet& e) {
  auto b = m.initRoot<s::PasswordSet>();
  b.setAccount(text(e.account));
  b.setReason(static_cast<s::PasswordReason>(e.reason));
  b.setAt(e.at);
}

void encode_account(capnp::MallocMessageBuilder& m, const LoginAttempted& e) {
  auto b = m.initRoot<s::LoginAttempted>();
  b.setAccount(text(e.account));
  b.setSucceeded(e.succeeded);
  b.setOutcome(text(e.outcome));
}

void encode_account(capnp::MallocMessageBuilder& m, const PasswordResetIssued& e) {
  m.initRoot<s::PasswordResetIssued>().setAccount(text(e.account));
}

void encode_account(capnp::MallocMessageBuilder& m, const MailQueued& e) {
  auto b = m.initRoot<s::MailQueued>();
  b.setId(text(e.id));
  b.setRegistration(text(e.registration));
  b.setKind(static_cast<s::MailKind>(e.kind));
  b.setNotice(text(e.notice));
}

void encode_account(capnp::MallocMessageBuilder& m, const MailSent& e) {
  auto b = m.initRoot<s::MailSent>();
  b.setId(text(e.id));
  b.setAttempts(static_cast<std::uint16_t>(e.attempts));
}

void encode_account(capnp::MallocMessageBuilder& m, const MailFailed& e) {
  auto b = m.initRoot<s::MailFailed>();
  b.setId(text(e.id));
  b.setAttempt(static_cast<std::uint16_t>(e.attempt));
  b.setError(text(e.error));
  b.setFinal(e.final);
  b.setAt(e.at);
}

void encode_account(capnp::MallocMessageBuilder& m, const PersonalDataErased& e) {
  auto b = m.initRoot<s::PersonalDataErased>();
  b.setRegistration(text(e.registration));
  b.setReason(text(e.reason));
}

void encode_account(capnp::MallocMessageBuilder& m, const OperatorAdded& e) {
  auto b = m.initRoot<s::OperatorAdded>();
  b.setLogin(text(e.login));
  b.setRole(static_cast<s::OperatorRole>(e.role));
}

void encode_account(capnp::MallocMessageBuilder& m, const OperatorDisabled& e) {
  m.initRoot<s::OperatorDisabled>().setLogin(text(e.login));
}

void encode_account(capnp::MallocMessageBuilder& m, const SecondFactorChanged& e) {
  auto b = m.initRoot<s::SecondFactorChanged>();
  b.setAccount(text(e.account));
  b.setChange(static_cast<s::SecondFactorChange>(e.change));
}

void encode_account(capnp::MallocMessageBuilder& m, const PreferencesSet& e) {
  auto b = m.initRoot<s::PreferencesSet>();
  b.setUser(text(e.user));
  b.setLanguage(static_cast<s::Language>(e.language));
  b.setReminders(e.reminders);
}

void encode_account(capnp::MallocMessageBuilder& m, const NoticeIssued& e) {
  auto b = m.initRoot<s::NoticeIssued>();
  b.setId(text(e.id));
  b.setUser(text(e.user));
  b.setKind(static_cast<s::NoticeKind>(e.kind));
  b.setLanguage(static_cast<s::Language>(e.language));
  b.setSubject(text(e.subject));
  b.setBody(text(e.body));
  b.setMail(text(e.mail));
  b.setCause(text(e.cause));
  b.setConfirmBy(e.confirm_by);
  b.setAt(e.at);
}

void encode_account(capnp::MallocMessageBuilder& m, const NoticesRead& e) {
  auto b = m.initRoot<s::NoticesRead>();
  b.setUser(text(e.user));
  auto ids = b.initNotices(static_cast<unsigned>(e.notices.size()));
  for (unsigned i = 0; i < e.notices.size(); ++i) ids.set(i, text(e.notices[i]));
}

std::optional<Event> decode_account(std::string_view type, capnp::FlatArrayMessageReader& m) {
  if (type == "RegistrationSubmitted") {
    auto b = m.getRoot<s::RegistrationSubmitted>();
    RegistrationSubmitted e;
    e.id = str(b.getId());
    e.channel = static_cast<Channel>(b.getChannel());
    e.category = static_cast<Category>(b.getCategory());
    e.key_id = str(b.getKeyId());
    e.sealed = bytes(b.getSealed());
    e.email_given = b.getEmailGiven();
    e.proof = str(b.getProof());
    auto identity = b.getIdentity();
    if (identity.size() != e.identity.size()) return std::nullopt;
    std::copy(identity.begin(), identity.end(), e.identity.begin());
    for (auto d : b.getDuplicates()) e.duplicates.push_back(str(d));
    e.at = b.getAt();
    return e;
  }
  if (type == "RegistrationApproved") {
    auto b = m.getRoot<s::RegistrationApproved>();
    return RegistrationApproved{str(b.getId()), str(b.getUserNumber()), b.getAutomatic(),
                                b.getAt()};
  }
  if (type == "RegistrationRejected") {
    auto b = m.getRoot<s::RegistrationRejected>();
    return RegistrationRejected{str(b.getId()), str(b.getReason())};
  }
  if (type == "PasswordSet") {
    auto b = m.getRoot<s::PasswordSet>();
    return PasswordSet{str(b.getAccount()), static_cast<PasswordReason>(b.getReason()), b.getAt()};
  }
  if (type == "LoginAttempted") {
    auto b = m.getRoot<s::LoginAttempted>();
    return LoginAttempted{str(b.getAccount()), b.getSucceeded(), str(b.getOutcome())};
  }
  if (type == "PasswordResetIssued") {
    return PasswordResetIssued{str(m.getRoot<s::PasswordResetIssued>().getAccount())};
  }
  if (type == "MailQueued") {
    auto b = m.getRoot<s::MailQueued>();
    return MailQueued{str(b.getId()), str(b.getRegistration()), static_cast<MailKind>(b.getKind()),
                      str(b.getNotice())};
  }
  if (type == "MailSent") {
    auto b = m.getRoot<s::MailSent>();
    return MailSent{str(b.getId()), b.getAttempts()};
  }
  if (type == "MailFailed") {
    auto b = m.getRoot<s::MailFailed>();
    return MailFailed{str(b.getId()), b.getAttempt(), str(b.getError()), b.getFinal(), b.getAt()};
  }
  if (type == "PersonalDataErased") {
    auto b = m.getRoot<s::PersonalDataErased>();
    return PersonalDataErased{str(b.getRegistration()), str(b.getReason())};
  }
  if (type == "OperatorAdded") {
    auto b = m.getRoot<s::OperatorAdded>();
    return OperatorAdded{str(b.getLogin()), static_cast<OperatorRole>(b.getRole())};
  }
  if (type == "OperatorDisabled") {
    return OperatorDisabled{str(m.getRoot<s::OperatorDisabled>().getLogin())};
  }
  if (type == "SecondFactorChanged") {
    auto b = m.getRoot<s::SecondFactorChanged>();
    return SecondFactorChanged{str(b.getAccount()), static_cast<SecondFactorChange>(b.getChange())};
  }
  if (type == "PreferencesSet") {
    auto b = m.getRoot<s::PreferencesSet>();
    return PreferencesSet{str(b.getUser()), static_cast<Language>(b.getLanguage()),
                          b.getReminders()};
  }
  if (type == "NoticeIssued") {
    auto b = m.getRoot<s::NoticeIssued>();
    NoticeIssued e;
    e.id = str(b.getId());
    e.user = str(b.getUser());
    e.kind = static_cast<NoticeKind>(b.getKind());
    e.language = static_cast<Language>(b.getLanguage());
    e.subject = str(b.getSubject());
    e.body = str(b.getBody());
    e.mail = str(b.getMail());
    e.cause = str(b.getCause());
    e.confirm_by = b.getConfirmBy();
    e.at = b.getAt();
    return e;
  }
  if (type == "NoticesRead") {
    auto b = m.getRoot<s::NoticesRead>();
    NoticesRead e{str(b.getUser()), {}};
    for (auto id : b.getNotices()) e.notices.push_back(str(id));
    return e;
  }
  return std::nullopt;
}

}  // namespace hoyo::domain::internal
