// evolve(): folds events into the booking state.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "domain/booking_state.h"
#include "domain/suspensions.h"

namespace hoyo::domain {
namespace {

void count_nights(BookingState& s, const Reservation& r, int delta) {
  for (int i = 0; i < r.nights; ++i) {
    s.inventory.add_booked(r.facility, r.check_in.plus_days(i), r.style, delta);
  }
}

// Adds (+1) or takes back (-1) the reduced nights `r`'s price uses.
void count_reduced(BookingState& s, const Reservation& r, int delta) {
  if (!r.price || !r.active()) return;
  const std::map<int, int> used = reduced_nights_by_fiscal_year(*r.price);
  if (used.empty()) return;
  auto& years = s.reduced_nights[r.user];
  for (const auto& [year, nights] : used) {
    if ((years[year] += delta * nights) == 0) years.erase(year);
  }
  if (years.empty()) s.reduced_nights.erase(r.user);
}

struct Apply {
  BookingState& s;

  // Every account event (account_state.h).
  template <class AccountEvent>
  void operator()(const AccountEvent& e) const {
    evolve_account(s.accounts, e);
  }

  void operator()(const NoticeIssued& e) const {
    if (e.kind == NoticeKind::kConfirmationReminder) {
      s.reminded.insert(e.cause);
    } else if (e.kind == NoticeKind::kStayReminder) {
      s.stay_reminded.insert(e.id);
    } else if (e.kind == NoticeKind::kRoomsFreed) {
      s.losers_told.insert({e.cause, e.at});
    }
    evolve_account(s.accounts, e);
  }
  void operator()(const ReservationConfirmed& e) const {
    Reservation& r = s.reservations.at(e.number);
    s.awaiting_confirmation.erase({r.confirm_by, r.number});
    s.reminded.erase(r.number);
    r.confirmation = Confirmation::kConfirmed;
  }
  void operator()(const WinLapsed& e) const {
    Reservation& r = s.reservations.at(e.number);
    if (!r.active()) return;
    count_nights(s, r, -1);
    track_last_night(r, -1);
    count_reduced(s, r, -1);  // a changed win may have claimed a reduction
    for (int i = 0; i < r.nights; ++i) {
      s.inventory.add_held(r.facility, r.check_in.plus_days(i), r.style, +1);
    }
    s.awaiting_confirmation.erase({r.confirm_by, r.number});
    s.reminded.erase(r.number);
    s.stays_by_check_in.erase({r.check_in.days, r.number});
    r.status = ReservationStatus::kLapsed;
    s.awaiting_release.insert({release_due_of(s, r), r.number});
    const LotteryPeriod* p = period_of(r);
    if (p && p->release == ReleaseRule::kRunnersUp)
      s.chains[r.number] = chain_of_lapse(s, r.number);
  }
  void operator()(const LapsedRoomReleased& e) const {
    const Reservation& r = s.reservations.at(e.number);
    auto chain = s.chains.find(e.number);
    const Instant due = chain != s.chains.end() ? chain->second.release_due : release_due_of(s, r);
    if (s.awaiting_release.erase({due, r.number}) == 0) return;
    for (Date night : e.freed) s.inventory.add_held(r.facility, night, r.style, -1);
    if (chain != s.chains.end()) {
      chain->second.nights.clear();  // what was not freed can no longer be sold
      chain->second.release_due = 0;
    }
  }
  const LotteryPeriod* period_of(const Reservation& r) const {
    auto a = s.applications.find(r.application);
    return a == s.applications.end() ? nullptr : s.lottery(a->second.lottery);
  }
  void operator()(const RoomOffered& e) const {
    const Offer& o = e.offer;
    s.offers[o.id] = o;
    RunnerUpChain& c = s.chains[o.lapsed];
    if (c.release_due != 0) s.awaiting_release.erase({c.release_due, o.lapsed});
    c.release_due = 0;
    c.open_offer = o.id;
    c.next = o.rank + 1;
    ++c.offers;
    s.open_offers.insert({o.offer_by, o.id});
    s.offer_holders.insert({o.lottery, o.user});
  }
  // The offer closes as `status` at `at`; the nights it does not take wait
  // for the next runner-up or the release (first-come), whichever follows.
  void close_offer(const std::string& id, OfferStatus status, Instant at) const {
    Offer& o = s.offers.at(id);
    if (o.status != OfferStatus::kOpen) return;
    o.status = status;
    s.open_offers.erase({o.offer_by, o.id});
    s.offer_holders.erase({o.lottery, o.user});
    if (status == OfferStatus::kAccepted) s.runner_up_winners.insert({o.lottery, o.user});
    RunnerUpChain& c = s.chains[o.lapsed];
    c.open_offer.clear();
    if (status == OfferStatus::kAccepted) {
      std::erase_if(c.nights,
                    [&](Date d) { return d >= o.check_in && d < o.check_in.plus_days(o.nights); });
    }
    if (c.nights.empty()) return;
    c.release_due = std::max(release_due_of(s, s.reservations.at(o.lapsed)), at);
    s.awaiting_release.insert({c.release_due, o.lapsed});
  }
  void operator()(const OfferAccepted& e) const {
    close_offer(e.offer, OfferStatus::kAccepted, e.at);
    s.offers.at(e.offer).number = e.number;
  }
  void operator()(const OfferDeclined& e) const {
    close_offer(e.offer, OfferStatus::kDeclined, e.at);
  }
  void operator()(const OfferLapsed& e) const { close_offer(e.offer, OfferStatus::kLapsed, e.due); }
  void operator()(const WaitlistJoined& e) const { fold_waitlist(s.waitlist, e); }
  void operator()(const WaitlistLeft& e) const { fold_waitlist(s.waitlist, e); }
  void operator()(const WaitlistOffered& e) const { fold_waitlist(s.waitlist, e); }
  void operator()(const WaitlistOfferAccepted& e) const { fold_waitlist(s.waitlist, e); }
  void operator()(const WaitlistOfferClosed& e) const { fold_waitlist(s.waitlist, e); }
  // The hold's rooms are held in the inventory until booked or released.
  void operator()(const WaitlistRoomHeld& e) const {
    for (Date night : e.hold.nights) {
      s.inventory.add_held(e.hold.facility, night, e.hold.style, +1);
    }
    fold_waitlist(s.waitlist, e);
  }
  void operator()(const WaitlistHoldReleased& e) const {
    auto h = s.waitlist.holds.find(e.hold);
    if (h == s.waitlist.holds.end()) return;
    for (Date night : e.freed) {
      if (std::find(h->second.nights.begin(), h->second.nights.end(), night) !=
          h->second.nights.end()) {
        s.inventory.add_held(h->second.facility, night, h->second.style, -1);
      }
    }
    fold_waitlist(s.waitlist, e);
  }
  void operator()(const FacilityRegistered& e) const { s.facilities[e.facility.id] = e.facility; }
  void operator()(const FacilityChanged& e) const {
    Facility& f = s.facilities[e.facility.id];
    std::set<Date> closed = std::move(f.closed);
    f = e.facility;
    f.closed = std::move(closed);
  }
  void operator()(const DatesClosed& e) const {
    Facility& f = s.facilities[e.facility];
    f.closed.insert(e.dates.begin(), e.dates.end());
  }
  void operator()(const DatesReopened& e) const {
    Facility& f = s.facilities[e.facility];
    for (Date d : e.dates) f.closed.erase(d);
  }
  void operator()(const ReservationBooked& e) const {
    const Reservation& r = e.reservation;
    // The writer never needs a sealed override reason (nor its snapshot).
    s.reservations[r.number] = r;
    s.reservations[r.number].sealed_override_reason = {};
    s.by_user[r.user].push_back(r.number);
    if (r.active() && r.confirmation == Confirmation::kRequired) {
      s.awaiting_confirmation.insert({r.confirm_by, r.number});
    }
    if (r.active()) s.stays_by_check_in.insert({r.check_in.days, r.number});
    remember_booked_win(r);
    track_last_night(r, +1);
    count_nights(s, r, +1);
    count_reduced(s, r, +1);
    if (r.active() &&
        (r.origin == Origin::kRunnerUp || r.origin == Origin::kWaitlist || e.from_hold)) {
      // An accepted offer books nights held for the runners-up or the
      // waitlist; a win booked after its publication's group, nights held
      // for it since.
      for (int i = 0; i < r.nights; ++i) {
        s.inventory.add_held(r.facility, r.check_in.plus_days(i), r.style, -1);
      }
    }
  }
  // A win booked while its period is still to be told: its notice describes
  // this copy.
  void remember_booked_win(const Reservation& r) const {
    if (r.origin != Origin::kLottery || s.results_to_tell.empty()) return;
    auto a = s.applications.find(r.application);
    if (a == s.applications.end()) return;
    auto t = s.results_to_tell.find(a->second.lottery);
    if (t == s.results_to_tell.end()) return;
    t->second.wins[r.user].push_back(booked_win(r));
  }
  // The lottery of win `r`'s application ("" when none).
  std::string lottery_of(const Reservation& r) const {
    auto a = s.applications.find(r.application);
    return a == s.applications.end() ? "" : a->second.lottery;
  }
  // The copy its result notice will describe of a win its holder cannot see
  // yet (its period's results not out, BookingState::shown_to_holder), or
  // null: a change or cancellation then sends no receipt, and the notice
  // carries it instead.
  BookedWin* unseen_win(const Reservation& r) const {
    if (r.origin != Origin::kLottery || s.shown_to_holder(r)) return nullptr;
    auto t = s.results_to_tell.find(lottery_of(r));
    if (t == s.results_to_tell.end()) return nullptr;
    auto mine = t->second.wins.find(r.user);
    if (mine == t->second.wins.end()) return nullptr;
    for (BookedWin& b : mine->second) {
      if (b.number == r.number) return &b;
    }
    return nullptr;
  }
  // Keeps first_come_last_nights as `r` leaves (-1) or takes (+1) its shape.
  void track_last_night(const Reservation& r, int delta) const {
    if (!r.active() || (r.origin != Origin::kFirstCome && r.origin != Origin::kWaitlist)) return;
    auto& nights = s.first_come_last_nights[r.user];
    const std::int32_t night = r.last_night().days;
    auto at = std::lower_bound(nights.begin(), nights.end(), night);
    if (delta > 0) {
      nights.insert(at, night);
    } else if (at != nights.end() && *at == night) {
      nights.erase(at);
    }
  }
  void operator()(const ReservationChanged& e) const {
    Reservation& r = s.reservations.at(e.number);
    if (BookedWin* b = unseen_win(r)) {
      b->check_in = e.check_in;
      b->nights = e.nights;
      b->people = e.people;
      b->style = e.style;
    }
    count_nights(s, r, -1);
    track_last_night(r, -1);
    count_reduced(s, r, -1);
    if (s.stays_by_check_in.erase({r.check_in.days, r.number}) > 0) {
      s.stays_by_check_in.insert({e.check_in.days, r.number});
    }
    r.check_in = e.check_in;
    r.nights = e.nights;
    r.people = e.people;
    r.style = e.style;
    r.wish = e.wish;
    r.guests = e.guests;
    r.reduction = e.reduction;
    r.price = e.price;
    count_nights(s, r, +1);
    track_last_night(r, +1);
    count_reduced(s, r, +1);
  }
  void operator()(const LotteryOpened& e) const {
    s.lotteries[e.period.id] = e.period;
    for (const Allotment& a : e.period.allotment) {
      s.inventory.add_held(a.facility, a.night, a.style, a.rooms);
    }
  }
  void operator()(const LotteryApplied& e) const {
    const LotteryApplication& a = e.application;
    s.applications[a.id] = a;
    s.applications_by_user[a.user + "\n" + a.lottery].push_back(a.id);
    s.applications_in_order[a.lottery].push_back(a.id);
  }
  void operator()(const LotteryDrawn& e) const { s.draws[e.lottery] = e; }
  void operator()(const LotteryAuditorCommitted& e) const {
    LotteryPeriod& p = s.lotteries.at(e.lottery);
    p.auditor_seed_hash = e.seed_hash;
    p.auditor_committed_at = e.at;
  }
  void operator()(const LotteryAuditorRevealed& e) const {
    s.lotteries.at(e.lottery).auditor_secret = e.secret;
  }
  void operator()(const LotteryPublished& e) const {
    s.published[e.lottery] = true;
    if (e.at != 0) {
      const auto applicants = static_cast<std::uint32_t>(result_notice_order(s, e.lottery).size());
      if (applicants > 0) s.results_to_tell[e.lottery] = {e.at, applicants, 0};
    }
    for (const Allotment& a : s.lotteries.at(e.lottery).allotment) {
      s.inventory.add_held(a.facility, a.night, a.style, -a.rooms);
    }
    // The won rooms stay held until each win is booked.
    for (const Allotment& a : e.kept) s.inventory.add_held(a.facility, a.night, a.style, a.rooms);
    if (!e.kept.empty()) {
      WinsToBook& due = s.wins_to_book[e.lottery] = {e.at, 0, {}};
      for (const Allotment& a : e.kept) due.rates[a.facility] = s.facilities.at(a.facility).rates;
    }
  }
  void operator()(const LotteryWinsBooked& e) const {
    // The rooms of the wins passed over (their holder erased) leave the hold.
    for (const DrawWin& w : e.passed) {
      const LotteryApplication& app = s.applications.at(w.application);
      for (int i = 0; i < app.nights; ++i) {
        s.inventory.add_held(app.facility, app.check_in.plus_days(i), w.style, -1);
      }
    }
    if (e.all) {
      s.wins_to_book.erase(e.lottery);
    } else if (auto it = s.wins_to_book.find(e.lottery); it != s.wins_to_book.end()) {
      it->second.booked = std::max(it->second.booked, e.booked);
    }
  }
  void operator()(const LosersToTell& e) const {
    s.losers_told.insert({e.lottery, e.due});
    s.losers_to_tell[{e.lottery, e.due}] = {e.release, e.rooms, e.more, 0};
  }
  void operator()(const LosersTold& e) const {
    auto it = s.losers_to_tell.find({e.lottery, e.due});
    if (it == s.losers_to_tell.end()) return;
    if (e.all) {
      s.losers_to_tell.erase(it);
    } else {
      it->second.told = std::max(it->second.told, e.told);
    }
  }
  void operator()(const LotteryResultsTold& e) const {
    auto it = s.results_to_tell.find(e.lottery);
    if (it == s.results_to_tell.end()) return;
    if (e.told >= it->second.applicants) {
      s.results_to_tell.erase(it);
    } else {
      it->second.told = e.told;
    }
  }
  void operator()(const LotteryApplicationsCancelled& e) const {
    for (const std::string& id : e.applications) {
      s.applications.at(id).status = ApplicationStatus::kCancelled;
    }
  }
  void operator()(const ReservationPaid& e) const { s.reservations.at(e.number).paid = true; }
  void operator()(const PenaltyRulesSet& e) const { s.penalties = e.rules; }
  void operator()(const AttendanceRecorded& e) const {
    s.reservations.at(e.number).attendance = e.attendance;
  }
  void operator()(const UserSuspended& e) const { fold_suspensions(s.suspensions, e); }
  void operator()(const SuspensionLifted& e) const { fold_suspensions(s.suspensions, e); }
  void operator()(const StayLimitsSet& e) const { s.limits = e.limits; }
  void operator()(const ReservationCancelled& e) const {
    Reservation& r = s.reservations.at(e.number);
    if (!r.active()) return;
    if (BookedWin* b = unseen_win(r)) {
      // Its notice lists it from the reservation, its receipt following.
      auto& wins = s.results_to_tell.at(lottery_of(r)).wins;
      std::vector<BookedWin>& mine = wins.at(r.user);
      mine.erase(mine.begin() + (b - mine.data()));
      if (mine.empty()) wins.erase(r.user);
    }
    count_nights(s, r, -1);
    track_last_night(r, -1);
    count_reduced(s, r, -1);
    s.awaiting_confirmation.erase({r.confirm_by, r.number});
    s.reminded.erase(r.number);
    s.stays_by_check_in.erase({r.check_in.days, r.number});
    r.status = ReservationStatus::kCancelled;
  }
};

}  // namespace

Instant release_due_of(const BookingState& s, const Reservation& r) {
  Instant release_at = 0;
  if (auto a = s.applications.find(r.application); a != s.applications.end()) {
    if (const LotteryPeriod* p = s.lottery(a->second.lottery)) release_at = p->release_at;
  }
  return release_due(release_at, r.confirm_by);
}

namespace {

// Fills `index` (a set of (key, number) pairs) afresh with the pair of every
// reservation `chosen` picks. The pairs are sorted first and inserted in order
// at the end, each in constant time: millions of reservations (after a
// snapshot is read) would otherwise cost a tree search each, at random.
template <class Key, class Chosen>
void index_reservations(const BookingState& s, std::set<std::pair<Key, std::string>>& index,
                        const Chosen& chosen) {
  std::vector<std::pair<Key, const std::string*>> pairs;
  for (const auto& [number, r] : s.reservations) {
    if (auto key = chosen(r)) pairs.emplace_back(*key, &number);
  }
  std::sort(pairs.begin(), pairs.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : *a.second < *b.second;
  });
  index.clear();
  for (const auto& [key, number] : pairs) index.emplace_hint(index.end(), key, *number);
}

}  // namespace

