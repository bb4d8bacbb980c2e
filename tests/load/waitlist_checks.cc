// Checker's part about the cancellation waitlist (checks.h, waitlist()).
#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "checks.h"
#include "waitlist.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

std::vector<std::string> dates_of(const json::value& data, const char* key) {
  std::vector<std::string> out;
  const json::value* v = data.is_object() ? data.as_object().if_contains(key) : nullptr;
  if (v && v->is_array()) {
    for (const json::value& d : v->as_array()) {
      if (d.is_string()) out.emplace_back(d.as_string());
    }
  }
  return out;
}

// The nights of an offer's stay.
std::vector<std::string> stay_nights(const OfferState& o) {
  std::vector<std::string> out;
  for (int i = 0; i < o.nights; ++i) out.push_back(add_days(o.check_in, i));
  return out;
}

}  // namespace

bool Checker::fold_waitlist_event(const std::string& type, const json::value& data) {
  auto& w = fold_.waitlist;
  if (type == "WaitlistJoined") {
    auto e = WaitlistEntryState::from_log(data);
    if (!e) return true;
    ++w.joined[e->id];
    w.entries[e->id] = *e;
    w.entry_user[e->id] = str(data, "user");
  } else if (type == "WaitlistLeft") {
    const std::string id = str(data, "entryId");
    ++w.left[id];
    if (auto it = w.entries.find(id); it != w.entries.end()) it->second.status = "left";
  } else if (type == "WaitlistRoomHeld") {
    // A room freed by the event before it in its group: a cancellation or a
    // change of reservation NUMBER (the hold's id is NUMBER-hK).
    const std::string id = str(data, "holdId");
    const std::string number = id.substr(0, id.rfind("-h"));
    Fold::Waitlist::Hold h{str(data, "facility"), str(data, "roomStyle"), {}, {}};
    auto r = fold_.reservations.find(number);
    for (const std::string& night : dates_of(data, "nights")) {
      h.nights.insert(night);
      const auto now =
          r == fold_.reservations.end() ? std::vector<std::string>{} : r->second.nights_held();
      const bool freed = r != fold_.reservations.end() && r->second.facility == h.facility &&
                         fold_.ever_held[number].count(night) &&
                         std::find(now.begin(), now.end(), night) == now.end();
      if (!freed || !w.freed.insert(number + " " + night + " " + h.style).second) {
        faults_.add("the log holds " + h.style + " " + night + " at " + h.facility + " (hold " +
                    id + ") for the waitlist, " +
                    (freed ? "which that reservation freed once already"
                           : "which no cancellation or change of " + number + " freed"));
      }
    }
    if (!w.holds.emplace(id, h).second) faults_.add("the log holds " + id + " twice");
  } else if (type == "WaitlistHoldReleased") {
    auto it = w.holds.find(str(data, "holdId"));
    for (const std::string& night : dates_of(data, "freed")) {
      if (it == w.holds.end() || !it->second.open_offer.empty() ||
          !it->second.nights.erase(night)) {
        faults_.add("the log releases " + night + " of hold " + str(data, "holdId") +
                    ", which it does not hold (or holds with an offer open)");
      }
    }
  } else if (type == "WaitlistOffered") {
    // The event's fields under the API's names.
    json::object api{{"status", "open"}};
    for (const auto& [from, to] : {std::pair{"offerId", "offerId"},
                                   {"entryId", "waitlistEntryId"},
                                   {"facility", "facilityId"},
                                   {"checkIn", "checkIn"},
                                   {"nights", "nights"},
                                   {"people", "people"},
                                   {"roomStyle", "roomStyle"}}) {
      if (const json::value* v = data.as_object().if_contains(from)) api[to] = *v;
    }
    auto o = OfferState::from_api(api);
    if (!o) return true;
    const std::string hold = str(data, "holdId"), user = str(data, "user");
    w.offers[o->id] = *o;
    w.offer_user[o->id] = user;
    w.offer_hold[o->id] = hold;
    // A freed room's nights, still held, offered to one active entry of that
    // stay at a time, and to an entry with no other offer open.
    auto h = w.holds.find(hold);
    auto e = w.entries.find(o->entry);
    bool nights_held =
        h != w.holds.end() && h->second.style == o->style && h->second.facility == o->facility;
    for (const std::string& night : stay_nights(*o)) {
      nights_held = nights_held && h->second.nights.count(night);
    }
    bool entry_has_open = false;
    for (const auto& [id, x] : w.offers) {
      entry_has_open = entry_has_open || (id != o->id && x.entry == o->entry && x.status == "open");
    }
    if (!nights_held || !h->second.open_offer.empty() || e == w.entries.end() ||
        e->second.status != "active" || w.entry_user[o->entry] != user ||
        e->second.facility != o->facility || e->second.check_in != o->check_in ||
        e->second.nights != o->nights || e->second.people != o->people || entry_has_open) {
      faults_.add("the log offers " + o->to_string() + " to user " + user + " on hold " + hold +
                  (h == w.holds.end() ? " (no such hold)"
                                      : (h->second.open_offer.empty()
                                             ? ""
                                             : " while " + h->second.open_offer + " is open")) +
                  "; the entry is " + (e == w.entries.end() ? "unknown" : e->second.to_string()));
    }
    if (h != w.holds.end()) h->second.open_offer = o->id;
  } else if (type == "WaitlistOfferAccepted" || type == "WaitlistOfferClosed") {
    const std::string id = str(data, "offerId");
    ++w.answered[id];
    auto o = w.offers.find(id);
    if (o == w.offers.end() || o->second.status != "open") {
      faults_.add("the log answers offer " + id + " (" + type + "), which is " +
                  (o == w.offers.end() ? "unknown" : o->second.to_string()));
      return true;
    }
    auto h = w.holds.find(w.offer_hold[id]);
    if (h != w.holds.end() && h->second.open_offer == id) h->second.open_offer.clear();
    if (type == "WaitlistOfferClosed") {
      o->second.status = str(data, "status");
      return true;
    }
    o->second.status = "accepted";
    o->second.number = str(data, "number");
    if (auto e = w.entries.find(o->second.entry); e != w.entries.end()) {
      e->second.status = "accepted";
    }
    for (const std::string& night : stay_nights(o->second)) {
      if (h != w.holds.end()) h->second.nights.erase(night);
    }
  } else {
    return false;
  }
  return true;
}

