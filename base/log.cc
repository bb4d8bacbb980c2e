#include "base/log.h"

#include <unistd.h>

#include <atomic>
#include <cstdio>

namespace hoyo::base {

std::string json_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 8);
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
          out += buf;
        } else {
          out += c;
        }
    }
  }
  return out;
}

namespace {
std::atomic<bool> g_info_lines{true};
}  // namespace

void set_info_lines(bool on) { g_info_lines.store(on); }

void log_line(std::string_view level, std::string_view msg,
              std::initializer_list<LogField> fields) {
  if (level == "info" && !g_info_lines.load(std::memory_order_relaxed)) return;
  std::string line = "{\"level\":\"";
  line += json_escape(level);
  line += "\",\"msg\":\"";
  line += json_escape(msg);
  line += '"';
  for (const auto& [name, value] : fields) {
    line += ",\"";
    line += json_escape(name);
    line += "\":\"";
    line += json_escape(value);
    line += '"';
  }
  line += "}\n";
  // One write: a line is never split by another thread's.
  std::size_t off = 0;
  while (off < line.size()) {
    const ssize_t n = ::write(STDERR_FILENO, line.data() + off, line.size() - off);
    if (n <= 0) return;
    off += static_cast<std::size_t>(n);
  }
}

}  // namespace hoyo::base
