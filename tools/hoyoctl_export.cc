#include "tools/hoyoctl_export.h"

#include <fstream>
#include <iostream>

#include "base/csv.h"
#include "http/codec/event_json.h"
#include "http/codec/operator_csv.h"
#include "projections/operator_index.h"
#include "projections/reservation_search.h"
#include "tools/hoyoctl_data_dir.h"
#include "tools/hoyoctl_errors.h"
#include "tools/progress.h"
#include "tools/staff_client.h"

namespace hoyo::tools {
namespace {

namespace json = boost::json;
using projections::StayView;

constexpr std::uint64_t kPage = 10000;  // GET /api/audit/events' largest page
constexpr int kMaxSpanDays = 366;       // the console's search span

struct ExportArgs {
  std::string what;  // reservations, applications, events
  std::string facility, user, lottery, from, to;
  bool csv = true;
};

// Where rows go: the output, the CSV header once.
class Sink {
 public:
  Sink(std::ostream& out, bool csv, bool bom) : out_(out), csv_(csv) {
    if (csv && bom) out_ << http::kUtf8Bom;
  }
  void header(const std::string& h) {
    if (csv_ && !header_done_) out_ << h;
    header_done_ = true;
  }
  void row(const std::string& r) { out_ << r; }
  void json_line(const json::value& v) { out_ << json::serialize(v) << "\n"; }
  // A CSV answer of the server: its BOM and header line dropped, the rows kept.
  void server_csv(std::string body) {
    if (body.starts_with(http::kUtf8Bom)) body.erase(0, 3);
    const std::size_t end = body.find("\r\n");
    header(body.substr(0, end == std::string::npos ? body.size() : end + 2));
    if (end != std::string::npos) out_ << body.substr(end + 2);
  }

