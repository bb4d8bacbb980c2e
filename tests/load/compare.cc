#include <boost/json.hpp>
#include <map>

#include "commands.h"

namespace hoyo::load {

namespace json = boost::json;

void compare_reservations(const UserModel& u, const std::string& text, const std::string& where,
                          Faults& faults) {
  const std::string who = "user " + u.account.number + " (" + where + "): ";
  auto v = parse_json(text);
  if (!v || !v->is_array()) {
    faults.add(who + "not a list: " + text.substr(0, 500));
    return;
  }
  std::map<std::string, ReservationState> served;
  for (const json::value& x : v->as_array()) {
    auto r = ReservationState::from_api(x);
    if (!r) {
      faults.add(who + "unreadable reservation " + json::serialize(x));
      continue;
    }
    if (!served.emplace(r->number, *r).second)
      faults.add(who + "reservation " + r->number + " listed twice");
  }
  for (const auto& [n, r] : u.reservations) {
    auto it = served.find(n);
    if (it == served.end()) {
      faults.add(who + "acknowledged reservation " + r.to_string() + " is missing");
    } else if (it->second != r) {
      faults.add(who + "reservation " + n + " is " + it->second.to_string() + "; acknowledged as " +
                 r.to_string());
    }
  }
  for (const auto& [n, r] : served) {
    if (!u.reservations.count(n)) {
      faults.add(who + "reservation " + r.to_string() +
                 " was never acknowledged (a duplicate, or a write nobody made)");
    }
  }
}

void compare_applications(const UserModel& u, const std::string& text, const std::string& where,
                          Faults& faults) {
  const std::string who = "user " + u.account.number + " (" + where + "): ";
  auto v = parse_json(text);
  if (!v || !v->is_array()) {
    faults.add(who + "not a list: " + text.substr(0, 500));
    return;
  }
  std::map<std::string, ApplicationState> served;
  for (const json::value& x : v->as_array()) {
    auto a = ApplicationState::from_api(x);
    if (!a) {
      faults.add(who + "unreadable application " + json::serialize(x));
      continue;
    }
    if (!served.emplace(a->id, *a).second)
      faults.add(who + "application " + a->id + " listed twice");
  }
  for (const auto& [id, a] : u.applications) {
    auto it = served.find(id);
    if (it == served.end()) {
      faults.add(who + "acknowledged application " + a.to_string() + " is missing");
    } else if (it->second != a) {
      faults.add(who + "application " + id + " is " + it->second.to_string() +
                 "; acknowledged as " + a.to_string());
    }
  }
  for (const auto& [id, a] : served) {
    if (!u.applications.count(id)) {
      faults.add(who + "application " + a.to_string() + " was never acknowledged");
    }
  }
}

}  // namespace hoyo::load
