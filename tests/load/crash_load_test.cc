// kill -9 under mixed HTTP load (issue 14). A real hoyod, started with
// --demo-data --test-clock on a fresh data directory, is driven through its
// HTTP API by client threads (load.h, commands.h: keyed bookings, changes,
// cancellations, keyed lottery applications and their cancellations, replays
// of acknowledged keys, vacancy and list reads); every answer goes to the
// ledger. At a random moment of each cycle the killer sends SIGKILL (every
// tenth cycle instead the load stops and hoyod is stopped cleanly, writing
// its checkpoints; every other fifth, SIGTERM under load and SIGKILL if hoyod
// has not ended within a random 0-3 s). Then, hoyod stopped:
//   - `hoyoctl verify` on the data directory passes;
// and hoyod restarted on the same directory:
//   - its log's head is at least the position of every acknowledged write;
//   - the checks of checks.h: unanswered writes settled (at most once),
//     acknowledged keys answer as the first time, every acknowledged
//     reservation and application present once in its acknowledged state (as
//     the user, the operator and the log see it) and nothing else, no night
//     over inventory and the served vacancy exact, the audit verify ok, and
//     every projection equal to an online rebuild of itself.
//
//   load_crash_test [--cycles N] [--seed S] [--threads T] [--keep DIR] [--ledger FILE]
// N defaults to 20 (the default ctest run); ctest's load_crash_slow runs 1,000.
// On a failure the ledger and hoyod's log are copied to DIR (default
// ./load_crash_failure) and the seed is printed to rerun it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "checks.h"
#include "hoyod_process.h"
#include "load.h"
#include "temp_dir.h"

namespace hoyo::load {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

int g_cycles = 20;
std::uint64_t g_seed = 0;
int g_threads = 6;
std::string g_keep = "load_crash_failure";
std::string g_ledger;  // --ledger: write the ledger there (kept) instead of the temporary directory

// Two HTTP threads as the hostile suite; logins and password hashing cheap
// (every client comes from 127.0.0.1, and the set-up logs in ~50 times).
// Snapshots and checkpoints every 40 events or second: the kills strike them
// mid-write, and each restart starts from one.
std::string config_json() {
  return R"({
  "server": {"threads": 2, "work_threads": 2},
  "snapshots": {"every_events": 40, "interval_seconds": 1},
  "rate": {"login_per_minute": 100000},
  "accounts": {"argon2_memory_kib": 1024, "argon2_iterations": 1}
})";
}

std::string failures(const Faults& faults, std::size_t max = 30) {
  const auto all = faults.all();
  std::string s;
  for (std::size_t i = 0; i < all.size() && i < max; ++i) s += "  " + all[i] + "\n";
  if (all.size() > max) s += "  ... and " + std::to_string(all.size() - max) + " more\n";
  return s;
}

