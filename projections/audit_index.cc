#include "projections/audit_index.h"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "domain/snapshot_codec.h"

namespace hoyo::projections {
namespace {
// Kinds of subject, interned in this order so the common ones need no search.
enum : std::uint32_t {
  kUser,
  kReservation,
  kFacility,
  kLottery,
  kApplication,
  kRegistration,
  kOffer
};
constexpr std::string_view kKnownKinds[] = {
    "user", "reservation", "facility", "lottery", "lottery-application", "registration", "offer"};
}  // namespace

AuditIndex::AuditIndex() : kinds_(std::begin(kKnownKinds), std::end(kKnownKinds)) {}

std::uint32_t AuditIndex::kind(std::string_view name) {
  for (std::uint32_t i = 0; i < kinds_.size(); ++i) {
    if (kinds_[i] == name) return i;
  }
  kinds_.emplace_back(name);
  return static_cast<std::uint32_t>(kinds_.size() - 1);
}

void AuditIndex::append(Chain& c, std::uint64_t position) {
  if (c.last != 0 && nodes_[c.last].position == position) return;
  if (nodes_.size() >= UINT32_MAX) throw std::length_error("audit index: too many entries");
  const auto n = static_cast<std::uint32_t>(nodes_.size());
  nodes_.push_back({position, 0});
  if (c.last == 0) {
    c.first = n;
  } else {
    nodes_[c.last].next = n;
  }
  c.last = n;
}

AuditIndex::Chain* AuditIndex::chain(std::string_view key) {
  const auto colon = key.find(':');
  if (colon == std::string_view::npos) return nullptr;
  const std::uint32_t k = kind(key.substr(0, colon));
  return &chains_[{k, ids_.key(std::string(key.substr(colon + 1)))}];
}

std::vector<std::uint64_t> AuditIndex::positions(const std::string& key, std::uint64_t from,
                                                 std::size_t limit) const {
  std::vector<std::uint64_t> out;
  const auto colon = key.find(':');
  if (colon == std::string::npos) return out;
  const std::string_view name = std::string_view(key).substr(0, colon);
  const auto k = std::find(kinds_.begin(), kinds_.end(), name);
  const Key id = ids_.find(key.substr(colon + 1));
  if (k == kinds_.end() || id == 0) return out;
  auto c = chains_.find({static_cast<std::uint32_t>(k - kinds_.begin()), id});
  if (c == chains_.end() || nodes_[c->second.last].position < from) return out;
  for (std::uint32_t n = c->second.first; n != 0 && out.size() < limit; n = nodes_[n].next) {
    if (nodes_[n].position >= from) out.push_back(nodes_[n].position);
  }
  return out;
}

void AuditIndex::apply(const EventMeta& meta, const domain::Event& event) {
  const std::uint64_t at = meta.position;
  if (meta.actor.rfind("operator:", 0) == 0) add(meta.actor, at);
  auto reservation = [&](const std::string& number) {
    const Key n = ids_.key(number);
    add(kReservation, n, at);
    if (auto it = reservations_.find(n); it != reservations_.end()) {
      add(kUser, it->second.user, at);
      add(kFacility, it->second.facility, at);
    }
  };
  auto registration = [&](Key id) {
    add(kRegistration, id, at);
    if (auto it = registration_user_.find(id); it != registration_user_.end()) {
      add(kUser, it->second, at);
    }
  };
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, domain::FacilityRegistered> ||
                      std::is_same_v<E, domain::FacilityChanged>) {
          add(kFacility, e.facility.id, at);
        } else if constexpr (std::is_same_v<E, domain::DatesClosed> ||
                             std::is_same_v<E, domain::DatesReopened>) {
          add(kFacility, e.facility, at);
        } else if constexpr (std::is_same_v<E, domain::ReservationBooked>) {
          const domain::Reservation& r = e.reservation;
          reservations_[ids_.key(r.number)] = {ids_.key(r.user), ids_.key(r.facility)};
          reservation(r.number);
          if (!r.application.empty()) add(kApplication, r.application, at);
        } else if constexpr (std::is_same_v<E, domain::ReservationChanged> ||
                             std::is_same_v<E, domain::ReservationCancelled> ||
                             std::is_same_v<E, domain::ReservationConfirmed> ||
                             std::is_same_v<E, domain::WinLapsed> ||
                             std::is_same_v<E, domain::LapsedRoomReleased> ||
                             std::is_same_v<E, domain::ReservationPaid> ||
                             std::is_same_v<E, domain::AttendanceRecorded>) {
          reservation(e.number);
        } else if constexpr (std::is_same_v<E, domain::RoomOffered>) {
          // An offer is about its runner-up, the lapsed win it comes from
          // (and so that win's holder) and its lottery.
          const domain::Offer& o = e.offer;
          const Key user = ids_.key(o.user);
          offer_user_[ids_.key(o.id)] = user;
          add(kOffer, o.id, at);
          add(kUser, user, at);
          add(kLottery, o.lottery, at);
          add(kApplication, o.application, at);
          reservation(o.lapsed);
        } else if constexpr (std::is_same_v<E, domain::OfferAccepted> ||
                             std::is_same_v<E, domain::OfferDeclined> ||
                             std::is_same_v<E, domain::OfferLapsed>) {
          const Key offer = ids_.key(e.offer);
          add(kOffer, offer, at);
          if (auto it = offer_user_.find(offer); it != offer_user_.end()) {
            add(kUser, it->second, at);
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryOpened>) {
          add(kLottery, e.period.id, at);
          for (const std::string& f : e.period.facilities) add(kFacility, f, at);
        } else if constexpr (std::is_same_v<E, domain::LotteryApplied>) {
          const domain::LotteryApplication& a = e.application;
          const Key user = ids_.key(a.user);
          application_user_[ids_.key(a.id)] = user;
          add(kLottery, a.lottery, at);
          add(kUser, user, at);
          add(kFacility, a.facility, at);
        } else if constexpr (std::is_same_v<E, domain::LotteryApplicationsCancelled>) {
          add(kLottery, e.lottery, at);
          for (const std::string& id : e.applications) {
            if (auto it = application_user_.find(ids_.find(id)); it != application_user_.end()) {
              add(kUser, it->second, at);
            }
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryDrawn> ||
                             std::is_same_v<E, domain::LotteryPublished> ||
                             std::is_same_v<E, domain::LotteryResultsTold> ||
                             std::is_same_v<E, domain::LotteryWinsBooked> ||
                             std::is_same_v<E, domain::LosersToTell> ||
                             std::is_same_v<E, domain::LosersTold> ||
                             std::is_same_v<E, domain::LotteryAuditorCommitted> ||
                             std::is_same_v<E, domain::LotteryAuditorRevealed>) {
          add(kLottery, e.lottery, at);
        } else if constexpr (std::is_same_v<E, domain::RegistrationSubmitted>) {
          registration(ids_.key(e.id));
        } else if constexpr (std::is_same_v<E, domain::RegistrationApproved>) {
          const Key id = ids_.key(e.id);
          registration_user_[id] = ids_.key(e.user_number);
          registration(id);
        } else if constexpr (std::is_same_v<E, domain::RegistrationRejected>) {
          registration(ids_.key(e.id));
        } else if constexpr (std::is_same_v<E, domain::PersonalDataErased>) {
          registration(ids_.key(e.registration));
        } else if constexpr (std::is_same_v<E, domain::PasswordSet> ||
                             std::is_same_v<E, domain::PasswordResetIssued> ||
                             std::is_same_v<E, domain::LoginAttempted> ||
                             std::is_same_v<E, domain::SecondFactorChanged>) {
          add(e.account, at);
        } else if constexpr (std::is_same_v<E, domain::MailQueued>) {
          const Key registration_id = ids_.key(e.registration);
          mail_registration_[ids_.key(e.id)] = registration_id;
          registration(registration_id);
        } else if constexpr (std::is_same_v<E, domain::MailSent> ||
                             std::is_same_v<E, domain::MailFailed>) {
          if (auto it = mail_registration_.find(ids_.find(e.id)); it != mail_registration_.end()) {
            registration(it->second);
          }
        } else if constexpr (std::is_same_v<E, domain::PreferencesSet> ||
                             std::is_same_v<E, domain::UserSuspended> ||
                             std::is_same_v<E, domain::SuspensionLifted> ||
                             std::is_same_v<E, domain::NoticeIssued> ||
                             std::is_same_v<E, domain::NoticesRead>) {
          add(kUser, ids_.key(e.user), at);
        } else if constexpr (std::is_same_v<E, domain::OperatorAdded> ||
                             std::is_same_v<E, domain::OperatorDisabled>) {
          add("operator:" + e.login, at);
        }
      },
      event);
}

