// Shared by the event codec's files. Private to domain/.
#pragma once

#include <capnp/message.h>
#include <capnp/serialize.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

// An operator's sealed text (SealedText), set only when there is one: an event
// without one keeps the bytes it had before sealing. `b` is its builder
// (init...()), `r` its reader (get..., when has...()).
template <class Builder>
void put_sealed(Builder b, const SealedText& t) {
  b.setKeyId(text(t.key_id));
  b.setBytes(data(t.bytes));
}
template <class Reader>
SealedText get_sealed(Reader r) {
  return {str(r.getKeyId()), bytes(r.getBytes())};
}

// The reader of a message's root as T.
template <class T>
typename T::Reader root(capnp::FlatArrayMessageReader& reader) {
  return reader.getRoot<T>();
}

template <class ListBuilder>
void put_people(ListBuilder list, const std::vector<int>& people) {
  for (unsigned i = 0; i < people.size(); ++i) list.set(i, static_cast<std::uint16_t>(people[i]));
}

template <class ListReader>
std::vector<int> get_people(ListReader list) {
  std::vector<int> people;
  for (auto p : list) people.push_back(p);
  return people;
}

template <class ListBuilder>
void put_dates(ListBuilder list, const std::vector<Date>& dates) {
  for (unsigned i = 0; i < dates.size(); ++i) list.set(i, dates[i].days);
}

template <class ListReader>
std::vector<Date> get_dates(ListReader list) {
  std::vector<Date> dates;
  for (auto d : list) dates.push_back(Date{d});
  return dates;
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
