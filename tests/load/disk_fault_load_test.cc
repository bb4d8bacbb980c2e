// Disk faults under mixed HTTP load (issue 14). A real hoyod, started with
// --demo-data --test-clock --test-faults, is driven through its API by the
// load of load.h while, at a random moment of each cycle, its store's disk
// fills up or its writes or syncs start failing (PUT /api/test/faults: the
// fault-injecting RocksDB file system, as CI has no mount privileges), for a
// random while. Every write answered meanwhile with 5xx must be 503
// `unavailable` (or `stale`) with Retry-After (commands.cc), and
// /api/health must say degraded with the fault's reason. Then:
//   - a full disk: once space returns, hoyod recovers by itself (health ok
//     again, without a restart); the load goes on a while, then the checks of
//     checks.h run against the same hoyod (every acknowledged write present
//     once, unanswered ones settled, keys answering as the first time, no
//     night over inventory, the audit verify, projections equal to a rebuild);
//   - a failed write or sync: health stays degraded (io_error) with the disk
//     healthy again, as a failed sync cannot be trusted; writes stay refused.
// Every cycle ends with hoyod stopped (SIGKILL, or now and then SIGTERM),
// `hoyoctl verify` on the directory, a restart and the checks again.
//
//   disk_fault_load_test [--cycles N] [--seed S] [--threads T] [--keep DIR]
// N defaults to 6 (the default ctest run, under 30 s); ctest's
// load_disk_faults_slow runs 200. Before each round of checks the log must
// be quiet for 1.5 s: hoyod's mail delivery records again what a fault
// refused, and the projections are compared at one position.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "eventually.h"
#include "hoyod_process.h"
#include "load.h"
#include "run_support.h"
#include "temp_dir.h"

namespace hoyo::load {
namespace {

using namespace std::chrono_literals;
using hoyo::testing::eventually;

RunOptions g_options{.cycles = 6, .keep = "load_disk_fault_failure", .ledger = ""};

// The faults, by the field of PUT /api/test/faults that switches each, and
// the health reason each must give.
struct DiskFault {
  const char* field;
  const char* reason;
  bool recovers;  // by itself, once the disk is healthy again
};
constexpr DiskFault kFaults[] = {{"noSpace", "no_space", true},
                                 {"failSyncs", "io_error", false},
                                 {"failWrites", "io_error", false}};

bool switch_fault(HttpClient& http, const DiskFault& f, bool on) {
  const Answer a =
      http.send({"PUT", "/api/test/faults",
                 boost::json::serialize(boost::json::object{{f.field, on}}), "", "", 0});
  return a.status == 200;
}

// The last lines the store logged (each failure, failed resume attempt and
// resume: eventstore/group_commit.cc), for a fault's message.
std::string store_log(const testing::HoyodProcess& hoyod) {
  const std::string tail = hoyod.stderr_tail(1 << 16);
  std::string lines;
  int n = 0;
  for (std::size_t end = tail.size(); end > 0 && n < 8;) {
    const std::size_t start = tail.rfind('\n', end - 1);
    const std::size_t from = start == std::string::npos ? 0 : start + 1;
    const std::string line = tail.substr(from, end - from);
    if (line.find("event store:") != std::string::npos) {
      lines.insert(0, line + "\n");
      ++n;
    }
    if (start == std::string::npos) break;
    end = start;
  }
  return lines.empty() ? "(the store logged nothing)\n" : lines;
}

// "" when healthy, else the reason; "?" when there was no answer.
std::string health_reason(HttpClient& http) {
  const Answer a = http.send({"GET", "/api/health", "", "", "", 0});
  if (a.status == 0) return "?";
  const auto v = boost::json::parse(a.body).as_object();
  if (v.at("status").as_string() == "ok") return a.status == 200 ? "" : "?";
  if (a.status != 503 || a.retry_after.empty()) return "?";
  return std::string(v.at("reason").as_string());
}

TEST(LoadDiskFaults, WritesAreRefusedReadsServedAndNothingAcknowledgedIsLost) {
  LoadRun run("load_disk_faults", g_options,
              {built_or_env("HOYOD_BIN", HOYOD_BIN), built_or_env("HOYOCTL_BIN", HOYOCTL_BIN)},
              {"--test-faults"});
  ASSERT_TRUE(run.start_error().empty()) << run.start_error();
  Ledger& ledger = run.ledger();
  Faults& faults = run.faults();
  Checker& checker = run.checker();
  std::mt19937_64& rng = run.rng();
  std::vector<UserModel>& users = run.users();
  const Mix mix = standard_mix();
  const auto started = std::chrono::steady_clock::now();
  std::uint64_t requests = 0, recovered = 0, restarts = 0;
  std::map<std::string, int> by_fault;

  for (int cycle = 1; cycle <= g_options.cycles; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    const DiskFault& fault = kFaults[(cycle - 1) % 3];
    ++by_fault[fault.field];
    std::atomic<bool> stop{false};
    std::thread load([&] {
      requests +=
          run_load(run.world(), run.staff(), users, mix, run.hoyod().port(),
                   LoadOptions{g_options.threads, g_options.seed, cycle}, stop, ledger, faults);
    });
    auto pause = [&](int lo, int hi) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(lo, hi)(rng)));
    };
    HttpClient control(run.hoyod().port());
    pause(20, 300);
    if (!switch_fault(control, fault, true)) faults.add("PUT /api/test/faults did not answer 200");
    pause(20, 300);
    // The store finds the fault at its next write; a login writes a session,
    // in case the load's users all wait on unanswered writes.
    std::string reason;
    const bool degraded = eventually(
        [&] {
          reason = health_reason(control);
          if (reason.empty()) {
            std::string ignored;
            log_in(control, users[0].account.number, users[0].account.password, &ignored);
          }
          return !reason.empty();
        },
        10s);
    if (!degraded || reason != fault.reason) {
      faults.add(std::string("with ") + fault.field + " on, health said '" + reason +
                 "', not degraded with reason " + fault.reason + "; the store logged:\n" +
                 store_log(run.hoyod()));
    }
    pause(20, 300);
    if (!switch_fault(control, fault, false)) faults.add("PUT /api/test/faults did not answer 200");

