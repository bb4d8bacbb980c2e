// A child process for the HTTP benchmarks (hoyod, nginx, a Node.js server):
// started with its stderr in a file, optionally pinned to one CPU, its CPU
// time read from /proc, stopped with SIGTERM when destroyed (and killed by
// the kernel if hoyo-bench itself dies first).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace hoyo::bench {

class Process {
 public:
  // Runs argv[0] (a path) with `argv`; `cpu` >= 0 pins it to that CPU.
  // Returns null (and says why in `error`) when it cannot start.
  static std::unique_ptr<Process> start(const std::vector<std::string>& argv, int cpu,
                                        const std::string& log_path, std::string* error);
  ~Process();  // SIGTERM, then waits (SIGKILL after 10 s)

  pid_t pid() const { return pid_; }
  // User plus system CPU seconds of the process and all its threads so far.
  double cpu_seconds() const;
  // Waits until the log contains `text`; returns the log (or "" on timeout or exit).
  std::string wait_for_log(const std::string& text, std::chrono::seconds timeout) const;
  bool running() const;
  // SIGKILL (a crash, for failover measurements), then reaps it.
  void kill9();

 private:
  pid_t pid_ = -1;
  std::string log_path_;
};

// Raises this process's open-file limit (children inherit it) to `n` or the
// hard limit; returns the limit now in force.
long raise_file_limit(long n);
// Pins the calling thread to `cpu`.
void pin_thread(int cpu);
// The directory of this executable (to find hoyod beside it in the build tree).
std::string executable_dir();
// A loopback port nothing listens on now (for a peer server to take).
int free_port();
// A path to `tool` on PATH, or "".
std::string which(const std::string& tool);

}  // namespace hoyo::bench
