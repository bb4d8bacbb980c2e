// The command processor: one writer thread owns the booking state. Callers on
// any thread submit commands; the writer decides them in arrival order against
// the state (domain::decide), folds the events in at once so the next command
// sees them, and appends them to the event store, whose group commit shares one
// fsync among everything decided meanwhile. Each caller is answered only once
// its events are durable.
#pragma once

#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/booking_state.h"
#include "domain/commands.h"
#include "eventstore/event_store.h"
#include "processor/clock.h"
#include "processor/snapshotter.h"

namespace hoyo::processor {

struct Outcome {
  std::vector<domain::Event> events;  // what the command produced (may be empty)
  std::uint64_t last_position = 0;    // the log position of its last event
  bool replayed = false;              // answered from an earlier request with the same key
};

using OutcomeCallback = std::function<void(base::Result<Outcome>)>;

struct ProcessorOptions {
  // Random bits for reservation numbers and event ids; a CSPRNG by default.
  std::function<std::uint64_t()> random;
  // How long an idempotency key is remembered (business clock).
  domain::Instant idempotency_window = 24 * 3600 * domain::kMicrosPerSecond;
  // Periodic snapshots of the state (snapshotter.h); none by default. A
  // snapshot in the store is used at open whatever the policy.
  SnapshotPolicy snapshots;
};

struct RebuildStats {
  std::uint64_t events = 0;  // events folded from the log at open (the tail after a snapshot)
  double seconds = 0;        // time it took, the snapshot's reading included
  bool from_snapshot = false;
  std::uint64_t snapshot_position = 0;   // the snapshot restored, when from_snapshot
  double snapshot_seconds = 0;           // reading, checking and decoding it
  std::uint64_t snapshots_rejected = 0;  // snapshots that failed a check and were skipped
};

class CommandProcessor {
 public:
  // Restores the state from the newest valid snapshot and the log's tail after
  // it (the whole log without one), then starts the writer thread.
  // `store` and `clock` must outlive the processor.
  static base::Result<std::unique_ptr<CommandProcessor>> open(eventstore::EventStore& store,
                                                              const Clock& clock,
                                                              ProcessorOptions options = {});
  // Answers every queued command, then stops (writing a last snapshot when the
  // policy says so).
  ~CommandProcessor();

  // Submits a command. With a non-empty `idempotency_key` (scoped to the
  // command's actor), a key seen within the window answers with the first
  // outcome and writes nothing; the same key on another kind of command is
  // refused with kConflict. While the processor is not deciding() (a failed
  // append), every command is answered kUnavailable and writes nothing.
  // `done` runs on a store thread; it must not block.
  void submit(domain::Command command, std::string idempotency_key, OutcomeCallback done);
  std::future<base::Result<Outcome>> submit(domain::Command command,
                                            std::string idempotency_key = {});

  // Runs `read` on the writer thread with the current state and waits for it.
  // For tests and tools; the HTTP read path uses projections instead.
  void inspect(const std::function<void(const domain::BookingState&)>& read);
  // Commands submitted and not yet taken by the writer thread (for metrics).
  std::size_t queue_depth() const;

  RebuildStats rebuild_stats() const;
  // The newest snapshot (position, when it was written) and the writes since
  // open: what /metrics shows as the snapshot's age.
  SnapshotStatus snapshot_status() const;
  // Writes a snapshot of the state at the log's head now (tests, tools).
  base::Status write_snapshot();

  // Cluster mode (docs/cluster.md): while the store is a replica, every
  // command is answered kUnavailable (kStoreNotWriter, Retry-After 1) and
  // writes nothing. Once the store is the writer again, the processor folds
  // the log afresh when it grew meanwhile, before it decides or inspects.
  //
  // False after a failed append, while every command is answered kUnavailable.
  // The processor decides again by itself once the store takes writes again
  // (EventStore::condition() kHealthy, e.g. after a full disk) and it has
  // folded the log afresh, so that its state is exactly what the log holds.
  bool deciding() const;

 private:
  struct Impl;
  explicit CommandProcessor(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoyo::processor
