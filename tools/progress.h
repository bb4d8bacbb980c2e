// Progress of long work (verify, rebuild, export, backup, restore) on stderr:
// on a terminal one line redrawn in place, with a bar, done of total, the
// rate and the time left; otherwise a plain line at most once a second and
// the last state at the end (unless that line is already written), for logs,
// scripts and cron mail.
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

  // `what` starts each line ("verify", "backup"); `unit` is what is counted.
  // To stderr, redrawn in place when stderr is a terminal.
  Progress(std::string what, Unit unit);
  // The same on a terminal; when stderr is not one, the plain lines only if
  // `plain_lines` (backup's and restore's --progress), else nothing at all.
  Progress(std::string what, Unit unit, bool plain_lines);
  // The same to `out`; `terminal` chooses the form, `clock` is for tests.
  Progress(std::string what, Unit unit, std::ostream& out, bool terminal, Clock clock);

  // Reports `done` of `total` (total 0: unknown).
  void update(std::uint64_t done, std::uint64_t total);
  // Writes the last state if it is not on screen yet (and ends the
  // terminal's line). Once; nothing when update() was never called.
  void finish();

  // "12.3 MiB", "1234 events": a quantity in this unit.
  static std::string amount(std::uint64_t n, Unit unit);

  // Whether anything is written: a terminal, or plain lines asked for.
  bool shown() const { return shown_; }

 private:
  std::string line(bool bar) const;
  std::string what_;
  Unit unit_;
  std::ostream& out_;
  bool terminal_;
  bool shown_ = true;
  Clock clock_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
  bool any_ = false;      // update() was called
  bool written_ = false;  // something was written
  bool current_ = false;  // the last state is what was written
  bool finished_ = false;
  std::uint64_t done_ = 0;
  std::uint64_t total_ = 0;
};

}  // namespace hoyo::tools