std::vector<std::pair<std::string, std::vector<std::uint64_t>>> AuditIndex::canonical() const {
  std::vector<std::pair<std::string, std::vector<std::uint64_t>>> out;
  out.reserve(chains_.size());
  for (const auto& [subject, chain] : chains_) {
    std::vector<std::uint64_t> positions;
    for (std::uint32_t n = chain.first; n != 0; n = nodes_[n].next) {
      positions.push_back(nodes_[n].position);
    }
    out.emplace_back(kinds_[subject.first] + ":" + ids_.name(subject.second), std::move(positions));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool AuditIndex::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const AuditIndex*>(&other);
  return o && o->canonical() == canonical();
}

namespace {

template <class Map, class Name>
void put_map(domain::SnapshotWriter& w, const Map& m, const Name& name) {
  w.u64(m.size());
  for (const auto& [k, v] : m) {
    w.str(name(k));
    w.str(name(v));
  }
}

}  // namespace

// Saved: every subject by name with its positions as deltas, then the helper
// maps with their ids as text.
std::string AuditIndex::save() const {
  domain::SnapshotWriter w;
  const auto subjects = canonical();
  w.u64(subjects.size());
  for (const auto& [key, positions] : subjects) {
    w.str(key);
    w.u64(positions.size());
    std::uint64_t last = 0;
    for (std::uint64_t p : positions) {
      w.u64(p - last);  // ascending: deltas are small
      last = p;
    }
  }
  auto name = [&](Key k) { return ids_.name(k); };
  w.u64(reservations_.size());
  for (const auto& [n, b] : reservations_) {
    w.str(name(n));
    w.str(name(b.user));
    w.str(name(b.facility));
  }
  put_map(w, application_user_, name);
  put_map(w, registration_user_, name);
  put_map(w, mail_registration_, name);
  put_map(w, offer_user_, name);
  return w.take();
}

bool AuditIndex::restore(std::string_view bytes) {
  AuditIndex fresh;
  domain::SnapshotReader r(bytes);
  const std::uint64_t subjects = r.u64();
  fresh.chains_.reserve(std::min<std::uint64_t>(subjects, bytes.size()));
  for (std::uint64_t n = subjects; n > 0 && !r.failed(); --n) {
    // The subject is looked up once, its positions appended to its chain.
    const std::string key = r.str();
    const std::uint64_t count = r.u64();
    Chain* c = count > 0 ? fresh.chain(key) : nullptr;
    std::uint64_t last = 0;
    for (std::uint64_t k = count; k > 0 && !r.failed(); --k) {
      last += r.u64();
      if (c) fresh.append(*c, last);
    }
  }
  const std::uint64_t reservations = r.u64();
  fresh.reservations_.reserve(std::min<std::uint64_t>(reservations, bytes.size()));
  for (std::uint64_t n = reservations; n > 0 && !r.failed(); --n) {
    const Key number = fresh.ids_.key(r.str());
    const Key user = fresh.ids_.key(r.str());
    fresh.reservations_[number] = {user, fresh.ids_.key(r.str())};
  }
  for (auto* m : {&fresh.application_user_, &fresh.registration_user_, &fresh.mail_registration_,
                  &fresh.offer_user_}) {
    const std::uint64_t entries = r.u64();
    m->reserve(std::min<std::uint64_t>(entries, bytes.size()));
    for (std::uint64_t n = entries; n > 0 && !r.failed(); --n) {
      const Key k = fresh.ids_.key(r.str());
      (*m)[k] = fresh.ids_.key(r.str());
    }
  }
  if (r.failed() || !r.at_end()) return false;
  *this = std::move(fresh);
  return true;
}

}  // namespace hoyo::projections
