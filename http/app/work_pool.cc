#include "http/app/work_pool.h"

#include "base/log.h"
#include "base/mutex.h"
#include "base/thread.h"

namespace hoyo::http {

WorkPool::WorkPool(int threads, std::size_t max_queued) : max_queued_(max_queued) {
  for (int i = 0; i < std::max(1, threads); ++i) {
    threads_.push_back(base::start_thread("hoyo-work", [this] {
      for (;;) {
        std::function<void()> job;
        {
          base::MutexLock lk(mu_);
          cv_.wait(lk, [&]() HOYO_REQUIRES(mu_) { return stopping_ || !jobs_.empty(); });
          if (jobs_.empty()) return;
          job = std::move(jobs_.front());
          jobs_.pop_front();
        }
        // A job answers its own failures; one that escapes is a bug, logged,
        // and costs that job only.
        try {
          job();
        } catch (...) {
          base::log_line("error", "work job failed",
                         {{"error", base::describe_current_exception()}});
        }
      }
    }));
  }
}

WorkPool::~WorkPool() {
  {
    base::MutexLock lk(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkPool::post(std::function<void()> job) {
  // The notify is made under the lock: once the job is queued it may run and
  // answer, and its owner may then destroy the pool, which the destructor's
  // lock holds back until this call has let go of the pool (ThreadSanitizer
  // saw ~WorkPool destroy cv_ under a notify_one made after the unlock).
  base::MutexLock lk(mu_);
  if (jobs_.size() >= max_queued_) return false;
  jobs_.push_back(std::move(job));
  cv_.notify_one();
  return true;
}

}  // namespace hoyo::http
