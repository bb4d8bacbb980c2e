#include "domain/waitlist.h"

#include <algorithm>
#include <tuple>

#include "domain/booking_windows.h"
#include "domain/decide_internal.h"
#include "domain/events.h"

namespace hoyo::domain {
namespace {

void erase_nights(std::vector<Date>& nights, Date check_in, int n) {
  std::erase_if(nights, [&](Date d) { return d >= check_in && d < check_in.plus_days(n); });
}

// The hold's next pick is due at `at` while nights are left on it.
void pick_next(Waitlist& w, WaitlistHold& h, Instant at) {
  w.picks.erase({h.pick_at, h.id});
  h.pick_at = h.nights.empty() ? 0 : at;
  if (h.pick_at != 0) w.picks.insert({h.pick_at, h.id});
}

// The offer closes; its entry and hold no longer point at it.
WaitlistOffer* close(Waitlist& w, const std::string& id, WaitlistOfferStatus status) {
  auto it = w.offers.find(id);
  if (it == w.offers.end() || it->second.status != WaitlistOfferStatus::kOpen) return nullptr;
  WaitlistOffer& o = it->second;
  o.status = status;
  w.open_offers.erase({o.offer_by, o.id});
  if (auto e = w.entries.find(o.entry); e != w.entries.end()) e->second.offer.clear();
  if (auto h = w.holds.find(o.hold); h != w.holds.end()) h->second.open_offer.clear();
  return &o;
}

}  // namespace

base::Status validate_waitlist_settings(const WaitlistSettings& w) {
  base::Error e = base::Error::invalid_fields({});
  const std::tuple<const char*, int, int, int> ranges[] = {
      {"entriesPerMonth", w.entries_per_month, 1, 31},
      {"closeDaysBefore", w.close_days_before, 0, 60},
      {"offerDays", w.offer_days, 1, 14},
      {"pickAt", w.pick_minute, 0, 24 * 60 - 1},
      {"offerBy", w.offer_by_minute, 0, 24 * 60 - 1}};
  for (const auto& [name, value, lo, hi] : ranges) {
    if (value < lo || value > hi) {
      e.fields.push_back({std::string("waitlist.") + name,
                          "out_of_range",
                          base::MessageId::kFieldRange,
                          {{"field", std::string(name)}, {"min", lo}, {"max", hi}}});
    }
  }
  if (e.fields.empty()) return {};
  return e;
}

void fold_waitlist(Waitlist& w, const WaitlistJoined& e) { w.entries[e.entry.id] = e.entry; }

void fold_waitlist(Waitlist& w, const WaitlistLeft& e) {
  if (auto it = w.entries.find(e.entry); it != w.entries.end()) {
    it->second.status = WaitlistEntryStatus::kLeft;
  }
}

void fold_waitlist(Waitlist& w, const WaitlistRoomHeld& e) {
  WaitlistHold& h = w.holds[e.hold.id];
  h = e.hold;
  if (h.pick_at != 0) w.picks.insert({h.pick_at, h.id});
}

void fold_waitlist(Waitlist& w, const WaitlistHoldReleased& e) {
  auto it = w.holds.find(e.hold);
  if (it == w.holds.end()) return;
  WaitlistHold& h = it->second;
  for (Date d : e.freed) std::erase(h.nights, d);
  w.picks.erase({h.pick_at, h.id});
  h.pick_at = 0;
}

void fold_waitlist(Waitlist& w, const WaitlistOffered& e) {
  const WaitlistOffer& o = e.offer;
  w.offers[o.id] = o;
  w.open_offers.insert({o.offer_by, o.id});
  if (auto en = w.entries.find(o.entry); en != w.entries.end()) en->second.offer = o.id;
  if (auto h = w.holds.find(o.hold); h != w.holds.end()) {
    w.picks.erase({h->second.pick_at, h->second.id});
    h->second.pick_at = 0;
    h->second.open_offer = o.id;
    ++h->second.offers;
  }
}

void fold_waitlist(Waitlist& w, const WaitlistOfferAccepted& e) {
  WaitlistOffer* o = close(w, e.offer, WaitlistOfferStatus::kAccepted);
  if (!o) return;
  o->number = e.number;
  if (auto en = w.entries.find(o->entry); en != w.entries.end()) {
    en->second.status = WaitlistEntryStatus::kAccepted;
  }
  if (auto h = w.holds.find(o->hold); h != w.holds.end()) {
    erase_nights(h->second.nights, o->check_in, o->nights);
    pick_next(w, h->second, e.at);
  }
}

void fold_waitlist(Waitlist& w, const WaitlistOfferClosed& e) {
  WaitlistOffer* o = close(w, e.offer, e.status);
  if (!o) return;
  if (auto h = w.holds.find(o->hold); h != w.holds.end()) pick_next(w, h->second, e.at);
}

void index_waitlist(Waitlist& w) {
  w.picks.clear();
  w.open_offers.clear();
  for (auto& [id, e] : w.entries) e.offer.clear();
  for (auto& [id, h] : w.holds) {
    h.open_offer.clear();
    if (h.pick_at != 0) w.picks.insert({h.pick_at, id});
  }
  for (const auto& [id, o] : w.offers) {
    if (o.status != WaitlistOfferStatus::kOpen) continue;
    w.open_offers.insert({o.offer_by, id});
    if (auto e = w.entries.find(o.entry); e != w.entries.end()) e->second.offer = id;
    if (auto h = w.holds.find(o.hold); h != w.holds.end()) h->second.open_offer = id;
  }
}

std::vector<const WaitlistEntry*> active_entries_of(const Waitlist& w, const std::string& user) {
  std::vector<const WaitlistEntry*> out;
  for (const auto& [id, e] : w.entries) {
    if (e.user == user && e.active()) out.push_back(&e);
  }
  std::sort(out.begin(), out.end(), [](const WaitlistEntry* a, const WaitlistEntry* b) {
    return std::tie(a->joined_at, a->id) < std::tie(b->joined_at, b->id);
  });
  return out;
}

int entries_in_month(const Waitlist& w, const std::string& user, Date month) {
  const Date first = month.first_of_month_plus(0);
  int n = 0;
  for (const WaitlistEntry* e : active_entries_of(w, user)) {
    if (e->check_in.first_of_month_plus(0) == first) ++n;
  }
  return n;
}

bool entry_fits(const Facility& f, const WaitlistEntry& e, RoomStyle style,
                const std::vector<Date>& nights) {
  for (int i = 0; i < e.nights; ++i) {
    if (std::find(nights.begin(), nights.end(), e.check_in.plus_days(i)) == nights.end()) {
      return false;
    }
  }
  if (!style_matches(style, e.wish)) return false;
  const RoomType* t = f.room_type(style);
  return t && !e.people.empty() &&
         *std::max_element(e.people.begin(), e.people.end()) <= t->capacity;
}

Instant waitlist_closes(const WaitlistSettings& w, Date check_in) {
  return tokyo_midnight(check_in.plus_days(1 - w.close_days_before));
}

Instant waitlist_pick_at(const WaitlistSettings& w, Instant held_at) {
  return tokyo_time(tokyo_date(held_at).plus_days(1), w.pick_minute / 60, w.pick_minute % 60);
}

Instant waitlist_offer_by(const WaitlistSettings& w, const BookingRules& rules, Date check_in,
                          Instant at) {
  const Instant by = tokyo_time(tokyo_date(at).plus_days(w.offer_days), w.offer_by_minute / 60,
                                w.offer_by_minute % 60) +
                     59 * kMicrosPerSecond;
  return std::min(by, first_come_closes(rules, check_in) - kMicrosPerSecond);
}

std::vector<const WaitlistEntry*> pick_candidates(
    const Waitlist& w, const Facility& f, const WaitlistHold& h,
    const std::function<bool(const WaitlistEntry&)>& passed_over) {
  // The entries offered this hold before (offer ids are "<hold>-<n>").
  std::set<std::string> offered;
  const std::string prefix = h.id + "-";
  for (auto it = w.offers.lower_bound(prefix);
       it != w.offers.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    if (it->second.hold == h.id) offered.insert(it->second.entry);
  }
  std::vector<const WaitlistEntry*> out;
  for (const auto& [id, e] : w.entries) {
    if (!e.active() || !e.offer.empty() || e.facility != h.facility || offered.count(id)) continue;
    if (!entry_fits(f, e, h.style, h.nights) || passed_over(e)) continue;
    out.push_back(&e);
  }
  std::sort(out.begin(), out.end(), [](const WaitlistEntry* a, const WaitlistEntry* b) {
    return std::tie(a->joined_at, a->id) < std::tie(b->joined_at, b->id);
  });
  return out;
}

Offer as_offer(const WaitlistOffer& o) {
  Offer x;
  x.id = o.id;
  x.user = o.user;
  x.application = o.entry;
  x.lapsed = o.hold;
  x.facility = o.facility;
  x.check_in = o.check_in;
  x.nights = o.nights;
  x.people = o.people;
  x.style = o.style;
  x.wish = o.wish;
  x.at = o.at;
  x.offer_by = o.offer_by;
  x.number = o.number;
  switch (o.status) {
    case WaitlistOfferStatus::kOpen:
      x.status = OfferStatus::kOpen;
      break;
    case WaitlistOfferStatus::kAccepted:
      x.status = OfferStatus::kAccepted;
      break;
    case WaitlistOfferStatus::kLapsed:
      x.status = OfferStatus::kLapsed;
      break;
    case WaitlistOfferStatus::kDeclined:
    case WaitlistOfferStatus::kWithdrawn:
      x.status = OfferStatus::kDeclined;
      break;
  }
  return x;
}

std::size_t pick_index(std::uint64_t seed, std::size_t n) {
  return static_cast<std::size_t>(seed % static_cast<std::uint64_t>(n));
}

}  // namespace hoyo::domain
