// The cancellation waitlist (docs/booking-core.md "The cancellation
// waitlist"): joining and leaving, the holds a freed room becomes, the
// scheduler's picks and lapses, and the answers to an offer.
#include <algorithm>
#include <set>

#include "domain/booking_windows.h"
#include "domain/confirmation.h"
#include "domain/decide_internal.h"
#include "domain/reservation_number.h"
#include "domain/stay_limits.h"
#include "domain/stay_price.h"
#include "domain/stay_rules.h"
#include "domain/waitlist.h"

namespace hoyo::domain::internal {
namespace {

// One seed per pick from the command's (splitmix64 of seed + i).
std::uint64_t mix_seed(std::uint64_t seed, std::uint64_t i) {
  std::uint64_t z = seed + (i + 1) * 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// `user`'s active entry `id`, or kNotFound.
base::Result<const WaitlistEntry*> own_entry(const BookingState& s, const std::string& user,
                                             const std::string& id) {
  auto it = s.waitlist.entries.find(id);
  if (it == s.waitlist.entries.end() || it->second.user != user || !it->second.active()) {
    return Error{ErrorCode::kNotFound, MessageId::kNoWaitlistEntry, {{"entry", id}}};
  }
  return &it->second;
}

// Offer `id` of the waitlist, answerable by its user or an operator.
base::Result<const WaitlistOffer*> own_offer(const BookingState& s, const Actor& a,
                                             const std::string& id) {
  if (a.kind != Actor::Kind::kUser && a.kind != Actor::Kind::kOperator) {
    return Error{ErrorCode::kForbidden, MessageId::kUsersActForThemselves};
  }
  auto it = s.waitlist.offers.find(id);
  if (it == s.waitlist.offers.end() || (a.kind == Actor::Kind::kUser && it->second.user != a.id)) {
    return Error{ErrorCode::kNotFound, MessageId::kNoOffer, {{"offer", id}}};
  }
  return &it->second;
}

// Refuses an answer to an offer that is no longer open (nullopt: answer it).
std::optional<Events> closed_answer(const WaitlistOffer& o, WaitlistOfferStatus same, Instant now) {
  if (o.status == same) return std::vector<Event>{};  // answered so already
  switch (o.status) {
    case WaitlistOfferStatus::kAccepted:
      return Error{ErrorCode::kConflict, MessageId::kOfferAccepted, {{"offer", o.id}}};
    case WaitlistOfferStatus::kDeclined:
    case WaitlistOfferStatus::kWithdrawn:
      return Error{ErrorCode::kConflict, MessageId::kOfferDeclined, {{"offer", o.id}}};
    case WaitlistOfferStatus::kLapsed:
      return Error{ErrorCode::kWindowClosed, MessageId::kOfferClosed, {{"offer", o.id}}};
    case WaitlistOfferStatus::kOpen:
      break;
  }
  // The deadline is a second (01:59:59): it runs until the lapse is due.
  if (now >= lapse_due(o.offer_by)) {
    return Error{ErrorCode::kWindowClosed, MessageId::kOfferClosed, {{"offer", o.id}}};
  }
  return std::nullopt;
}

// True when entry `e` cannot be offered at `at`, whatever the seed: its user
// is suspended that day, its offer would end by then, or it is below the
// ward's minimum of people per room now (an entry joined before the minimum
// was raised would be refused at its acceptance). The pick and the audit's
// re-run of it (waitlist_offer_difference) skip the same entries.
bool not_offerable(const BookingState& s, const Facility& f, const WaitlistEntry& e, Instant at) {
  return s.suspension_on(e.user, tokyo_date(at)) != nullptr ||
         waitlist_offer_by(f.waitlist, f.rules, e.check_in, at) <= at ||
         !check_min_people(s.limits, e.people).ok();
}

// Picks an entry for hold `h`, due at `due` (offered at the later of it and
// `now`), or releases the hold when no entry is left; `offered`: the
// entries offered earlier in this command.
void pick(const BookingState& s, const WaitlistHold& h, Instant due, Instant now,
          std::uint64_t seed, std::set<std::string>& offered, std::vector<Event>& out) {
  const Instant at = std::max(due, now);
  const Facility* f = s.facility(h.facility);
  std::vector<const WaitlistEntry*> candidates;
  if (f) {
    candidates = pick_candidates(s.waitlist, *f, h, [&](const WaitlistEntry& e) {
      return offered.count(e.id) > 0 || not_offerable(s, *f, e, at);
    });
  }
  if (candidates.empty()) {
    out.push_back(WaitlistHoldReleased{h.id, h.nights, at});
    return;
  }
  const WaitlistEntry& e = *candidates[pick_index(seed, candidates.size())];
  WaitlistOffer o;
  o.id = h.id + "-" + std::to_string(h.offers + 1);
  o.entry = e.id;
  o.hold = h.id;
  o.user = e.user;
  o.facility = e.facility;
  o.check_in = e.check_in;
  o.nights = e.nights;
  o.people = e.people;
  o.style = h.style;
  o.wish = e.wish;
  o.at = at;
  o.offer_by = waitlist_offer_by(f->waitlist, f->rules, e.check_in, at);
  offered.insert(e.id);
  out.push_back(WaitlistOffered{o, seed, static_cast<std::uint32_t>(candidates.size())});
  offer_notice(s, as_offer(o), out);
}

}  // namespace

Events decide_one(const BookingState& s, const Actor& a, const JoinWaitlist& c, Instant now) {
  if (Status e = check_actor(a, c.user); !e.ok()) return e;
  const Facility* f = s.facility(c.facility);
  if (!f) return Error{ErrorCode::kNotFound, MessageId::kNoFacility, {{"facility", c.facility}}};
  if (!f->waitlist.enabled) {
    return Error{ErrorCode::kNotEnabled, MessageId::kWaitlistNotEnabled, {{"facility", f->name}}};
  }
  if (Status e = check_not_suspended(s, a, c.user, "", now); !e.ok()) return e;
  if (Status e = check_stay_request(*f, c.nights, c.people, c.wish); !e.ok()) return e;
  if (Status e = check_min_people(s.limits, c.people); !e.ok()) return e;
  const int most = *std::max_element(c.people.begin(), c.people.end());
  // The guests and the reduction claimed, checked as a booking's would be now
  // (the stay is priced at its acceptance).
  auto priced = stay_price(
      *f, {c.check_in, c.nights, c.guests, c.people, c.reduction, s.reduced_nights_used(c.user)});
  if (!priced.ok()) return priced.error();
  const Instant opens = first_come_opens(f->rules, c.check_in.plus_days(c.nights - 1));
  if (now < opens) {
    return Error{ErrorCode::kNotOpen, MessageId::kWaitlistNotOpen, {{"date", day_arg(c.check_in)}}};
  }
  if (now >= waitlist_closes(f->waitlist, c.check_in)) {
    return Error{
        ErrorCode::kWindowClosed, MessageId::kWaitlistClosed, {{"date", day_arg(c.check_in)}}};
  }
  if (choose_style(s, *f, c.check_in, c.nights, most, c.wish, nullptr)) {
    return Error{ErrorCode::kConflict, MessageId::kWaitlistRoomsFree};
  }
  for (const WaitlistEntry* e : active_entries_of(s.waitlist, c.user)) {
    if (e->facility == c.facility && e->check_in == c.check_in && e->nights == c.nights) {
      return Error{ErrorCode::kConflict, MessageId::kWaitlistJoinedAlready};
    }
  }
  if (entries_in_month(s.waitlist, c.user, c.check_in) >= f->waitlist.entries_per_month) {
    return Error{
        ErrorCode::kLimitReached,
        MessageId::kWaitlistEntriesLimit,
        {{"max", f->waitlist.entries_per_month}, {"month", c.check_in.to_string().substr(0, 7)}}};
  }
  if (c.id.empty() || s.waitlist.entries.count(c.id)) {
    return Error{ErrorCode::kConflict, MessageId::kReservationNumberUnusable, {{"number", c.id}}};
  }
  WaitlistEntry e;
  e.id = c.id;
  e.user = c.user;
  e.facility = c.facility;
  e.check_in = c.check_in;
  e.nights = c.nights;
  e.people = c.people;
  e.wish = c.wish;
  e.joined_at = now;
  e.guests = c.guests;
  e.reduction = c.reduction;
  return std::vector<Event>{WaitlistJoined{std::move(e)}};
}

Events decide_one(const BookingState& s, const Actor& a, const LeaveWaitlist& c, Instant now) {
  if (Status e = check_actor(a, c.user); !e.ok()) return e;
  auto found = own_entry(s, c.user, c.entry);
  if (!found.ok()) return found.error();
  std::vector<Event> out{WaitlistLeft{c.entry, now}};
  if (!(*found)->offer.empty()) {
    out.push_back(WaitlistOfferClosed{(*found)->offer, WaitlistOfferStatus::kWithdrawn, now});
  }
  return out;
}

void hold_for_waitlist(const BookingState& s, const std::string& cause, const std::string& facility,
                       RoomStyle style, const std::vector<Date>& freed, Instant now,
                       std::vector<Event>& out) {
  const Facility* f = s.facility(facility);
  if (!f || !f->waitlist.enabled || freed.empty()) return;
  std::set<Date> wanted;
  for (const auto& [id, e] : s.waitlist.entries) {
    if (!e.active() || e.facility != facility || !entry_fits(*f, e, style, freed)) continue;
    if (waitlist_offer_by(f->waitlist, f->rules, e.check_in, now) <= now) continue;  // too late
    for (int i = 0; i < e.nights; ++i) wanted.insert(e.check_in.plus_days(i));
  }
  if (wanted.empty()) return;
  WaitlistHold h;
  h.nights.assign(wanted.begin(), wanted.end());
  // The reservation's k-th hold (a change may free a room before its cancellation).
  const std::string prefix = cause + "-h";
  int k = 1;
  for (auto it = s.waitlist.holds.lower_bound(prefix);
       it != s.waitlist.holds.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    ++k;
  }
  h.id = prefix + std::to_string(k);
  h.facility = facility;
  h.style = style;
  h.held_at = now;
  h.pick_at = waitlist_pick_at(f->waitlist, now);
  out.push_back(WaitlistRoomHeld{std::move(h)});
}

void waitlist_due(const BookingState& s, Instant now, std::uint64_t seed, int budget,
                  std::vector<Event>& out) {
  bool lapsed = false;
  for (const auto& [offer_by, id] : s.waitlist.open_offers) {
    const Instant due = lapse_due(offer_by);
    if (due > now || budget <= 0) break;
    out.push_back(WaitlistOfferClosed{id, WaitlistOfferStatus::kLapsed, due});
    lapsed = true;
    --budget;
  }
  if (lapsed) return;
  std::set<std::string> offered;
  std::uint64_t i = 0;
  for (const auto& [pick_at, id] : s.waitlist.picks) {
    if (pick_at > now || budget <= 0) break;
    pick(s, s.waitlist.holds.at(id), pick_at, now, mix_seed(seed, i++), offered, out);
    --budget;
  }
}

Events accept_waitlist_offer(const BookingState& s, const Actor& a, const AcceptOffer& c,
                             Instant now) {
  auto found = own_offer(s, a, c.offer);
  if (!found.ok()) return found.error();
  const WaitlistOffer& o = **found;
  if (auto refused = closed_answer(o, WaitlistOfferStatus::kAccepted, now)) return *refused;
  if (!valid_check_digit(c.number) || s.reservation(c.number)) {
    return Error{
        ErrorCode::kConflict, MessageId::kReservationNumberUnusable, {{"number", c.number}}};
  }
  // The rules of a first-come booking: a user suspended since the offer, or
  // whom the stay would take past a limit or past K, cannot accept it (they
  // may decline).
  if (Status e = check_not_suspended(s, Actor::user(o.user), o.user, "", now); !e.ok()) return e;
  if (Status e = check_stay_limits(s, o.user, o.check_in, o.nights, o.people); !e.ok()) return e;
  const Facility* f = s.facility(o.facility);
  if (!f) return Error{ErrorCode::kNotFound, MessageId::kNoFacility, {{"facility", o.facility}}};
  if (s.upcoming_first_come(o.user, tokyo_date(now)) >= f->rules.max_upcoming) {
    return Error{
        ErrorCode::kLimitReached, MessageId::kUpcomingLimit, {{"max", f->rules.max_upcoming}}};
  }
  Reservation r = offered_reservation(as_offer(o), c.number, Origin::kWaitlist, now);
  r.application.clear();  // as_offer's entry: no lottery application
  // Priced with the entry's guests and claim, the caps as used now (the
  // offer is its entry's whole stay).
  WaitlistEntry claim;  // none found: everyone an adult, no reduction
  if (auto e = s.waitlist.entries.find(o.entry); e != s.waitlist.entries.end()) claim = e->second;
  PricedWin priced = price_claimed(*f, claim.check_in, claim.guests, claim.reduction, o.check_in,
                                   o.nights, o.people, s.reduced_nights_used(o.user));
  r.guests = std::move(priced.guests);
  r.reduction = priced.reduction;
  r.price = std::move(priced.price);
  std::vector<Event> out{WaitlistOfferAccepted{o.id, c.number, now}, ReservationBooked{r}};
  receipt_notice(s, NoticeKind::kBookingReceipt, r, a.kind == Actor::Kind::kOperator, now, out);
  return out;
}

Events decline_waitlist_offer(const BookingState& s, const Actor& a, const DeclineOffer& c,
                              Instant now) {
  auto found = own_offer(s, a, c.offer);
  if (!found.ok()) return found.error();
  const WaitlistOffer& o = **found;
  if (auto refused = closed_answer(o, WaitlistOfferStatus::kDeclined, now)) return *refused;
  return std::vector<Event>{WaitlistOfferClosed{o.id, WaitlistOfferStatus::kDeclined, now}};
}

}  // namespace hoyo::domain::internal

namespace hoyo::domain {

std::string waitlist_offer_difference(const BookingState& s, const WaitlistOffered& e) {
  const WaitlistOffer& o = e.offer;
  auto h = s.waitlist.holds.find(o.hold);
  if (h == s.waitlist.holds.end()) return "offer " + o.id + ": no hold " + o.hold;
  if (!h->second.open_offer.empty()) {
    return "offer " + o.id + ": offer " + h->second.open_offer + " is still open";
  }
  const Facility* f = s.facility(h->second.facility);
  if (!f) return "offer " + o.id + ": no facility " + h->second.facility;
  const Instant at = o.at;
  const auto candidates = pick_candidates(s.waitlist, *f, h->second, [&](const WaitlistEntry& x) {
    return internal::not_offerable(s, *f, x, at);
  });
  if (candidates.size() != e.candidates) {
    return "offer " + o.id + ": " + std::to_string(e.candidates) +
           " candidates recorded, the log gives " + std::to_string(candidates.size());
  }
  if (candidates.empty()) return "offer " + o.id + ": no entry fits the hold";
  const WaitlistEntry& picked = *candidates[pick_index(e.seed, candidates.size())];
  if (picked.id != o.entry) {
    return "offer " + o.id + ": recorded entry " + o.entry + ", the seed picks " + picked.id;
  }
  if (!entry_fits(*f, picked, h->second.style, h->second.nights)) {
    return "offer " + o.id + ": the entry's nights are not held";
  }
  return "";
}

std::string waitlist_acceptance_difference(const BookingState& s, const WaitlistOfferAccepted& e) {
  auto o = s.waitlist.offers.find(e.offer);
  if (o == s.waitlist.offers.end()) return "offer " + e.offer + ": accepted, but never made";
  if (o->second.status != WaitlistOfferStatus::kOpen) {
    return "offer " + e.offer + ": accepted, but it is " +
           std::to_string(static_cast<int>(o->second.status));
  }
  auto h = s.waitlist.holds.find(o->second.hold);
  if (h == s.waitlist.holds.end()) return "offer " + e.offer + ": no hold " + o->second.hold;
  for (int i = 0; i < o->second.nights; ++i) {
    const Date night = o->second.check_in.plus_days(i);
    if (std::find(h->second.nights.begin(), h->second.nights.end(), night) ==
        h->second.nights.end()) {
      return "offer " + e.offer + ": the night " + night.to_string() + " of hold " +
             o->second.hold + " was used already";
    }
  }
  return "";
}

}  // namespace hoyo::domain
