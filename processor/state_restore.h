// The writer's state at open: the newest snapshot that passes every check
// (eventstore/snapshots.h, state_snapshot.h), then the log's tail after it;
// without a usable one, the whole log.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "eventstore/event_store.h"
#include "eventstore/snapshots.h"
#include "processor/state_fold.h"

namespace hoyo::processor {

struct RestoreReport {
  bool from_snapshot = false;
  std::uint64_t snapshot_position = 0;                  // when from_snapshot
  std::vector<eventstore::SnapshotRejection> rejected;  // snapshots skipped, newest first
  double snapshot_seconds = 0;    // reading, checking and decoding the snapshot
  double decode_seconds = 0;      // of which decoding its sections
  std::uint64_t tail_events = 0;  // domain events folded from the log
  double tail_seconds = 0;
};

// Fills `out` (fresh) as of the log's head. Keys recorded before `keys_since`
// are not kept. A read error of the log fails it; a bad snapshot does not.
base::Status restore_state(const eventstore::EventStore& store, domain::Instant keys_since,
                           FoldedState& out, RestoreReport* report = nullptr);

// Folds the events after s.position up to the head into `s`.
base::Status fold_tail(const eventstore::EventStore& store, domain::Instant keys_since,
                       FoldedState& s);

}  // namespace hoyo::processor