void index_confirmations(BookingState& s) {
  index_reservations(s, s.awaiting_confirmation,
                     [](const Reservation& r) -> std::optional<Instant> {
                       if (r.active() && r.confirmation == Confirmation::kRequired)
                         return r.confirm_by;
                       return std::nullopt;
                     });
}

void index_offers(BookingState& s) {
  s.open_offers.clear();
  s.offer_holders.clear();
  s.runner_up_winners.clear();
  for (const auto& [id, o] : s.offers) {
    if (o.status == OfferStatus::kOpen) {
      s.open_offers.insert({o.offer_by, id});
      s.offer_holders.insert({o.lottery, o.user});
    } else if (o.status == OfferStatus::kAccepted) {
      s.runner_up_winners.insert({o.lottery, o.user});
    }
  }
}

void index_stays(BookingState& s) {
  index_reservations(s, s.stays_by_check_in,
                     [](const Reservation& r) -> std::optional<std::int32_t> {
                       if (r.active()) return r.check_in.days;
                       return std::nullopt;
                     });
}

std::vector<std::string> result_notice_order(const BookingState& s, const std::string& lottery) {
  std::vector<std::string> users;
  auto order = s.applications_in_order.find(lottery);
  if (order == s.applications_in_order.end()) return users;
  std::set<std::string> seen;
  for (const std::string& id : order->second) {
    const LotteryApplication& a = s.applications.at(id);
    if (a.active() && seen.insert(a.user).second) users.push_back(a.user);
  }
  return users;
}

std::vector<std::string> losers_in_order(const BookingState& s, const std::string& lottery) {
  std::set<std::string> winners;
  if (auto d = s.draws.find(lottery); d != s.draws.end()) {
    for (const DrawWin& w : d->second.wins) {
      if (auto a = s.applications.find(w.application); a != s.applications.end()) {
        winners.insert(a->second.user);
      }
    }
  }
  std::vector<std::string> losers = result_notice_order(s, lottery);
  std::erase_if(losers, [&](const std::string& u) { return winners.count(u) > 0; });
  return losers;
}

void evolve(BookingState& state, const Event& event) { std::visit(Apply{state}, event); }

}  // namespace hoyo::domain
