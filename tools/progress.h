// Progress of long work (rebuild, verify, export): on a terminal a bar that
// redraws itself with events/s and the time left; otherwise plain lines, at
// most one a second and always the last, for logs and cron mail.
#pragma once

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>

namespace hoyo::tools {

class Progress {
 public:
  // Reports `what` ("verify", "rebuild") to `out`; `terminal` picks the bar.
  Progress(std::string what, std::ostream& out, bool terminal);
  // To stderr, as a bar when stderr is a terminal.
  explicit Progress(std::string what);

  // `done` of `total` events (total 0 when unknown).
  void update(std::uint64_t done, std::uint64_t total);
  // The last line: the bar's final state and a newline, or the last plain line
  // if it was not written yet.
  void finish();

  // The text of one report, without a bar: "verify: 4096/10000 events,
  // 2048 events/s, ETA 3 s". Exposed for tests.
  static std::string line(const std::string& what, std::uint64_t done, std::uint64_t total,
                          double seconds);

 private:
  using Clock = std::chrono::steady_clock;
  std::string what_;
  std::ostream& out_;
  bool terminal_;
  Clock::time_point start_ = Clock::now();
  Clock::time_point last_ = start_;
  std::uint64_t done_ = 0, total_ = 0;
  bool written_ = false;  // the current state is on screen (or in a line)
  bool any_ = false;      // update() was called
};

}  // namespace hoyo::tools
