// Hoyo's one error vocabulary: an Error is a stable code (the API's problem
// `code`), a message id and typed arguments; a Status is ok or an Error; a
// Result<T> is a T or an Error. Every layer returns these. Messages are never
// free text: the text of each id, in Japanese and English, lives in the
// catalogue (base/catalog.cc), which renders an id with its arguments.
//
// Access is checked: value() of a failed Result, or error() of an ok one, is
// a contract violation that logs and aborts, in every build type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace hoyo::base {

// Why something failed. The names (error_code_name) are the API's problem
// codes and must never change; see docs/http.md for the HTTP status of each.
enum class ErrorCode {
  kValidation,              // the request breaks a rule about its own fields (see `fields`)
  kNoVacancy,               // no room of a fitting style is free on every night
  kWindowClosed,            // outside the booking, change or cancellation window
  kLimitReached,            // the user holds the most upcoming reservations allowed
  kNotFound,                // no such thing
  kForbidden,               // the actor may not act on this
  kConflict,                // the state forbids it now (e.g. closing a booked date)
  kOtherFacility,           // the user already applied to another facility in this lottery
  kWindowOpen,              // the lottery cannot be drawn while its window is open
  kSeedMismatch,            // the revealed secret does not hash to the commitment
  kFailed,                  // the service cannot do it (a store failed); retry later
  kUnauthorized,            // bad credentials (the same answer whatever was wrong)
  kRateLimited,             // too many attempts or too much work in flight; retry later
  kGone,                    // a used or expired reset token
  kPasswordChangeRequired,  // the initial password opens only the password change
  kPayloadTooLarge,         // an upload over its limit
  kUnsupportedMediaType,    // an upload that is not a JPEG or PNG image
  kSecondFactorRequired,    // a staff login's password was right; its TOTP code is missing
  kNotOpen,                 // the lottery's window has not opened (time or commitments)
  kRevealMissing,           // the lottery cannot be drawn before the auditor reveals
  kMalformed,               // the request's body cannot be read (not JSON, say)
  kUnavailable,             // writes are refused for now (the disk is full, or the store
                            // went read-only after an I/O error); reads still work
  kSuspended,               // the user is suspended (利用停止) until a date (arg `until`)
  kNotEnabled,              // the facility does not offer it (a cancellation waitlist)
  // The event store's own failures (the HTTP layer answers them as `failed`,
  // except where a route maps one itself).
  kWrongExpectedVersion,  // the stream's version is not the one the caller expected
  kIdempotencyConflict,   // an event id seen before, with different content
  kInvalidArgument,       // the request to the store itself is malformed
  kCorruption,            // stored bytes fail to decode or to verify
  kIoError,               // RocksDB or the file system failed
  kClosed,                // the store is shutting down
  // Cluster mode (cluster/): another writer took over the replicated log, so
  // this one may no longer append (its callers retry with their keys).
  kFenced,
};

// "validation", "no_vacancy", ..., "io_error": stable, for the API and logs.
const char* error_code_name(ErrorCode code);

// Every message any layer can show, by id. The list is base/message_ids.def;
// the catalogue must give each one Japanese and English text.
enum class MessageId : std::uint16_t {
#define HOYO_MESSAGE(id) id,
#include "base/message_ids.def"
#undef HOYO_MESSAGE
};

inline constexpr std::size_t kMessageIdCount = 0
#define HOYO_MESSAGE(id) +1
#include "base/message_ids.def"
#undef HOYO_MESSAGE
    ;

// "kNoRoomFree": the id's name, for logs and tests.
const char* message_id_name(MessageId id);
std::ostream& operator<<(std::ostream& out, MessageId id);

// A calendar day as an argument (rendered YYYY-MM-DD in both languages).
struct Day {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
  std::string to_string() const;
  bool operator==(const Day&) const = default;
};

