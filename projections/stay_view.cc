#include "projections/stay_view.h"

#include <algorithm>

#include "domain/booking_windows.h"
#include "domain/penalty_snapshot.h"
#include "domain/price_snapshot.h"
#include "domain/suspensions.h"

namespace hoyo::projections {

using domain::Date;
using domain::RoomStyle;

StayView::Counts& StayView::FacilityDays::at(std::int32_t day, RoomStyle s) {
  if (days.empty()) base = day;
  if (day < base) {
    days.insert(days.begin(), static_cast<std::size_t>(base - day), {});
    base = day;
  }
  const auto i = static_cast<std::size_t>(day - base);
  if (i >= days.size()) days.resize(i + 1);
  return days[i][static_cast<int>(s)];
}

StayView::Counts StayView::FacilityDays::get(std::int32_t day, RoomStyle s) const {
  if (day < base || day - base >= static_cast<std::int32_t>(days.size())) return {};
  return days[static_cast<std::size_t>(day - base)][static_cast<int>(s)];
}

std::uint32_t StayView::facility_index(const std::string& id) {
  auto [it, added] = facility_ids_.try_emplace(id, static_cast<std::uint32_t>(facilities_.size()));
  if (added) {
    facilities_.emplace_back();
    facilities_.back().facility.id = id;
  }
  return it->second;
}

void StayView::count(const Stay& s, int delta) {
  FacilityDays& f = facilities_[s.facility];
  for (int i = 0; i < s.nights; ++i) {
    f.at(s.check_in + i, static_cast<RoomStyle>(s.style)).booked += delta;
  }
}

void StayView::record_price(std::uint32_t index, const domain::Reservation& r) {
  if (domain::has_price_record(r)) {
    priced_[index] = {r.guests, r.reduction, r.price, r.paid};
  } else {
    priced_.erase(index);
  }
}

StayView::Stay* StayView::stay(const std::string& number) {
  auto it = stay_index_.find(ids_.find(number));
  return it == stay_index_.end() ? nullptr : &stays_[it->second];
}

void StayView::apply(const EventMeta&, const domain::Event& event) {
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<E, domain::FacilityRegistered>) {
          facilities_[facility_index(e.facility.id)].facility = e.facility;
        } else if constexpr (std::is_same_v<E, domain::FacilityChanged>) {
          domain::Facility& f = facilities_[facility_index(e.facility.id)].facility;
          std::set<Date> closed = std::move(f.closed);
          f = e.facility;
          f.closed = std::move(closed);
        } else if constexpr (std::is_same_v<E, domain::DatesClosed>) {
          domain::Facility& f = facilities_[facility_index(e.facility)].facility;
          f.closed.insert(e.dates.begin(), e.dates.end());
        } else if constexpr (std::is_same_v<E, domain::DatesReopened>) {
          domain::Facility& f = facilities_[facility_index(e.facility)].facility;
          for (Date d : e.dates) f.closed.erase(d);
        } else if constexpr (std::is_same_v<E, domain::ReservationBooked>) {
          const domain::Reservation& r = e.reservation;
          Stay s;
          s.number = ids_.key(r.number);
          s.user = ids_.key(r.user);
          s.application = r.application.empty() ? 0 : ids_.key(r.application);
          s.booked_at = r.booked_at;
          s.facility = facility_index(r.facility);
          s.check_in = r.check_in.days;
          s.nights = static_cast<std::uint8_t>(r.nights);
          for (std::size_t i = 0; i < r.people.size() && i < 2; ++i) {
            s.people[i] = static_cast<std::uint16_t>(r.people[i]);
          }
          s.style = static_cast<std::uint8_t>(r.style);
          s.wish = static_cast<std::uint8_t>(r.wish);
          s.status = static_cast<std::uint8_t>(r.status);
          s.origin = static_cast<std::uint8_t>(r.origin);
          s.confirmation = static_cast<std::uint8_t>(r.confirmation);
          s.confirm_by = r.confirm_by;
          const auto index = static_cast<std::uint32_t>(stays_.size());
          stays_.push_back(s);
          stay_index_[s.number] = index;
          by_user_[s.user].push_back(index);
          record_price(index, r);
          if (domain::has_penalty_record(r)) {
            penalized_[index] = {r.attendance, r.override_reason, r.sealed_override_reason};
          }
          count(s, +1);
          if (r.active() && (r.origin == domain::Origin::kRunnerUp ||
                             r.origin == domain::Origin::kWaitlist || e.from_hold)) {
            // An accepted offer books nights held for the runners-up or the
            // waitlist; a win booked after its publication's group, nights
            // held for it since.
            for (int i = 0; i < r.nights; ++i) {
              facilities_[s.facility].at(s.check_in + i, r.style).held -= 1;
            }
          }
        } else if constexpr (std::is_same_v<E, domain::ReservationChanged>) {
          auto it = stay_index_.find(ids_.find(e.number));
          if (it == stay_index_.end()) return;
          Stay& s = stays_[it->second];
          count(s, -1);
          s.check_in = e.check_in.days;
          s.nights = static_cast<std::uint8_t>(e.nights);
          s.people = {};
          for (std::size_t i = 0; i < e.people.size() && i < 2; ++i) {
            s.people[i] = static_cast<std::uint16_t>(e.people[i]);
          }
          s.style = static_cast<std::uint8_t>(e.style);
          s.wish = static_cast<std::uint8_t>(e.wish);
          domain::Reservation priced;
          priced.guests = e.guests;
          priced.reduction = e.reduction;
          priced.price = e.price;
          if (auto p = priced_.find(it->second); p != priced_.end()) priced.paid = p->second.paid;
          record_price(it->second, priced);
          count(s, +1);
        } else if constexpr (std::is_same_v<E, domain::AttendanceRecorded>) {
          auto it = stay_index_.find(ids_.find(e.number));
          if (it != stay_index_.end()) penalized_[it->second].attendance = e.attendance;
        } else if constexpr (std::is_same_v<E, domain::PenaltyRulesSet>) {
          penalties_ = e.rules;
        } else if constexpr (std::is_same_v<E, domain::UserSuspended> ||
                             std::is_same_v<E, domain::SuspensionLifted>) {
          domain::fold_suspensions(suspensions_, e);
        } else if constexpr (std::is_same_v<E, domain::StayLimitsSet>) {
          limits_ = e.limits;
        } else if constexpr (std::is_same_v<E, domain::ReservationPaid>) {
          auto it = stay_index_.find(ids_.find(e.number));
          if (it != stay_index_.end()) priced_[it->second].paid = true;
        } else if constexpr (std::is_same_v<E, domain::ReservationCancelled>) {
          auto it = stay_index_.find(ids_.find(e.number));
          if (it == stay_index_.end()) return;
          Stay& s = stays_[it->second];
          if (s.status != static_cast<std::uint8_t>(domain::ReservationStatus::kBooked)) return;
          count(s, -1);
          s.status = static_cast<std::uint8_t>(domain::ReservationStatus::kCancelled);
        } else if constexpr (std::is_same_v<E, domain::ReservationConfirmed>) {
          if (Stay* s = stay(e.number)) {
            s->confirmation = static_cast<std::uint8_t>(domain::Confirmation::kConfirmed);
          }
        } else if constexpr (std::is_same_v<E, domain::WinLapsed>) {
          // The room is held (not free) until its release.
          Stay* s = stay(e.number);
          if (!s || s->status != static_cast<std::uint8_t>(domain::ReservationStatus::kBooked)) {
            return;
          }
          count(*s, -1);
          for (int i = 0; i < s->nights; ++i) {
            facilities_[s->facility].at(s->check_in + i, static_cast<RoomStyle>(s->style)).held +=
                1;
          }
          s->status = static_cast<std::uint8_t>(domain::ReservationStatus::kLapsed);
        } else if constexpr (std::is_same_v<E, domain::LapsedRoomReleased>) {
          if (const Stay* s = stay(e.number)) {
            for (Date night : e.freed) {
              facilities_[s->facility].at(night.days, static_cast<RoomStyle>(s->style)).held -= 1;
            }
          }
        } else if constexpr (std::is_same_v<E, domain::RoomOffered>) {
          offers_[e.offer.id] = e.offer;
        } else if constexpr (std::is_same_v<E, domain::OfferAccepted>) {
          if (auto it = offers_.find(e.offer); it != offers_.end()) {
            it->second.status = domain::OfferStatus::kAccepted;
            it->second.number = e.number;
          }
        } else if constexpr (std::is_same_v<E, domain::OfferDeclined> ||
                             std::is_same_v<E, domain::OfferLapsed>) {
          if (auto it = offers_.find(e.offer);
              it != offers_.end() && it->second.status == domain::OfferStatus::kOpen) {
            it->second.status = std::is_same_v<E, domain::OfferDeclined>
                                    ? domain::OfferStatus::kDeclined
                                    : domain::OfferStatus::kLapsed;
          }
        } else if constexpr (std::is_same_v<E, domain::WaitlistRoomHeld>) {
          for (Date night : e.hold.nights) {
            facilities_[facility_index(e.hold.facility)].at(night.days, e.hold.style).held += 1;
          }
          domain::fold_waitlist(waitlist_, e);
        } else if constexpr (std::is_same_v<E, domain::WaitlistHoldReleased>) {
          auto h = waitlist_.holds.find(e.hold);
          if (h == waitlist_.holds.end()) return;
          const std::vector<Date>& held = h->second.nights;
          for (Date night : e.freed) {
            if (std::find(held.begin(), held.end(), night) == held.end()) continue;
            facilities_[facility_index(h->second.facility)].at(night.days, h->second.style).held -=
                1;
          }
          domain::fold_waitlist(waitlist_, e);
        } else if constexpr (std::is_same_v<E, domain::WaitlistJoined> ||
                             std::is_same_v<E, domain::WaitlistLeft> ||
                             std::is_same_v<E, domain::WaitlistOffered> ||
                             std::is_same_v<E, domain::WaitlistOfferAccepted> ||
                             std::is_same_v<E, domain::WaitlistOfferClosed>) {
          domain::fold_waitlist(waitlist_, e);
          if constexpr (!std::is_same_v<E, domain::WaitlistJoined> &&
                        !std::is_same_v<E, domain::WaitlistLeft>) {
            const std::string& id = [&]() -> const std::string& {
              if constexpr (std::is_same_v<E, domain::WaitlistOffered>) {
                return e.offer.id;
              } else {
                return e.offer;
              }
            }();
            if (auto o = waitlist_.offers.find(id); o != waitlist_.offers.end()) {
              waitlist_offers_[id] = domain::as_offer(o->second);
            }
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryOpened>) {
          auto [it, added] =
              lottery_ids_.try_emplace(e.period.id, static_cast<std::uint32_t>(lotteries_.size()));
          if (added) lotteries_.emplace_back();
          lotteries_[it->second].period = e.period;
          for (const domain::Allotment& a : e.period.allotment) {
            facilities_[facility_index(a.facility)].at(a.night.days, a.style).held += a.rooms;
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryApplied>) {
          const domain::LotteryApplication& x = e.application;
          auto l = lottery_ids_.find(x.lottery);
          if (l == lottery_ids_.end()) return;
          Application a;
          a.id = ids_.key(x.id);
          a.user = ids_.key(x.user);
          a.applied_at = x.applied_at;
          a.lottery = l->second;
          a.facility = facility_index(x.facility);
          a.check_in = x.check_in.days;
          for (std::size_t i = 0; i < x.people.size() && i < 2; ++i) {
            a.people[i] = static_cast<std::uint16_t>(x.people[i]);
          }
          a.nights = static_cast<std::uint8_t>(x.nights);
          a.wish = static_cast<std::uint8_t>(x.wish);
          a.preference = static_cast<std::uint8_t>(x.preference);
          a.status = static_cast<std::uint8_t>(x.status);
          const auto index = static_cast<std::uint32_t>(applications_.size());
          if (!x.guests.empty() || x.reduction != domain::Reduction::kNone) {
            claims_[index] = {x.guests, x.reduction, {}, false};
          }
          applications_.push_back(a);
          application_index_[a.id] = index;
          lotteries_[a.lottery].by_user[a.user].push_back(index);
        } else if constexpr (std::is_same_v<E, domain::LotteryApplicationsCancelled>) {
          for (const std::string& id : e.applications) {
            auto it = application_index_.find(ids_.find(id));
            if (it != application_index_.end()) {
              applications_[it->second].status =
                  static_cast<std::uint8_t>(domain::ApplicationStatus::kCancelled);
            }
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryAuditorCommitted>) {
          // The window's effective opening (lottery_status) follows it.
          if (auto l = lottery_ids_.find(e.lottery); l != lottery_ids_.end()) {
            domain::LotteryPeriod& p = lotteries_[l->second].period;
            p.auditor_seed_hash = e.seed_hash;
            p.auditor_committed_at = e.at;
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryAuditorRevealed>) {
          if (auto l = lottery_ids_.find(e.lottery); l != lottery_ids_.end()) {
            lotteries_[l->second].period.auditor_secret = e.secret;
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryDrawn>) {
          if (auto l = lottery_ids_.find(e.lottery); l != lottery_ids_.end()) {
            lotteries_[l->second].drawn = true;
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryPublished>) {
          auto l = lottery_ids_.find(e.lottery);
          if (l == lottery_ids_.end()) return;
          Lottery& lot = lotteries_[l->second];
          // With wins still to book (kept), the results are out at the last
          // booking (LotteryWinsBooked all): none is shown lost meanwhile.
          lot.published = e.kept.empty();
          for (const domain::Allotment& a : lot.period.allotment) {
            facilities_[facility_index(a.facility)].at(a.night.days, a.style).held -= a.rooms;
          }
          for (const domain::Allotment& a : e.kept) {
            facilities_[facility_index(a.facility)].at(a.night.days, a.style).held += a.rooms;
          }
        } else if constexpr (std::is_same_v<E, domain::LotteryWinsBooked>) {
          // The rooms of the wins passed over (their holder erased) leave the hold.
          for (const domain::DrawWin& w : e.passed) {
            auto a = application_index_.find(ids_.find(w.application));
            if (a == application_index_.end()) continue;
            const Application& app = applications_[a->second];
            for (int i = 0; i < app.nights; ++i) {
              facilities_[app.facility].at(app.check_in + i, w.style).held -= 1;
            }
          }
          auto l = lottery_ids_.find(e.lottery);
          if (l != lottery_ids_.end() && e.all) lotteries_[l->second].published = true;
        }
      },
      event);
}

}  // namespace hoyo::projections
