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
  // Binary search for the last event recorded at or before `time`.
  std::uint64_t low = 0, high = store.head();  // low: known at or before (0: none)
  while (low < high) {
    const std::uint64_t mid = low + (high - low + 1) / 2;
    auto e = store.read_at(mid);
    if (!e.ok()) {
      return base::Error{base::ErrorCode::kFailed,
                         base::MessageId::kLogUnreadable,
                         {{"cause", e.status().to_string()}}};
    }
    if (e->view().recorded_at_us <= time) {
      low = mid;
    } else {
      high = mid - 1;
    }
  }
  if (low == 0) {
    return base::Error{base::ErrorCode::kNotFound,
                       base::MessageId::kNoEventBefore,
                       {{"at", domain::format_rfc3339_tokyo(time)}}};
  }
  return low;
}

}  // namespace hoyo::projections
