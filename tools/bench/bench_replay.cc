// hoyo-bench replay: rebuild vacancy, the user menus (both in "stays") and
// lottery demand from a log of a realistic mix, against RocksDB's own
// iteration of the same log. The operators' views (operator index, accounts),
// the audit index and every projection together are timed in passes of their own.
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
#include "projections/catalog.h"
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
  if (!set.start().ok()) std::exit(1);
  return {std::chrono::duration<double>(Clock::now() - start).count(), set.position()};
}

}  // namespace

int run_replay(int argc, char** argv) {
  po::options_description desc("hoyo-bench replay");
  desc.add_options()("events", po::value<std::uint64_t>()->default_value(1000000),
                     "events in the log")(
      "log", po::value<std::string>()->default_value(""),
      "keep the log in this directory and reuse it when it already holds one")(
      "no-audit", po::bool_switch(), "skip the audit index pass (profiling)")(
      "main-only", po::bool_switch(), "time vacancy, demand and user menus only (profiling)");
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

  // Each pass opens the store afresh and is timed on its own; peak RSS is
  // reset before each (it still includes what the process held already).
  struct Pass {
    Timed t;
    double peak = 0;
  };
  auto pass = [&](const std::string& what,
                  std::vector<std::unique_ptr<projections::Projection>> ps) {
    reset_peak_rss();
    Pass p{replay(log, std::move(ps)), 0};
    p.peak = status_mib("VmHWM");
    progress("  " + what + ": " + std::to_string(p.t.position) + " events in " +
             std::to_string(p.t.seconds) + " s, peak RSS " + std::to_string(p.peak) + " MiB");
    return p;
  };
  const double rss_before = status_mib("VmRSS");
  // What the issue names: vacancy, lottery demand and the user menus.
  std::vector<std::unique_ptr<projections::Projection>> served;
  served.push_back(std::make_unique<projections::StayView>());
  served.push_back(std::make_unique<projections::DemandIndex>());
  const Pass main = pass("stays (vacancy, user menus) + demand", std::move(served));
  // The operators' read models, measured apart.
  const bool main_only = vm["main-only"].as<bool>();
  Pass op{{1, 0}, 0}, all{{1, 0}, 0}, a{{1, 0}, 0};
  if (!main_only) {
    std::vector<std::unique_ptr<projections::Projection>> ops;
    ops.push_back(std::make_unique<projections::OperatorIndex>());
    ops.push_back(std::make_unique<projections::AccountsView>());
    op = pass("operator index + accounts", std::move(ops));
    // The whole read side together, as hoyod starts it (the audit index too).
    all = pass("every projection hoyod keeps", projections::all_projections());
  }
  if (!main_only && !vm["no-audit"].as<bool>()) {
    std::vector<std::unique_ptr<projections::Projection>> audit;
    audit.push_back(std::make_unique<projections::AuditIndex>());
    a = pass("audit index", std::move(audit));
  }
  auto rate = [](const Pass& p) {
    return std::round(static_cast<double>(p.t.position) / p.t.seconds);
  };

  Report r;
  r.scenario = "replay";
  r.value = rate(main);
  r.unit = "events/s folded into vacancy, lottery demand and user menus";
  r.baseline = "rocksdb sequential iteration of the same log";
  r.baseline_value = std::round(base);
  r.params = {{"events", head}};
  r.extra = {{"seconds", std::round(main.t.seconds * 1000) / 1000},
             {"peak_rss_mib", std::round(main.peak)},
             {"rss_before_mib", std::round(rss_before)},
             {"operator_index_and_accounts_events_per_s", rate(op)},
             {"operator_index_and_accounts_peak_rss_mib", std::round(op.peak)},
             {"all_projections_events_per_s", rate(all)},
             {"all_projections_peak_rss_mib", std::round(all.peak)},
             {"audit_index_events_per_s", rate(a)},
             {"audit_index_peak_rss_mib", std::round(a.peak)},
             {"decrypting_projections", "none: no projection opens sealed personal data"}};
  print(r);
  return 0;
}

}  // namespace hoyo::bench
