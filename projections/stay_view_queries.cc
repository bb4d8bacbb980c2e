// The stays view's answers (stay_view.h): vacancy, a member's reservations
// and applications, lottery results, and the catalogue; the fold of events is
// in stay_view.cc.
#include <algorithm>

#include "domain/booking_windows.h"
#include "domain/penalty_snapshot.h"
#include "domain/price_snapshot.h"
#include "projections/stay_view.h"

namespace hoyo::projections {

using domain::Date;
using domain::RoomStyle;

bool StayView::same_as(const Projection& other) const {
  const auto* o = dynamic_cast<const StayView*>(&other);
  return o && o->ids_ == ids_ && o->facilities_ == facilities_ &&
         o->facility_ids_ == facility_ids_ && o->stays_ == stays_ &&
         o->stay_index_ == stay_index_ && o->by_user_ == by_user_ && o->priced_ == priced_ &&
         o->penalized_ == penalized_ && o->penalties_ == penalties_ &&
         o->suspensions_ == suspensions_ && o->limits_ == limits_ && o->lotteries_ == lotteries_ &&
         o->offers_ == offers_ && o->lottery_ids_ == lottery_ids_ &&
         o->applications_ == applications_ && o->application_index_ == application_index_ &&
         o->claims_ == claims_ && o->waitlist_ == waitlist_ &&
         o->waitlist_offers_ == waitlist_offers_;
}

domain::Reservation StayView::expand_stay(std::uint32_t index) const {
  const Stay& s = stays_[index];
  domain::Reservation r;
  r.number = ids_.name(s.number);
  r.user = ids_.name(s.user);
  r.facility = facilities_[s.facility].facility.id;
  r.check_in = Date{s.check_in};
  r.nights = s.nights;
  for (int i = 0; i < s.nights && i < 2; ++i) r.people.push_back(s.people[i]);
  r.style = static_cast<RoomStyle>(s.style);
  r.wish = static_cast<domain::StyleWish>(s.wish);
  r.status = static_cast<domain::ReservationStatus>(s.status);
  r.origin = static_cast<domain::Origin>(s.origin);
  r.booked_at = s.booked_at;
  if (s.application) r.application = ids_.name(s.application);
  if (auto p = priced_.find(index); p != priced_.end()) {
    r.guests = p->second.guests;
    r.reduction = p->second.reduction;
    r.price = p->second.price;
    r.paid = p->second.paid;
  }
  r.confirmation = static_cast<domain::Confirmation>(s.confirmation);
  r.confirm_by = s.confirm_by;
  if (auto p = penalized_.find(index); p != penalized_.end()) {
    r.attendance = p->second.attendance;
    r.override_reason = p->second.override_reason;
    r.sealed_override_reason = p->second.sealed_override_reason;
  }
  return r;
}

domain::Suspensions StayView::suspensions(const std::string& user) const {
  auto it = suspensions_.find(user);
  return it == suspensions_.end() ? domain::Suspensions{} : it->second;
}

domain::LotteryApplication StayView::expand(std::uint32_t index) const {
  const Application& a = applications_[index];
  domain::LotteryApplication x;
  x.id = ids_.name(a.id);
  x.lottery = lotteries_[a.lottery].period.id;
  x.user = ids_.name(a.user);
  x.facility = facilities_[a.facility].facility.id;
  x.check_in = Date{a.check_in};
  x.nights = a.nights;
  for (int i = 0; i < a.nights && i < 2; ++i) x.people.push_back(a.people[i]);
  x.wish = static_cast<domain::StyleWish>(a.wish);
  x.preference = a.preference;
  x.status = static_cast<domain::ApplicationStatus>(a.status);
  x.applied_at = a.applied_at;
  if (auto c = claims_.find(index); c != claims_.end()) {
    x.guests = c->second.guests;
    x.reduction = c->second.reduction;
  }
  return x;
}

std::vector<VacancyDay> StayView::vacancy(const std::string& facility, Date from, int days,
                                          domain::Instant now) const {
  std::vector<VacancyDay> out;
  auto it = facility_ids_.find(facility);
  if (it == facility_ids_.end()) return out;
  const FacilityDays& fd = facilities_[it->second];
  const domain::Facility& f = fd.facility;
  if (f.room_types.empty() && f.name.empty()) return out;  // referenced, never registered
  out.reserve(static_cast<std::size_t>(days));
  for (int i = 0; i < days; ++i) {
    VacancyDay v;
    v.date = from.plus_days(i);
    const bool closed = f.closed.count(v.date) > 0;
    const bool open = domain::first_come_open(f.rules, v.date, 1, now);
    int held = 0;
    for (const domain::RoomType& t : f.room_types) {
      if (closed) continue;
      v.total_rooms += t.rooms;
      const Counts c = fd.get(v.date.days, t.style);
      held += c.held;
      if (open) {
        const int free = std::max(0, f.rooms(t.style) - c.booked - c.held);
        v.free_by_style[static_cast<int>(t.style)] = free;
        v.free_rooms += free;
      }
    }
    v.mark = domain::mark_of(closed, open, v.total_rooms, held, v.free_rooms);
    v.bookable = v.free_rooms > 0;
    out.push_back(v);
  }
  return out;
}

int StayView::free_first_come(const std::string& facility, Date day,
                              domain::RoomStyle style) const {
  auto it = facility_ids_.find(facility);
  if (it == facility_ids_.end()) return 0;
  const FacilityDays& fd = facilities_[it->second];
  if (fd.facility.closed.count(day)) return 0;
  const Counts c = fd.get(day.days, style);
  return fd.facility.rooms(style) - c.booked - c.held;
}

std::vector<MenuReservation> StayView::reservations_of(const std::string& user,
                                                       domain::Instant now) const {
  return user_menu(user, now, true);
}

std::vector<MenuReservation> StayView::all_reservations_of(const std::string& user,
                                                           domain::Instant now) const {
  return user_menu(user, now, false);
}

std::vector<MenuReservation> StayView::user_menu(const std::string& user, domain::Instant now,
                                                 bool holder) const {
  std::vector<MenuReservation> out;
  auto it = by_user_.find(ids_.find(user));
  if (it == by_user_.end()) return out;
  for (std::uint32_t i : it->second) {
    const Stay& s = stays_[i];
    if (holder && !shown_to_holder(s)) continue;
    MenuReservation m{expand_stay(i), false, false};
    if (m.reservation.active()) {
      const domain::BookingRules& rules = facilities_[s.facility].facility.rules;
      m.changeable = now < domain::change_closes(rules, m.reservation.check_in);
      m.cancellable = now < domain::cancel_closes(rules, m.reservation.check_in);
    }
    out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const MenuReservation& a, const MenuReservation& b) {
    if (a.reservation.check_in != b.reservation.check_in) {
      return a.reservation.check_in < b.reservation.check_in;
    }
    return a.reservation.number < b.reservation.number;
  });
  return out;
}

