// Domain errors as values. Every rejection carries a stable machine code that
// the HTTP layer maps to a status in exactly one place.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hoyo::domain {

enum class ErrorCode {
  kValidation,              // the command breaks a rule about its own fields (see `fields`)
  kNoVacancy,               // no room of a fitting style is free on every night
  kWindowClosed,            // outside the booking, change or cancellation window
  kLimitReached,            // the user holds the most upcoming reservations allowed
  kNotFound,                // no such facility or reservation
  kForbidden,               // the actor may not act on this
  kConflict,                // the state forbids it now (e.g. closing a booked date)
  kOtherFacility,           // the user already applied to another facility in this lottery
  kWindowOpen,              // the lottery cannot be drawn while its window is open
  kSeedMismatch,            // the revealed secret does not hash to the commitment
  kFailed,                  // the service cannot decide (store failed); retry later
  kUnauthorized,            // bad credentials (the same answer whatever was wrong)
  kRateLimited,             // too many attempts or too much work in flight; retry later
  kGone,                    // a used or expired reset token
  kPasswordChangeRequired,  // the initial password opens only the password change
  kPayloadTooLarge,         // an upload over its limit
  kUnsupportedMediaType,    // an upload that is not a JPEG or PNG image
  kSecondFactorRequired,    // a staff login's password was right; its TOTP code is missing
  kNotOpen,                 // the lottery's window has not opened (time or commitments)
  kRevealMissing,           // the lottery cannot be drawn before the auditor reveals
};

// "validation", "no_vacancy", ... as in docs/api.md.
const char* error_code_name(ErrorCode code);

struct FieldError {
  std::string field;
  std::string code;  // e.g. "required", "out_of_range", "not_allowed"
  std::string message;
};

struct DomainError {
  ErrorCode code;
  std::string message;
  std::vector<FieldError> fields;  // for kValidation
  int retry_after_seconds = 0;     // for kRateLimited, when known

  static DomainError validation(std::string field, std::string code, std::string message) {
    return {ErrorCode::kValidation, message, {{std::move(field), std::move(code), message}}};
  }
};

// A value or the DomainError saying why there is none.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}            // NOLINT: implicit by design
  Result(DomainError error) : error_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return value_.has_value(); }
  const DomainError& error() const { return *error_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  std::optional<DomainError> error_;
};

}  // namespace hoyo::domain
