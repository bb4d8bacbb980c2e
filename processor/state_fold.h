// The writer's state folded from the log: the booking state, the idempotency
// keys recorded within the window and the last recorded-at. The processor
// folds it at open; the snapshotter keeps a second one following the log, and
// a snapshot holds one as of a position (state_snapshot.h).
#pragma once

#include <cstdint>

#include "domain/booking_state.h"
#include "eventstore/event.h"
#include "processor/idempotency.h"

namespace hoyo::processor {

struct FoldedState {
  domain::BookingState state;
  IdempotencyRegistry keys;      // durable entries only
  domain::Instant last_now = 0;  // the latest recorded-at folded
  std::uint64_t position = 0;    // the last log position folded (any event)
  std::uint64_t events = 0;      // domain events folded into `state`
  // When the snapshot it was restored from was written (0: folded from the log).
  domain::Instant written_at = 0;

  // Folds one event of the log, in order. Events of other parts of the system
  // only advance `position`; a key recorded before `keys_since` is not kept.
  void apply(const eventstore::EventView& e, domain::Instant keys_since);
};

}  // namespace hoyo::processor
