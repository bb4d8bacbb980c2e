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
};

struct RebuildStats {
  std::uint64_t events = 0;  // events folded at open
  double seconds = 0;        // time it took
};

class CommandProcessor {
 public:
  // Folds the whole log into a fresh state, then starts the writer thread.
  // `store` and `clock` must outlive the processor.
  static base::Result<std::unique_ptr<CommandProcessor>> open(eventstore::EventStore& store,
                                                              const Clock& clock,
                                                              ProcessorOptions options = {});
  ~CommandProcessor();  // answers every queued command, then stops

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
