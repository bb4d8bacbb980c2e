#include "projections/audit_index.h"

#include "projections/snapshot_codec.h"

namespace hoyo::projections {

void AuditIndex::add(const std::string& key, std::uint64_t position) {
  std::vector<std::uint64_t>& v = by_key_[key];
  if (v.empty() || v.back() != position) v.push_back(position);
}

const std::vector<std::uint64_t>& AuditIndex::positions(const std::string& key) const {
  static const std::vector<std::uint64_t> none;
  auto it = by_key_.find(key);
  return it == by_key_.end() ? none : it->second;
}

bool AuditIndex::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const AuditIndex*>(&other);
  return o && o->by_key_ == by_key_;
}

void AuditIndex::apply(const EventMeta& meta, const domain::Event& event) {
  const std::uint64_t at = meta.position;
  if (meta.actor.rfind("operator:", 0) == 0) add(std::string(meta.actor), at);
  auto reservation = [&](const std::string& number) {
    add("reservation:" + number, at);
    auto it = reservations_.find(number);
    if (it != reservations_.end()) {
      add("user:" + it->second.first, at);
      add("facility:" + it->second.second, at);
    }
  };
  auto registration = [&](const std::string& id) {
    add("registration:" + id, at);
    auto it = registration_user_.find(id);
    if (it != registration_user_.end()) add("user:" + it->second, at);
  };
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, domain::FacilityRegistered> ||
                      std::is_same_v<E, domain::FacilityChanged>) {
          add("facility:" + e.facility.id, at);
        } else if constexpr (std::is_same_v<E, domain::DatesClosed> ||
                             std::is_same_v<E, domain::DatesReopened>) {
          add("facility:" + e.facility, at);
        } else if constexpr (std::is_same_v<E, domain::ReservationBooked>) {
          const domain::Reservation& r = e.reservation;
          reservations_[r.number] = {r.user, r.facility};
          reservation(r.number);
          if (!r.application.empty()) add("lottery-application:" + r.application, at);
        } else if constexpr (std::is_same_v<E, domain::ReservationChanged> ||
                             std::is_same_v<E, domain::ReservationCancelled>) {
          reservation(e.number);
        } else if constexpr (std::is_same_v<E, domain::LotteryOpened>) {
          add("lottery:" + e.period.id, at);
          for (const std::string& f : e.period.facilities) add("facility:" + f, at);
        } else if constexpr (std::is_same_v<E, domain::LotteryApplied>) {
          const domain::LotteryApplication& a = e.application;
          application_user_[a.id] = a.user;
          add("lottery:" + a.lottery, at);
          add("user:" + a.user, at);
          add("facility:" + a.facility, at);
        } else if constexpr (std::is_same_v<E, domain::LotteryApplicationsCancelled>) {
          add("lottery:" + e.lottery, at);
          for (const std::string& id : e.applications) {
            if (auto it = application_user_.find(id); it != application_user_.end()) {
              add("user:" + it->second, at);
            }
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryDrawn> ||
                             std::is_same_v<E, domain::LotteryPublished>) {
          add("lottery:" + e.lottery, at);
        } else if constexpr (std::is_same_v<E, domain::RegistrationSubmitted>) {
          registration(e.id);
        } else if constexpr (std::is_same_v<E, domain::RegistrationApproved>) {
          registration_user_[e.id] = e.user_number;
          registration(e.id);
        } else if constexpr (std::is_same_v<E, domain::RegistrationRejected>) {
          registration(e.id);
        } else if constexpr (std::is_same_v<E, domain::PersonalDataErased>) {
          registration(e.registration);
        } else if constexpr (std::is_same_v<E, domain::PasswordSet> ||
                             std::is_same_v<E, domain::PasswordResetIssued> ||
                             std::is_same_v<E, domain::LoginAttempted>) {
          add(e.account, at);
        } else if constexpr (std::is_same_v<E, domain::MailQueued>) {
          mail_registration_[e.id] = e.registration;
          registration(e.registration);
        } else if constexpr (std::is_same_v<E, domain::MailSent> ||
                             std::is_same_v<E, domain::MailFailed>) {
          if (auto it = mail_registration_.find(e.id); it != mail_registration_.end()) {
            registration(it->second);
          }
        } else if constexpr (std::is_same_v<E, domain::OperatorAdded> ||
                             std::is_same_v<E, domain::OperatorDisabled>) {
          add("operator:" + e.login, at);
        }
      },
      event);
}

}  // namespace hoyo::projections

namespace hoyo::projections {
namespace {

void put_map(SnapshotWriter& w, const std::unordered_map<std::string, std::string>& m) {
  w.u64(m.size());
  for (const auto& [k, v] : m) {
    w.str(k);
    w.str(v);
  }
}

void get_map(SnapshotReader& r, std::unordered_map<std::string, std::string>& m) {
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string k = r.str();
    m[std::move(k)] = r.str();
  }
}

}  // namespace

std::string AuditIndex::save() const {
  SnapshotWriter w;
  w.u64(by_key_.size());
  for (const auto& [key, positions] : by_key_) {
    w.str(key);
    w.u64(positions.size());
    std::uint64_t last = 0;
    for (std::uint64_t p : positions) {
      w.u64(p - last);  // ascending: deltas are small
      last = p;
    }
  }
  w.u64(reservations_.size());
  for (const auto& [n, uf] : reservations_) {
    w.str(n);
    w.str(uf.first);
    w.str(uf.second);
  }
  put_map(w, application_user_);
  put_map(w, registration_user_);
  put_map(w, mail_registration_);
  return w.take();
}

bool AuditIndex::restore(std::string_view bytes) {
  AuditIndex fresh;
  SnapshotReader r(bytes);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    auto& positions = fresh.by_key_[r.str()];
    std::uint64_t last = 0;
    for (std::uint64_t k = r.u64(); k > 0 && !r.failed(); --k) positions.push_back(last += r.u64());
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    std::string number = r.str();
    std::string user = r.str();
    fresh.reservations_[number] = {std::move(user), r.str()};
  }
  get_map(r, fresh.application_user_);
  get_map(r, fresh.registration_user_);
  get_map(r, fresh.mail_registration_);
  if (r.failed() || !r.at_end()) return false;
  *this = std::move(fresh);
  return true;
}

}  // namespace hoyo::projections
