// decide(state, command, now) -> events | base::Error. Pure: the same state,
// command and instant always give the same answer, and a refusal changes nothing.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "domain/booking_state.h"
#include "domain/commands.h"

namespace hoyo::domain {

base::Result<std::vector<Event>> decide(const BookingState& state, const Command& command,
                                        Instant now);

// A2: re-runs a drawn lottery's draw from the state (its applications, allotment,
// tiers and recorded seed): the wins and the digest of the inputs, or nullopt
// when the lottery was not drawn.
struct Redraw {
  std::vector<DrawWin> wins;
  DrawSeed inputs{};
  std::vector<std::string> order;  // the applicants in the draw's order
};
std::optional<Redraw> redraw(const BookingState& state, const std::string& lottery);

// The rooms the draw's `wins` take in `state` (each win's nights in its
// style), per facility, night and style in that order: what a publication of
// more wins than one command books keeps held (LotteryPublished::kept); the
// audit checks the record against it.
std::vector<Allotment> won_rooms(const BookingState& state, const std::vector<DrawWin>& wins);

// A2: whether an offer to a runner-up in the log is the one the rules give
// (offer.h next_runner_up) in `state`, the log folded up to just before it:
// empty when it is, else the first difference in words.
std::string offer_difference(const BookingState& state, const RoomOffered& offer);

}  // namespace hoyo::domain
