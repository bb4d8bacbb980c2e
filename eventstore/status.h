// Error values of the event store. The store never throws across its API.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace hoyo::eventstore {

enum class StatusCode {
  kOk = 0,
  kWrongExpectedVersion,  // the stream's version is not the one the caller expected
  kIdempotencyConflict,   // an event id seen before, with different content
  kInvalidArgument,       // the request itself is malformed
  kNotFound,
  kCorruption,  // stored bytes fail to decode or to verify
  kIoError,     // RocksDB or the file system failed
  kFailed,      // an earlier I/O error made the store read-only until reopened
  kClosed,      // the store is shutting down
};

// The stable name of a code ("wrong_expected_version", ...), for logs and tests.
const char* status_code_name(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}
  static Status ok() { return {}; }

  bool is_ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string to_string() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

// A value or the Status saying why there is none.
template <class T>
class [[nodiscard]] StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

  bool is_ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace hoyo::eventstore
