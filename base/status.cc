#include "base/status.h"

#include <cstdio>
#include <cstdlib>
#include <ostream>

#include "base/log.h"

namespace hoyo::base {

const char* error_code_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kValidation:
      return "validation";
    case ErrorCode::kNoVacancy:
      return "no_vacancy";
    case ErrorCode::kWindowClosed:
      return "window_closed";
    case ErrorCode::kLimitReached:
      return "limit_reached";
    case ErrorCode::kNotFound:
      return "not_found";
    case ErrorCode::kForbidden:
      return "forbidden";
    case ErrorCode::kConflict:
      return "conflict";
    case ErrorCode::kOtherFacility:
      return "other_facility";
    case ErrorCode::kWindowOpen:
      return "window_open";
    case ErrorCode::kSeedMismatch:
      return "seed_mismatch";
    case ErrorCode::kFailed:
      return "failed";
    case ErrorCode::kUnauthorized:
      return "unauthorized";
    case ErrorCode::kRateLimited:
      return "rate_limited";
    case ErrorCode::kGone:
      return "gone";
    case ErrorCode::kPasswordChangeRequired:
      return "password_change_required";
    case ErrorCode::kPayloadTooLarge:
      return "payload_too_large";
    case ErrorCode::kUnsupportedMediaType:
      return "unsupported_media_type";
    case ErrorCode::kSecondFactorRequired:
      return "totp_required";
    case ErrorCode::kNotOpen:
      return "not_open";
    case ErrorCode::kRevealMissing:
      return "reveal_missing";
    case ErrorCode::kMalformed:
      return "malformed";
    case ErrorCode::kUnavailable:
      return "unavailable";
    case ErrorCode::kSuspended:
      return "suspended";
    case ErrorCode::kNotEnabled:
      return "not_enabled";
    case ErrorCode::kWrongExpectedVersion:
      return "wrong_expected_version";
    case ErrorCode::kIdempotencyConflict:
      return "idempotency_conflict";
    case ErrorCode::kInvalidArgument:
      return "invalid_argument";
    case ErrorCode::kCorruption:
      return "corruption";
    case ErrorCode::kIoError:
      return "io_error";
    case ErrorCode::kClosed:
      return "closed";
    case ErrorCode::kFenced:
      return "fenced";
  }
  return "failed";
}

const char* message_id_name(MessageId id) {
  static constexpr const char* kNames[] = {
#define HOYO_MESSAGE(id) #id,
#include "base/message_ids.def"
#undef HOYO_MESSAGE
  };
  const auto i = static_cast<std::size_t>(id);
  return i < kMessageIdCount ? kNames[i] : "kUnknownMessage";
}

std::ostream& operator<<(std::ostream& out, MessageId id) { return out << message_id_name(id); }

std::string Day::to_string() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, month, day);
  return buf;
}

std::string arg_text(const Args& args, std::string_view name) {
  for (const Arg& a : args) {
    if (name != a.name) continue;
    if (const auto* i = std::get_if<std::int64_t>(&a.value)) return std::to_string(*i);
    if (const auto* s = std::get_if<std::string>(&a.value)) return *s;
    return std::get<Day>(a.value).to_string();
  }
  return {};
}

Error Error::validation(std::string field, std::string field_code, MessageId message, Args args) {
  Error e{ErrorCode::kValidation, message, args};
  e.fields.push_back({std::move(field), std::move(field_code), message, std::move(args)});
  return e;
}

Error Error::invalid_fields(std::vector<FieldError> fields) {
  Error e{ErrorCode::kValidation, MessageId::kInvalidInput};
  e.fields = std::move(fields);
  return e;
}

namespace {

void append_args(std::string& out, const Args& args) {
  if (args.empty()) return;
  out += '(';
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i) out += ", ";
    out += args[i].name;
    out += '=';
    out += arg_text(args, args[i].name);
  }
  out += ')';
}

}  // namespace

std::string Error::to_string() const {
  std::string out = error_code_name(code);
  out += ' ';
  out += message_id_name(message);
  append_args(out, args);
  for (const FieldError& f : fields) {
    out += " [" + f.field + ' ' + f.code + ' ' + message_id_name(f.message);
    append_args(out, f.args);
    out += ']';
  }
  return out;
}

std::ostream& operator<<(std::ostream& out, const Error& e) { return out << e.to_string(); }

void contract_violation(const char* what, const Error* error) {
  const std::string detail = error ? error->to_string() : std::string();
  log_line("fatal", "contract violation", {{"what", what}, {"error", detail}});
  std::abort();
}

}  // namespace hoyo::base
