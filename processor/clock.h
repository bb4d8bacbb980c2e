// Where "now" comes from. Every rule reads the clock through this interface:
// the system clock in production, a settable one in tests and demos.
#pragma once

#include <atomic>

#include "domain/civil_time.h"

namespace hoyo::processor {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual domain::Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  domain::Instant now() const override;
};

// A frozen clock that changes only when set. Thread-safe.
class SettableClock final : public Clock {
 public:
  explicit SettableClock(domain::Instant start) : now_(start) {}
  domain::Instant now() const override { return now_.load(); }
  // Moves the clock to `t`; false (and no change) if `t` is in its past.
  bool set(domain::Instant t);
  void advance(domain::Instant by) { now_.fetch_add(by); }
  // Puts the clock at `t` even if that is in its past: for restoring a saved
  // value when a server starts, before anything reads it.
  void restore(domain::Instant t) { now_.store(t); }

 private:
  std::atomic<domain::Instant> now_;
};

}  // namespace hoyo::processor
