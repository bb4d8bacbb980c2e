// hoyo-bench restart: the time from starting hoyod over a data directory with
// N events in its log to its first HTTP answer, three ways in one run: with
// nothing but the log (a full replay: the writer's state and every
// projection folded from the start), after a clean stop (snapshot and
// checkpoints at the head), and after kill -9 (the snapshot and checkpoints
// `--tail` events behind the head: what a crash between two periodic
// snapshots leaves). Peak RSS of hoyod for each.
#include <signal.h>
#include <sys/wait.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "bench/bench_dir.h"
#include "bench/hoyod_runner.h"
#include "bench/process.h"
#include "bench/replay_log.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "eventstore/event_store.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// A line of /proc/PID/status in MiB ("VmHWM": peak RSS).
double status_mib(pid_t pid, const std::string& field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  }
  return 0;
}

struct Start {
  double ready_seconds = 0;  // spawn to the first answer of GET /api/health
  double peak_rss_mib = 0;   // at that moment
  double stop_seconds = 0;   // SIGTERM to exit (clean stops)
  std::string log;
};

// Starts hoyod over `data`, waits for its first answer, then stops it with
// `signal` (SIGTERM: a clean stop, waited for without limit; SIGKILL).
Start start_and_stop(const std::string& data, const std::string& log_path, int signal,
                     const std::vector<std::string>& settings) {
  for (const std::string& s : settings) {
    const auto eq = s.find('=');
    ::setenv(s.substr(0, eq).c_str(), s.substr(eq + 1).c_str(), 1);
  }
  const int port = free_port();
  std::string error;
  Start out;
  const auto spawned = Clock::now();
  auto p = Process::start({executable_dir() + "/../daemon/hoyod", "--data-dir", data, "--listen",
                           "127.0.0.1:" + std::to_string(port), "--config",
                           std::string(HOYO_SOURCE_DIR) + "/tools/bench/hoyod-bench.json"},
                          -1, log_path, &error);
  if (!p) {
    std::cerr << "hoyod did not start: " << error << "\n";
    std::exit(1);
  }
  for (;;) {
    if (http_call(static_cast<std::uint16_t>(port), "GET", "/api/health").status != 0) break;
    if (!p->running()) {
      std::cerr << "hoyod exited; see " << log_path << "\n";
      std::exit(1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  out.ready_seconds = seconds_since(spawned);
  out.peak_rss_mib = status_mib(p->pid(), "VmHWM");
  const pid_t pid = p->pid();
  const auto stopping = Clock::now();
  ::kill(pid, signal);
  ::waitpid(pid, nullptr, 0);
  out.stop_seconds = seconds_since(stopping);
  p.reset();  // reaped already: its SIGTERM goes nowhere
  return out;
}

}  // namespace

int run_restart(int argc, char** argv) {
  po::options_description desc("hoyo-bench restart");
  desc.add_options()("events", po::value<std::uint64_t>()->default_value(1000000),
                     "events in the log")(
      "tail", po::value<std::uint64_t>()->default_value(50000),
      "events after the last snapshot when killed (default: half of snapshots.every_events)")(
      "log", po::value<std::string>()->default_value(""),
      "keep the log of events - tail in this directory and reuse it when it already holds one");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const std::uint64_t events = vm["events"].as<std::uint64_t>();
  const std::uint64_t tail = std::min(vm["tail"].as<std::uint64_t>(), events / 2);
  BenchDir dir(vm["dir"].as<std::string>(), vm["keep"].as<bool>());
  const std::string data = dir.path() + "/data";
  const std::string kept = vm["log"].as<std::string>();
  std::filesystem::create_directories(data);
  std::uint64_t head = 0;
  {
    eventstore::StoreOptions o;
    o.sync = false;  // building the log is set-up, not what is measured
    if (!kept.empty() && std::filesystem::exists(kept + "/CURRENT")) {
      progress("copying the log kept in " + kept);
      std::filesystem::copy(kept, data + "/events", std::filesystem::copy_options::recursive);
      head = std::move(eventstore::EventStore::open(data + "/events", o)).value()->head();
    } else {
      auto store = std::move(eventstore::EventStore::open(data + "/events", o)).value();
      progress("building a log of " + std::to_string(events - tail) + " events");
      head = write_replay_log(*store, events - tail);
    }
    if (!kept.empty() && !std::filesystem::exists(kept + "/CURRENT")) {
      std::filesystem::copy(data + "/events", kept, std::filesystem::copy_options::recursive);
    }
  }
  const std::string log = dir.path() + "/hoyod.log";
  // Periodic snapshots out of the way: what is measured is what a start
  // finds, and each start below decides that itself.
  const std::vector<std::string> quiet = {"HOYO_SNAPSHOTS_INTERVAL_SECONDS=0",
                                          "HOYO_SNAPSHOTS_EVERY_EVENTS=0"};
  progress("full replay: hoyod over " + std::to_string(head) + " events, no snapshot");
  std::vector<std::string> full_settings = quiet;
  full_settings.push_back("HOYO_SNAPSHOTS_ON_CLOSE=true");
  const Start full = start_and_stop(data, log, SIGTERM, full_settings);
  progress("  first answer after " + std::to_string(full.ready_seconds) + " s, peak RSS " +
           std::to_string(full.peak_rss_mib) + " MiB; clean stop (snapshot, checkpoints) " +
           std::to_string(full.stop_seconds) + " s");
  progress("after a clean stop");
  const Start clean = start_and_stop(data, log, SIGTERM, full_settings);
  progress("  first answer after " + std::to_string(clean.ready_seconds) + " s, peak RSS " +
           std::to_string(clean.peak_rss_mib) + " MiB");
  progress("appending " + std::to_string(tail) + " events after the snapshot");
  {
    auto store = std::move(eventstore::EventStore::open(data + "/events")).value();
    head = write_replay_log(*store, events, {}, head);
  }
  progress("after kill -9 with " + std::to_string(tail) + " events after the snapshot (" +
           std::to_string(head) + " events)");
  std::vector<std::string> kill_settings = quiet;
  kill_settings.push_back("HOYO_SNAPSHOTS_ON_CLOSE=false");
  start_and_stop(data, log, SIGKILL, kill_settings);  // a start that is killed
  const Start killed = start_and_stop(data, log, SIGKILL, kill_settings);
  progress("  first answer after " + std::to_string(killed.ready_seconds) + " s, peak RSS " +
           std::to_string(killed.peak_rss_mib) + " MiB");

  Report r;
  r.scenario = "restart";
  r.value = std::round(killed.ready_seconds * 1000) / 1000;
  r.unit = "s from starting hoyod to its first answer after kill -9 (lower is better)";
  r.baseline = "the same start with no snapshot or checkpoint: a full replay";
  r.baseline_value = std::round(full.ready_seconds * 1000) / 1000;
  r.lower_is_better = true;
  r.params = {{"events", head}, {"tail", tail}};
  r.extra = {{"full_replay_seconds", r.baseline_value},
             {"full_replay_peak_rss_mib", std::round(full.peak_rss_mib)},
             {"clean_stop_seconds", std::round(full.stop_seconds * 1000) / 1000},
             {"after_clean_stop_seconds", std::round(clean.ready_seconds * 1000) / 1000},
             {"after_clean_stop_peak_rss_mib", std::round(clean.peak_rss_mib)},
             {"after_kill_seconds", r.value},
             {"after_kill_peak_rss_mib", std::round(killed.peak_rss_mib)}};
  print(r);
  return 0;
}

}  // namespace hoyo::bench
