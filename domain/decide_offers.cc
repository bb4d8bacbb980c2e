// Offers to runners-up (docs/lottery.md "Offers to runners-up"): the nights
// of a lapsed win go to the next runner-up in the draw's order, who accepts
// or declines by the offer's deadline; what no runner-up takes goes to
// first-come. The scheduler makes the first offer at the lapse and lapses
// offers (decide_confirmation.cc).
#include <algorithm>

#include "domain/confirmation.h"
#include "domain/decide.h"
#include "domain/decide_internal.h"
#include "domain/notice_text.h"
#include "domain/reservation_number.h"
#include "domain/stay_limits.h"
#include "domain/stay_price.h"

namespace hoyo::domain::internal {
namespace {

// Offer `id` of the actor (an operator may act on anyone's), or kNotFound.
base::Result<const Offer*> own_offer(const BookingState& s, const Actor& a, const std::string& id) {
  if (a.kind != Actor::Kind::kUser && a.kind != Actor::Kind::kOperator) {
    return Error{ErrorCode::kForbidden, MessageId::kUsersActForThemselves};
  }
  auto it = s.offers.find(id);
  if (it == s.offers.end() || (a.kind == Actor::Kind::kUser && it->second.user != a.id)) {
    return Error{ErrorCode::kNotFound, MessageId::kNoOffer, {{"offer", id}}};
  }
  return &it->second;
}

// An open offer past its deadline, or lapsed, can no longer be answered. The
// deadline is a second (23:59:59): it runs until the lapse is due.
bool closed_for_answers(const Offer& o, Instant now) {
  return o.status == OfferStatus::kLapsed ||
         (o.status == OfferStatus::kOpen && now >= lapse_due(o.offer_by));
}

}  // namespace

bool offer_next(const BookingState& s, const std::string& lapsed, const RunnerUpChain& c,
                Instant at, OfferBatch& batch, std::vector<Event>& out) {
  std::optional<Offer> o = next_runner_up(s, lapsed, c, at, batch);
  if (!o) return false;
  batch.holding.insert({o->lottery, o->user});
  batch.released.erase({o->lottery, o->user});
  out.push_back(RoomOffered{*o});
  offer_notice(s, *o, out);
  return true;
}

void move_on(const BookingState& s, const Offer& o, const RunnerUpChain& c, Instant at, Instant now,
             OfferBatch& batch, std::vector<Event>& out) {
  batch.holding.erase({o.lottery, o.user});
  batch.released.insert({o.lottery, o.user});
  if (c.nights.empty() || offer_next(s, o.lapsed, c, std::max(at, now), batch, out)) return;
  const Reservation& r = s.reservations.at(o.lapsed);
  const Instant due = std::max(release_due_of(s, r), at);
  if (due <= now) release_lapsed(s, r, c.nights, due, now, out);
}

void release_lapsed(const BookingState& s, const Reservation& r, const std::vector<Date>& held,
                    Instant due, Instant now, std::vector<Event>& out) {
  LapsedRoomReleased e = release_of(s, r, held, due);
  const std::vector<Date> freed = e.freed;
  out.push_back(std::move(e));
  hold_for_waitlist(s, r.number, r.facility, r.style, freed, now, out);
}

LapsedRoomReleased release_of(const BookingState& s, const Reservation& r,
                              const std::vector<Date>& held, Instant due) {
  LapsedRoomReleased e{r.number, due, {}};
  const Facility* f = s.facility(r.facility);
  if (!f) return e;
  for (Date night : nights_to_free(f->rules, r.check_in, r.nights, due)) {
    if (std::find(held.begin(), held.end(), night) != held.end()) e.freed.push_back(night);
  }
  return e;
}

Reservation offered_reservation(const Offer& o, const std::string& number, Origin origin,
                                Instant now) {
  Reservation r;
  r.number = number;
  r.user = o.user;
  r.facility = o.facility;
  r.check_in = o.check_in;
  r.nights = o.nights;
  r.people = o.people;
  r.style = o.style;
  r.wish = o.wish;
  r.origin = origin;
  r.booked_at = now;
  r.application = o.application;
  return r;
}

Events decide_one(const BookingState& s, const Actor& a, const AcceptOffer& c, Instant now) {
  if (s.waitlist.offers.count(c.offer)) return accept_waitlist_offer(s, a, c, now);
  auto found = own_offer(s, a, c.offer);
  if (!found.ok()) return found.error();
  const Offer& o = **found;
  if (o.status == OfferStatus::kAccepted) return std::vector<Event>{};
  if (o.status == OfferStatus::kDeclined) {
    return Error{ErrorCode::kConflict, MessageId::kOfferDeclined, {{"offer", o.id}}};
  }
  if (closed_for_answers(o, now)) {
    return Error{ErrorCode::kWindowClosed, MessageId::kOfferClosed, {{"offer", o.id}}};
  }
  if (!valid_check_digit(c.number) || s.reservation(c.number)) {
    return Error{
        ErrorCode::kConflict, MessageId::kReservationNumberUnusable, {{"number", c.number}}};
  }
  // The rules of any booking: a user suspended since the offer was made, or
  // whom the stay would take past a limit, cannot accept it (they may decline).
  // (An operator acting for the user is refused the same way: there is no
  // override here; lift the suspension first.)
  if (Status e = check_not_suspended(s, Actor::user(o.user), o.user, "", now); !e.ok()) return e;
  if (Status e = check_stay_limits(s, o.user, o.check_in, o.nights, o.people); !e.ok()) return e;
  Reservation r = offered_reservation(o, c.number, Origin::kRunnerUp, now);
  auto app = s.applications.find(o.application);
  if (const Facility* f = s.facility(o.facility); f && app != s.applications.end()) {
    PricedWin priced =
        price_win(*f, app->second, o.check_in, o.nights, o.people, s.reduced_nights_used(o.user));
    r.guests = std::move(priced.guests);
    r.reduction = priced.reduction;
    r.price = std::move(priced.price);
  }
  std::vector<Event> out{OfferAccepted{o.id, c.number, now}, ReservationBooked{r}};
  receipt_notice(s, NoticeKind::kBookingReceipt, r, a.kind == Actor::Kind::kOperator, now, out);
  // The nights the runner-up did not take move on.
  RunnerUpChain chain = s.chains.at(o.lapsed);
  std::erase_if(chain.nights,
                [&](Date d) { return d >= o.check_in && d < o.check_in.plus_days(o.nights); });
  // The accepting user still holds `o` in `s`: never offered again here.
  OfferBatch batch;
  if (!chain.nights.empty()) {
    if (!offer_next(s, o.lapsed, chain, now, batch, out)) {
      const Reservation& lapsed = s.reservations.at(o.lapsed);
      const Instant due = std::max(release_due_of(s, lapsed), now);
      if (due <= now) release_lapsed(s, lapsed, chain.nights, due, now, out);
    }
  }
  return out;
}

Events decide_one(const BookingState& s, const Actor& a, const DeclineOffer& c, Instant now) {
  if (s.waitlist.offers.count(c.offer)) return decline_waitlist_offer(s, a, c, now);
  auto found = own_offer(s, a, c.offer);
  if (!found.ok()) return found.error();
  const Offer& o = **found;
  if (o.status == OfferStatus::kDeclined) return std::vector<Event>{};
  if (o.status == OfferStatus::kAccepted) {
    return Error{ErrorCode::kConflict, MessageId::kOfferAccepted, {{"offer", o.id}}};
  }
  if (closed_for_answers(o, now)) {
    return Error{ErrorCode::kWindowClosed, MessageId::kOfferClosed, {{"offer", o.id}}};
  }
  std::vector<Event> out{OfferDeclined{o.id, now}};
  OfferBatch batch;
  move_on(s, o, s.chains.at(o.lapsed), now, now, batch, out);
  return out;
}

}  // namespace hoyo::domain::internal

namespace hoyo::domain {

std::string offer_difference(const BookingState& state, const RoomOffered& e) {
  const Offer& o = e.offer;
  auto chain = state.chains.find(o.lapsed);
  if (chain == state.chains.end()) return "offer " + o.id + ": no lapsed win " + o.lapsed;
  if (!chain->second.open_offer.empty()) {
    return "offer " + o.id + ": offer " + chain->second.open_offer + " is still open";
  }
  const std::optional<Offer> expected = next_runner_up(state, o.lapsed, chain->second, o.at, {});
  if (!expected) return "offer " + o.id + ": no runner-up was left to offer to";
  if (!(*expected == o)) {
    return "offer " + o.id + ": recorded user " + o.user + " (application " + o.application +
           "), the rules give " + expected->user + " (application " + expected->application +
           ", id " + expected->id + ")";
  }
  return "";
}

}  // namespace hoyo::domain
