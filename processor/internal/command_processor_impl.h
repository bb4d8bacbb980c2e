// The command processor's private state (CommandProcessor::Impl), shared by
// its two halves: command_processor.cc decides commands and answers them;
// command_fold.cc folds the log into the writer's state (at open, after a
// failed append, and in cluster mode when another node wrote the log).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "base/mutex.h"
#include "base/status.h"
#include "domain/booking_state.h"
#include "domain/commands.h"
#include "eventstore/event_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"
#include "processor/idempotency.h"
#include "processor/snapshotter.h"

namespace hoyo::processor {

struct CommandProcessor::Impl {
  struct Job {
    domain::Command command;
    std::string key;
    OutcomeCallback done;
    std::function<void(const domain::BookingState&)> inspect;
  };

  Impl(eventstore::EventStore& s, const Clock& c, ProcessorOptions o)
      : store(s), clock(c), options(std::move(o)) {}

  eventstore::EventStore& store;
  const Clock& clock;
  ProcessorOptions options;
  domain::BookingState state;  // writer thread only
  RebuildStats stats;

  base::Mutex keys_mu;  // the registry is read by the writer and completed by the store
  IdempotencyRegistry keys HOYO_GUARDED_BY(keys_mu);

  mutable base::Mutex queue_mu;
  base::CondVar queue_cv;
  std::deque<Job> queue HOYO_GUARDED_BY(queue_mu);
  bool stopping HOYO_GUARDED_BY(queue_mu) = false;
  std::thread writer;
  std::unique_ptr<Snapshotter> snapshotter;
  std::atomic<bool> failed{false};
  std::atomic<int> in_flight{0};  // appends handed to the store, not yet answered
  // The log position `state` folds to: set by a rebuild, raised by each of
  // its own appends. A head past it with nothing in flight means another
  // node wrote the log meanwhile (cluster mode: this store was a replica).
  std::atomic<std::uint64_t> folded_head{0};
  domain::Instant last_now = 0;     // writer thread: recorded-at never goes backwards
  std::uint64_t events_folded = 0;  // writer thread: domain events in `state`

  // The clock, but never earlier than an instant already recorded: the log's
  // recorded-at times then grow with its positions.
  domain::Instant monotonic_now() { return last_now = std::max(last_now, clock.now()); }
  // A user number not yet issued (a leading zero is avoided: spreadsheets drop it).
  std::string fresh_user_number();
  // Appends `count` reservation numbers to `out`, none in use nor repeated.
  void fresh_numbers(std::size_t count, std::vector<std::string>& out);
  // The chain hash after the last event recorded before `t` (zeros for none),
  // once everything decided so far is in the log; a read error fails it.
  base::Result<eventstore::Hash> chain_hash_at(domain::Instant t);

  // command_fold.cc: the log into the state.

  // Restores the state from the newest valid snapshot and the log's tail (the
  // whole log without one), records how in `stats`, and makes the snapshotter.
  base::Status rebuild();
  // After a failed append: once every append is answered and the store takes
  // writes again, folds the log afresh (the state ran ahead of it) and
  // resumes deciding. True when the processor decides again.
  bool recover();
  // Cluster mode: first folds into the state what the log holds past it
  // (another node wrote it: this store is or was a replica; nothing of ours
  // is in flight), so that reads and decisions see the log; a failure to
  // read it leaves the processor failed, for recover() to fold afresh.
  // Then false while the store is a replica (another node writes the log).
  bool writing();
  // Folds the log's events past folded_head into the state; false (and
  // failed) when they cannot be read.
  bool catch_up();
  // Forgets the state and folds the log afresh; false (and failed) when
  // the log cannot be read.
  bool refold();

  // command_processor.cc: commands in, events out.

  // The writer thread: takes the queued jobs in arrival order until stopped.
  void run();
  // Decides one command (or runs one inspection) against the state.
  void process(Job& job);
  // Folds `events` into the state and hands them to the store's group
  // commit; `done` is answered once they are durable.
  void append(domain::Command& command, std::vector<domain::Event> events,
              const eventstore::EventId* key, domain::Instant now, OutcomeCallback done);
  // Answers `done` and everyone waiting on the same idempotency key.
  void finish(const eventstore::EventId* key, base::Result<Outcome> result,
              const OutcomeCallback& done);
};

}  // namespace hoyo::processor
