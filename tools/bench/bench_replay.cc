// hoyo-bench replay: rebuild the served read side (stays: vacancy and the
// user menus; demand; the operator index; accounts) from a log of a
// realistic mix, against RocksDB's own iteration of the same log. The audit
// index is timed on its own.
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench/bench_dir.h"
#include "bench/replay_log.h"
#include "bench/report.h"
#include "bench/rocksdb_scan.h"
#include "projections/accounts_view.h"
#include "projections/audit_index.h"
#include "projections/demand_index.h"
#include "projections/operator_index.h"
#include "projections/projection_set.h"
#include "projections/stay_view.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

// A line of /proc/self/status in MiB ("VmHWM", "VmRSS").
double status_mib(const std::string& field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return 0;
}

void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

struct Timed {
  double seconds = 0;
  std::uint64_t position = 0;
};

Timed replay(const std::string& dir, std::vector<std::unique_ptr<projections::Projection>> ps) {
  auto store = std::move(eventstore::EventStore::open(dir)).value();
  projections::ProjectionSet set(*store);
  for (auto& p : ps) set.add(std::move(p));
  const auto start = Clock::now();
  if (!set.start().is_ok()) std::exit(1);
  return {std::chrono::duration<double>(Clock::now() - start).count(), set.position()};
}

}  // namespace

int run_replay(int argc, char** argv) {
  po::options_description desc("hoyo-bench replay");
  desc.add_options()("events", po::value<std::uint64_t>()->default_value(1000000),
                     "events in the log")(
      "log", po::value<std::string>()->default_value(""),
      "keep the log in this directory and reuse it when it already holds one")(
      "no-audit", po::bool_switch(), "skip the audit index pass (profiling)");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const std::uint64_t events = vm["events"].as<std::uint64_t>();
  BenchDir dir(vm["dir"].as<std::string>());
  const std::string kept = vm["log"].as<std::string>();
  const std::string log = kept.empty() ? dir.path() + "/store" : kept;
  std::uint64_t head = 0;
  if (!kept.empty() && std::filesystem::exists(kept + "/CURRENT")) {
    head = std::move(eventstore::EventStore::open(log)).value()->head();
    progress("reusing the log in " + kept + " (" + std::to_string(head) + " events)");
  } else {
    eventstore::StoreOptions o;
    o.sync = false;  // building the log is set-up, not what is measured
    auto store = std::move(eventstore::EventStore::open(log, o)).value();
    progress("building a log of " + std::to_string(events) + " events");
    head = write_replay_log(*store, events);
  }
  progress("baseline: RocksDB iteration of the events column family");
  const double base = rocksdb_scan(log, static_cast<std::int64_t>(head));

  const double rss_before = status_mib("VmRSS");
  reset_peak_rss();
  std::vector<std::unique_ptr<projections::Projection>> main;
  main.push_back(std::make_unique<projections::StayView>());
  main.push_back(std::make_unique<projections::DemandIndex>());
  main.push_back(std::make_unique<projections::OperatorIndex>());
  main.push_back(std::make_unique<projections::AccountsView>());
  const Timed t = replay(log, std::move(main));
  const double peak = status_mib("VmHWM");
  progress("  stays + demand + operator index + accounts: " + std::to_string(t.position) +
           " events in " + std::to_string(t.seconds) + " s, peak RSS " + std::to_string(peak) +
           " MiB");

  std::vector<std::unique_ptr<projections::Projection>> audit;
  audit.push_back(std::make_unique<projections::AuditIndex>());
  reset_peak_rss();
  const Timed a = vm["no-audit"].as<bool>() ? Timed{1, 0} : replay(log, std::move(audit));
  const double audit_peak = status_mib("VmHWM");
  progress("  audit index: " + std::to_string(a.seconds) + " s, peak RSS " +
           std::to_string(audit_peak) + " MiB");

  Report r;
  r.scenario = "replay";
  r.value = std::round(static_cast<double>(t.position) / t.seconds);
  r.unit = "events/s folded into vacancy, demand, user menus, operator views and accounts";
  r.baseline = "rocksdb sequential iteration of the same log";
  r.baseline_value = std::round(base);
  r.params = {{"events", head}};
  r.extra = {{"seconds", std::round(t.seconds * 1000) / 1000},
             {"peak_rss_mib", std::round(peak)},
             {"rss_before_mib", std::round(rss_before)},
             {"audit_index_events_per_s", std::round(static_cast<double>(a.position) / a.seconds)},
             {"audit_index_peak_rss_mib", std::round(audit_peak)},
             {"decrypting_projections", "none: no projection opens sealed personal data"}};
  print(r);
  return 0;
}

}  // namespace hoyo::bench
