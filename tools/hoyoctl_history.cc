#include "tools/hoyoctl_history.h"

#include <algorithm>
#include <iostream>

#include "http/codec/event_json.h"
#include "http/codec/replay_json.h"
#include "projections/audit_index.h"
#include "projections/replay_at.h"
#include "tools/event_summary.h"
#include "tools/hoyoctl_data_dir.h"
#include "tools/hoyoctl_errors.h"
#include "tools/staff_client.h"

namespace hoyo::tools {
namespace {

namespace json = boost::json;

// The subjects of the console's history (GET /api/audit/history/{kind}/{id}).
constexpr const char* kKinds[] = {"user",    "reservation",  "facility",
                                  "lottery", "registration", "operator"};

// The audit lines about `kind`:`id`; nullopt after printing why.
std::optional<std::vector<json::object>> history_from_dir(const Global& g, const std::string& kind,
                                                          const std::string& id) {
  auto dir = open_data_dir(g.data_dir, true);
  if (!dir) return std::nullopt;
  auto set = open_projections(*dir->store, {projections::AuditIndex::kName});
  if (!set) return std::nullopt;
  std::vector<std::uint64_t> positions;
  set->read_as<projections::AuditIndex>(
      projections::AuditIndex::kName, 0, std::chrono::milliseconds(0),
      [&](const projections::AuditIndex& index) { positions = index.positions(kind + ":" + id); });
  auto lines = http::history_lines(*dir->store, positions, &dir->accounts->vault());
  if (!lines.ok()) {
    std::cerr << error_line(lines.status()) << "\n";
    return std::nullopt;
  }
  return std::move(lines).value();
}

std::optional<std::vector<json::object>> history_from_server(const Global& g,
                                                             const std::string& kind,
                                                             const std::string& id) {
  auto client = StaffClient::login(g);
  if (!client) return std::nullopt;
  // The route answers a page at a time: read on from the last position + 1
  // until a page is not full.
  constexpr std::size_t kPage = 10000;
  std::vector<json::object> all;
  for (std::uint64_t from = 1;;) {
    auto answer = client->get("/api/audit/history/" + kind + "/" + url_escape(id) +
                              "?limit=" + std::to_string(kPage) + "&from=" + std::to_string(from));
    if (!answer) return std::nullopt;
    auto page = ndjson_objects(answer->body);
    if (!page) return std::nullopt;
    const std::size_t got = page->size();
    for (auto& line : *page) all.push_back(std::move(line));
    if (got < kPage) return all;
    from = all.back().at("position").to_number<std::uint64_t>() + 1;
  }
}

// An id some subject could have: 1 to 64 printable ASCII characters other
// than a space or a slash (user and reservation numbers, facility and
// lottery ids, registration ids and logins all are).
bool well_formed_id(const std::string& id) {
  return !id.empty() && id.size() <= 64 &&
         std::all_of(id.begin(), id.end(), [](char c) { return c > ' ' && c < 0x7f && c != '/'; });
}

std::string member(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v ? scalar_text(*v) : std::string("-");
}

}  // namespace

int history_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("history options");
  po::positional_options_description positional;
  positional.add("kind", 1).add("id", 1);
  std::string kind, id;
  options.add_options()("kind", po::value(&kind)->required(),
                        "user, reservation, facility, lottery, registration or operator")(
      "id", po::value(&id)->required(), "the user number, reservation number, id or login");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  if (std::find_if(std::begin(kKinds), std::end(kKinds),
                   [&](const char* k) { return kind == k; }) == std::end(kKinds)) {
    return usage_error(self, "no history of " + kind);
  }
  if (!well_formed_id(id)) {
    return usage_error(self, "no " + kind +
                                 " has that id (1 to 64 printable ASCII characters, no space or "
                                 "slash)");
  }
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  auto lines = g.server.empty() ? history_from_dir(g, kind, id) : history_from_server(g, kind, id);
  if (!lines) return kExitFault;
  if (*format == "json") {
    json::array a;
    for (auto& l : *lines) a.push_back(std::move(l));
    std::cout << json_text(a);
    return kExitOk;
  }
  Table t;
  t.add({"POSITION", "TIME", "ACTOR", "EVENT"});
  for (const auto& l : *lines) {
    t.add({member(l, "position"), member(l, "at"), member(l, "actor"), event_summary(l)});
  }
  std::cout << t.str();
  return kExitOk;
}

