// How much slower this test build runs than the release build, for the time
// bounds tests assert. A ThreadSanitizer build (the `tsan` preset, whose
// -fsanitize=thread makes the compiler define __SANITIZE_THREAD__) runs the
// same code 5 to 15 times slower, hoyod included: a bound that holds in the
// release build with room to spare is scaled here, in one place, and stays a
// bound.
#pragma once

#include <chrono>

namespace hoyo::testing {

#if defined(__SANITIZE_THREAD__)
inline constexpr int kSlowdown = 5;
#else
inline constexpr int kSlowdown = 1;
#endif

// `bound` as this build allows it: kSlowdown times as long.
template <class Rep, class Period>
constexpr std::chrono::duration<Rep, Period> scaled(std::chrono::duration<Rep, Period> bound) {
  return bound * kSlowdown;
}

}  // namespace hoyo::testing
