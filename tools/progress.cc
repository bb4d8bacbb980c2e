#include "tools/progress.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace hoyo::tools {

Progress::Progress(std::string what, Unit unit)
    : Progress(std::move(what), unit, std::cerr, isatty(STDERR_FILENO) != 0,
               [] { return std::chrono::steady_clock::now(); }) {}

Progress::Progress(std::string what, Unit unit, bool plain_lines)
    : Progress(std::move(what), unit) {
  shown_ = terminal_ || plain_lines;
}

Progress::Progress(std::string what, Unit unit, std::ostream& out, bool terminal, Clock clock)
    : what_(std::move(what)),
      unit_(unit),
      out_(out),
      terminal_(terminal),
      clock_(std::move(clock)),
      start_(clock_()),
      last_(start_) {}

std::string Progress::amount(std::uint64_t n, Unit unit) {
  char buf[64];
  if (unit == Unit::kBytes) {
    const double x = static_cast<double>(n);
    if (n < 1024) {
      std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(n));
    } else if (n < (1ull << 20)) {
      std::snprintf(buf, sizeof buf, "%.1f KiB", x / 1024);
    } else if (n < (1ull << 30)) {
      std::snprintf(buf, sizeof buf, "%.1f MiB", x / (1 << 20));
    } else {
      std::snprintf(buf, sizeof buf, "%.2f GiB", x / (1 << 30));
    }
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%llu %s", static_cast<unsigned long long>(n),
                unit == Unit::kEvents ? "events" : "files");
  return buf;
}

std::string Progress::line(bool bar) const {
  const double seconds = std::chrono::duration<double>(clock_() - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
  std::string s = what_ + ": ";
  if (bar && total_ > 0) {
    constexpr int kWidth = 24;
    const int filled = static_cast<int>(static_cast<double>(kWidth) * static_cast<double>(done_) /
                                        static_cast<double>(total_));
    s += "[" + std::string(static_cast<std::size_t>(filled), '#') +
         std::string(static_cast<std::size_t>(kWidth - filled), '.') + "] ";
  }
  s += amount(done_, unit_);
  char buf[96];
  if (total_ > 0) {
    std::snprintf(buf, sizeof buf, " of %s (%.0f%%)", amount(total_, unit_).c_str(),
                  100.0 * static_cast<double>(done_) / static_cast<double>(total_));
    s += buf;
  }
  s += ", " + amount(static_cast<std::uint64_t>(rate), unit_) + "/s";
  if (total_ > done_ && rate > 0) {
    std::snprintf(buf, sizeof buf, ", ETA %.0f s", static_cast<double>(total_ - done_) / rate);
    s += buf;
  }
  return s;
}

void Progress::update(std::uint64_t done, std::uint64_t total) {
  done_ = done;
  total_ = total;
  any_ = true;
  current_ = false;
  if (!shown_) return;
  const auto now = clock_();
  if (terminal_) {
    if (written_ && now - last_ < std::chrono::milliseconds(100) && done != total) return;
    out_ << "\r" << line(true) << "\x1b[K" << std::flush;
  } else {
    if (now - last_ < std::chrono::seconds(1)) return;
    out_ << line(false) << "\n" << std::flush;
  }
  last_ = now;
  written_ = true;
  current_ = true;
}

void Progress::finish() {
  if (finished_ || !any_ || !shown_) return;
  finished_ = true;
  if (terminal_) {
    out_ << "\r" << line(true) << "\x1b[K\n" << std::flush;
  } else if (!current_) {
    out_ << line(false) << "\n" << std::flush;
  }
}

}  // namespace hoyo::tools
