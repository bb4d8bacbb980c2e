#include "world.h"

#include <boost/json.hpp>

#include "lottery_setup.h"
#include "offers.h"
#include "penalties.h"
#include "waitlist.h"
#include "wins.h"

namespace hoyo::load {

namespace json = boost::json;

const Target* World::target(const std::string& facility) const {
  for (const Target& t : targets) {
    if (t.facility == facility) return &t;
  }
  return nullptr;
}

std::string World::business_day() const { return add_days(today, clock_days); }

namespace {

Request post(const std::string& target, const json::value& body, const std::string& cookie = {}) {
  return Request{"POST", target, json::serialize(body), cookie, {}, 0};
}

std::string staff_login(HttpClient& http, const std::string& login, const std::string& password,
                        std::string* error) {
  const Answer a = http.send(
      post("/api/operator/session", json::object{{"login", login}, {"password", password}}));
  if (a.status != 200 || a.cookie.empty()) *error = failed("staff login " + login, a);
  return a.cookie;
}

// The ward's limits on nights, low: 3 a month and 5 a fiscal year, so that
// users holding two first-come stays (K is 2) and their wins reach them.
// Set after the wins' period, whose draw does not check them anyway.
std::optional<std::string> set_limits(HttpClient& http, const Staff& staff, World& world) {
  constexpr int kNightsPerMonth = 3, kNightsPerFiscalYear = 5;
  const Answer a =
      http.send({"PUT",
                 "/api/operator/settings/limits",
                 json::serialize(json::object{{"nightsPerMonth", kNightsPerMonth},
                                              {"nightsPerFiscalYear", kNightsPerFiscalYear}}),
                 staff.operator_cookie,
                 {},
                 0});
  if (a.status / 100 != 2) return failed("setting the limits on nights", a);
  world.nights_per_month = kNightsPerMonth;
  world.nights_per_fiscal_year = kNightsPerFiscalYear;
  return std::nullopt;
}

}  // namespace

std::optional<std::string> log_in_again(HttpClient& http, const SetupOptions& o, Staff& staff,
                                        std::vector<UserModel>& users) {
  std::string error;
  bool op = false, auditor = false;
  for (const DemoLogin& l : o.logins) {
    if (l.who == "operator" && !op) {
      staff.operator_cookie = staff_login(http, l.login, l.password, &error);
      op = true;
    } else if (l.who == "auditor" && !auditor) {
      staff.auditor_cookie = staff_login(http, l.login, l.password, &error);
      auditor = true;
    }
    if (!error.empty()) return error;
  }
  for (UserModel& u : users) {
    u.account.cookie = log_in(http, u.account.number, u.account.password, &error);
    if (!error.empty()) return error;
  }
  return std::nullopt;
}

std::string log_in(HttpClient& http, const std::string& number, const std::string& password,
                   std::string* error) {
  const Answer a =
      http.send(post("/api/session", json::object{{"userNumber", number}, {"password", password}}));
  if (a.status != 200 || a.cookie.empty()) {
    *error = failed("login " + number, a);
    return {};
  }
  return a.cookie;
}

std::vector<DemoLogin> demo_logins(const std::string& log) {
  std::vector<DemoLogin> out;
  std::size_t at = 0;
  while ((at = log.find("\"demoLogins\"", at)) != std::string::npos) {
    const std::size_t begin = log.rfind('\n', at) + 1;  // npos + 1 == 0
    const std::size_t end = log.find('\n', at);
    at = end;
    auto line = parse_json(log.substr(begin, end == std::string::npos ? end : end - begin));
    if (!line || !line->is_object()) continue;
    const json::value* logins = line->as_object().if_contains("demoLogins");
    if (!logins || !logins->is_array()) continue;
    for (const json::value& l : logins->as_array()) {
      out.push_back({str(l, "who"), str(l, "login"), str(l, "password")});
    }
  }
  return out;
}

std::optional<std::string> set_up(HttpClient& http, const SetupOptions& o, World& world,
                                  Staff& staff, std::vector<UserModel>& users) {
  std::string error;
  world = World{};
  world.generation = o.generation;
  users.clear();
  // The logins hoyod printed: the staff's and the demo users'.
  std::vector<Account> accounts;
  for (const DemoLogin& l : o.logins) {
    if (l.who == "operator" && staff.operator_cookie.empty()) {
      staff.operator_cookie = staff_login(http, l.login, l.password, &error);
    } else if (l.who == "auditor" && staff.auditor_cookie.empty()) {
      staff.auditor_cookie = staff_login(http, l.login, l.password, &error);
    } else if (l.who == "user") {
      accounts.push_back({l.login, l.password, {}});
    }
    if (!error.empty()) return error;
  }
  if (staff.operator_cookie.empty() || staff.auditor_cookie.empty() || accounts.empty()) {
    return "hoyod printed no demo logins of an operator, an auditor and users";
  }

  // Then postcard applicants. Reads below wait for the read models to hold
  // what was written (the demo data is folded after hoyod starts listening).
  std::uint64_t written = 0;
  for (int i = 0; static_cast<int>(accounts.size()) < o.users; ++i) {
    // A birth date of its own each: the same name and kana with another date
    // is another person, not a duplicate to review.
    const std::string birth = add_days("1960-01-01", 37 * i);
    const Answer reg = http.send(post("/api/operator/users",
                                      json::object{{"nameKanji", "負荷 試験"},
                                                   {"nameKana", "フカ　シケン"},
                                                   {"birthDate", birth},
                                                   {"postalCode", "105-0011"},
                                                   {"address", "東京都港区芝公園1-5-25"},
                                                   {"phone", "03-3578-2111"},
                                                   {"category", "resident"}},
                                      staff.operator_cookie));
    auto receipt = parse_json(reg.body);
    if (reg.status != 201 || !receipt) return failed("postcard registration", reg);
    written = std::max(written, reg.position);
    Account a{str(*receipt, "userNumber"), {}, {}};
    const std::string code = str(*receipt, "activationCode");
    if (a.number.empty() || code.empty()) return failed("postcard registration's receipt", reg);
    // The activation code opens only the password change; the change ends
    // that session, and the user logs in with the password of its own.
    const std::string first = log_in(http, a.number, code, &error);
    if (!error.empty()) return error;
    a.password = "load-" + a.number + "-passphrase";
    const Answer changed = http.send(post("/api/me/password",
                                          json::object{{"currentPassword", code},
                                                       {"newPassword", a.password},
                                                       {"newPasswordConfirm", a.password}},
                                          first));
    if (changed.status != 204) return failed("password change of " + a.number, changed);
    accounts.push_back(a);
  }
  for (Account& a : accounts) {
    a.cookie = log_in(http, a.number, a.password, &error);
    if (!error.empty()) return error;
    UserModel u;
    u.account = a;
    users.push_back(std::move(u));
  }

  // The load's waitlist facility, then every facility: their rooms and
  // styles (the nights come once the clock has stopped moving, below).
  const auto registered = clock_now(http, &error);
  if (!registered) return error;
  if (auto e = open_waitlist_facility(http, staff, tokyo_time(*registered).substr(0, 10), world,
                                      written)) {
    return e;
  }
  if (auto e = open_penalty_facility(http, staff, tokyo_time(*registered).substr(0, 10), world,
                                     written)) {
    return e;
  }
  const Answer facilities = http.send({"GET", "/api/facilities", {}, {}, {}, written});
  auto fl = parse_json(facilities.body);
  if (facilities.status != 200 || !fl || !fl->is_array()) return failed("facilities", facilities);
  // id -> (days ahead, nights): 10 rooms over two nights at kogen, 15 for one
  // night at seaside, 20 (two styles) over two nights at ohiradai, the
  // waitlist facility's few rooms over two nights (waitlist.h), the penalty
  // facility's from the next day (penalties.h).
  const std::map<std::string, std::pair<int, int>> plan = {{"kogen", {7, 2}},
                                                           {"seaside", {9, 1}},
                                                           {"ohiradai", {10, 2}},
                                                           {kWaitlistFacility, {12, 2}},
                                                           {kPenaltyFacility, {1, 2}}};
  const std::map<std::string, int> weights = {
      {"kogen", 4}, {"seaside", 3}, {"ohiradai", 3}, {kWaitlistFacility, 2}, {kPenaltyFacility, 2}};
  for (const json::value& f : fl->as_array()) {
    const std::string id = str(f, "id");
    int rooms = 0;
    Target t;
    t.facility = id;
    for (const json::value& rt : f.at("roomTypes").as_array()) {
      rooms += static_cast<int>(num(rt, "rooms"));
      t.styles.push_back(str(rt, "style"));
      t.style_rooms[str(rt, "style")] = static_cast<int>(num(rt, "rooms"));
    }
    world.rooms[id] = rooms;
    if (!plan.count(id)) continue;
    t.rooms = rooms;
    t.style_wish = f.at("styleWish").as_bool();
    t.weight = weights.at(id);
    t.centre_cancels = id == kPenaltyFacility;
    world.targets.push_back(std::move(t));
  }
  if (world.targets.size() != plan.size()) return "the demo facilities are not what they were";

  // The periods' stay months count from the first day's: two months on for
  // the wins and the offers (at two facilities), four for the load's lottery
  // (the demo lottery's, three months on, is left alone).
  const auto start = clock_now(http, &error);
  if (!start) return error;
  const std::string first_day = tokyo_time(*start).substr(0, 10);
  if (auto e = open_load_lottery(http, staff, users.front().account.cookie,
                                 month_after(first_day, 4), *start, world))
    return e;
  for (std::size_t i = 0; i < users.size(); ++i) {
    users[i].lottery_facility = world.lottery_facilities[i % world.lottery_facilities.size()];
  }
  std::uint64_t lapsed_at = 0;
  if (auto e = lapse_offers(http, staff, month_after(first_day, 2), world, users, lapsed_at)) {
    return e;
  }
  if (auto e = log_in_again(http, o, staff, users)) return e;
  if (auto e = take_offers(http, lapsed_at, world, users)) return e;

  // Scarce nights, a week and more ahead of the day the clock stopped at
  // (inside the first-come window and the change and cancellation windows).
  const auto now = clock_now(http, &error);
  if (!now) return error;
  world.today = tokyo_time(*now).substr(0, 10);
  for (Target& t : world.targets) {
    const auto& [ahead, nights] = plan.at(t.facility);
    for (int n = 0; n < nights; ++n) t.nights.push_back(add_days(world.today, ahead + n));
    // Whether its rate table offers reduced rates (none: 404 or no `senior`).
    const Answer rates =
        http.send({"GET",
                   "/api/facilities/" + t.facility + "/rates?date=" + t.nights.front(),
                   {},
                   {},
                   {},
                   0});
    auto answer = parse_json(rates.body);
    const json::value* table =
        answer && answer->is_object() ? answer->as_object().if_contains("rates") : nullptr;
    t.reductions = rates.status == 200 && table && table->is_object() &&
                   table->as_object().contains("senior") &&
                   table->as_object().contains("disability");
  }
  if (auto e = set_up_wins(http, staff, month_after(first_day, 2), world, users)) return e;
  return set_limits(http, staff, world);
}

}  // namespace hoyo::load
