#include "lottery_setup.h"

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

std::string sha256_hex(const std::string& s) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(s.data()), s.size(), digest);
  return base::to_hex(digest, sizeof digest);
}

Answer post(HttpClient& http, const std::string& target, const json::value& body,
            const std::string& cookie) {
  return http.send({"POST", target, json::serialize(body), cookie, {}, 0});
}

// The auditor's commitment to a period opened by the operator: applications
// open only once it is recorded (docs/lottery.md).
std::optional<std::string> commit(HttpClient& http, const Staff& staff,
                                  const std::string& lottery) {
  const Answer committed =
      post(http, "/api/audit/lotteries/" + lottery + "/commitment",
           json::object{{"seedHash", sha256_hex(kAuditorSecret)}}, staff.auditor_cookie);
  if (committed.status / 100 != 2) return failed("the auditor's commitment", committed);
  return std::nullopt;
}

}  // namespace

std::string failed(const std::string& what, const Answer& a) {
  return what + ": " + (a.status ? std::to_string(a.status) + " " + a.body : a.error);
}

std::string month_after(const std::string& date, int n) {
  const int months = std::stoi(date.substr(0, 4)) * 12 + std::stoi(date.substr(5, 2)) - 1 + n;
  char out[16];
  std::snprintf(out, sizeof out, "%04d-%02d", months / 12, months % 12 + 1);
  return out;
}

std::string day_of(const std::string& month, int day) {
  return month + (day < 10 ? "-0" : "-") + std::to_string(day);
}

std::optional<std::int64_t> clock_now(HttpClient& http, std::string* error) {
  const Answer clock = http.send({"GET", "/api/test/clock", {}, {}, {}, 0});
  auto v = parse_json(clock.body);
  const auto now = v ? parse_time(str(*v, "now")) : std::nullopt;
  if (clock.status != 200 || !now) *error = failed("test clock", clock);
  return now;
}

Answer move_clock(HttpClient& http, std::int64_t to) {
  return http.send({"PUT",
                    "/api/test/clock",
                    json::serialize(json::object{{"now", tokyo_time(to)}}),
                    {},
                    {},
                    0});
}

std::optional<std::string> open_load_lottery(HttpClient& http, const Staff& staff,
                                             const std::string& user_cookie,
                                             const std::string& month, std::int64_t now,
                                             World& world) {
  json::array facilities;
  for (const auto& [id, rooms] : world.rooms) facilities.push_back(json::value(id));
  // The window closes at the start of the month before the stay month: long
  // after any jump of the set-up's clock (offers.h).
  const auto closes = parse_time(month_after(month + "-01", -1) + "-01T00:00:00+09:00");
  if (!closes || *closes <= now + 10) return "the load's stay month " + month + " is too near";
  const Answer opened = post(http, "/api/operator/lotteries",
                             json::object{{"stayMonth", month},
                                          {"facilityIds", std::move(facilities)},
                                          {"opensAt", tokyo_time(now + 10)},
                                          {"closesAt", tokyo_time(*closes)},
                                          {"drawAt", tokyo_time(*closes + 3600)},
                                          {"publishAt", tokyo_time(*closes + 7200)},
                                          {"seedHash", sha256_hex(kOperatorSecret)}},
                             staff.operator_cookie);
  auto period = parse_json(opened.body);
  if (opened.status / 100 != 2 || !period) return failed("opening the load's lottery", opened);
  world.lottery = str(*period, "lotteryId");
  world.lottery_closes = *closes;
  if (auto e = commit(http, staff, world.lottery)) return e;
  // As the users' list of periods shows it.
  const Answer listed = http.send({"GET", "/api/lotteries", {}, user_cookie, {}, opened.position});
  auto list = parse_json(listed.body);
  if (listed.status != 200 || !list || !list->is_array()) return failed("lotteries", listed);
  for (const json::value& l : list->as_array()) {
    if (str(l, "lotteryId") != world.lottery) continue;
    world.stay_month = str(l, "stayMonth");
    world.preference_slots = static_cast<int>(num(l, "preferenceSlots"));
    world.lottery_facilities.clear();
    for (const json::value& f : l.at("facilityIds").as_array()) {
      world.lottery_facilities.push_back(std::string(f.as_string()));
    }
  }
  if (world.lottery.empty() || world.preference_slots < 1 || world.lottery_facilities.empty()) {
    return failed("the load's lottery as listed", listed);
  }
  return std::nullopt;
}

