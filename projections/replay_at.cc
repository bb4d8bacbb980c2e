#include "projections/replay_at.h"

#include "domain/event_codec.h"

namespace hoyo::projections {

base::Status replay_stays(const eventstore::EventStore& store, std::uint64_t position,
                          StayView& view, domain::Instant& at) {
  auto read = store.read_all(1, position, [&](const eventstore::EventView& v) {
    if (auto e = domain::decode_event(v.type, v.payload)) {
      view.apply({v.position, v.recorded_at_us, v.actor}, *e);
    }
    at = v.recorded_at_us;
    return true;
  });
  if (!read.ok()) {
    return base::Error{base::ErrorCode::kFailed,
                       base::MessageId::kLogUnreadable,
                       {{"cause", read.status().to_string()}}};
  }
  if (*read < position)
    return base::Error{base::ErrorCode::kNotFound, base::MessageId::kLogEndsBefore};
  return base::Status{};
}

base::Result<std::uint64_t> position_at(const eventstore::EventStore& store, domain::Instant time) {
  // A scan, not a binary search: the clocks that stamp events (the business
  // clock, the store's) need not agree, so times are not sorted by position.
  std::uint64_t last = 0;
  auto read = store.read_all(1, UINT64_MAX, [&](const eventstore::EventView& v) {
    if (v.recorded_at_us <= time) last = v.position;
    return true;
  });
  if (!read.ok()) {
    return base::Error{base::ErrorCode::kFailed,
                       base::MessageId::kLogUnreadable,
                       {{"cause", read.status().to_string()}}};
  }
  if (last == 0) {
    return base::Error{base::ErrorCode::kNotFound,
                       base::MessageId::kNoEventBefore,
                       {{"at", domain::format_rfc3339_tokyo(time)}}};
  }
  return last;
}

}  // namespace hoyo::projections
