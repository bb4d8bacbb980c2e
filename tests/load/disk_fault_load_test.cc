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

int g_cycles = 6;
std::uint64_t g_seed = 0;
int g_threads = 6;
std::string g_keep = "load_disk_fault_failure";

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
  testing::TempDir dir;
  const std::string data = dir.sub("data");
  const std::string ledger_path = dir.sub("ledger.jsonl");
  Ledger ledger;
  ledger.open(ledger_path, true);
  Faults faults;
  std::mt19937_64 rng(g_seed);
  std::cout << "load_disk_faults: seed " << g_seed << ", " << g_cycles << " cycles, " << g_threads
            << " client threads\n";

  testing::HoyodOptions options{.binary = HOYOD_BIN,
                                .data_dir = data,
                                .config = hoyod_config_json(),
                                .log = dir.sub("hoyod.log"),
                                .args = {"--demo-data", "--test-clock", "--test-faults"}};
  std::unique_ptr<testing::HoyodProcess> hoyod;
  try {
    hoyod = std::make_unique<testing::HoyodProcess>(options);
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  bool kept = false;
  auto keep = [&] {
    if (kept) return;
    kept = true;
    ADD_FAILURE() << keep_evidence(ledger, ledger_path, dir.sub("hoyod.log"), g_keep)
                  << "; rerun with --seed " << g_seed;
  };

  World world;
  Staff staff;
  std::vector<UserModel> users;
  {
    HttpClient http(hoyod->port());
    SetupOptions setup;
    setup.generation = std::to_string(g_seed);
    setup.logins = demo_logins(hoyod->log_text());
    const auto error = set_up(http, setup, world, staff, users);
    ASSERT_FALSE(error) << *error << "\n" << hoyod->stderr_tail();
  }
  Checker checker(world, staff, users, ledger, faults);
  const Mix mix = standard_mix();
  const auto started = std::chrono::steady_clock::now();
  std::uint64_t requests = 0, recovered = 0, restarts = 0;
  std::map<std::string, int> by_fault;

  for (int cycle = 1; cycle <= g_cycles; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    const DiskFault& fault = kFaults[(cycle - 1) % 3];
    ++by_fault[fault.field];
    std::atomic<bool> stop{false};
    std::thread load([&] {
      requests += run_load(world, users, mix, hoyod->port(), LoadOptions{g_threads, g_seed, cycle},
                           stop, ledger, faults);
    });
    auto pause = [&](int lo, int hi) {
      std::this_thread::sleep_for(
          std::chrono::milliseconds(std::uniform_int_distribution<int>(lo, hi)(rng)));
    };
    HttpClient control(hoyod->port());
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
                 "', not degraded with reason " + fault.reason);
    }
    pause(20, 300);
    if (!switch_fault(control, fault, false)) faults.add("PUT /api/test/faults did not answer 200");

    if (fault.recovers) {
      if (eventually([&] { return health_reason(control).empty(); }, 20s)) {
        ++recovered;
      } else {
        faults.add(std::string("not healthy again after ") + fault.field + " ended: health says " +
                   health_reason(control));
      }
      pause(50, 300);  // writes go on after the recovery
      stop = true;
      load.join();
      // Mails whose MailSent the fault refused are recorded again meanwhile.
      wait_for_quiet_log(hoyod->port(), 1500ms, 20s);
      check_all(checker, hoyod->port(), cycle, rng);
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
      if (!hoyod->stop(20s)) {
        faults.add("hoyod " + hoyod->exit_description() + " at SIGTERM after the load:\n" +
                   hoyod->stderr_tail());
      }
    } else if (!hoyod->kill9()) {
      faults.add("hoyod had already " + hoyod->exit_description() + ":\n" + hoyod->stderr_tail());
    }
    verify_stopped(HOYOCTL_BIN, data, faults);
    try {
      hoyod = std::make_unique<testing::HoyodProcess>(options);
    } catch (const std::exception& e) {
      faults.add(std::string("hoyod did not restart: ") + e.what());
      break;
    }
    ++restarts;
    {
      HttpClient control_after(hoyod->port());
      if (const std::string r = health_reason(control_after); !r.empty()) {
        faults.add("after a restart health says " + r);
      }
    }
    wait_for_quiet_log(hoyod->port(), 1500ms, 20s);
    check_all(checker, hoyod->port(), cycle, rng);
    if (faults.size() > 0) {
      ADD_FAILURE() << faults.size() << " faults after cycle " << cycle << ":\n"
                    << list_faults(faults);
      keep();
      break;
    }
  }
  EXPECT_TRUE(hoyod->stop()) << "hoyod did not stop cleanly: " << hoyod->exit_description();
  if (const std::string report = sanitizer_report(dir.sub("hoyod.log")); !report.empty()) {
    ADD_FAILURE() << "hoyod's log has a sanitizer report: " << report;
  }

  const Ledger::Counts c = ledger.counts();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "load_disk_faults: " << g_cycles << " cycles in " << static_cast<int>(seconds)
            << " s (";
  for (const auto& [f, n] : by_fault) std::cout << f << " " << n << ", ";
  std::cout << recovered << " recoveries without restart, " << restarts << " restarts); "
            << requests << " load requests; " << c.acknowledged << " writes acknowledged, "
            << c.refused << " refused, " << c.unanswered << " unanswered or 503 ("
            << checker.settled() << " settled), " << c.replayed << " replays; "
            << checker.writes_checked() << " acknowledged-write comparisons; log head "
            << checker.head() << "\n";
  EXPECT_EQ(faults.size(), 0u) << list_faults(faults);
  if (faults.size() > 0 || ::testing::Test::HasFailure()) keep();
}

}  // namespace
}  // namespace hoyo::load

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  hoyo::load::g_seed = std::random_device{}();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--cycles" && has_value) {
      hoyo::load::g_cycles = std::atoi(argv[++i]);
    } else if (a == "--seed" && has_value) {
      hoyo::load::g_seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--threads" && has_value) {
      hoyo::load::g_threads = std::atoi(argv[++i]);
    } else if (a == "--keep" && has_value) {
      hoyo::load::g_keep = argv[++i];
    } else {
      std::cerr
          << "usage: disk_fault_load_test [--cycles N] [--seed S] [--threads T] [--keep DIR]\n";
      return 2;
    }
  }
  return RUN_ALL_TESTS();
}
