// decide(state, command, now) -> events | DomainError. Pure: the same state,
// command and instant always give the same answer, and a refusal changes nothing.
#pragma once

#include <vector>

#include "domain/booking_state.h"
#include "domain/commands.h"
#include "domain/result.h"

namespace hoyo::domain {

Result<std::vector<Event>> decide(const BookingState& state, const Command& command, Instant now);

}  // namespace hoyo::domain