std::optional<std::string> run_period(HttpClient& http, const Staff& staff, const PeriodPlan& plan,
                                      std::int64_t now, PublishedPeriod& out) {
  json::array allotment;
  for (const auto& [night, rooms] : plan.allotment) {
    allotment.push_back(json::object{
        {"facilityId", plan.facility}, {"date", night}, {"style", plan.style}, {"rooms", rooms}});
  }
  json::object body{{"stayMonth", plan.month},
                    {"facilityIds", json::array{json::value(plan.facility)}},
                    {"opensAt", tokyo_time(now + 10)},
                    {"closesAt", tokyo_time(now + 20)},
                    {"drawAt", tokyo_time(now + 30)},
                    {"publishAt", tokyo_time(now + 40)},
                    {"seedHash", sha256_hex(kOperatorSecret)},
                    {"confirmation", "required"},
                    {"confirmDays", plan.confirm_days},
                    {"release", plan.release},
                    {"offerDays", plan.offer_days},
                    {"allotment", std::move(allotment)}};
  if (plan.release_at_publication) body["releaseAt"] = tokyo_time(now + 41);
  const Answer opened = post(http, "/api/operator/lotteries", body, staff.operator_cookie);
  auto period = parse_json(opened.body);
  if (opened.status / 100 != 2 || !period) return failed("opening " + plan.what, opened);
  out.lottery = str(*period, "lotteryId");
  const std::string lottery = "/lotteries/" + out.lottery;
  if (auto e = commit(http, staff, out.lottery)) return e;

  if (const Answer a = move_clock(http, now + 15); a.status != 200) {
    return failed("clock to +15 s", a);
  }
  for (std::size_t i = 0; i < plan.applicants.size(); ++i) {
    const auto& [cookie, night] = plan.applicants[i];
    json::object application{{"facilityId", plan.facility},
                             {"checkIn", night},
                             {"nights", 1},
                             {"people", json::array{2}},
                             {"preference", 1}};
    if (plan.guests) {
      application["guests"] =
          json::array{json::object{{"adults", 1}, {"children", 1}, {"infants", i % 2}}};
    }
    if (plan.senior && i % 3 == 0) application["reduction"] = "senior";
    const Answer applied = post(http, "/api" + lottery + "/applications", application, cookie);
    if (applied.status != 201) return failed("applying to " + plan.what, applied);
  }

  if (const Answer a = move_clock(http, now + 25); a.status != 200) {
    return failed("clock to +25 s", a);
  }
  const Answer revealed =
      post(http, "/api/audit" + lottery + "/reveal",
           json::object{{"secret", base::to_hex(kAuditorSecret)}}, staff.auditor_cookie);
  if (revealed.status / 100 != 2) return failed("the auditor's reveal", revealed);
  const Answer drawn =
      post(http, "/api/operator" + lottery + "/draw",
           json::object{{"secret", base::to_hex(kOperatorSecret)}}, staff.operator_cookie);
  auto draw = parse_json(drawn.body);
  if (drawn.status != 200 || !draw || num(*draw, "winners") != plan.winners) {
    return failed(plan.what + "'s draw (" + std::to_string(plan.winners) + " winners)", drawn);
  }
  if (const Answer a = move_clock(http, now + 45); a.status != 200) {
    return failed("clock to +45 s", a);
  }
  const Answer published =
      post(http, "/api/operator" + lottery + "/publication", json::object{}, staff.operator_cookie);
  if (published.status / 100 != 2) return failed(plan.what + "'s publication", published);
  out.position = published.position;
  out.clock = now + 45;
  return std::nullopt;
}

}  // namespace hoyo::load
