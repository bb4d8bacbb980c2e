#include "processor/idempotency.h"

#include <openssl/evp.h>

#include <cstring>

namespace hoyo::processor {

eventstore::EventId correlation_for(const std::string& actor, const std::string& key) {
  std::string input = actor;
  input.push_back('\n');
  input += key;
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int n = 0;
  EVP_Digest(input.data(), input.size(), digest, &n, EVP_sha256(), nullptr);
  eventstore::EventId id;
  std::memcpy(id.data(), digest, id.size());
  if (id == eventstore::EventId{}) id[0] = 1;  // zero means "none" in the log
  return id;
}

int command_kind_of_event(std::string_view type) {
  // Indices of domain::CommandBody.
  if (type == "FacilityRegistered") return 0;
  if (type == "FacilityChanged") return 1;
  if (type == "DatesClosed") return 2;
  if (type == "DatesReopened") return 3;
  if (type == "ReservationBooked") return 4;
  if (type == "ReservationChanged") return 5;
  if (type == "ReservationCancelled") return 6;
  if (type == "LotteryOpened") return 7;
  if (type == "LotteryApplied") return 8;
  if (type == "LotteryApplicationsCancelled") return 9;
  if (type == "LotteryDrawn") return 10;
  if (type == "LotteryPublished") return 11;
  if (type == "RegistrationSubmitted") return 12;
  if (type == "RegistrationApproved") return 13;
  if (type == "RegistrationRejected") return 14;
  if (type == "PasswordSet") return 15;
  if (type == "LoginAttempted") return 16;
  if (type == "PasswordResetIssued") return 17;
  if (type == "MailSent" || type == "MailFailed") return 18;
  if (type == "PersonalDataErased") return 19;
  if (type == "OperatorAdded") return 20;
  if (type == "OperatorDisabled") return 21;
  if (type == "SecondFactorChanged") return 22;
  if (type == "LotteryAuditorCommitted") return 23;
  if (type == "LotteryAuditorRevealed") return 24;
  if (type == "PreferencesSet") return 26;
  if (type == "NoticesRead") return 27;
  if (type == "ReservationConfirmed") return 28;
  if (type == "ReservationPaid") return 30;
  if (type == "OfferAccepted" || type == "WaitlistOfferAccepted") return 35;
  if (type == "OfferDeclined" || type == "WaitlistOfferClosed") return 36;
  if (type == "WaitlistJoined") return 37;
  if (type == "WaitlistLeft") return 38;
  return -1;
}

std::size_t IdempotencyRegistry::Hash::operator()(const eventstore::EventId& id) const {
  std::size_t h;
  std::memcpy(&h, id.data(), sizeof h);
  return h;
}

IdempotencyRegistry::Entry* IdempotencyRegistry::find(const eventstore::EventId& key) {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

IdempotencyRegistry::Entry& IdempotencyRegistry::start(const eventstore::EventId& key, int kind,
                                                       domain::Instant at) {
  Entry& e = entries_[key];
  e.kind = kind;
  e.at = at;
  order_.emplace_back(at, key);
  return e;
}

void IdempotencyRegistry::prune(domain::Instant now, domain::Instant window) {
  while (!order_.empty() && order_.front().first < now - window) {
    auto it = entries_.find(order_.front().second);
    if (it != entries_.end() && it->second.durable && it->second.at == order_.front().first) {
      entries_.erase(it);
    }
    order_.pop_front();
  }
}

}  // namespace hoyo::processor