    if (fault.recovers) {
      if (eventually([&] { return health_reason(control).empty(); }, 20s)) {
        ++recovered;
      } else {
        faults.add(std::string("not healthy again after ") + fault.field + " ended: health says " +
                   health_reason(control) + "; the store logged:\n" + store_log(run.hoyod()));
      }
      pause(50, 300);  // writes go on after the recovery
      stop = true;
      load.join();
      check_all(checker, run.hoyod().port(), cycle, rng);
    } else {
      pause(20, 100);
      if (health_reason(control) != fault.reason) {
        faults.add(std::string("after ") + fault.field + " ended, health says '" +
                   health_reason(control) + "' before a restart");
      }
      stop = true;
      load.join();
    }

    // Every cycle ends with a stop (SIGKILL mostly; SIGTERM every fourth):
    // the log verifies, and the restarted hoyod holds every acknowledged write.
    if (cycle % 4 == 0) {
      if (!run.hoyod().stop(20s)) {
        faults.add("hoyod " + run.hoyod().exit_description() + " at SIGTERM after the load:\n" +
                   run.hoyod().stderr_tail());
      }
    } else if (!run.hoyod().kill9()) {
      faults.add("hoyod had already " + run.hoyod().exit_description() + ":\n" +
                 run.hoyod().stderr_tail());
    }
    if (!run.verify_and_restart()) break;
    ++restarts;
    {
      HttpClient control_after(run.hoyod().port());
      if (const std::string r = health_reason(control_after); !r.empty()) {
        faults.add("after a restart health says " + r);
      }
    }
    check_all(checker, run.hoyod().port(), cycle, rng, cycle == g_options.cycles);
    if (run.report_faults(cycle)) break;
  }
  run.finish();

  const Ledger::Counts c = ledger.counts();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "load_disk_faults: " << g_options.cycles << " cycles in "
            << static_cast<int>(seconds) << " s (";
  for (const auto& [f, n] : by_fault) std::cout << f << " " << n << ", ";
  std::cout << recovered << " recoveries without restart, " << restarts << " restarts); "
            << requests << " load requests; " << c.acknowledged << " writes acknowledged, "
            << c.refused << " refused, " << c.unanswered << " unanswered or 503 ("
            << checker.settled() << " settled), " << c.replayed << " replays; "
            << checker.writes_checked() << " acknowledged-write comparisons; log head "
            << checker.head() << "\n";
}

}  // namespace
}  // namespace hoyo::load

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  auto options = hoyo::load::parse_run_options(argc, argv, "disk_fault_load_test",
                                               hoyo::load::g_options, /*ledger_flag=*/false);
  if (!options) return 2;
  hoyo::load::g_options = *options;
  return RUN_ALL_TESTS();
}
