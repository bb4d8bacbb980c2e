// A real hoyod for the hostile-client suite: started over a fresh data
// directory with --demo-data --test-clock on a free loopback port and a
// configuration file of short timeouts, stopped with SIGTERM at the end.
// Its stderr (the JSON request log) goes to a file, never to a pipe the test
// would have to drain while it attacks.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <string>

#include "temp_dir.h"

namespace hoyo::hostile {

// The configuration the suite runs hoyod with unless a test says otherwise:
// timeouts of a few seconds, so that slow clients are cut within the test,
// and /metrics served with the token kMetricsToken.
std::string default_config_json();
inline constexpr const char* kMetricsToken = "hostile-metrics";

class HoyodProcess {
 public:
  // Starts build/release/daemon/hoyod (HOYOD_BIN) with `config_json` as its
  // --config file and waits until it logs "listening" (port 0: the port it
  // bound is read from that line). Throws std::runtime_error, with hoyod's
  // stderr, if it does not get there within 30 s.
  explicit HoyodProcess(const std::string& config_json = default_config_json());
  // Stops it (SIGTERM, then SIGKILL after 10 s).
  ~HoyodProcess();
  HoyodProcess(const HoyodProcess&) = delete;
  HoyodProcess& operator=(const HoyodProcess&) = delete;

  std::uint16_t port() const { return port_; }
  // True while the process runs (it has not exited or been killed).
  bool alive();
  // How it ended, e.g. "exited 70" or "killed by signal 11"; "" while alive.
  const std::string& exit_description() const { return exit_; }
  // The last `max_bytes` of its stderr.
  std::string stderr_tail(std::size_t max_bytes = 8192) const;
  // Stops it with SIGTERM and waits; true when it exited with status 0.
  bool stop();

 private:
  void reap(int status);

  testing::TempDir dir_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string exit_;
};

}  // namespace hoyo::hostile
