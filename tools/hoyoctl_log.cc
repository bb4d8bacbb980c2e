#include "tools/hoyoctl_log.h"

#include <iostream>

#include "base/hex.h"
#include "processor/redraw_audit.h"
#include "tools/hoyoctl_data_dir.h"
#include "tools/progress.h"

namespace hoyo::tools {

namespace json = boost::json;

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
  if (!format || !check_source(self, g, false)) return kExitUsage;
  auto dir = open_data_dir(g.data_dir, false);
  if (!dir) return kExitFault;
  Progress progress("verify", Progress::Unit::kEvents);
  const eventstore::VerifyReport report = dir->store->verify(
      from, [&](std::uint64_t checked, std::uint64_t total) { progress.update(checked, total); });
  progress.finish();
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
  if (!format || !check_source(self, g, false)) return kExitUsage;
  auto dir = open_data_dir(g.data_dir, false);
  if (!dir) return kExitFault;
  const std::string hash = base::to_hex(dir->store->head_hash());
  if (*format == "json") {
    std::cout << json_text(json::object{{"position", dir->store->head()}, {"hash", hash}});
  } else {
    std::cout << dir->store->head() << " " << hash << "\n";
  }
  return kExitOk;
}

int redraw_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("redraw options");
  po::positional_options_description positional;
  positional.add("lottery", 1);
  std::string lottery;
  options.add_options()("lottery", po::value(&lottery)->required(), "the lottery period's id");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, false)) return kExitUsage;
  auto dir = open_data_dir(g.data_dir, false);
  if (!dir) return kExitFault;
  const processor::RedrawReport r = processor::redraw_from_log(*dir->store, lottery);
  if (*format == "json") {
    json::object o{{"lotteryId", lottery}, {"drawn", r.found}};
    if (r.found) o["identical"] = r.identical;
    if (r.found && !r.identical) o["differences"] = json::array{json::string(r.difference)};
    std::cout << json_text(o);
  } else if (!r.found) {
    std::cout << "lottery " << lottery << " was not drawn (or does not exist)\n";
  } else if (r.identical) {
    std::cout << "identical: the commitment, the seed and every win re-derive from the log\n";
  } else {
    std::cout << "DIFFERENT: " << r.difference << "\n";
  }
  if (!r.found) return kExitUsage;
  return r.identical ? kExitOk : kExitFault;
}

}  // namespace hoyo::tools
