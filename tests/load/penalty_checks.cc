// Checker's part about the penalties (checks.h, penalties(); penalties.h).
#include <boost/json.hpp>

#include "checks.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

std::string key(const std::string& user, const std::string& cause, const std::string& number) {
  return user + " " + cause + " " + number;
}

}  // namespace

bool Checker::fold_penalty_event(const std::string& type, const json::value& data,
                                 const std::string& day) {
  auto& p = fold_.penalties;
  if (type == "UserSuspended") {
    const std::string user = str(data, "user"), cause = str(data, "cause");
    const std::string number = str(data, "number"), from = str(data, "from");
    ++p.suspended[key(user, cause, number)];
    // Named by the event alone (Suspension::id()); decided again, the later end.
    const std::string id = cause + "-" + number + "-" + from;
    auto& mine = p.in_force[user];
    for (auto& s : mine) {
      if (s.id == id) {
        s.until = std::max(s.until, str(data, "until"));
        return true;
      }
    }
    mine.push_back({id, from, str(data, "until")});
    return true;
  }
  if (type == "SuspensionLifted") {
    const std::string user = str(data, "user"), named = str(data, "suspension");
    ++p.lifts[user];
    auto& mine = p.in_force[user];
    std::erase_if(mine, [&](const auto& s) { return named.empty() || s.id == named; });
    return true;
  }
  if (type == "AttendanceRecorded") {
    const std::string number = str(data, "number");
    ++p.attended[number];
    p.attendance[number] = str(data, "attendance");
    return true;
  }
  if (type == "ReservationCancelled") {
    const json::value* waived = data.as_object().if_contains("waivedPenalty");
    if (waived && *waived == json::value(true)) p.waived.insert(str(data, "number"));
    return false;
  }
  // What a suspension bars: the user's own bookings (an operator's for them
  // records an override reason), applications and joinings.
  std::string user, what;
  if (type == "ReservationBooked") {
    const json::value& r = data.at("reservation");
    const std::string origin = str(r, "origin");
    if ((origin != "first_come" && origin != "waitlist" && origin != "runner_up") ||
        r.as_object().contains("overrideReason") ||
        r.as_object().contains("overrideReasonSealed")) {
      return false;
    }
    user = str(r, "user");
    what = "booking " + str(r, "number");
  } else if (type == "LotteryApplied" || type == "WaitlistJoined") {
    user = str(data, "user");
    what = type + " " + str(data, "id") + str(data, "entryId");
  } else {
    return false;
  }
  for (const auto& s : p.in_force[user]) {
    if (s.from <= day && day <= s.until) {
      faults_.add("the log has user " + user + "'s " + what + " on " + day + ", while suspension " +
                  s.id + " (through " + s.until + ") bars them");
    }
  }
  return false;
}

void Checker::penalties(HttpClient& http, int cycle) {
  const auto& p = fold_.penalties;
  const std::string today = world_.business_day();
  const std::uint64_t at = max_seen();
  std::set<std::string> suspensions, attended;
  auto count = [](const std::map<std::string, int>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  };
  for (const UserModel& u : users_) {
    const std::string& user = u.account.number;
    const std::string who = "user " + user + ": ";
    for (const auto& [number, cause] : u.penalised) {
      suspensions.insert(key(user, cause, number));
      if (count(p.suspended, key(user, cause, number)) != 1) {
        faults_.add(who + "the acknowledged " + cause + " of " + number + " suspends them " +
                    std::to_string(count(p.suspended, key(user, cause, number))) +
                    " times in the log");
      }
    }
    for (const std::string& number : u.waived) {
      if (!p.waived.count(number) || count(p.suspended, key(user, "late_cancellation", number))) {
        faults_.add(who + "the centre's cancellation of " + number +
                    ", acknowledged waived, is in the log " +
                    (p.waived.count(number) ? "waived" : "not waived") + " with " +
                    std::to_string(count(p.suspended, key(user, "late_cancellation", number))) +
                    " suspensions");
      }
    }
    for (const auto& [number, status] : u.attendance) {
      attended.insert(number);
      auto logged = p.attendance.find(number);
      if (count(p.attended, number) != 1 || logged == p.attendance.end() ||
          logged->second != status) {
        faults_.add(who + "the attendance " + status + " of " + number + " is recorded " +
                    std::to_string(count(p.attended, number)) + " times in the log, as " +
                    (logged == p.attendance.end() ? "nothing" : logged->second));
      }
    }
    if (count(p.lifts, user) != u.lifts) {
      faults_.add(who + std::to_string(u.lifts) + " lifts acknowledged, " +
                  std::to_string(count(p.lifts, user)) + " in the log");
    }
    // The suspension barring the user today: the log's, the model's, the operators' view.
    std::string logged_until;
    if (auto it = p.in_force.find(user); it != p.in_force.end()) {
      for (const auto& s : it->second) {
        if (s.from <= today && today <= s.until) logged_until = std::max(logged_until, s.until);
      }
    }
    const std::string expected = u.suspended_on(today) ? u.suspended_until : "";
    const Answer a = call(
        http, cycle, "operator",
        {"GET", "/api/operator/users/" + user + "/suspension", {}, staff_.operator_cookie, {}, at});
    auto v = parse_json(a.body);
    const bool served_suspended = v && v->is_object() && v->as_object().contains("suspended") &&
                                  v->at("suspended") == json::value(true);
    const std::string served = served_suspended ? str(*v, "suspendedUntil") : "";
    if (logged_until != expected || a.status != 200 || served != expected) {
      faults_.add(who + "suspended through " + (expected.empty() ? "none" : expected) +
                  " as acknowledged (today " + today + "); the log folds " +
                  (logged_until.empty() ? "none" : logged_until) + ", the operators' view " +
                  std::to_string(a.status) + " " + a.body);
    }
    writes_checked_ += u.penalised.size() + u.waived.size() + u.attendance.size() + 1;
  }
  // Nothing else: no suspension or attendance never acknowledged.
  for (const auto& [k, n] : p.suspended) {
    if (!suspensions.count(k)) {
      faults_.add("the log suspends " + k + " " + std::to_string(n) +
                  " times, never acknowledged (user cause number)");
    }
  }
  for (const auto& [number, n] : p.attended) {
    if (!attended.count(number)) {
      faults_.add("the log records the attendance of " + number + " " + std::to_string(n) +
                  " times, never acknowledged");
    }
  }
}

}  // namespace hoyo::load
