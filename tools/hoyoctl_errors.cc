#include "tools/hoyoctl_errors.h"

#include "base/catalog.h"

namespace hoyo::tools {
namespace {

bool g_japanese = false;

bool is_system_failure(base::ErrorCode c) {
  switch (c) {
    case base::ErrorCode::kFailed:
    case base::ErrorCode::kWrongExpectedVersion:
    case base::ErrorCode::kIdempotencyConflict:
    case base::ErrorCode::kInvalidArgument:
    case base::ErrorCode::kCorruption:
    case base::ErrorCode::kIoError:
    case base::ErrorCode::kClosed:
    case base::ErrorCode::kFenced:
      return true;
    default:
      return false;
  }
}

}  // namespace

void set_japanese(bool japanese) { g_japanese = japanese; }
bool japanese() { return g_japanese; }

std::string error_line(const base::Error& e) {
  std::string line = "hoyoctl: " + base::render(e, !g_japanese);
  // A validation error's summary, then what each field got wrong.
  for (const base::FieldError& f : e.fields) {
    if (f.message != e.message) line += " " + base::render(f.message, f.args, !g_japanese);
  }
  if (is_system_failure(e.code)) line += " [" + e.to_string() + "]";
  return line;
}

}  // namespace hoyo::tools
