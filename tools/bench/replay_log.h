// A synthetic but consistent event log for the replay benchmark: facilities,
// then a realistic mix of bookings, changes, cancellations, lottery
// applications, registrations, password events and logins, written straight
// to a store (the events are valid input for every projection's fold).
#pragma once

#include <cstdint>
#include <string>

#include "eventstore/event_store.h"

namespace hoyo::bench {

struct ReplayMix {
  int facilities = 60;
  int rooms = 20;
};

// Appends about `events` events; returns the head. The log is the same for
// the same arguments: with `skip`, the first `skip` events are generated but
// not appended (a log of `skip` events grows into the longer one).
std::uint64_t write_replay_log(eventstore::EventStore& store, std::uint64_t events,
                               const ReplayMix& mix = {}, std::uint64_t skip = 0);

}  // namespace hoyo::bench
