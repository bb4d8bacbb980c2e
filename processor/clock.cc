#include "processor/clock.h"

#include <chrono>

namespace hoyo::processor {

domain::Instant SystemClock::now() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool SettableClock::set(domain::Instant t) {
  domain::Instant current = now_.load();
  while (t >= current) {
    if (now_.compare_exchange_weak(current, t)) return true;
  }
  return false;
}

}  // namespace hoyo::processor