namespace {

// What `replay` shows, from its positional words.
struct ReplayWhat {
  http::ReplayQuery query;
  std::string month;  // vacancy: YYYY-MM
};

std::optional<json::object> replay_from_dir(const Global& g, const std::string& at,
                                            const ReplayWhat& what) {
  auto dir = open_data_dir(g.data_dir, false);
  if (!dir) return std::nullopt;
  std::uint64_t position = 0;
  if (at.find_first_not_of("0123456789") == std::string::npos) {
    position = std::stoull(at);
  } else {
    auto found = projections::position_at(*dir->store, *domain::parse_rfc3339(at));
    if (!found.ok()) {
      std::cerr << error_line(found.status()) << "\n";
      return std::nullopt;
    }
    position = *found;
  }
  projections::StayView view;
  domain::Instant recorded = 0;
  if (auto s = projections::replay_stays(*dir->store, position, view, recorded); !s.ok()) {
    std::cerr << error_line(s) << "\n";
    return std::nullopt;
  }
  auto body = http::replay_json(view, position, recorded, what.query);
  if (!body.ok()) {
    std::cerr << error_line(body.status()) << "\n";
    return std::nullopt;
  }
  return std::move(body).value();
}

std::optional<json::object> replay_from_server(const Global& g, const std::string& at,
                                               const ReplayWhat& what) {
  const bool position = at.find_first_not_of("0123456789") == std::string::npos;
  std::string target =
      "/api/audit/replay?" + std::string(position ? "position=" : "at=") + url_escape(at);
  const http::ReplayQuery& q = what.query;
  if (q.facility) target += "&facilityId=" + url_escape(*q.facility);
  if (q.from) target += "&from=" + url_escape(*q.from);
  if (q.reservation) target += "&reservationNumber=" + url_escape(*q.reservation);
  if (q.user) target += "&userNumber=" + url_escape(*q.user);
  auto client = StaffClient::login(g);
  if (!client) return std::nullopt;
  return client->get_json(target);
}

void print_replay_table(const json::object& body) {
  std::cout << "as of position " << member(body, "position") << " (" << member(body, "at") << ")\n";
  if (auto* v = body.if_contains("vacancy")) {
    const json::object& vacancy = v->as_object();
    std::cout << "\nvacancy of " << member(vacancy, "facilityId") << "\n";
    Table t;
    t.add({"DATE", "FREE", "ROOMS", "MARK"});
    for (const auto& d : vacancy.at("days").as_array()) {
      const json::object& day = d.as_object();
      t.add({member(day, "date"), member(day, "freeRooms"), member(day, "totalRooms"),
             member(day, "symbol")});
    }
    std::cout << t.str();
  }
  auto reservations = [](const json::array& list) {
    Table t;
    t.add({"RESERVATION", "FACILITY", "CHECK-IN", "NIGHTS", "ROOM", "STATUS", "ORIGIN"});
    for (const auto& e : list) {
      const json::object& r = e.as_object();
      t.add({member(r, "reservationNumber"), member(r, "facilityId"), member(r, "checkIn"),
             member(r, "nights"), member(r, "roomStyle"), member(r, "status"),
             member(r, "origin")});
    }
    return t.str();
  };
  if (auto* r = body.if_contains("reservation")) {
    std::cout << "\n";
    if (r->is_null()) {
      std::cout << "no such reservation at that position\n";
    } else {
      std::cout << reservations(json::array{*r});
    }
  }
  if (auto* u = body.if_contains("user")) {
    const json::object& user = u->as_object();
    std::cout << "\nreservations of user " << member(user, "userNumber") << "\n"
              << reservations(user.at("reservations").as_array());
    Table t;
    t.add({"APPLICATION", "LOTTERY", "FACILITY", "CHECK-IN", "NIGHTS", "PREFERENCE", "STATUS"});
    for (const auto& e : user.at("applications").as_array()) {
      const json::object& a = e.as_object();
      t.add({member(a, "applicationId"), member(a, "lotteryId"), member(a, "facilityId"),
             member(a, "checkIn"), member(a, "nights"), member(a, "preference"),
             member(a, "status")});
    }
    std::cout << "\nlottery applications of user " << member(user, "userNumber") << "\n" << t.str();
  }
}

}  // namespace

int replay_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("replay options");
  po::positional_options_description positional;
  positional.add("what", -1);
  std::string at;
  std::vector<std::string> words;
  options.add_options()("at", po::value(&at)->required(),
                        "a log position, or a time as RFC 3339 (2027-03-01T10:00:00+09:00): "
                        "the last position recorded by then")(
      "what", po::value(&words)->multitoken(),
      "user N | reservation N | vacancy FACILITY MONTH (YYYY-MM)");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  const bool is_position = !at.empty() && at.find_first_not_of("0123456789") == std::string::npos;
  if (!is_position && !domain::parse_rfc3339(at)) {
    return usage_error(self, "--at takes a position or an RFC 3339 time");
  }
  if (is_position && (at.size() > 19 || std::stoull(at) == 0)) {
    return usage_error(self, "--at takes a position from 1");
  }
  ReplayWhat what;
  if (words.size() == 2 && words[0] == "user") {
    what.query.user = words[1];
  } else if (words.size() == 2 && words[0] == "reservation") {
    what.query.reservation = words[1];
  } else if (words.size() == 3 && words[0] == "vacancy" && words[2].size() == 7 &&
             domain::Date::parse(words[2] + "-01")) {
    what.query.facility = words[1];
    what.query.from = words[2] + "-01";
    what.month = words[2];
  } else {
    return usage_error(self,
                       "say what to replay: user N, reservation N or vacancy FACILITY YYYY-MM");
  }
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  auto body = g.server.empty() ? replay_from_dir(g, at, what) : replay_from_server(g, at, what);
  if (!body) return kExitFault;
  if (!what.month.empty()) {  // the console shows 31 days: keep the month's
    json::array& days = body->at("vacancy").as_object().at("days").as_array();
    json::array month;
    for (auto& d : days) {
      if (d.as_object().at("date").as_string().starts_with(what.month)) month.push_back(d);
    }
    days = std::move(month);
  }
  if (*format == "json") {
    std::cout << json_text(*body);
  } else {
    print_replay_table(*body);
  }
  return kExitOk;
}

}  // namespace hoyo::tools
