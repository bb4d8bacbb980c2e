// A real hoyod process for the suites that test the daemon from outside
// (tests/hostile, tests/load): started on a data directory (its key file
// DATA_DIR.key beside it) with a configuration file, on a loopback port of
// its own choosing, with its stdout and stderr (the JSON log) appended to a
// file, never to a pipe the test would have to drain. Stopped with SIGTERM (a
// clean stop, which checkpoints the projections) or SIGKILL (a crash).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"

namespace hoyo::testing {

struct HoyodOptions {
  std::string binary;    // the hoyod to run (the suites pass HOYOD_BIN)
  std::string data_dir;  // created by hoyod when missing
  std::string config;    // written to LOG.json and passed as --config; empty: none
  std::string log;       // stdout and stderr are appended here
  // Further arguments; the suites run hoyod with --demo-data --test-clock.
  std::vector<std::string> args = {"--demo-data", "--test-clock"};
  std::chrono::seconds listen_timeout{30};
};

class HoyodProcess {
 public:
  // Starts hoyod with --listen 127.0.0.1:0 and waits until it logs
  // "listening" (the port it bound and its log's head are read from that
  // line). Throws std::runtime_error, with the log since the start, if it
  // ends or does not get there within options.listen_timeout.
  explicit HoyodProcess(HoyodOptions options);
  // Stops it if it still runs (SIGTERM, then SIGKILL after 10 s).
  ~HoyodProcess();
  HoyodProcess(const HoyodProcess&) = delete;
  HoyodProcess& operator=(const HoyodProcess&) = delete;

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return process_->pid(); }
  // The log position hoyod reported in its "listening" line.
  std::uint64_t start_position() const { return start_position_; }
  // True while the process runs (it has not exited or been killed).
  bool alive() { return process_->alive(); }
  // How it ended, e.g. "exited 70" or "killed by signal 11"; "" while alive.
  std::string exit_description() const { return process_->exit_description(); }
  // What it logged since this start, and the last `max_bytes` of it.
  std::string log_text() const { return process_->log_text(); }
  std::string stderr_tail(std::size_t max_bytes = 8192) const {
    return process_->log_tail(max_bytes);
  }
  // Stops it with SIGTERM and waits (SIGKILL after `wait`); true when it
  // exited with status 0.
  bool stop(std::chrono::milliseconds wait = std::chrono::seconds(10)) {
    return process_->stop(wait);
  }
  // A crash: SIGKILL, and reaps it. True when that signal is what ended it
  // (false when it had already ended of its own).
  bool kill9() { return process_->kill9(); }

 private:
  HoyodOptions options_;
  std::unique_ptr<ChildProcess> process_;
  std::uint16_t port_ = 0;
  std::uint64_t start_position_ = 0;
};

// Runs a program to its end with `input` (at most 64 KiB) on its stdin, then
// end of file; returns its exit status (-1 when it could not run or died of a
// signal) and its stdout and stderr together in `output`.
int run_program(const std::vector<std::string>& argv, std::string* output,
                const std::string& input = {});

// What a program run by run_program_with_input printed, and how it ended.
struct ProgramRun {
  int status = -1;  // the exit status; -1 when it could not run or died of a signal
  std::string out, err;
};

// Runs a program to its end with `input` on its stdin, keeping its stdout and
// stderr apart (for commands whose output is compared byte for byte).
ProgramRun run_program_with_input(const std::vector<std::string>& argv, const std::string& input);

}  // namespace hoyo::testing
