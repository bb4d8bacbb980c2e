// Shared by the event codec's files. Private to domain/.
#pragma once

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <optional>
#include <string>
#include <string_view>

#include "domain/events.h"

namespace hoyo::domain::internal {

inline capnp::Text::Reader text(const std::string& x) { return {x.data(), x.size()}; }
inline std::string str(capnp::Text::Reader t) { return {t.cStr(), t.size()}; }
inline capnp::Data::Reader data(const std::string& x) {
  return {reinterpret_cast<const capnp::byte*>(x.data()), x.size()};
}
inline std::string bytes(capnp::Data::Reader d) {
  return {reinterpret_cast<const char*>(d.begin()), d.size()};
}

void encode_account(capnp::MallocMessageBuilder& m, const RegistrationSubmitted& e);
void encode_account(capnp::MallocMessageBuilder& m, const RegistrationApproved& e);
void encode_account(capnp::MallocMessageBuilder& m, const RegistrationRejected& e);
void encode_account(capnp::MallocMessageBuilder& m, const PasswordSet& e);
void encode_account(capnp::MallocMessageBuilder& m, const LoginAttempted& e);
void encode_account(capnp::MallocMessageBuilder& m, const PasswordResetIssued& e);
void encode_account(capnp::MallocMessageBuilder& m, const MailQueued& e);
void encode_account(capnp::MallocMessageBuilder& m, const MailSent& e);
void encode_account(capnp::MallocMessageBuilder& m, const MailFailed& e);
void encode_account(capnp::MallocMessageBuilder& m, const PersonalDataErased& e);
void encode_account(capnp::MallocMessageBuilder& m, const OperatorAdded& e);
void encode_account(capnp::MallocMessageBuilder& m, const OperatorDisabled& e);
void encode_account(capnp::MallocMessageBuilder& m, const SecondFactorChanged& e);
void encode_account(capnp::MallocMessageBuilder& m, const PreferencesSet& e);
void encode_account(capnp::MallocMessageBuilder& m, const NoticeIssued& e);
void encode_account(capnp::MallocMessageBuilder& m, const NoticesRead& e);

// The account event of that type, or nullopt when the type is not one.
std::optional<Event> decode_account(std::string_view type, capnp::FlatArrayMessageReader& m);

}  // namespace hoyo::domain::internal