// A message's typed arguments: the catalogue's text names them as {name}.
// An argument the text does not name is kept for logs only (a cause, say).
using ArgValue = std::variant<std::int64_t, std::string, Day>;
struct Arg {
  const char* name;
  ArgValue value;
};
using Args = std::vector<Arg>;

// The argument's text as rendered ("" when absent).
std::string arg_text(const Args& args, std::string_view name);

// A field the request got wrong, for kValidation.
struct FieldError {
  std::string field;
  std::string code;  // e.g. "required", "out_of_range", "not_allowed"
  MessageId message;
  Args args;
};

// Why something failed. Built only from a MessageId, never from text.
struct Error {
  Error(ErrorCode code, MessageId message, Args args = {})
      : code(code), message(message), args(std::move(args)) {}
  // A kValidation error about one field; the whole error has the field's message.
  static Error validation(std::string field, std::string field_code, MessageId message,
                          Args args = {});
  // A kValidation error with a summary message and the fields' own.
  static Error invalid_fields(std::vector<FieldError> fields);

  ErrorCode code;
  MessageId message;
  Args args;
  std::vector<FieldError> fields;  // for kValidation
  int retry_after_seconds = 0;     // for kRateLimited, when known

  // "not_found kNoReservation(number=R-1)": for logs and test failures.
  std::string to_string() const;
};
std::ostream& operator<<(std::ostream& out, const Error& e);

// Logs the violation (and the error, when there is one) and aborts.
[[noreturn]] void contract_violation(const char* what, const Error* error = nullptr);

// Ok, or the Error saying why not.
class [[nodiscard]] Status {
 public:
  Status() = default;                                        // ok
  Status(Error error) : error_(std::move(error)) {}          // NOLINT: implicit
  Status(ErrorCode code, MessageId message, Args args = {})  // NOLINT: implicit
      : error_(Error(code, message, std::move(args))) {}

  bool ok() const { return !error_.has_value(); }
  const Error& error() const& {
    if (!error_) contract_violation("error() of an ok Status");
    return *error_;
  }
  Error&& error() && {
    if (!error_) contract_violation("error() of an ok Status");
    return std::move(*error_);
  }
  ErrorCode code() const { return error().code; }
  // True when failed with `c`.
  bool is(ErrorCode c) const { return error_ && error_->code == c; }
  std::string to_string() const { return error_ ? error_->to_string() : "ok"; }

 private:
  std::optional<Error> error_;
};

inline Status ok_status() { return {}; }

// A value, or the Error saying why there is none.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}      // NOLINT: implicit
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT: implicit
  // From a failed Status; an ok one has no value to give (a contract violation).
  Result(Status status)  // NOLINT: implicit
      : v_(std::in_place_index<1>, std::move(checked_failure(status)).error()) {}

  bool ok() const { return v_.index() == 0; }
  const Error& error() const {
    if (ok()) contract_violation("error() of an ok Result");
    return std::get<1>(v_);
  }
  ErrorCode code() const { return error().code; }
  bool is(ErrorCode c) const { return !ok() && std::get<1>(v_).code == c; }
  // Ok, or the error: for passing a failure on.
  Status status() const { return ok() ? Status() : Status(std::get<1>(v_)); }

  T& value() & { return get(); }
  const T& value() const& { return get(); }
  T&& value() && { return std::move(get()); }
  T& operator*() & { return get(); }
  const T& operator*() const& { return get(); }
  T&& operator*() && { return std::move(get()); }
  T* operator->() { return &get(); }
  const T* operator->() const { return &get(); }

 private:
  static Status& checked_failure(Status& s) {
    if (s.ok()) contract_violation("a Result made from an ok Status");
    return s;
  }
  T& get() {
    if (!ok()) contract_violation("value() of a failed Result", &std::get<1>(v_));
    return std::get<0>(v_);
  }
  const T& get() const {
    if (!ok()) contract_violation("value() of a failed Result", &std::get<1>(v_));
    return std::get<0>(v_);
  }

  std::variant<T, Error> v_;
};

}  // namespace hoyo::base
