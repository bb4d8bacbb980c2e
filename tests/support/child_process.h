// A program the tests start and end themselves (hoyod, nats-server): its
// stdout and stderr appended to a log file, never to a pipe the test would
// have to drain; stopped with SIGTERM (a clean stop) or SIGKILL (a crash),
// paused with SIGSTOP and resumed with SIGCONT. Safe to use from several
// threads at once (a test's clients ask alive() while it kills the process):
// it is reaped once, and never signalled once reaped (its pid may be reused).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace hoyo::testing {

class ChildProcess {
 public:
  // Starts argv[0] with `argv`, stdin from /dev/null, stdout and stderr
  // appended to `log`. The child gets SIGKILL when the thread that started it
  // ends (a crashed test leaves no server behind): start it from a thread
  // that outlives it. Throws std::runtime_error when the log cannot be
  // opened or fork fails (a failed exec shows as "exited 127").
  ChildProcess(std::vector<std::string> argv, std::string log);
  // Stops it if it still runs (SIGTERM, then SIGKILL after 10 s).
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const;
  // True while the process runs (it has not exited or been killed). A
  // stopped (SIGSTOP) process is alive.
  bool alive();
  // How it ended, e.g. "exited 70" or "killed by signal 11"; "" while alive.
  std::string exit_description() const;
  // What it logged since this start, and the last `max_bytes` of it.
  std::string log_text() const;
  std::string log_tail(std::size_t max_bytes = 8192) const;
  // Stops it with SIGTERM and waits (SIGKILL after `wait`); true when it
  // exited with status 0. A paused process is resumed first.
  bool stop(std::chrono::milliseconds wait = std::chrono::seconds(10));
  // A crash: SIGKILL, and reaps it. True when that signal is what ended it
  // (false when it had already ended of its own).
  bool kill9();
  // SIGSTOP and SIGCONT: the process freezes (its sockets stay open, nothing
  // answers) and thaws. False when it no longer runs.
  bool pause();
  bool resume();

 private:
  void reap(int status);  // mu_ held
  bool alive_locked();    // mu_ held

  std::string log_;
  std::uint64_t log_offset_ = 0;  // where this start's log begins
  mutable std::mutex mu_;
  pid_t pid_ = -1;    // guarded by mu_
  std::string exit_;  // guarded by mu_
};

}  // namespace hoyo::testing
