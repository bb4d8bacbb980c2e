// The chain hash a lottery's seed is made from: the chain hash after the last
// event recorded before the window closed, found by bisecting the log
// (recorded-at grows with position). Fails closed: a read error is the
// answer, never an earlier position or all-zero bytes.
#pragma once

#include <cstdint>
#include <functional>

#include "base/status.h"
#include "domain/civil_time.h"
#include "eventstore/event.h"

namespace hoyo::processor {

// Reads the event at a position (EventStore::read_at, or a fake in tests).
using ReadAt = std::function<base::Result<eventstore::StoredEvent>(std::uint64_t)>;

// Over positions 1..head, whose recorded-at times never decrease: the chain
// hash of the last event recorded before `t`, or zeros when no event is.
// Reads O(log head) events; the first read that fails makes the whole answer
// that failure.
base::Result<eventstore::Hash> chain_hash_before(std::uint64_t head, domain::Instant t,
                                                 const ReadAt& read_at);

}  // namespace hoyo::processor
