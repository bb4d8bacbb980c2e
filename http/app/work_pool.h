// A few threads for work that would stall a connection's thread: password
// hashing, image decoding, waits for a projection to catch up. Bounded: when
// `max_queued` jobs wait already, post() refuses and the caller answers
// rate_limited.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/mutex.h"

namespace hoyo::http {

class WorkPool {
 public:
  WorkPool(int threads, std::size_t max_queued);
  ~WorkPool();  // runs what is queued, then joins
  WorkPool(const WorkPool&) = delete;
  WorkPool& operator=(const WorkPool&) = delete;

  // Queues `job`; false when the queue is full (the job is not run).
  [[nodiscard]] bool post(std::function<void()> job);

 private:
  base::Mutex mu_;
  base::CondVar cv_;
  std::deque<std::function<void()>> jobs_ HOYO_GUARDED_BY(mu_);
  std::size_t max_queued_;
  bool stopping_ HOYO_GUARDED_BY(mu_) = false;
  std::vector<std::thread> threads_;
};

}  // namespace hoyo::http
