// What the suites that drive a real hoyod under HTTP load share around the
// load itself (crash_load_test: kill -9; disk_fault_load_test: a full disk,
// failing writes and syncs): hoyod's configuration, the checks after a
// restart or a recovery, `hoyoctl verify` on the stopped directory, the
// evidence kept from a failing run, and the sanitizer scan of hoyod's log.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>
#include <string>

#include "checks.h"
#include "ledger.h"
#include "model.h"

namespace hoyo::load {

// Two HTTP threads as the hostile suite; logins and password hashing cheap
// (every client comes from 127.0.0.1, and the set-up logs in ~50 times);
// snapshots and checkpoints every 40 events or second, so that kills and
// disk faults strike them mid-write and each restart starts from one.
std::string hoyod_config_json();

// The first `max` faults, one a line.
std::string list_faults(const Faults& faults, std::size_t max = 30);

// Every check of checks.h, in order, against the hoyod on `port`; after a
// restart or a recovery, with the load stopped.
void check_all(Checker& checker, std::uint16_t port, int cycle, std::mt19937_64& rng);

// Waits (at most `limit`) until the log's head has not moved for `quiet`:
// hoyod's own background writers (mail delivery retrying what a fault or a
// crash interrupted) have caught up, so that the projections compare at one
// position. True when it got quiet.
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

}  // namespace hoyo::load
