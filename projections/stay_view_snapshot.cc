// StayView checkpoints: the flat arrays in order; the indexes are rebuilt
// from them (their order is the arrays' order, as when folded).
#include <algorithm>

#include "domain/offer_snapshot.h"
#include "domain/penalty_snapshot.h"
#include "domain/price_snapshot.h"
#include "domain/snapshot_codec.h"
#include "domain/waitlist_snapshot.h"
#include "projections/stay_view.h"

namespace hoyo::projections {

std::string StayView::save() const {
  domain::SnapshotWriter w;
  w.u64(ids_.interned().size());
  for (const std::string& n : ids_.interned()) w.str(n);
  w.u64(facilities_.size());
  for (const FacilityDays& f : facilities_) {
    w.event(domain::FacilityRegistered{f.facility});
    w.i64(f.base);
    w.u64(f.days.size());
    for (const auto& day : f.days) {
      for (const Counts& c : day) {
        w.i64(c.booked);
        w.i64(c.held);
      }
    }
  }
  w.u64(stays_.size());
  for (const Stay& s : stays_) {
    w.u64(s.number);
    w.u64(s.user);
    w.u64(s.application);
    w.i64(s.booked_at);
    w.u64(s.facility);
    w.i64(s.check_in);
    w.u64(s.people[0]);
    w.u64(s.people[1]);
    w.u64(s.nights);
    w.u64(s.style);
    w.u64(s.wish);
    w.u64(s.status);
    w.u64(s.origin);
    w.u64(s.confirmation);
    w.i64(s.confirm_by);
  }
  w.u64(lotteries_.size());
  for (const Lottery& l : lotteries_) {
    w.event(domain::LotteryOpened{l.period});
    w.u64(l.published);
    w.u64(l.drawn);
  }
  w.u64(applications_.size());
  for (const Application& a : applications_) {
    w.u64(a.id);
    w.u64(a.user);
    w.i64(a.applied_at);
    w.u64(a.lottery);
    w.u64(a.facility);
    w.i64(a.check_in);
    w.u64(a.people[0]);
    w.u64(a.people[1]);
    w.u64(a.nights);
    w.u64(a.wish);
    w.u64(a.preference);
    w.u64(a.status);
  }
  w.u64(priced_.size());
  for (const auto& [index, p] : priced_) {
    w.u64(index);
    domain::Reservation r;
    r.guests = p.guests;
    r.reduction = p.reduction;
    r.price = p.price;
    r.paid = p.paid;
    domain::save_price_record(w, r);
  }
  w.u64(penalized_.size());
  for (const auto& [index, p] : penalized_) {
    w.u64(index);
    domain::Reservation r;
    r.attendance = p.attendance;
    r.override_reason = p.override_reason;
    domain::save_penalty_record(w, r);
    w.str(p.sealed_override_reason.key_id);
    w.str(p.sealed_override_reason.bytes);
  }
  domain::BookingState penalties;  // the ward's rules and the suspensions, as the writer saves them
  penalties.penalties = penalties_;
  penalties.suspensions.insert(suspensions_.begin(), suspensions_.end());
  penalties.limits = limits_;
  domain::save_penalties(w, penalties, false);
  domain::save_suspensions(w, penalties);
  domain::BookingState offers;  // the offers, as the writer saves them (no chains)
  offers.offers = offers_;
  domain::save_offers(w, offers);
  w.u64(claims_.size());
  for (const auto& [index, c] : claims_) {
    w.u64(index);
    domain::Reservation r;
    r.guests = c.guests;
    r.reduction = c.reduction;
    domain::save_price_record(w, r);
  }
  domain::save_waitlist(w, waitlist_);
  return w.take();
}

bool StayView::restore(std::string_view bytes) {
  StayView v;
  domain::SnapshotReader r(bytes);
  std::vector<std::string> names;
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) names.push_back(r.str());
  v.ids_.restore_interned(std::move(names));
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    FacilityDays f;
    f.facility = r.event<domain::FacilityRegistered>().facility;
    f.base = static_cast<std::int32_t>(r.i64());
    f.days.resize(r.u64() & 0xffffff);
    for (auto& day : f.days) {
      for (Counts& c : day) {
        c.booked = static_cast<std::int32_t>(r.i64());
        c.held = static_cast<std::int32_t>(r.i64());
      }
    }
    v.facility_ids_[f.facility.id] = static_cast<std::uint32_t>(v.facilities_.size());
    v.facilities_.push_back(std::move(f));
  }
  // The counts size the arrays and tables once (bounded by the bytes left:
  // damaged counts must not allocate beyond them).
  const std::uint64_t stays = r.u64();
  v.stays_.reserve(std::min<std::uint64_t>(stays, bytes.size()));
  v.stay_index_.reserve(std::min<std::uint64_t>(stays, bytes.size()));
  for (std::uint64_t n = stays; n > 0 && !r.failed(); --n) {
    Stay s;
    s.number = r.u64();
    s.user = r.u64();
    s.application = r.u64();
    s.booked_at = r.i64();
    s.facility = static_cast<std::uint32_t>(r.u64());
    s.check_in = static_cast<std::int32_t>(r.i64());
    s.people[0] = static_cast<std::uint16_t>(r.u64());
    s.people[1] = static_cast<std::uint16_t>(r.u64());
    s.nights = static_cast<std::uint8_t>(r.u64());
    s.style = static_cast<std::uint8_t>(r.u64());
    s.wish = static_cast<std::uint8_t>(r.u64());
    s.status = static_cast<std::uint8_t>(r.u64());
    s.origin = static_cast<std::uint8_t>(r.u64());
    s.confirmation = static_cast<std::uint8_t>(r.u64());
    s.confirm_by = r.i64();
    if (s.facility >= v.facilities_.size()) return false;
    const auto index = static_cast<std::uint32_t>(v.stays_.size());
    v.stays_.push_back(s);
    v.stay_index_[s.number] = index;
    v.by_user_[s.user].push_back(index);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    Lottery l;
    l.period = r.event<domain::LotteryOpened>().period;
    l.published = r.u64() != 0;
    l.drawn = r.u64() != 0;
    v.lottery_ids_[l.period.id] = static_cast<std::uint32_t>(v.lotteries_.size());
    v.lotteries_.push_back(std::move(l));
  }
  const std::uint64_t applications = r.u64();
  v.applications_.reserve(std::min<std::uint64_t>(applications, bytes.size()));
  v.application_index_.reserve(std::min<std::uint64_t>(applications, bytes.size()));
  for (std::uint64_t n = applications; n > 0 && !r.failed(); --n) {
    Application a;
    a.id = r.u64();
    a.user = r.u64();
    a.applied_at = r.i64();
    a.lottery = static_cast<std::uint32_t>(r.u64());
    a.facility = static_cast<std::uint32_t>(r.u64());
    a.check_in = static_cast<std::int32_t>(r.i64());
    a.people[0] = static_cast<std::uint16_t>(r.u64());
    a.people[1] = static_cast<std::uint16_t>(r.u64());
    a.nights = static_cast<std::uint8_t>(r.u64());
    a.wish = static_cast<std::uint8_t>(r.u64());
    a.preference = static_cast<std::uint8_t>(r.u64());
    a.status = static_cast<std::uint8_t>(r.u64());
    if (a.lottery >= v.lotteries_.size() || a.facility >= v.facilities_.size()) return false;
    const auto index = static_cast<std::uint32_t>(v.applications_.size());
    v.applications_.push_back(a);
    v.application_index_[a.id] = index;
    v.lotteries_[a.lottery].by_user[a.user].push_back(index);
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const std::uint64_t index = r.u64();
    domain::Reservation x;
    domain::restore_price_record(r, x);
    if (index >= v.stays_.size()) return false;
    v.priced_[static_cast<std::uint32_t>(index)] = {x.guests, x.reduction, x.price, x.paid};
  }
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const std::uint64_t index = r.u64();
    domain::Reservation x;
    domain::restore_penalty_record(r, x);
    domain::SealedText sealed;
    sealed.key_id = r.str();
    sealed.bytes = r.str();
    if (index >= v.stays_.size()) return false;
    v.penalized_[static_cast<std::uint32_t>(index)] = {x.attendance, x.override_reason,
                                                       std::move(sealed)};
  }
  domain::BookingState penalties;
  domain::restore_penalties(r, penalties);
  domain::restore_suspensions(r, penalties);
  v.penalties_ = penalties.penalties;
  v.suspensions_.insert(penalties.suspensions.begin(), penalties.suspensions.end());
  v.limits_ = penalties.limits;
  domain::BookingState offers;
  domain::restore_offers(r, offers);
  v.offers_ = std::move(offers.offers);
  for (std::uint64_t n = r.u64(); n > 0 && !r.failed(); --n) {
    const std::uint64_t index = r.u64();
    domain::Reservation x;
    domain::restore_price_record(r, x);
    if (index >= v.applications_.size()) return false;
    v.claims_[static_cast<std::uint32_t>(index)] = {x.guests, x.reduction, {}, false};
  }
  domain::restore_waitlist(r, v.waitlist_);
  for (const auto& [id, o] : v.waitlist_.offers) v.waitlist_offers_[id] = domain::as_offer(o);
  if (r.failed() || !r.at_end()) return false;
  *this = std::move(v);
  return true;
}

}  // namespace hoyo::projections
