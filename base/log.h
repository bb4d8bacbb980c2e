// One JSON object per line on standard error: what hoyod and the tools log.
// Lines are written whole (one write per line), so lines from several threads
// never interleave.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace hoyo::base {

// A field of a log line: a name and a text value (written as a JSON string).
using LogField = std::pair<std::string_view, std::string_view>;

// Writes {"level":LEVEL,"msg":MSG,NAME:VALUE,...} and a newline to stderr.
void log_line(std::string_view level, std::string_view msg,
              std::initializer_list<LogField> fields = {});

// Whether lines of level "info" are written (by default they are). The
// command-line tools turn them off: their own output is the answer, and a
// warning or an error still shows.
void set_info_lines(bool on);

// `text` as the inside of a JSON string (quotes, backslashes and control
// characters escaped; bytes of UTF-8 kept as they are).
std::string json_escape(std::string_view text);

}  // namespace hoyo::base
