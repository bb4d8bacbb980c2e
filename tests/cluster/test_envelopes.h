// Envelopes for the cluster tests: a run of events at consecutive positions
// whose chain hashes link, encoded as the event store stores them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eventstore/envelope_bytes.h"
#include "eventstore/event.h"
#include "eventstore/event_store.h"

namespace hoyo::testing {

struct EnvelopeRun {
  std::vector<std::string> envelopes;
  eventstore::Hash last_hash{};
};

// `count` events from `first_position` after `previous`, each the first of a
// stream of its own, with a payload of `payload_bytes` bytes.
inline EnvelopeRun make_envelopes(std::uint64_t first_position, const eventstore::Hash& previous,
                                  std::size_t count, std::size_t payload_bytes = 16) {
  EnvelopeRun run;
  eventstore::Hash chain = previous;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t position = first_position + i;
    const std::string stream = "test-" + std::to_string(position);  // its first event
    const std::string payload(payload_bytes, static_cast<char>('a' + position % 26));
    eventstore::EventView v;
    v.position = position;
    v.stream_id = stream;
    v.stream_version = 1;
    v.id[0] = 1;
    for (int b = 0; b < 8; ++b) v.id[8 + b] = static_cast<std::uint8_t>(position >> (8 * b));
    v.type = "TestHappened";
    v.recorded_at_us = 1'700'000'000'000'000 + static_cast<std::int64_t>(position);
    v.actor = "system";
    v.payload = payload;
    v.chain_hash = eventstore::chain_hash_after(chain, v);
    chain = v.chain_hash;
    run.envelopes.push_back(eventstore::encode_envelope(v));
  }
  run.last_hash = chain;
  return run;
}

// An append of one event to `stream`, its id distinct for each `n` (a
// writer store's own appends in the cluster tests).
inline eventstore::AppendRequest one_event(const std::string& stream, int n) {
  eventstore::AppendRequest r{stream, eventstore::ExpectedVersion::any(), {}};
  eventstore::NewEvent e;
  for (std::size_t i = 0; i < 4; ++i) e.id[i] = static_cast<std::uint8_t>(n >> (8 * i));
  e.id[15] = 0x42;
  e.type = "Tested";
  e.payload = "payload " + std::to_string(n);
  e.actor = "system";
  r.events.push_back(std::move(e));
  return r;
}

}  // namespace hoyo::testing