 private:
  std::ostream& out_;
  bool csv_;
  bool header_done_ = false;
};

// --- from a stopped data directory ----------------------------------------------

int reservations_from_dir(const Global& g, const ExportArgs& a, Sink& sink) {
  auto dir = open_data_dir(g.data_dir, true);
  if (!dir) return kExitFault;
  auto set = open_projections(*dir->store, {StayView::kName, projections::OperatorIndex::kName});
  if (!set) return kExitFault;
  const domain::Instant now = dir->clock.now();
  projections::ReservationFilter f;
  f.facility = a.facility;
  f.user = a.user;
  f.from = *domain::Date::parse(a.from.empty() ? domain::tokyo_date(now).to_string() : a.from);
  f.to = a.to.empty() ? f.from.plus_days(30) : *domain::Date::parse(a.to);
  std::vector<std::string> facilities;
  if (f.facility.empty() && f.user.empty()) {
    set->read_as<StayView>(StayView::kName, 0, std::chrono::milliseconds(0),
                           [&](const StayView& v) {
                             for (const auto* fac : v.facilities()) facilities.push_back(fac->id);
                           });
  } else {
    facilities.push_back(f.facility);
  }
  sink.header(http::reservations_csv_header());
  for (const std::string& facility : facilities) {
    f.facility = facility;
    std::vector<std::string> dated;
    if (f.by_dates()) {
      set->read_as<projections::OperatorIndex>(
          projections::OperatorIndex::kName, 0, std::chrono::milliseconds(0),
          [&](const projections::OperatorIndex& index) {
            dated = index.reservations_between(f.facility, f.from, f.to);
          });
    }
    std::vector<projections::MenuReservation> found;
    set->read_as<StayView>(
        StayView::kName, 0, std::chrono::milliseconds(0),
        [&](const StayView& v) { found = projections::find_reservations(v, f, dated, now); });
    for (const auto& m : found) {
      if (!a.csv) {
        sink.json_line(http::operator_reservation_json(m, &dir->accounts->vault()));
        continue;
      }
      auto p = dir->accounts->profile(m.reservation.user);
      sink.row(http::reservation_csv_row(m.reservation, p.ok() ? p->name : std::string()));
    }
  }
  return kExitOk;
}

int applications_from_dir(const Global& g, const ExportArgs& a, Sink& sink) {
  auto dir = open_data_dir(g.data_dir, false);
  if (!dir) return kExitFault;
  auto set = open_projections(*dir->store, {StayView::kName});
  if (!set) return kExitFault;
  bool found = true;
  sink.header(http::applications_csv_header());
  set->read_as<StayView>(StayView::kName, 0, std::chrono::milliseconds(0), [&](const StayView& v) {
    std::vector<std::string> lotteries;
    if (a.lottery.empty()) {
      for (const auto* p : v.lotteries()) lotteries.push_back(p->id);
    } else {
      found = v.lottery(a.lottery) != nullptr;
      lotteries.push_back(a.lottery);
    }
    for (const std::string& id : lotteries) {
      for (const auto& u : v.applications_in(id)) {
        if (a.csv) {
          sink.row(http::application_csv_row(u));
        } else {
          sink.json_line(http::operator_application_json(u));
        }
      }
    }
  });
  if (!found) {
    std::cerr << error_line(
                     base::Error{base::ErrorCode::kNotFound, base::MessageId::kNoSuchLottery})
              << "\n";
    return kExitFault;
  }
  return kExitOk;
}

// The log's columns in CSV; `data` as its JSON text.
const char kEventsHeader[] = "position,streamId,version,type,at,actor,hash,data\r\n";

void event_row(const json::object& line, Sink& sink, bool csv) {
  if (!csv) return sink.json_line(line);
  base::CsvRow row;
  row.number(line.at("position").to_number<std::int64_t>());
  row.text(line.at("streamId").as_string());
  row.number(line.at("version").to_number<std::int64_t>());
  row.text(line.at("type").as_string()).text(line.at("at").as_string());
  row.text(line.at("actor").as_string()).text(line.at("hash").as_string());
  row.text(json::serialize(line.at("data")));
  sink.row(row.take());
}

std::uint64_t position_arg(const std::string& s, std::uint64_t fallback) {
  return s.empty() ? fallback : std::stoull(s);
}

int events_from_dir(const Global& g, const ExportArgs& a, Sink& sink) {
  auto dir = open_data_dir(g.data_dir, true);
  if (!dir) return kExitFault;
  const std::uint64_t from = position_arg(a.from, 1);
  const std::uint64_t to = std::min(position_arg(a.to, UINT64_MAX), dir->store->head());
  sink.header(kEventsHeader);
  if (to < from) return kExitOk;
  Progress progress("export", Progress::Unit::kEvents);
  std::uint64_t done = 0;
  const accounts::PersonalDataVault* vault = &dir->accounts->vault();
  auto read = dir->store->read_all(from, to - from + 1, [&](const eventstore::EventView& v) {
    event_row(http::audit_line(v, vault), sink, a.csv);
    if (++done % 4096 == 0) progress.update(done, to - from + 1);
    return true;
  });
  progress.update(done, to - from + 1);
  progress.finish();
  if (!read.ok()) {
    std::cerr << error_line(read.status()) << "\n";
    return kExitFault;
  }
  return kExitOk;
}

// --- from a running hoyod ----------------------------------------------------------

std::optional<json::array> json_array_answer(StaffClient& client, const std::string& target) {
  auto answer = client.get(target);
  if (!answer) return std::nullopt;
  boost::system::error_code ec;
  json::value v = json::parse(answer->body, ec);
  if (ec || !v.is_array()) {
    std::cerr << "hoyoctl: the server's answer to " << target << " is not a JSON array\n";
    return std::nullopt;
  }
  return std::move(v.as_array());
}

int from_server(const Global& g, const ExportArgs& a, Sink& sink) {
  auto client = StaffClient::login(g);
  if (!client) return kExitFault;
  if (a.what == "events") {
    const std::uint64_t first = position_arg(a.from, 1);
    const std::uint64_t to = position_arg(a.to, UINT64_MAX);
    std::uint64_t from = first;
    sink.header(kEventsHeader);
    Progress progress("export", Progress::Unit::kEvents);
    std::uint64_t done = 0, head = 0;
    while (from <= to) {
      const std::uint64_t limit = std::min<std::uint64_t>(kPage, to - from + 1);
      auto answer = client->get("/api/audit/events?from=" + std::to_string(from) +
                                "&limit=" + std::to_string(limit));
      if (!answer) return kExitFault;
      if (head == 0) head = std::stoull(answer->position.empty() ? "0" : answer->position);
      auto lines = ndjson_objects(answer->body);
      if (!lines) return kExitFault;
      for (const json::object& line : *lines) event_row(line, sink, a.csv);
      done += lines->size();
      const std::uint64_t last = std::min(to, head);
      progress.update(done, last >= first ? last - first + 1 : 0);
      if (lines->size() < limit) break;  // the head
      from += lines->size();
    }
    progress.finish();
    return kExitOk;
  }
  if (a.what == "applications") {
    std::vector<std::string> lotteries{a.lottery};
    if (a.lottery.empty()) {
      auto list = json_array_answer(*client, "/api/operator/lotteries");
      if (!list) return kExitFault;
      lotteries.clear();
      for (const auto& l : *list) lotteries.emplace_back(l.as_object().at("lotteryId").as_string());
      std::sort(lotteries.begin(), lotteries.end());
    }
    sink.header(http::applications_csv_header());
    for (const std::string& id : lotteries) {
      const std::string target = "/api/operator/lotteries/" + url_escape(id) + "/applications";
      if (a.csv) {
        auto answer = client->get(target + ".csv");
        if (!answer) return kExitFault;
        sink.server_csv(std::move(answer->body));
      } else {
        auto list = json_array_answer(*client, target);
        if (!list) return kExitFault;
        for (const auto& e : *list) sink.json_line(e);
      }
    }
    return kExitOk;
  }
  // reservations: the console's search, per facility unless one is named.
  std::vector<std::string> facilities{a.facility};
  if (a.facility.empty() && a.user.empty()) {
    auto list = json_array_answer(*client, "/api/operator/facilities");
    if (!list) return kExitFault;
    facilities.clear();
    for (const auto& f : *list) facilities.emplace_back(f.as_object().at("id").as_string());
  }
  sink.header(http::reservations_csv_header());
  for (const std::string& facility : facilities) {
    std::string query;
    if (!facility.empty()) query += "&facilityId=" + url_escape(facility);
    if (!a.user.empty()) query += "&userNumber=" + url_escape(a.user);
    if (!a.from.empty()) query += "&from=" + a.from;
    if (!a.to.empty()) query += "&to=" + a.to;
    query[0] = '?';
    if (a.csv) {
      auto answer = client->get("/api/operator/reservations.csv" + query);
      if (!answer) return kExitFault;
      sink.server_csv(std::move(answer->body));
    } else {
      auto list = json_array_answer(*client, "/api/operator/reservations" + query);
      if (!list) return kExitFault;
      for (const auto& e : *list) sink.json_line(e);
    }
  }
  return kExitOk;
}

}  // namespace

int export_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("export options");
  po::positional_options_description positional;
  positional.add("what", 1);
  ExportArgs a;
  std::string output;
  options.add_options()("what", po::value(&a.what)->required(),
                        "reservations, applications or events")(
      "from", po::value(&a.from),
      "reservations: the first night (YYYY-MM-DD, today by default); events: the first "
      "position (1 by default)")(
      "to", po::value(&a.to),
      "reservations: the last night (30 days after --from by default, at most 366); events: "
      "the last position (the head by default)")("facility", po::value(&a.facility),
                                                 "reservations: one facility (all by default)")(
      "user", po::value(&a.user), "reservations: one user's")(
      "lottery", po::value(&a.lottery), "applications: one lottery period (all by default)")(
      "bom", "csv: begin with a UTF-8 byte order mark (Excel in Japan needs it)")(
      "output,o", po::value(&output), "write to this file instead of stdout");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  if (a.what != "reservations" && a.what != "applications" && a.what != "events") {
    return usage_error(self, "export reservations, applications or events");
  }
  auto format = format_of(self, g, {"csv", "jsonl"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  a.csv = *format == "csv";
  if (vm.count("bom") && !a.csv) return usage_error(self, "--bom is for --format csv");
  const bool positions = a.what == "events";
  for (const std::string* v : {&a.from, &a.to}) {
    if (v->empty()) continue;
    const bool ok = positions
                        ? v->size() <= 19 &&
                              v->find_first_not_of("0123456789") == std::string::npos && *v != "0"
                        : a.what == "reservations" && domain::Date::parse(*v).has_value();
    if (!ok) {
      return usage_error(self, positions ? "--from and --to take log positions (from 1)"
                                         : "--from and --to take dates (YYYY-MM-DD), for "
                                           "reservations");
    }
  }
  if (a.what == "reservations" && !a.from.empty() && !a.to.empty()) {
    const int span = domain::Date::parse(a.to)->days - domain::Date::parse(a.from)->days;
    if (span < 0 || span > kMaxSpanDays) {
      return usage_error(self, "--to must be 0 to 366 days after --from");
    }
  }
  if ((!a.facility.empty() || !a.user.empty()) && a.what != "reservations") {
    return usage_error(self, "--facility and --user are for reservations");
  }
  if (!a.lottery.empty() && a.what != "applications") {
    return usage_error(self, "--lottery is for applications");
  }
  std::ofstream file;
  if (!output.empty()) {
    file.open(output, std::ios::binary | std::ios::trunc);
    if (!file) return usage_error(self, "cannot write " + output);
  }
  std::ostream& out = output.empty() ? std::cout : file;
  Sink sink(out, a.csv, vm.count("bom") > 0);
  int rc = kExitOk;
  if (!g.server.empty()) {
    rc = from_server(g, a, sink);
  } else if (a.what == "reservations") {
    rc = reservations_from_dir(g, a, sink);
  } else if (a.what == "applications") {
    rc = applications_from_dir(g, a, sink);
  } else {
    rc = events_from_dir(g, a, sink);
  }
  out.flush();
  if (!out) {
    std::cerr << "hoyoctl: the export could not be written\n";
    return kExitFault;
  }
  return rc;
}

}  // namespace hoyo::tools
