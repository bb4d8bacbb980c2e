// The vocabulary of the event log: ids, hashes, the events callers append and
// the views readers get back. Knows bytes, never domain types.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hoyo::eventstore {

using EventId = std::array<std::uint8_t, 16>;
using Hash = std::array<std::uint8_t, 32>;

// An event as a caller hands it to append(). The id makes the append
// idempotent: appending an id seen before returns the original positions.
struct NewEvent {
  EventId id{};
  std::string type;
  std::string payload;
  std::string actor;
  EventId correlation_id{};
  EventId causation_id{};
  // Microseconds since the Unix epoch; 0 lets the store stamp it from its clock.
  std::int64_t recorded_at_us = 0;
};

// A stored event as a reader sees it. The views point into a buffer that is
// valid only during the callback that received it; copy with to_owned().
struct EventView {
  std::uint64_t position = 0;
  std::string_view stream_id;
  std::uint64_t stream_version = 0;
  EventId id{};
  std::string_view type;
  std::int64_t recorded_at_us = 0;
  std::string_view actor;
  EventId correlation_id{};
  EventId causation_id{};
  std::string_view payload;
  Hash chain_hash{};
};

// An owning copy of an EventView.
struct StoredEvent {
  std::uint64_t position = 0;
  std::string stream_id;
  std::uint64_t stream_version = 0;
  EventId id{};
  std::string type;
  std::int64_t recorded_at_us = 0;
  std::string actor;
  EventId correlation_id{};
  EventId causation_id{};
  std::string payload;
  Hash chain_hash{};

  static StoredEvent from(const EventView& v);
  EventView view() const;
};

// What the caller expects of the stream before its append. A mismatch makes the
// append fail with kWrongExpectedVersion and write nothing.
struct ExpectedVersion {
  enum class Kind { kAny, kNoStream, kExact };
  Kind kind = Kind::kAny;
  std::uint64_t version = 0;  // for kExact: the stream's current last version

  static ExpectedVersion any() { return {Kind::kAny, 0}; }
  static ExpectedVersion no_stream() { return {Kind::kNoStream, 0}; }
  static ExpectedVersion exact(std::uint64_t v) { return {Kind::kExact, v}; }
};

// Where an append's events landed. `duplicate` is true when every event id had
// been appended before and nothing was written.
struct AppendResult {
  std::uint64_t first_position = 0;
  std::uint64_t last_position = 0;
  std::uint64_t stream_version = 0;  // the stream's version after the last event
  bool duplicate = false;
};

struct AppendRequest {
  std::string stream_id;
  ExpectedVersion expected = ExpectedVersion::any();
  std::vector<NewEvent> events;
};

// A time-ordered event id (the UUIDv7 layout: 48-bit Unix milliseconds, version
// 7, 12 bits of sub-millisecond time, variant, 62 random bits). Ids that grow
// with time keep the event-id index's inserts local, which is markedly cheaper
// than random ids (see docs/eventstore.md); any unique non-zero id is accepted.
EventId time_ordered_event_id(std::int64_t unix_micros, std::uint64_t random_bits);

}  // namespace hoyo::eventstore
