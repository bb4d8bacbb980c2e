// A real hoyod for the load tests: started on a data directory (its key file
// DATA_DIR.key beside it), on a port of its own choosing, with its stderr
// appended to a log file; stopped with SIGKILL (a crash) or SIGTERM (a clean
// stop, which writes the projections' checkpoints).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace hoyo::load {

struct HoyodOptions {
  std::string binary;    // build/.../daemon/hoyod
  std::string data_dir;  // the key file is DATA_DIR.key
  std::string config;    // a JSON settings file, or empty
  std::string log;       // stderr is appended here
  bool demo_data = false;
  int threads = 2;
};

class Hoyod {
 public:
  // Starts hoyod and waits (at most 60 s) for its "listening" line. Null,
  // with the reason in `error`, when it does not come up.
  static std::unique_ptr<Hoyod> start(const HoyodOptions& options, std::string* error);
  ~Hoyod();  // SIGKILL if still running

  std::uint16_t port() const { return port_; }
  pid_t pid() const { return pid_; }
  // The log position hoyod reported when it began listening.
  std::uint64_t start_position() const { return start_position_; }
  // SIGKILL, then reaps it. True when it died of that signal (not earlier).
  bool kill9();
  // SIGTERM, then reaps it (SIGKILL after 30 s). True on a clean exit 0.
  bool terminate();
  // False once it has exited (reaped here).
  bool running();
  // How it ended, as text, once reaped.
  std::string end_status() const;

 private:
  Hoyod() = default;
  bool reap(int options);
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::uint64_t start_position_ = 0;
  int status_ = 0;
  bool reaped_ = false;
};

// Runs a program to its end; returns its exit status (-1 when it did not run
// or died of a signal) and its stdout and stderr together in `output`.
int run_program(const std::vector<std::string>& argv, std::string* output);

}  // namespace hoyo::load