std::map<int, int> StayView::reduced_nights_used(const std::string& user,
                                                 const std::string& except) const {
  std::map<int, int> used;
  auto it = by_user_.find(ids_.find(user));
  if (it == by_user_.end()) return used;
  const Key skipped = except.empty() ? 0 : ids_.find(except);  // 0: none
  for (std::uint32_t index : it->second) {
    auto p = priced_.find(index);
    if (p == priced_.end() || !p->second.price ||
        (skipped != 0 && stays_[index].number == skipped) ||
        stays_[index].status != static_cast<std::uint8_t>(domain::ReservationStatus::kBooked)) {
      continue;
    }
    for (const auto& [year, nights] : domain::reduced_nights_by_fiscal_year(*p->second.price)) {
      used[year] += nights;
    }
  }
  return used;
}

std::optional<domain::Reservation> StayView::reservation(const std::string& number) const {
  auto it = stay_index_.find(ids_.find(number));
  if (it == stay_index_.end()) return std::nullopt;
  return expand_stay(it->second);
}

std::vector<domain::UserApplication> StayView::applications_of(const std::string& user,
                                                               const std::string& lottery) const {
  std::vector<domain::UserApplication> out;
  auto l = lottery_ids_.find(lottery);
  if (l == lottery_ids_.end()) return out;
  const Lottery& lot = lotteries_[l->second];
  const Key user_key = ids_.find(user);
  std::unordered_map<Key, const Stay*> won;  // application -> its reservation
  if (lot.published) {
    if (auto mine = by_user_.find(user_key); mine != by_user_.end()) {
      for (std::uint32_t i : mine->second) {
        const Stay& s = stays_[i];
        if (s.origin == static_cast<std::uint8_t>(domain::Origin::kLottery) ||
            s.origin == static_cast<std::uint8_t>(domain::Origin::kRunnerUp)) {
          won[s.application] = &s;
        }
      }
    }
  }
  auto apps = lot.by_user.find(user_key);
  if (apps == lot.by_user.end()) return out;
  for (std::uint32_t i : apps->second) {
    const Application& a = applications_[i];
    domain::UserApplication view{expand(i), domain::ApplicationView::kActive, {}};
    if (!view.application.active()) {
      view.status = domain::ApplicationView::kCancelled;
    } else if (lot.published) {
      auto w = won.find(a.id);
      view.status = w == won.end() ? domain::ApplicationView::kLost : domain::ApplicationView::kWon;
      if (w != won.end()) {
        view.reservation_number = ids_.name(w->second->number);
        view.reservation_status = static_cast<domain::ReservationStatus>(w->second->status);
        view.confirmation = static_cast<domain::Confirmation>(w->second->confirmation);
        view.confirm_by = w->second->confirm_by;
      }
    }
    out.push_back(std::move(view));
  }
  return out;
}

