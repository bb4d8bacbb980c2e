// Stored envelopes as bytes, for code that carries the log from one store to
// another (cluster replication): an event's stored form (envelope.capnp,
// exactly the bytes the `events` family holds) and the hash chain over it
// (docs/eventstore.md, "The hash chain").
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "eventstore/event.h"

namespace hoyo::eventstore {

// The stored bytes of `e`, its chain_hash included as given.
std::string encode_envelope(const EventView& e);

// The event in stored bytes; kCorruption (kStoreBadEnvelope) when they do not
// decode. Checks the encoding only, not the chain hash.
base::Result<StoredEvent> decode_envelope(std::string_view bytes);

// SHA-256(previous ‖ canonical bytes of e): what e.chain_hash must be when
// the event before it has the hash `previous` (zeros before position 1).
Hash chain_hash_after(const Hash& previous, const EventView& e);

}  // namespace hoyo::eventstore
