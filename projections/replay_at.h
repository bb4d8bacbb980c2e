// A1: the past, folded from the log. The "stays" read model as it was at a
// position (vacancy, reservations, applications), and the position that was
// the head at a given time. Used by GET /api/audit/replay and `hoyoctl replay`.
#pragma once

#include <cstdint>

#include "base/status.h"
#include "domain/civil_time.h"
#include "eventstore/event_store.h"
#include "projections/stay_view.h"

namespace hoyo::projections {

// `view` (fresh) folded from events 1..position; `at` is when the event at
// `position` was recorded. kFailed (kLogUnreadable) when the log cannot be
// read, kNotFound (kLogEndsBefore) when it ends before `position`.
base::Status replay_stays(const eventstore::EventStore& store, std::uint64_t position,
                          StayView& view, domain::Instant& at);

// The last (highest) position of an event recorded at or before `time`: a
// scan of the whole log, since events stamped by different clocks need not be
// in time order. kNotFound (kNoEventBefore) when no event was recorded by then.
base::Result<std::uint64_t> position_at(const eventstore::EventStore& store, domain::Instant time);

}  // namespace hoyo::projections
