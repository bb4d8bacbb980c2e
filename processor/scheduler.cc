#include "processor/scheduler.h"

#include "base/log.h"
#include "base/thread.h"

namespace hoyo::processor {

Scheduler::Scheduler(CommandProcessor& processor, SchedulerOptions options)
    : processor_(processor), options_(options) {}

Scheduler::~Scheduler() {
  {
    base::MutexLock lk(stop_mu_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

base::Result<std::uint64_t> Scheduler::run_due() {
  base::MutexLock lk(run_mu_);
  std::uint64_t last = 0;
  for (;;) {
    auto out = processor_
                   .submit({domain::Actor::system(),
                            domain::RunScheduled{options_.remind_before, options_.batch,
                                                 options_.stay_reminder_days}})
                   .get();
    if (!out.ok()) return out.error();
    if (out->events.empty()) return last;
    last = out->last_position;
  }
}

void Scheduler::start() {
  thread_ = base::start_thread("hoyo-schedule", [this] { loop(); });
}

void Scheduler::loop() {
  for (;;) {
    {
      base::MutexLock lk(stop_mu_);
      if (stopping_) return;
      stop_cv_.wait_for(lk, options_.poll);
      if (stopping_) return;
    }
    if (auto r = run_due(); !r.ok()) {
      base::log_line("warning", "the scheduler could not write due events",
                     {{"error", r.status().to_string()}});
    }
  }
}

}  // namespace hoyo::processor
