// The projections of one process, fed from one event store.
//
// start() catches every projection up from its checkpoint (from the start of
// the log: projections live in memory), then follows the log live on the
// store's subscription thread. Each event is decoded once and applied to every
// projection under that projection's write lock, in batches, so a reader holds
// a consistent snapshot for as long as its read lasts and never waits on the
// command writer. A checkpoint advances only after its events were applied.
//
// Rebuild online: a shadow copy folds the log up to the live head while reads
// go on against the live one, then catches up the last few events under the
// lock and is swapped in atomically.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <vector>

#include "eventstore/event_store.h"
#include "eventstore/snapshots.h"
#include "projections/projection.h"

namespace hoyo::projections {

// One change a projection published, for the WebSocket hub.
struct Change {
  std::uint64_t position = 0;
  const domain::Event* event = nullptr;  // valid only during the callback
  EventMeta meta;
};
using ChangeListener = std::function<void(const Change&)>;

// A listener's place on the change feed: destroying it takes the listener off,
// waiting for a call in progress to return, so no call reaches the listener
// afterwards. Must not be destroyed from within a call of the listener.
class ChangeSubscription {
 public:
  virtual ~ChangeSubscription() = default;
};

struct RebuildProgress {
  std::uint64_t applied = 0;  // events folded so far
  std::uint64_t target = 0;   // the head when the rebuild started
};

class ProjectionSet {
 public:
  // `store` must outlive the set.
  explicit ProjectionSet(eventstore::EventStore& store);
  ~ProjectionSet();  // stops following the log

  // Adds a projection before start(); the set owns it.
  void add(std::unique_ptr<Projection> p);
  // Restores each projection from its checkpoint when one exists for the
  // same code version (and is not ahead of the log), folds the rest of the log
  // (all of it for a projection without a usable checkpoint, or named in
  // `rebuild`), then follows the log live. `progress` sees the catch-up.
  base::Status start(const std::vector<std::string>& rebuild = {},
                     const std::function<void(const RebuildProgress&)>& progress = {});
  // Saves every projection's state and position as its checkpoint: a
  // snapshot (eventstore/snapshots.h) with the chain hash at that position
  // and the code version as its format, each as of a position it has applied.
  // Each projection's live updates wait while its state is copied out; reads
  // do not.
  base::Status checkpoint();
  struct CheckpointStatus {
    std::uint64_t position = 0;       // the lowest position of the last checkpoint (or of start)
    std::uint64_t written = 0;        // checkpoints written since start
    double last_seconds = 0;          // the last checkpoint, all projections
    double longest_hold_seconds = 0;  // the longest a projection's live updates waited in it
  };
  CheckpointStatus checkpoint_status() const;
  // After start(): a thread writes checkpoints as `policy` says (checked once a
  // second) until the set is destroyed.
  void checkpoint_periodically(eventstore::SnapshotPolicy policy);
  // Where each projection stood at start(): "restored" from a checkpoint at
  // its position, or "rebuilt" from the start of the log.
  struct StartReport {
    std::string name;
    bool restored = false;
    std::uint64_t checkpoint = 0;
  };
  std::vector<StartReport> start_report() const;

  // Runs `read` with the projection named `name` under its read lock, once
  // it has applied at least `min_position`; waits at most `timeout` for that.
  // Returns the position the read saw, or 0 when it timed out or no such
  // projection exists (then `read` does not run).
  std::uint64_t read(const std::string& name, std::uint64_t min_position,
                     std::chrono::milliseconds timeout,
                     const std::function<void(const Projection&)>& read) const;
  template <class P>
  std::uint64_t read_as(const std::string& name, std::uint64_t min_position,
                        std::chrono::milliseconds timeout,
                        const std::function<void(const P&)>& fn) const {
    return read(name, min_position, timeout,
                [&](const Projection& p) { fn(static_cast<const P&>(p)); });
  }

  // The position every projection has applied.
  std::uint64_t position() const;
  // Each projection's name and the last position it applied (one behind the
  // others while it is rebuilt online), for metrics.
  struct Applied {
    std::string name;
    std::uint64_t position = 0;
  };
  std::vector<Applied> applied() const;
  // Runs `fn` once every projection has applied `position`: at once on this
  // thread when they have, else on the thread that applies it, so `fn` must
  // be quick and must not block (hand work to a pool). Callbacks still
  // waiting when the set is destroyed never run. Returns the wait's id for
  // forget_waiter() (0 when `fn` ran at once or never will).
  std::uint64_t when_applied(std::uint64_t position, std::function<void()> fn);
  // Drops a wait that gave up (a read answered `stale`): its callback never
  // runs and what it holds is freed now. Nothing when it ran already.
  void forget_waiter(std::uint64_t position, std::uint64_t id);
  // How many when_applied callbacks wait (a budget for positions that may
  // never come: a cluster follower cannot tell).
  std::size_t waiting() const;
  // For a shutdown, before what the callbacks use (work pools, timers) ends:
  // drops the callbacks still waiting (they never run, and when_applied()
  // drops its callback from now on), and returns once a callback that was
  // already running has returned.
  void close_waiters();
  // Receives every event applied live, after all projections applied it, on
  // the thread that applies it, for as long as the returned handle lives.
  [[nodiscard]] std::unique_ptr<ChangeSubscription> on_change(ChangeListener listener);

  // Rebuilds one projection online (see above); `progress` is called now and then.
  base::Status rebuild(const std::string& name,
                       const std::function<void(const RebuildProgress&)>& progress = {});
  std::vector<std::string> names() const;

 private:
  struct Slot;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// How a fold shared its decoding between its two threads.
struct FoldStats {
  std::uint64_t decoded_by_reader = 0;   // while the applier had work queued
  std::uint64_t decoded_by_applier = 0;  // handed over raw to an applier that would have waited
};

// Folds events [from, head] of `store` into `p` (offline rebuilds, the replay
// benchmark). Returns the last position applied; fills `stats` when given.
base::Result<std::uint64_t> fold(const eventstore::EventStore& store, Projection& p,
                                 std::uint64_t from = 1,
                                 const std::function<void(std::uint64_t)>& progress = {},
                                 FoldStats* stats = nullptr);

}  // namespace hoyo::projections
