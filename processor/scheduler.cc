#include "processor/scheduler.h"

#include "base/log.h"
#include "base/thread.h"

namespace hoyo::processor {

Scheduler::Scheduler(CommandProcessor& processor, SchedulerOptions options)
    : processor_(processor), options_(options) {
  if (options_.max_rounds < 1 || options_.batch < 1) {
    base::contract_violation("a scheduler needs max_rounds and batch of at least 1");
  }
}

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
  if (!runaway_.ok()) return runaway_;
  std::uint64_t last = 0;
  for (int round = 1;; ++round) {
    auto out = processor_
                   .submit({domain::Actor::system(),
                            domain::RunScheduled{options_.remind_before, options_.batch,
                                                 options_.stay_reminder_days}})
                   .get();
    if (!out.ok()) return out.error();
    if (out->events.empty()) return last;
    last = out->last_position;
    // Still writing after max_rounds rounds that all wrote: they do not go away.
    if (round > options_.max_rounds) {
      runaway_ = base::Status{base::ErrorCode::kFailed,
                              base::MessageId::kSchedulerRunaway,
                              {{"rounds", options_.max_rounds}}};
      base::log_line("error", "the scheduler stopped: due items do not go away",
                     {{"error", runaway_.to_string()}});
      return runaway_;
    }
  }
}

void Scheduler::start() {
  thread_ = base::start_thread("hoyo-schedule", [this] { loop(); });
}

void Scheduler::wake() {
  {
    base::MutexLock lk(stop_mu_);
    woken_ = true;
  }
  stop_cv_.notify_all();
}

void Scheduler::loop() {
  // The first run is at once: what fell due while hoyod was down waits for
  // no poll. (A cluster node starts as a follower, whose runs are refused;
  // the daemon wakes the scheduler when the node becomes the writer.)
  for (bool first = true;; first = false) {
    {
      base::MutexLock lk(stop_mu_);
      if (stopping_) return;
      if (!woken_ && !first) stop_cv_.wait_for(lk, options_.poll);
      woken_ = false;
      if (stopping_) return;
    }
    if (auto r = run_due(); !r.ok()) {
      if (r.error().message == base::MessageId::kSchedulerRunaway) return;  // logged once
      // A cluster follower: the writer node runs what is due.
      if (r.error().message == base::MessageId::kStoreNotWriter) continue;
      base::log_line("warning", "the scheduler could not write due events",
                     {{"error", r.status().to_string()}});
    }
  }
}

}  // namespace hoyo::processor
