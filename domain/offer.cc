#include "domain/offer.h"

#include <algorithm>

#include "domain/booking_state.h"
#include "domain/civil_time.h"
#include "domain/confirmation.h"
#include "domain/decide_internal.h"

namespace hoyo::domain {

const char* offer_status_name(OfferStatus s) {
  switch (s) {
    case OfferStatus::kAccepted:
      return "accepted";
    case OfferStatus::kDeclined:
      return "declined";
    case OfferStatus::kLapsed:
      return "lapsed";
    case OfferStatus::kOpen:
      break;
  }
  return "open";
}

Instant offer_deadline(int offer_days, const BookingRules& rules, Date check_in, Instant at) {
  return win_confirm_by(offer_days, rules, check_in, at);
}

namespace {

// The people of an application fit the rooms of `style` at `f`.
bool holds_people(const Facility& f, RoomStyle style, const std::vector<int>& people) {
  for (const RoomType& t : f.room_types) {
    if (t.style == style) return *std::max_element(people.begin(), people.end()) <= t.capacity;
  }
  return false;
}

// Every night of the application is still held for the chain.
bool nights_held(const RunnerUpChain& c, const LotteryApplication& a) {
  for (int i = 0; i < a.nights; ++i) {
    if (!std::binary_search(c.nights.begin(), c.nights.end(), a.check_in.plus_days(i))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<Offer> next_runner_up(const BookingState& s, const std::string& lapsed,
                                    const RunnerUpChain& chain, Instant at,
                                    const OfferBatch& batch) {
  const LotteryPeriod* p = s.lottery(chain.lottery);
  auto drawn = s.draws.find(chain.lottery);
  const Facility* f = s.facility(chain.facility);
  if (!p || drawn == s.draws.end() || !f || chain.nights.empty()) return std::nullopt;
  std::set<std::string> winners;
  for (const DrawWin& w : drawn->second.wins) {
    if (auto a = s.applications.find(w.application); a != s.applications.end()) {
      winners.insert(a->second.user);
    }
  }
  const std::vector<std::string>& order = drawn->second.order;
  for (std::size_t i = static_cast<std::size_t>(std::max(0, chain.next)); i < order.size(); ++i) {
    const std::string& user = order[i];
    const std::pair<std::string, std::string> key{p->id, user};
    const bool holds =
        batch.holding.count(key) || (s.offer_holders.count(key) && !batch.released.count(key));
    // A runner-up suspended on the day of the offer is passed over: they
    // could not accept it (AcceptOffer checks it too).
    if (holds || winners.count(user) || s.runner_up_winners.count(key) ||
        s.suspension_on(user, tokyo_date(at))) {
      continue;
    }
    std::vector<const LotteryApplication*> mine = s.user_applications(user, p->id);
    std::stable_sort(mine.begin(), mine.end(),
                     [](const LotteryApplication* x, const LotteryApplication* y) {
                       return x->preference < y->preference;
                     });
    for (const LotteryApplication* a : mine) {
      if (!a->active() || a->facility != chain.facility || !nights_held(chain, *a) ||
          !style_matches(chain.style, a->wish) || !holds_people(*f, chain.style, a->people)) {
        continue;
      }
      const Instant by = offer_deadline(p->offer_days, f->rules, a->check_in, at);
      if (by <= at) continue;  // its first-come window has closed: too late to offer
      Offer o;
      o.id = lapsed + "-" + std::to_string(chain.offers + 1);
      o.lottery = p->id;
      o.user = user;
      o.application = a->id;
      o.lapsed = lapsed;
      o.facility = a->facility;
      o.check_in = a->check_in;
      o.nights = a->nights;
      o.people = a->people;
      o.style = chain.style;
      o.wish = a->wish;
      o.rank = static_cast<int>(i);
      o.at = at;
      o.offer_by = by;
      return o;
    }
  }
  return std::nullopt;
}

RunnerUpChain chain_of_lapse(const BookingState& s, const std::string& lapsed) {
  RunnerUpChain c;
  const Reservation* r = s.reservation(lapsed);
  if (!r) return c;
  if (auto a = s.applications.find(r->application); a != s.applications.end()) {
    c.lottery = a->second.lottery;
  }
  c.facility = r->facility;
  c.style = r->style;
  for (int i = 0; i < r->nights; ++i) c.nights.push_back(r->check_in.plus_days(i));
  c.release_due = release_due_of(s, *r);
  return c;
}

}  // namespace hoyo::domain
