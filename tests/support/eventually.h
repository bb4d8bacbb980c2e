// Waiting in tests for something another thread does: poll a condition until
// it holds or a deadline passes, instead of sleeping a guessed time.
#pragma once

#include <chrono>
#include <thread>

namespace hoyo::testing {

// True as soon as `condition()` holds, false if it still does not after
// `timeout`. Polls every millisecond at first, then every 10 ms.
template <class F>
bool eventually(F condition, std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (int i = 0;; ++i) {
    if (condition()) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(i < 20 ? 1 : 10));
  }
}

}  // namespace hoyo::testing
