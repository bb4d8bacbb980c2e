// Folding the log into the command processor's state: the rebuild at open,
// the fresh fold after a failed append, and, in cluster mode, the catch-up
// with what another node wrote. Deciding commands is command_processor.cc.
#include <chrono>
#include <memory>
#include <utility>

#include "processor/internal/command_processor_impl.h"
#include "processor/state_restore.h"

namespace hoyo::processor {

base::Status CommandProcessor::Impl::rebuild() {
  const auto started = std::chrono::steady_clock::now();
  FoldedState folded;
  RestoreReport report;
  if (base::Status s =
          restore_state(store, clock.now() - options.idempotency_window, folded, &report);
      !s.ok()) {
    return s;
  }
  state = std::move(folded.state);
  last_now = folded.last_now;
  events_folded = folded.events;
  folded_head.store(folded.position);
  {
    // Before the writer starts: nobody else holds it, the analysis wants it held.
    base::MutexLock lk(keys_mu);
    keys = std::move(folded.keys);
  }
  stats.events = report.tail_events;
  stats.from_snapshot = report.from_snapshot;
  stats.snapshot_position = report.snapshot_position;
  stats.snapshot_seconds = report.snapshot_seconds;
  stats.snapshots_rejected = report.rejected.size();
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  SnapshotStatus initial;
  if (report.from_snapshot) {
    initial.any = true;
    initial.position = report.snapshot_position;
    initial.written_at = folded.written_at;
  }
  snapshotter = std::make_unique<Snapshotter>(store, clock, options.snapshots,
                                              options.idempotency_window, initial);
  return base::ok_status();
}

bool CommandProcessor::Impl::recover() {
  if (!failed.load()) return true;
  if (in_flight.load() > 0 || store.condition() != eventstore::StoreCondition::kHealthy) {
    return false;
  }
  if (!refold()) return false;
  failed.store(false);
  return true;
}

bool CommandProcessor::Impl::refold() {
  {
    base::MutexLock lk(keys_mu);
    keys = IdempotencyRegistry();
  }
  state = domain::BookingState();
  stats = RebuildStats();
  if (rebuild().ok()) return true;
  failed.store(true);
  return false;
}

bool CommandProcessor::Impl::writing() {
  // The role before the head: a store that turns writer after this read
  // holds nothing this fold has not seen (set_role waits for an idle store).
  const bool writer = store.role() == eventstore::StoreRole::kWriter;
  if (!failed.load() && in_flight.load() == 0) {
    const std::uint64_t head = store.head();
    if (head > folded_head.load()) {
      catch_up();
    } else if (head < folded_head.load()) {
      refold();  // the log is not what the state folds: never decide on it
    }
  }
  return writer;
}

bool CommandProcessor::Impl::catch_up() {
  FoldedState folded;
  folded.state = std::move(state);
  folded.last_now = last_now;
  folded.position = folded_head.load();
  folded.events = events_folded;
  {
    base::MutexLock lk(keys_mu);
    folded.keys = std::move(keys);
  }
  const domain::Instant keys_since = clock.now() - options.idempotency_window;
  const std::uint64_t head = store.head();
  auto read = store.read_all(folded.position + 1, head - folded.position,
                             [&](const eventstore::EventView& e) {
                               folded.apply(e, keys_since);
                               return true;
                             });
  state = std::move(folded.state);
  last_now = folded.last_now;
  events_folded = folded.events;
  {
    base::MutexLock lk(keys_mu);
    keys = std::move(folded.keys);
  }
  if (!read.ok()) {
    // Part of the tail is folded: recover() folds the whole log afresh.
    failed.store(true);
    return false;
  }
  folded_head.store(folded.position);
  return true;
}

}  // namespace hoyo::processor
