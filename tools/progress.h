// Progress of long work (backup, restore; verify, rebuild and export may use
// it too) on stderr: on a terminal one line redrawn in place, with a bar,
// done of total, the rate and the time left; otherwise a plain line at most
// once a second and one at the end, for logs and scripts.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <string>

namespace hoyo::tools {

class Progress {
 public:
  enum class Unit { kBytes, kEvents, kFiles };
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  // `what` starts each line ("backup", "restore"). `terminal` chooses the
  // form; by default, whether stderr is a terminal. `clock` is for tests.
  explicit Progress(std::string what, Unit unit = Unit::kBytes);
  Progress(std::string what, Unit unit, std::ostream& out, bool terminal, Clock clock);

  // Reports `done` of `total` (total 0: unknown).
  void update(std::uint64_t done, std::uint64_t total);
  // Writes the last state (and ends the terminal's line). Once.
  void finish();

  // "12.3 MiB", "1,234 events": a quantity in this unit.
  static std::string amount(std::uint64_t n, Unit unit);

 private:
  std::string line(bool bar) const;
  std::string what_;
  Unit unit_;
  std::ostream& out_;
  bool terminal_;
  Clock clock_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool written_ = false;
  bool finished_ = false;
  std::uint64_t done_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace hoyo::tools
