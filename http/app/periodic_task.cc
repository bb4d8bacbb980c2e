#include "base/mutex.h"
#include "http/app/periodic_task.h"

#include <pthread.h>

namespace hoyo::http {

PeriodicTask::PeriodicTask(std::string name, std::chrono::milliseconds every,
                           std::function<void()> work)
    : every_(every), work_(std::move(work)) {
  thread_ = std::thread([this, name = std::move(name)] {
    pthread_setname_np(pthread_self(), name.substr(0, 15).c_str());
    base::MutexLock lk(mu_);
    for (;;) {
      if (cv_.wait_for(lk, every_, [this]() HOYO_REQUIRES(mu_) { return stopping_; })) return;
      lk.unlock();
      work_();
      lk.lock();
    }
  });
}

PeriodicTask::~PeriodicTask() {
  {
    base::MutexLock lk(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

}  // namespace hoyo::http
