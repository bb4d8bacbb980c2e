// A function run every so often (real time) on its own thread, until the
// task is destroyed. For housekeeping such as sweeping expired sessions.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "base/mutex.h"

namespace hoyo::http {

class PeriodicTask {
 public:
  // Starts the thread; `work` first runs one `every` from now. `name` names
  // the thread (at most 15 characters). `work` must not throw.
  PeriodicTask(std::string name, std::chrono::milliseconds every, std::function<void()> work);
  // Stops: waits for a run in progress, then joins; no run starts after.
  ~PeriodicTask();

  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

 private:
  std::chrono::milliseconds every_;
  std::function<void()> work_;
  base::Mutex mu_;
  base::CondVar cv_;
  bool stopping_ HOYO_GUARDED_BY(mu_) = false;
  std::thread thread_;
};

}  // namespace hoyo::http
