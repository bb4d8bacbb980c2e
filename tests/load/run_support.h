// What the suites that drive a real hoyod under HTTP load share around the
// load itself (crash_load_test: kill -9; disk_fault_load_test: a full disk,
// failing writes and syncs): hoyod's configuration, the checks after a
// restart or a recovery, `hoyoctl verify` on the stopped directory, the
// evidence kept from a failing run, and the sanitizer scan of hoyod's log.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "checks.h"
#include "hoyod_process.h"
#include "ledger.h"
#include "model.h"
#include "temp_dir.h"
#include "world.h"

namespace hoyo::load {

// Two HTTP threads as the hostile suite; logins and password hashing cheap
// (every client comes from 127.0.0.1, and the set-up logs in ~50 times);
// snapshots and checkpoints every 40 events or second, so that kills and
// disk faults strike them mid-write and each restart starts from one.
std::string hoyod_config_json();

// The first `max` faults, one a line.
std::string list_faults(const Faults& faults, std::size_t max = 30);

// Every check of checks.h, in order, against the hoyod on `port`; after a
// restart or a recovery, with the load stopped. First waits until the log
// has been quiet for 1.5 s (at most 20 s): hoyod's mail delivery writes
// after a restart, and the projections are compared at one position.
// `last`: the run's last check, which compares the audit histories whole.
void check_all(Checker& checker, std::uint16_t port, int cycle, std::mt19937_64& rng,
               bool last = false);

// Waits (at most `limit`) until the log's head has not moved for `quiet`:
// hoyod's own background writers (mail delivery retrying what a fault or a
// crash interrupted) have caught up, so that the projections compare at one
// position. True when it got quiet.
// The program named by the environment `variable` when set (a long run
// under `slow` can use copies, so that a rebuild meanwhile does not swap
// hoyod between two restarts), else the one this build made.
std::string built_or_env(const char* variable, const char* built);

bool wait_for_quiet_log(std::uint16_t port, std::chrono::milliseconds quiet,
                        std::chrono::milliseconds limit);

// `hoyoctl --data-dir DATA verify` on a stopped directory; a fault unless it
// passes.
void verify_stopped(const std::string& hoyoctl, const std::string& data, Faults& faults);

// The first line of hoyod's log with a sanitizer report, or "" (under the
// asan and tsan presets; most runs end by SIGKILL, so the exit status says
// nothing).
std::string sanitizer_report(const std::string& log_path);

// Copies the ledger and hoyod's log to `dir` and says where they are.
std::string keep_evidence(Ledger& ledger, const std::string& ledger_path,
                          const std::string& log_path, const std::string& dir);

// A suite's command line: [--cycles N] [--seed S] [--threads T] [--keep DIR]
// and, where `ledger_flag`, [--ledger FILE] (write the ledger there, kept,
// instead of the temporary directory).
struct RunOptions {
  int cycles = 0;
  std::uint64_t seed = 0;  // a random one unless --seed
  int threads = 6;
  std::string keep;    // where a failing run's evidence goes
  std::string ledger;  // empty: the temporary directory
};

// Parses the arguments gtest left; on an unknown one prints the usage of
// `program` and returns nullopt.
std::optional<RunOptions> parse_run_options(int argc, char** argv, const char* program,
                                            RunOptions defaults, bool ledger_flag);

// What a suite holds around its load: a temporary directory, the ledger and
// the faults found, a real hoyod on a fresh data directory (demo data, the
// test clock, `hoyod_args` after them), and the scene set up through its API
// (world, staff, users) with the checker over it. Neither copied nor moved:
// the checker refers to its members.
class LoadRun {
 public:
  struct Binaries {
    std::string hoyod;
    std::string hoyoctl;
  };
  // `name` prefixes the lines it prints. Starts hoyod and sets the scene;
  // when either fails, `start_error()` says why.
  LoadRun(std::string name, const RunOptions& options, Binaries binaries,
          std::vector<std::string> hoyod_args = {});
  LoadRun(const LoadRun&) = delete;
  LoadRun& operator=(const LoadRun&) = delete;

  const std::string& start_error() const { return start_error_; }
  const std::string& data() const { return data_; }
  testing::HoyodProcess& hoyod() { return *hoyod_; }
  Ledger& ledger() { return ledger_; }
  Faults& faults() { return faults_; }
  Checker& checker() { return *checker_; }
  std::mt19937_64& rng() { return rng_; }
  const World& world() const { return world_; }
  const Staff& staff() const { return staff_; }
  std::vector<UserModel>& users() { return users_; }

  // With hoyod stopped: `hoyoctl verify` on its directory, then a new hoyod
  // on it. False (a fault added) when it did not start.
  bool verify_and_restart();
  // Moves the business clock on a day (next_waitlist_day, waitlist.h) with
  // the load stopped and every write settled (after check_all): logs the
  // staff and the users in again and takes the waitlist offers made and
  // lapsed into the users' models. A fault when it cannot.
  void move_clock_a_day(int cycle);
  // A fault list and the evidence kept, once, after faults in `cycle`.
  // True when there were faults (the suite ends its cycles).
  bool report_faults(int cycle);
  // Stops hoyod (it must end cleanly), looks for sanitizer reports in its
  // log, and fails the test, keeping the evidence, on any fault.
  void finish();

 private:
  void keep();

  std::string name_;
  RunOptions options_;
  Binaries binaries_;
  testing::TempDir dir_;
  std::string data_;
  std::string ledger_path_;
  Ledger ledger_;
  Faults faults_;
  std::mt19937_64 rng_;
  testing::HoyodOptions hoyod_options_;
  std::unique_ptr<testing::HoyodProcess> hoyod_;
  World world_;
  SetupOptions setup_;
  Staff staff_;
  std::vector<UserModel> users_;
  std::unique_ptr<Checker> checker_;
  std::string start_error_;
  bool kept_ = false;
};

}  // namespace hoyo::load
