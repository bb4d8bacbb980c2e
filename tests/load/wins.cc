#include "wins.h"

#include <openssl/sha.h>

#include <boost/json.hpp>
#include <cstdio>

#include "base/hex.h"

namespace hoyo::load {

namespace json = boost::json;

namespace {

// The two parties' secrets: the seed's commitments are their SHA-256, the
// draw and the reveal send them as hex (docs/lottery.md).
constexpr const char* kOperatorSecret = "load operator secret";
constexpr const char* kAuditorSecret = "load auditor secret";
// Wins are confirmed within 60 days, the longest a period allows: far past
// any run on the test clock, which the load never moves.
constexpr int kConfirmDays = 60;
constexpr const char* kFacility = "kogen";

std::string sha256_hex(const std::string& s) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
  return base::to_hex(digest, sizeof digest);
}

std::string failed(const std::string& what, const Answer& a) {
  return what + ": " + (a.status ? std::to_string(a.status) + " " + a.body : a.error);
}

// The month `n` months after the one of `date` (YYYY-MM-DD), as YYYY-MM.
std::string month_after(const std::string& date, int n) {
  const int months = std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1 + n;
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", months / 12, months % 12 + 1);
  return out;
}

}  // namespace

std::optional<std::string> set_up_wins(HttpClient& http, const Staff& staff, World& world,
                                       std::vector<UserModel>& users) {
  const Target* kogen = world.target(kFacility);
  if (!kogen || kogen->styles.empty()) return std::string("no facility ") + kFacility;
  const std::string month = month_after(world.today, 2);
  if (month == world.stay_month) return "the demo lottery's stay month is " + month;
  if (users.size() > 28) return "more users than nights in a month";

  const Answer clock = http.send({"GET", "/api/test/clock", {}, {}, {}, 0});
  auto now_json = parse_json(clock.body);
  const auto now = now_json ? parse_time(str(*now_json, "now")) : std::nullopt;
  if (clock.status != 200 || !now) return failed("test clock", clock);
  // Opens in 10 s, closes 10 s later, draws and publishes 10 s apart; the
  // clock ends 45 s on, before the demo lottery's window closes.
  if (*now + 45 >= world.lottery_closes) {
    return "the demo lottery closes at " + tokyo_time(world.lottery_closes) +
           ", too soon after the test clock's " + tokyo_time(*now) + " for a second period";
  }
  auto move_clock = [&](std::int64_t to) {
    return http.send({"PUT",
                      "/api/test/clock",
                      json::serialize(json::object{{"now", tokyo_time(to)}}),
                      {},
                      {},
                      0});
  };
  auto post = [&](const std::string& target, const json::value& body, const std::string& cookie) {
    return http.send({"POST", target, json::serialize(body), cookie, {}, 0});
  };

  auto night = [&](std::size_t i) {
    char day[4];
    std::snprintf(day, sizeof day, "%02zu", i + 1);
    return month + "-" + day;
  };
  json::array allotment;
  for (std::size_t i = 0; i < users.size(); ++i) {
    allotment.push_back(json::object{{"facilityId", kFacility},
                                     {"date", night(i)},
                                     {"style", kogen->styles.front()},
                                     {"rooms", 1}});
  }
  const Answer opened = post("/api/operator/lotteries",
                             json::object{{"stayMonth", month},
                                          {"facilityIds", json::array{kFacility}},
                                          {"opensAt", tokyo_time(*now + 10)},
                                          {"closesAt", tokyo_time(*now + 20)},
                                          {"drawAt", tokyo_time(*now + 30)},
                                          {"publishAt", tokyo_time(*now + 40)},
                                          {"seedHash", sha256_hex(kOperatorSecret)},
                                          {"confirmation", "required"},
                                          {"confirmDays", kConfirmDays},
                                          {"release", "first_come"},
                                          {"allotment", std::move(allotment)}},
                             staff.operator_cookie);
  auto period = parse_json(opened.body);
  if (opened.status / 100 != 2 || !period) return failed("opening the second lottery", opened);
  world.win_lottery = str(*period, "lotteryId");
  const std::string lottery = "/lotteries/" + world.win_lottery;
  const Answer committed =
      post("/api/audit" + lottery + "/commitment",
           json::object{{"seedHash", sha256_hex(kAuditorSecret)}}, staff.auditor_cookie);
  if (committed.status / 100 != 2) return failed("the auditor's commitment", committed);

  if (const Answer a = move_clock(*now + 15); a.status != 200) return failed("clock to +15 s", a);
  for (std::size_t i = 0; i < users.size(); ++i) {
    const Answer applied = post("/api" + lottery + "/applications",
                                json::object{{"facilityId", kFacility},
                                             {"checkIn", night(i)},
                                             {"nights", 1},
                                             {"people", json::array{2}},
                                             {"preference", 1}},
                                users[i].account.cookie);
    if (applied.status != 201) return failed("applying to the second lottery", applied);
  }

  if (const Answer a = move_clock(*now + 25); a.status != 200) return failed("clock to +25 s", a);
  const Answer revealed =
      post("/api/audit" + lottery + "/reveal",
           json::object{{"secret", base::to_hex(kAuditorSecret)}}, staff.auditor_cookie);
  if (revealed.status / 100 != 2) return failed("the auditor's reveal", revealed);
  const Answer drawn =
      post("/api/operator" + lottery + "/draw",
           json::object{{"secret", base::to_hex(kOperatorSecret)}}, staff.operator_cookie);
  auto draw = parse_json(drawn.body);
  if (drawn.status != 200 || !draw || num(*draw, "winners") != std::int64_t(users.size())) {
    return failed("the second lottery's draw (every applicant wins)", drawn);
  }
  if (const Answer a = move_clock(*now + 45); a.status != 200) return failed("clock to +45 s", a);
  const Answer published =
      post("/api/operator" + lottery + "/publication", json::object{}, staff.operator_cookie);
  if (published.status / 100 != 2) return failed("the second lottery's publication", published);

  // Each user's win, as its reservation list shows it once published.
  for (UserModel& u : users) {
    const Answer list =
        http.send({"GET", "/api/reservations", {}, u.account.cookie, {}, published.position});
    auto v = parse_json(list.body);
    if (list.status != 200 || !v || !v->is_array()) return failed("reservations of a winner", list);
    int won = 0;
    for (const json::value& x : v->as_array()) {
      auto r = ReservationState::from_api(x);
      if (!r || r->origin != "lottery") continue;
      if (r->confirmation != "required" || r->facility != kFacility || r->status != "booked") {
        return "user " + u.account.number + "'s win is " + r->to_string();
      }
      u.reservations[r->number] = *r;
      u.seen_position = std::max(u.seen_position, list.position);
      ++won;
    }
    if (won != 1) return "user " + u.account.number + " has " + std::to_string(won) + " wins";
  }
  return std::nullopt;
}

}  // namespace hoyo::load