std::vector<domain::UserApplication> StayView::applications_in(const std::string& lottery) const {
  std::vector<domain::UserApplication> out;
  auto l = lottery_ids_.find(lottery);
  if (l == lottery_ids_.end()) return out;
  for (const auto& [user, indexes] : lotteries_[l->second].by_user) {
    for (auto& a : applications_of(ids_.name(user), lottery)) out.push_back(std::move(a));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.application.applied_at != b.application.applied_at
               ? a.application.applied_at < b.application.applied_at
               : a.application.id < b.application.id;
  });
  return out;
}

domain::LotteryResult StayView::result_of(const std::string& user,
                                          const std::string& lottery) const {
  domain::LotteryResult result;
  if (!published(lottery)) return result;
  result.status = domain::LotteryResult::Status::kLost;
  for (domain::UserApplication& a : applications_of(user, lottery)) {
    if (a.status == domain::ApplicationView::kWon) {
      result.status = domain::LotteryResult::Status::kWon;
      result.won = std::move(a);
    } else if (a.status == domain::ApplicationView::kLost) {
      result.lost.push_back(std::move(a));
    }
  }
  if (result.status == domain::LotteryResult::Status::kLost) {
    result.offer = domain::open_offer(offers_, user, lottery);
    if (result.offer) result.status = domain::LotteryResult::Status::kOffered;
  }
  return result;
}

const domain::Offer* StayView::offer(const std::string& id) const {
  auto it = offers_.find(id);
  if (it != offers_.end()) return &it->second;
  auto w = waitlist_offers_.find(id);
  return w == waitlist_offers_.end() ? nullptr : &w->second;
}

const domain::Facility* StayView::facility(const std::string& id) const {
  auto it = facility_ids_.find(id);
  return it == facility_ids_.end() ? nullptr : &facilities_[it->second].facility;
}

std::vector<const domain::Facility*> StayView::facilities() const {
  std::vector<const domain::Facility*> out;
  for (const FacilityDays& f : facilities_) out.push_back(&f.facility);
  return out;
}

const domain::LotteryPeriod* StayView::lottery(const std::string& id) const {
  auto it = lottery_ids_.find(id);
  return it == lottery_ids_.end() ? nullptr : &lotteries_[it->second].period;
}

bool StayView::shown_to_holder(const Stay& s) const {
  if (s.origin != static_cast<std::uint8_t>(domain::Origin::kLottery)) return true;
  auto app = application_index_.find(s.application);
  return app == application_index_.end() ||
         lotteries_[applications_[app->second].lottery].published;
}

bool StayView::published(const std::string& lottery) const {
  auto it = lottery_ids_.find(lottery);
  return it != lottery_ids_.end() && lotteries_[it->second].published;
}

bool StayView::drawn(const std::string& lottery) const {
  auto it = lottery_ids_.find(lottery);
  return it != lottery_ids_.end() && lotteries_[it->second].drawn;
}

std::vector<const domain::LotteryPeriod*> StayView::lotteries() const {
  std::vector<const domain::LotteryPeriod*> out;
  for (const auto& [id, i] : lottery_ids_) out.push_back(&lotteries_[i].period);
  return out;
}

}  // namespace hoyo::projections
