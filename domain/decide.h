// decide(state, command, now) -> events | DomainError. Pure: the same state,
// command and instant always give the same answer, and a refusal changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/booking_state.h"
#include "domain/commands.h"
#include "domain/result.h"

namespace hoyo::domain {

Result<std::vector<Event>> decide(const BookingState& state, const Command& command, Instant now);

// A2: re-runs a drawn lottery's draw from the state (its applications, allotment
// and recorded seed). The wins, or nullopt when the lottery was not drawn.
std::optional<std::vector<DrawWin>> redraw(const BookingState& state, const std::string& lottery);

}  // namespace hoyo::domain
