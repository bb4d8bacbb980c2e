// Checker's part about the runner-up offers (checks.h, offers()).
#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "checks.h"

namespace hoyo::load {

namespace json = boost::json;

bool Checker::fold_offer_event(const std::string& type, const json::value& data) {
  auto& f = fold_;
  if (type == "WinLapsed") {
    auto it = f.reservations.find(str(data, "number"));
    if (it != f.reservations.end()) it->second.status = "lapsed";
  } else if (type == "RoomOffered") {
    OfferState o;
    o.id = str(data, "offerId");
    o.lottery = str(data, "lottery");
    o.facility = str(data, "facility");
    o.check_in = str(data, "checkIn");
    o.nights = static_cast<int>(num(data, "nights"));
    for (const json::value& p : data.at("people").as_array()) {
      o.people.push_back(static_cast<int>(p.as_int64()));
    }
    o.style = str(data, "roomStyle");
    o.status = "open";
    ++f.offered[o.id];
    f.offer_user[o.id] = str(data, "user");
    f.offers[o.id] = o;
  } else if (type == "OfferAccepted") {
    const std::string id = str(data, "offerId");
    ++f.accepted[id];
    if (auto it = f.offers.find(id); it != f.offers.end()) {
      it->second.status = "accepted";
      it->second.number = str(data, "number");
    }
  } else if (type == "OfferDeclined" || type == "OfferLapsed") {
    const std::string id = str(data, "offerId");
    if (type == "OfferDeclined") ++f.declined[id];
    if (auto it = f.offers.find(id); it != f.offers.end()) {
      it->second.status = type == "OfferDeclined" ? "declined" : "lapsed";
    }
  } else {
    return false;
  }
  return true;
}

void Checker::offers(HttpClient& http, int cycle) {
  const OfferNights& period = world_.offers;
  const std::uint64_t at = max_seen();
  // The log: every offer of a load user once, in its acknowledged state.
  std::set<std::string> modelled;
  for (const UserModel& u : users_) {
    const std::string who = "user " + u.account.number + ": ";
    for (const auto& [id, o] : u.offers) {
      modelled.insert(id);
      auto it = fold_.offers.find(id);
      if (it == fold_.offers.end() || fold_.offered[id] != 1 ||
          fold_.offer_user[id] != u.account.number) {
        faults_.add(who + o.to_string() + " is offered " + std::to_string(fold_.offered[id]) +
                    " times in the log, to user " + fold_.offer_user[id]);
        continue;
      }
      if (it->second != o) {
        faults_.add(who + "the log folds " + it->second.to_string() + "; acknowledged as " +
                    o.to_string());
      }
      if (fold_.accepted[id] > 1 || fold_.declined[id] > 1 ||
          fold_.accepted[id] + fold_.declined[id] > 1) {
        faults_.add(who + "the log accepts " + o.to_string() + " " +
                    std::to_string(fold_.accepted[id]) + " times and declines it " +
                    std::to_string(fold_.declined[id]) + " times");
      }
      if (o.status == "accepted") {
        auto r = u.reservations.find(o.number);
        if (r == u.reservations.end() || r->second.origin != "runner_up" ||
            fold_.booked[o.number] != 1) {
          faults_.add(
              who + "accepted " + o.to_string() + " is booked " +
              std::to_string(fold_.booked[o.number]) + " times in the log" +
              (r == u.reservations.end() ? ", not in the model" : " as " + r->second.to_string()));
        }
      }
    }
  }
  for (const auto& [id, o] : fold_.offers) {
    if (!modelled.count(id)) {
      faults_.add("the log holds " + o.to_string() + " to user " + fold_.offer_user[id] +
                  ", never seen by the set-up");
    }
  }

  // As served: the result offers exactly the open ones, as the log has them;
  // so does the user's list of open offers.
  for (const UserModel& u : users_) {
    if (u.offers.empty() && u.waitlist_offers.empty()) continue;
    const std::string who = "user " + u.account.number + ": ";
    std::map<std::string, OfferState> open, open_of_both;
    for (const auto& [id, o] : u.offers) {
      if (o.status == "open") open[id] = o;
    }
    open_of_both = open;
    for (const auto& [id, o] : u.waitlist_offers) {
      if (o.status == "open") open_of_both[id] = o;
    }
    // The period's result, for its applicants.
    if (!u.offers.empty()) {
      const Answer a = call(
          http, cycle, u.account.number,
          {"GET", "/api/lotteries/" + period.lottery + "/result", {}, u.account.cookie, {}, at});
      auto v = parse_json(a.body);
      const json::value* offer =
          v && v->is_object() ? v->as_object().if_contains("offer") : nullptr;
      auto served = offer ? OfferState::from_api(*offer) : std::nullopt;
      const bool offered = v && str(*v, "status") == "offered";
      if (a.status != 200 || offered != !open.empty() || offered != served.has_value() ||
          (served && (!open.count(served->id) || open[served->id] != *served ||
                      fold_.offers[served->id] != *served))) {
        faults_.add(who + "the result of " + period.lottery + " answered " +
                    std::to_string(a.status) + " " + a.body + "; " + std::to_string(open.size()) +
                    " offers open as acknowledged");
      }
    }
    const Answer list = call(http, cycle, u.account.number,
                             {"GET", "/api/me/offers", {}, u.account.cookie, {}, at});
    auto l = parse_json(list.body);
    std::map<std::string, OfferState> listed;
    if (list.status == 200 && l && l->is_array()) {
      for (const json::value& x : l->as_array()) {
        if (auto o = OfferState::from_api(x)) listed[o->id] = *o;
      }
    }
    if (list.status != 200 || !l || !l->is_array() || listed != open_of_both) {
      faults_.add(who + "GET /api/me/offers answered " + std::to_string(list.status) + " " +
                  list.body + "; " + std::to_string(open_of_both.size()) +
                  " offers open as acknowledged");
    }
    writes_checked_ += u.offers.size();
  }

  // The period's nights: one room each, held while offered, booked once accepted.
  if (period.nights.empty()) return;
  const Answer a = call(http, cycle, "public",
                        {"GET",
                         "/api/vacancy/" + period.facility +
                             "/calendar?month=" + period.nights.front().substr(0, 7) + "&months=1",
                         {},
                         {},
                         {},
                         at});
  auto cal = parse_json(a.body);
  std::map<std::string, std::int64_t> free;
  if (a.status == 200 && cal && cal->is_object() && cal->as_object().contains("days")) {
    for (const json::value& d : cal->at("days").as_array()) {
      free[str(d, "date")] = num(d, "freeRooms");
    }
  }
  const int rooms = world_.rooms.count(period.facility) ? world_.rooms.at(period.facility) : 0;
  for (const std::string& night : period.nights) {
    int taken = 0, booked = 0, logged = 0;
    for (const UserModel& u : users_) {
      for (const auto& [id, o] : u.offers) {
        if (o.check_in == night && (o.status == "open" || o.status == "accepted")) ++taken;
      }
      for (const auto& [n, r] : u.reservations) {
        const auto held = r.nights_held();
        if (r.facility == period.facility && std::count(held.begin(), held.end(), night)) ++booked;
      }
    }
    for (const auto& [n, r] : fold_.reservations) {
      const auto held = r.nights_held();
      if (r.facility == period.facility && std::count(held.begin(), held.end(), night)) ++logged;
    }
    if (booked > 1 || logged > 1) {
      faults_.add(period.facility + " on " + night + ": " + std::to_string(booked) +
                  " acknowledged and " + std::to_string(logged) +
                  " logged bookings for the one room the offers' lottery held");
    }
    if (!free.count(night) || free[night] != rooms - taken) {
      faults_.add("vacancy of " + period.facility + " on " + night + ": " +
                  (free.count(night) ? std::to_string(free[night]) : "none") +
                  " free; the acknowledged answers to its offer leave " +
                  std::to_string(rooms - taken) + " (" + a.body.substr(0, 200) + ")");
    }
  }
}

}  // namespace hoyo::load
