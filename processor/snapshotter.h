// Writes the writer's snapshot (state_snapshot.h) now and then, off the
// writer's thread. It keeps a second copy of the state, restored as the
// writer's was when the first snapshot is due, and follows the log up to its durable head before
// each snapshot: a snapshot is exactly the fold of the log up to its position, and the writer never
// waits for one (the cost is the copy's memory and the folding of the log a second time, on another
// thread).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

#include "base/status.h"
#include "eventstore/event_store.h"
#include "eventstore/snapshots.h"
#include "processor/clock.h"

namespace hoyo::processor {

using eventstore::SnapshotPolicy;

struct FoldedState;  // state_fold.h (which needs command_processor.h)

struct SnapshotStatus {
  bool any = false;                // a snapshot was restored at open or written since
  std::uint64_t position = 0;      // the newest one's
  domain::Instant written_at = 0;  // when it was written (microseconds, UTC)
  std::uint64_t written = 0;       // snapshots written since open
  std::uint64_t failures = 0;      // writes that failed since open
  double last_seconds = 0;         // catching up, encoding and storing the last one
  double last_encode_seconds = 0;  // encoding it (checksum included)
  std::uint64_t last_bytes = 0;
};

class Snapshotter {
 public:
  // `store` and `clock` must outlive it. `initial` says what open restored.
  // With a periodic policy, a thread watches the log once a second.
  Snapshotter(eventstore::EventStore& store, const Clock& clock, SnapshotPolicy policy,
              domain::Instant idempotency_window, SnapshotStatus initial);
  ~Snapshotter();  // stops the thread; a snapshot being written is finished first

  // Catches the copy up with the head and writes a snapshot there (nothing
  // when the newest snapshot is already at the head), on the caller's thread.
  base::Status write_now();
  // Writes `final_state` (the fold of the log up to its position, which must
  // be the head) as the snapshot: at close, the writer's own state, once it
  // stopped, saves the copy's catching up.
  base::Status write_final(const FoldedState& final_state);
  SnapshotStatus status() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoyo::processor
