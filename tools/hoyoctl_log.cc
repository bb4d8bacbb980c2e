#include "tools/hoyoctl_log.h"

#include <iostream>

#include "base/hex.h"
#include "processor/redraw_audit.h"
#include "tools/hoyoctl_data_dir.h"
#include "tools/hoyoctl_errors.h"
#include "tools/progress.h"
#include "tools/staff_client.h"

namespace hoyo::tools {

namespace json = boost::json;

namespace {

// The report of `hoyoctl verify --from FROM` as the server made it
// (GET /api/audit/verify?from=FROM); nullopt after printing why not.
std::optional<eventstore::VerifyReport> verify_on_server(const Global& g, std::uint64_t from) {
  auto client = StaffClient::login(g);
  if (!client) return std::nullopt;
  auto o = client->get_json("/api/audit/verify?from=" + std::to_string(from));
  if (!o) return std::nullopt;
  eventstore::VerifyReport r;
  r.ok = o->at("ok").as_bool();
  r.checked = o->at("checked").to_number<std::uint64_t>();
  if (const json::value* fault = o->if_contains("firstFault")) {
    r.first_bad_position = fault->at("position").to_number<std::uint64_t>();
    r.reason = fault->at("reason").as_string().c_str();
  }
  return r;
}

}  // namespace

int verify_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("verify options");
  std::uint64_t from = 1;
  options.add_options()("from", po::value(&from),
                        "check from this position to the head, trusting the events before it "
                        "(1, the whole log, by default)");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, {}, args, vm)) return *rc;
  if (from == 0) return usage_error(self, "--from takes a position from 1");
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  eventstore::VerifyReport report;
  if (!g.server.empty()) {
    auto served = verify_on_server(g, from);
    if (!served) return kExitFault;
    report = std::move(*served);
  } else {
    auto dir = open_data_dir(g.data_dir, false);
    if (!dir) return kExitFault;
    Progress progress("verify", Progress::Unit::kEvents);
    report = dir->store->verify(
        from, [&](std::uint64_t checked, std::uint64_t total) { progress.update(checked, total); });
    progress.finish();
  }
  if (*format == "json") {
    json::object o{{"ok", report.ok}, {"from", from}, {"checked", report.checked}};
    if (!report.ok) {
      o["firstFault"] =
          json::object{{"position", report.first_bad_position}, {"reason", report.reason}};
    }
    std::cout << json_text(o);
  } else if (report.ok) {
    std::cout << "ok: " << report.checked << " events"
              << (from > 1 ? " from position " + std::to_string(from) : std::string())
              << ", chain intact\n";
  } else {
    std::cout << "FAULT at position " << report.first_bad_position << ": " << report.reason << " ("
              << report.checked << " events verified before it)\n";
  }
  return report.ok ? kExitOk : kExitFault;
}

int head_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto rc = parse_command(self, po::options_description("head options"), {}, args, vm)) {
    return *rc;
  }
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  std::uint64_t position = 0;
  std::string hash;
  if (!g.server.empty()) {
    auto client = StaffClient::login(g);
    if (!client) return kExitFault;
    auto o = client->get_json("/api/audit/head");
    if (!o) return kExitFault;
    position = o->at("position").to_number<std::uint64_t>();
    hash = o->at("hash").as_string().c_str();
  } else {
    auto dir = open_data_dir(g.data_dir, false);
    if (!dir) return kExitFault;
    position = dir->store->head();
    hash = base::to_hex(dir->store->head_hash());
  }
  if (*format == "json") {
    std::cout << json_text(json::object{{"position", position}, {"hash", hash}});
  } else {
    std::cout << position << " " << hash << "\n";
  }
  return kExitOk;
}

namespace {

// The server's re-run of the draw (GET /api/audit/lotteries/{id}/redraw),
// told apart by the problem's code: 404 `not_drawn` for a period never drawn
// (a report that exists but was not found), 404 `not_found` for an unknown
// period or, from a hoyod older than this hoyoctl, an unknown route (a
// report that does not exist). nullopt after printing why there is none.
std::optional<processor::RedrawReport> redraw_on_server(const Global& g,
                                                        const std::string& lottery) {
  auto client = StaffClient::login(g);
  if (!client) return std::nullopt;
  auto answer = client->call("GET", "/api/audit/lotteries/" + url_escape(lottery) + "/redraw");
  processor::RedrawReport r;
  if (!answer.ok()) {
    const base::Status refused = answer.status();
    const base::Error& e = refused.error();
    const std::string code = base::arg_text(e.args, "code");
    if (e.code == base::ErrorCode::kNotFound && code == "not_drawn") {
      r.exists = true;
      return r;
    }
    if (e.code == base::ErrorCode::kNotFound && code == "not_found") return r;
    std::cerr << error_line(answer.status()) << "\n";
    return std::nullopt;
  }
  auto o = json_object_of(answer->body);
  if (!o) return std::nullopt;
  r.exists = r.found = true;
  r.identical = o->at("identical").as_bool();
  if (const json::value* d = o->if_contains("differences"); d && !d->as_array().empty()) {
    r.difference = d->as_array().front().as_string().c_str();
  }
  return r;
}

}  // namespace

int redraw_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("redraw options");
  po::positional_options_description positional;
  positional.add("lottery", 1);
  std::string lottery;
  options.add_options()("lottery", po::value(&lottery)->required(), "the lottery period's id");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  processor::RedrawReport r;
  if (!g.server.empty()) {
    auto served = redraw_on_server(g, lottery);
    if (!served) return kExitFault;
    r = std::move(*served);
  } else {
    auto dir = open_data_dir(g.data_dir, false);
    if (!dir) return kExitFault;
    r = processor::redraw_from_log(*dir->store, lottery);
  }
  if (!r.exists) {
    std::cerr << "hoyoctl: there is no lottery " << lottery
              << (g.server.empty() ? std::string(" in the log")
                                   : " on the server (or the server, older than this hoyoctl, has "
                                     "no redraw route)")
              << "\n";
    return kExitUsage;
  }
  if (*format == "json") {
    json::object o{{"lotteryId", lottery}, {"drawn", r.found}};
    if (r.found) o["identical"] = r.identical;
    if (r.found && !r.identical) o["differences"] = json::array{json::string(r.difference)};
    std::cout << json_text(o);
  } else if (!r.found) {
    std::cout << "lottery " << lottery << " was never drawn: there is no draw to check\n";
  } else if (r.identical) {
    std::cout << "identical: the commitment, the seed and every win re-derive from the log\n";
  } else {
    std::cout << "DIFFERENT: " << r.difference << "\n";
  }
  return r.found && r.identical ? kExitOk : kExitFault;
}

}  // namespace hoyo::tools
