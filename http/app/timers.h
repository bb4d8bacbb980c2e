// One thread of timers for answers that must wait: a read for a log position
// a projection has not applied yet, a login held back by the throttle. The
// waiting costs a timer, never an I/O or work-pool thread. Bounded: past
// `max_pending` waiting timers, after() refuses and the caller answers busy.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "base/mutex.h"

namespace hoyo::http {

class Timers {
 public:
  using Handle = std::uint64_t;  // 0: not scheduled

  explicit Timers(std::size_t max_pending = 20000);
  ~Timers();  // drops what is pending (those callbacks never run) and joins
  Timers(const Timers&) = delete;
  Timers& operator=(const Timers&) = delete;

  // Runs `fn` on the timer thread once `delay` has passed, unless cancelled
  // first. Returns 0 (and never runs `fn`) when max_pending are waiting.
  [[nodiscard]] Handle after(std::chrono::steady_clock::duration delay, std::function<void()> fn);
  // Makes sure `fn` of `h` does not run if it has not started; any thread.
  void cancel(Handle h);
  std::size_t pending() const;

 private:
  struct Entry;
  boost::asio::io_context io_{1};
  mutable base::Mutex mu_;
  std::unordered_map<Handle, std::shared_ptr<Entry>> pending_ HOYO_GUARDED_BY(mu_);
  Handle next_ HOYO_GUARDED_BY(mu_) = 1;
  std::size_t max_pending_;
  std::thread thread_;
};

}  // namespace hoyo::http