std::map<std::string, int> Checker::held(const std::string& facility,
                                         const std::string& night) const {
  std::map<std::string, int> out;
  for (const auto& [id, h] : fold_.waitlist.holds) {
    if (h.facility == facility && h.nights.count(night)) ++out[h.style];
  }
  return out;
}

void Checker::waitlist(HttpClient& http, int cycle, std::mt19937_64& rng) {
  const auto& w = fold_.waitlist;
  Context ctx{world_, http, ledger_, faults_, rng, cycle, &staff_};
  const std::uint64_t at = max_seen();
  std::set<std::string> entries, offers;
  for (UserModel& u : users_) {
    const std::string who = "user " + u.account.number + ": ";
    // The offers made since the user last looked (faults for any it cannot have).
    take_waitlist_offers(ctx, u, false);
    // As served: the active entries, each with the offer open to it.
    std::map<std::string, std::string> expected, served;
    for (const auto& [id, e] : u.entries) {
      if (e.status == "active") expected[id];
    }
    for (const auto& [id, o] : u.waitlist_offers) {
      if (o.status == "open") expected[o.entry] = o.id;
    }
    const Answer a =
        call(http, cycle, u.account.number, {"GET", "/api/waitlist", {}, u.account.cookie, {}, at});
    auto list = parse_json(a.body);
    if (a.status == 200 && list && list->is_array()) {
      for (const json::value& x : list->as_array()) {
        const json::value* offer = x.as_object().if_contains("offer");
        served[str(x, "entryId")] = offer ? str(*offer, "offerId") : "";
        auto e = WaitlistEntryState::from_api(x);
        auto m = e ? u.entries.find(e->id) : u.entries.end();
        if (m != u.entries.end() && m->second != *e) {
          faults_.add(who + "GET /api/waitlist lists " + e->to_string() + "; acknowledged as " +
                      m->second.to_string());
        }
      }
    }
    if (a.status != 200 || served != expected) {
      faults_.add(who + "GET /api/waitlist answered " + std::to_string(a.status) + " " + a.body +
                  "; " + std::to_string(expected.size()) + " entries active as acknowledged");
    }
    // The log: each entry joined once, in its acknowledged state.
    for (const auto& [id, e] : u.entries) {
      entries.insert(id);
      auto it = w.entries.find(id);
      if (it == w.entries.end() || w.joined.at(id) != 1 ||
          w.entry_user.at(id) != u.account.number || it->second != e ||
          (w.left.count(id) && w.left.at(id) != 1)) {
        faults_.add(who + "acknowledged " + e.to_string() + " is in the log " +
                    std::to_string(w.joined.count(id) ? w.joined.at(id) : 0) + " times as " +
                    (it == w.entries.end() ? "nothing" : it->second.to_string()) + " of user " +
                    (w.entry_user.count(id) ? w.entry_user.at(id) : "-"));
      }
    }
    // Each offer in its acknowledged state, answered at most once; an accepted
    // one's reservation booked once, from the waitlist.
    for (const auto& [id, o] : u.waitlist_offers) {
      offers.insert(id);
      auto it = w.offers.find(id);
      const int answered = w.answered.count(id) ? w.answered.at(id) : 0;
      if (it == w.offers.end() || it->second != o || w.offer_user.at(id) != u.account.number ||
          answered > 1) {
        faults_.add(who + "acknowledged " + o.to_string() + " is in the log as " +
                    (it == w.offers.end() ? "nothing" : it->second.to_string()) + ", answered " +
                    std::to_string(answered) + " times");
      }
      if (o.status != "accepted") continue;
      auto r = u.reservations.find(o.number);
      auto logged = fold_.reservations.find(o.number);
      if (r == u.reservations.end() || r->second.origin != "waitlist" ||
          fold_.booked[o.number] != 1 || logged == fold_.reservations.end() ||
          logged->second.origin != "waitlist") {
        faults_.add(
            who + "accepted " + o.to_string() + " is booked " +
            std::to_string(fold_.booked[o.number]) + " times in the log" +
            (r == u.reservations.end() ? ", not in the model" : " as " + r->second.to_string()));
      }
    }
    // Accepted waitlist offers count against the per-user limit with the
    // first-come bookings.
    if (u.active_first_come(world_.business_day()) > world_.max_upcoming) {
      faults_.add(who + "holds " + std::to_string(u.active_first_come(world_.business_day())) +
                  " first-come and waitlist reservations as acknowledged, over the limit of " +
                  std::to_string(world_.max_upcoming));
    }
    writes_checked_ += u.entries.size() + u.waitlist_offers.size();
  }
  // Nothing else: no entry never acknowledged; an offer the user never saw
  // only when its entry was deleted with it open.
  for (const auto& [id, e] : w.entries) {
    if (!entries.count(id)) {
      faults_.add("the log holds " + e.to_string() + " of user " + w.entry_user.at(id) +
                  ", never acknowledged (a duplicate?)");
    }
  }
  for (const auto& [id, o] : w.offers) {
    if (offers.count(id)) continue;
    auto e = w.entries.find(o.entry);
    if (o.status != "withdrawn" || e == w.entries.end() || e->second.status != "left") {
      faults_.add("the log holds " + o.to_string() + " to user " + w.offer_user.at(id) +
                  ", which that user was never shown");
    }
  }
}

}  // namespace hoyo::load
