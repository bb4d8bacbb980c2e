// The scheduler: writes the events that fall due on the business clock (a
// published lottery's result notices, in bounded batches; win
// confirmation: reminders, lapses, rooms-freed notices and releases;
// docs/lottery.md "Win confirmation"; and stay reminders, docs/accounts.md) through the command
// processor, as RunScheduled commands of the system actor. Everything due is decided by the domain
// from the writer's state, so a due event is written once however often the scheduler runs, across
// restarts too: a restart simply finds it no longer due.
//
// It must run on the writer only. In cluster mode the daemon is to start it
// only while this node holds the writer role (cluster/: the wiring's hook is
// Runtime's start of the scheduler); followers never run it.
#pragma once

#include <chrono>
#include <cstdint>
#include <thread>

#include "base/mutex.h"
#include "base/status.h"
#include "domain/confirmation.h"
#include "domain/stay_reminder.h"
#include "processor/command_processor.h"

namespace hoyo::processor {

struct SchedulerOptions {
  // How long before a win lapses its confirmation reminder is due.
  domain::Instant remind_before = domain::kDefaultConfirmReminderBefore;
  // How many days before check-in a stay's reminder is due (0: none).
  int stay_reminder_days = domain::kDefaultStayReminderDays;
  // Due items written per command (one atomic group each).
  int batch = 256;
  // How often the background thread (start()) looks for due work, unless
  // woken sooner (wake()).
  std::chrono::milliseconds poll{1000};
  // How many commands one run_due() may need. Due items leave the writer's
  // state once written, so a run needs one command per `batch` items due;
  // a command past this many that still writes means they do not go away (a
  // fold that does not record them), and the scheduler stops rather than
  // grow the log without end (kSchedulerRunaway, logged as an error) until
  // hoyod restarts. At least 1.
  int max_rounds = 4096;
};

class Scheduler {
 public:
  // `processor` must outlive the scheduler.
  explicit Scheduler(CommandProcessor& processor, SchedulerOptions options = {});
  // Stops the background thread, if started.
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Writes every event due by the business clock's now, in due-time order,
  // and returns once they are durable: the log position of the last one
  // written, 0 when nothing was due, or why a write failed. After a run past
  // max_rounds every call answers kSchedulerRunaway and writes nothing.
  base::Result<std::uint64_t> run_due();

  // Calls run_due() at once, then every `poll` (or when woken) on a thread
  // of its own until destroyed.
  void start();
  // Makes the background thread run_due() now instead of at its next poll
  // (a publication's result notices are due at once, and so is the next
  // offer after a declined offer or a waitlist entry left with its offer
  // open); returns at once.
  void wake();

 private:
  void loop();

  CommandProcessor& processor_;
  SchedulerOptions options_;
  base::Mutex run_mu_;                             // one run_due() at a time
  base::Status runaway_ HOYO_GUARDED_BY(run_mu_);  // set once a run passed max_rounds
  base::Mutex stop_mu_;
  base::CondVar stop_cv_;
  bool stopping_ HOYO_GUARDED_BY(stop_mu_) = false;
  bool woken_ HOYO_GUARDED_BY(stop_mu_) = false;
  std::thread thread_;
};

}  // namespace hoyo::processor