TEST(LoadCrash, AcknowledgedWritesSurviveKillNineUnderLoad) {
  testing::TempDir dir;
  const std::string data = dir.sub("data");
  const std::string ledger_path = g_ledger.empty() ? dir.sub("ledger.jsonl") : g_ledger;
  Ledger ledger;
  ledger.open(ledger_path, true);
  Faults faults;
  std::mt19937_64 rng(g_seed);
  std::cout << "load_crash: seed " << g_seed << ", " << g_cycles << " cycles, " << g_threads
            << " client threads\n";

  testing::HoyodOptions options{
      .binary = HOYOD_BIN, .data_dir = data, .config = config_json(), .log = dir.sub("hoyod.log")};
  std::unique_ptr<testing::HoyodProcess> hoyod;
  try {
    hoyod = std::make_unique<testing::HoyodProcess>(options);
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }

  // Keeps the evidence of a failing run, and says how to run it again.
  bool kept = false;
  auto keep = [&] {
    if (kept) return;
    kept = true;
    ledger.flush();
    std::error_code ec;
    fs::create_directories(g_keep, ec);
    fs::copy_file(ledger_path, g_keep + "/ledger.jsonl", fs::copy_options::overwrite_existing, ec);
    fs::copy_file(dir.sub("hoyod.log"), g_keep + "/hoyod.log", fs::copy_options::overwrite_existing,
                  ec);
    ADD_FAILURE() << "the ledger and hoyod's log are in " << fs::absolute(g_keep).string()
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
  std::uint64_t kills = 0, clean_stops = 0, killed_in_shutdown = 0, requests = 0;
  int cycles_run = 0;

  for (int cycle = 1; cycle <= g_cycles; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    cycles_run = cycle;
    // The load, and the killer at a random moment of it.
    if (cycle == 1) {
      std::string out;
      const int rc = testing::run_program({HOYOCTL_BIN, "--data-dir", data, "verify"}, &out);
      EXPECT_TRUE(rc != 0 && out.find("LOCK") != std::string::npos)
          << "hoyoctl verify on the directory of a running hoyod exited " << rc << ": " << out;
    }
    std::atomic<bool> stop{false};
    std::thread load([&] {
      requests += run_load(world, users, mix, hoyod->port(), LoadOptions{g_threads, g_seed, cycle},
                           stop, ledger, faults);
    });
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(20, 400)(rng)));
    if (cycle % 10 == 0) {
      // A clean stop once the load has ceased: it must end with exit 0, and
      // the next start restores the checkpoints it wrote. (Under a load that
      // goes on, hoyod does not end within 20 s: its keep-alive connections
      // are served until SIGKILL.)
      stop = true;
      load.join();
      if (hoyod->stop(20s)) {
        ++clean_stops;
      } else {
        ADD_FAILURE() << "hoyod " << hoyod->exit_description() << " at SIGTERM after the load:\n"
                      << hoyod->stderr_tail();
      }
    } else if (cycle % 5 == 0) {
      // SIGTERM under load, and SIGKILL if it has not ended within 0-3 s (a
      // clean stop takes hoyod about 1.7 s idle, and under load it goes on
      // serving): killed on its way out, e.g. in the projections' checkpoint.
      const auto grace =
          std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 3000)(rng));
      if (hoyod->stop(grace)) {
        ++clean_stops;
      } else {
        ++killed_in_shutdown;
        if (hoyod->exit_description().find("SIGKILL") == std::string::npos) {
          ADD_FAILURE() << "hoyod " << hoyod->exit_description() << " at SIGTERM:\n"
                        << hoyod->stderr_tail();
        }
      }
    } else {
      const bool killed = hoyod->kill9();
      EXPECT_TRUE(killed) << "hoyod had already " << hoyod->exit_description() << ":\n"
                          << hoyod->stderr_tail();
      ++kills;
    }
    stop = true;
    if (load.joinable()) load.join();

    // hoyod stopped: the log verifies. hoyoctl opens the directory itself,
    // which it can only while no hoyod holds it: while one runs it refuses
    // (RocksDB's LOCK) and changes nothing.
    std::string out;
    const int rc = testing::run_program({HOYOCTL_BIN, "--data-dir", data, "verify"}, &out);
    if (rc != 0 || out.rfind("ok: ", 0) != 0) {
      faults.add("hoyoctl verify exited " + std::to_string(rc) + ": " + out);
    }

    // Restarted on the same directory (--demo-data does nothing to a filled one).
    try {
      hoyod = std::make_unique<testing::HoyodProcess>(options);
    } catch (const std::exception& e) {
      faults.add(std::string("hoyod did not restart: ") + e.what());
      break;
    }
    std::uint64_t acknowledged_position = 0;
    for (const UserModel& u : users) {
      for (const Keyed& k : u.keyed)
        acknowledged_position = std::max(acknowledged_position, k.position);
    }
    if (hoyod->start_position() < acknowledged_position) {
      faults.add("hoyod restarted at position " + std::to_string(hoyod->start_position()) +
                 ", below the acknowledged position " + std::to_string(acknowledged_position));
    }
    HttpClient http(hoyod->port(), 30s);
    checker.settle(http, cycle, rng);
    checker.replays(http, cycle, rng, 20);
    checker.users(http, cycle);
    checker.log(http, cycle);
    checker.inventory(http, cycle);
    checker.projections(http, cycle);
    if (checker.head() < hoyod->start_position()) {
      faults.add("the audit log read ends at " + std::to_string(checker.head()) +
                 ", below hoyod's head " + std::to_string(hoyod->start_position()));
    }
    if (cycle % 50 == 0) {
      std::cout << "load_crash: cycle " << cycle << ", " << ledger.counts().acknowledged
                << " writes acknowledged, log head " << checker.head() << std::endl;
    }
    if (faults.size() > 0) {
      ADD_FAILURE() << faults.size() << " faults after cycle " << cycle << ":\n"
                    << failures(faults);
      keep();
      break;
    }
  }
  EXPECT_TRUE(hoyod->stop()) << "hoyod did not stop cleanly: " << hoyod->exit_description() << "\n"
                             << hoyod->stderr_tail();
  // Under the asan and tsan presets a report in any of the runs (most of
  // them end by SIGKILL, so their exit status says nothing).
  {
    std::ifstream in(dir.sub("hoyod.log"), std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
      if (line.find("Sanitizer") != std::string::npos ||
          line.find("runtime error:") != std::string::npos) {
        ADD_FAILURE() << "hoyod's log has a sanitizer report: " << line;
        break;
      }
    }
  }

  const Ledger::Counts c = ledger.counts();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t reservations = 0, applications = 0;
  for (const UserModel& u : users) {
    reservations += u.reservations.size();
    applications += u.applications.size();
  }
  std::cout << "load_crash: " << cycles_run << " cycles in " << static_cast<int>(seconds) << " s ("
            << kills << " SIGKILL, " << clean_stops << " clean stops, " << killed_in_shutdown
            << " SIGKILL during shutdown); " << requests << " load requests; " << c.acknowledged
            << " writes acknowledged, " << c.refused << " refused, " << c.unanswered
            << " unanswered (" << checker.settled() << " settled), " << c.replayed << " replays; "
            << reservations << " reservations and " << applications
            << " applications held by the model, " << checker.writes_checked()
            << " acknowledged-write comparisons after restarts; log head " << checker.head()
            << "\n";
  for (const auto& [what, n] : c.by) std::cout << "  " << what << ": " << n << "\n";
  for (const auto& [code, n] : c.refusals) std::cout << "  refused " << code << ": " << n << "\n";
  EXPECT_EQ(faults.size(), 0u) << failures(faults);
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
    } else if (a == "--ledger" && has_value) {
      hoyo::load::g_ledger = argv[++i];
    } else {
      std::cerr << "usage: load_crash_test [--cycles N] [--seed S] [--threads T] [--keep DIR] "
                   "[--ledger FILE]\n";
      return 2;
    }
  }
  return RUN_ALL_TESTS();
}
