#include "world.h"

#include <boost/json.hpp>

#include "wins.h"

namespace hoyo::load {

namespace json = boost::json;

const Target* World::target(const std::string& facility) const {
  for (const Target& t : targets) {
    if (t.facility == facility) return &t;
  }
  return nullptr;
}

namespace {

Request post(const std::string& target, const json::value& body, const std::string& cookie = {}) {
  return Request{"POST", target, json::serialize(body), cookie, {}, 0};
}

std::string failed(const std::string& what, const Answer& a) {
  return what + ": " + (a.status ? std::to_string(a.status) + " " + a.body : a.error);
}

std::string staff_login(HttpClient& http, const std::string& login, const std::string& password,
                        std::string* error) {
  const Answer a = http.send(
      post("/api/operator/session", json::object{{"login", login}, {"password", password}}));
  if (a.status != 200 || a.cookie.empty()) *error = failed("staff login " + login, a);
  return a.cookie;
}

}  // namespace

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

  // The clock, and the demo lottery's window.
  const Answer clock = http.send({"GET", "/api/test/clock", {}, {}, {}, 0});
  auto now_json = parse_json(clock.body);
  if (clock.status != 200 || !now_json) return failed("test clock", clock);
  const std::string now = str(*now_json, "now");
  world.today = now.substr(0, 10);
  const Answer lotteries =
      http.send({"GET", "/api/lotteries", {}, users[0].account.cookie, {}, written});
  auto list = parse_json(lotteries.body);
  if (lotteries.status != 200 || !list || !list->is_array() || list->as_array().empty()) {
    return failed("lotteries", lotteries);
  }
  const json::value& lottery = list->as_array().front();
  world.lottery = str(lottery, "lotteryId");
  world.stay_month = str(lottery, "stayMonth");
  world.preference_slots = static_cast<int>(num(lottery, "preferenceSlots"));
  for (const json::value& f : lottery.at("facilityIds").as_array()) {
    world.lottery_facilities.push_back(std::string(f.as_string()));
  }
  const auto opens = parse_time(str(lottery, "opensAt"));
  const auto closes = parse_time(str(lottery, "closesAt"));
  const auto at = parse_time(now);
  if (!opens || !closes || !at) {
    return "cannot read the lottery's opensAt, closesAt or the clock: " + lotteries.body;
  }
  world.lottery_closes = *closes;
  const Answer moved =
      http.send({"PUT",
                 "/api/test/clock",
                 json::serialize(json::object{{"now", tokyo_time(std::max(*opens, *at) + 60)}}),
                 {},
                 {},
                 0});
  if (moved.status != 200) return failed("moving the test clock", moved);
  if (tokyo_time(std::max(*opens, *at) + 60).substr(0, 10) != world.today) {
    world.today = tokyo_time(std::max(*opens, *at) + 60).substr(0, 10);
  }

  // Scarce nights, a week and more ahead (inside the first-come window and
  // the change and cancellation windows): 10 rooms over two nights at kogen,
  // 15 for one night at seaside, 20 (two styles) over two nights at ohiradai.
  const Answer facilities = http.send({"GET", "/api/facilities", {}, {}, {}, 0});
  auto fl = parse_json(facilities.body);
  if (facilities.status != 200 || !fl || !fl->is_array()) return failed("facilities", facilities);
  const std::map<std::string, std::pair<int, int>> plan = {
      {"kogen", {7, 2}}, {"seaside", {9, 1}}, {"ohiradai", {10, 2}}};  // id -> (days ahead, nights)
  const std::map<std::string, int> weights = {{"kogen", 4}, {"seaside", 3}, {"ohiradai", 3}};
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
    auto p = plan.find(id);
    if (p == plan.end()) continue;
    t.rooms = rooms;
    t.style_wish = f.at("styleWish").as_bool();
    t.weight = weights.at(id);
    for (int n = 0; n < p->second.second; ++n) {
      t.nights.push_back(add_days(world.today, p->second.first + n));
    }
    world.targets.push_back(std::move(t));
  }
  if (world.targets.size() != plan.size()) return "the demo facilities are not what they were";
  for (std::size_t i = 0; i < users.size(); ++i) {
    users[i].lottery_facility = world.lottery_facilities[i % world.lottery_facilities.size()];
  }
  return set_up_wins(http, staff, world, users);
}

}  // namespace hoyo::load
