#include "tools/progress.h"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace hoyo::tools {

Progress::Progress(std::string what, std::ostream& out, bool terminal)
    : what_(std::move(what)), out_(out), terminal_(terminal) {}

Progress::Progress(std::string what)
    : Progress(std::move(what), std::cerr, isatty(STDERR_FILENO)) {}

std::string Progress::line(const std::string& what, std::uint64_t done, std::uint64_t total,
                           double seconds) {
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  char buf[200];
  if (total == 0) {
    std::snprintf(buf, sizeof buf, "%s: %llu events, %.0f events/s", what.c_str(),
                  static_cast<unsigned long long>(done), rate);
  } else {
    const double eta = rate > 0 && total > done ? static_cast<double>(total - done) / rate : 0;
    std::snprintf(buf, sizeof buf, "%s: %llu/%llu events, %.0f events/s, ETA %.0f s", what.c_str(),
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                  rate, eta);
  }
  return buf;
}

void Progress::update(std::uint64_t done, std::uint64_t total) {
  done_ = done;
  total_ = total;
  any_ = true;
  written_ = false;
  const auto now = Clock::now();
  const double seconds = std::chrono::duration<double>(now - start_).count();
  if (terminal_) {
    constexpr int kWidth = 30;
    const int filled =
        total > 0
            ? static_cast<int>(kWidth * static_cast<double>(done) / static_cast<double>(total))
            : 0;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    out_ << "\r[" << bar << "] " << line(what_, done, total, seconds) << "   " << std::flush;
    written_ = true;
  } else if (now - last_ >= std::chrono::seconds(1)) {
    out_ << line(what_, done, total, seconds) << "\n" << std::flush;
    last_ = now;
    written_ = true;
  }
}

void Progress::finish() {
  if (!any_) return;
  if (terminal_) {
    out_ << "\n" << std::flush;
  } else if (!written_) {
    const double seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    out_ << line(what_, done_, total_, seconds) << "\n" << std::flush;
  }
  any_ = false;
}

}  // namespace hoyo::tools
