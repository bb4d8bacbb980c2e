// A2: re-run a lottery's draw from the log alone and compare it with what was
// recorded: the revealed secrets against their commitments (the operator's;
// under the two-party rule the auditor's too), the seed against the secrets
// and the chain hash when the window closed, under the period's own rule, the
// winners, and for a period offering lapsed wins to runners-up the recorded
// order of the runners-up and every offer (each the one the rules give in
// the log as it stood).
#pragma once

#include <array>
#include <string>

#include "domain/booking_state.h"
#include "eventstore/event_store.h"

namespace hoyo::processor {

struct RedrawReport {
  bool exists = false;     // the lottery was opened
  bool found = false;      // the lottery exists and was drawn
  bool identical = false;  // everything re-derives to what was recorded
  std::string difference;  // the first difference, in words, when not identical
};

// Folds the whole log into a fresh state, checks the lottery's draw against
// the state as it stood when the draw was recorded (later events, such as an
// offer of an earlier period accepted after it, change what a re-run would
// read), and checks each offer of the lottery as it comes.
RedrawReport redraw_from_log(const eventstore::EventStore& store, const std::string& lottery);

// The lottery whose applications `e` adds or cancels; "" for any other event.
std::string application_lottery(const domain::Event& e);

// Checks a drawn lottery against `state` (the log folded up to and including
// the lottery's LotteryDrawn) and the chain hash after the last event
// recorded before its window closed.
RedrawReport check_draw(const domain::BookingState& state, const std::string& lottery,
                        const std::array<std::uint8_t, 32>& chain_at_close);

}  // namespace hoyo::processor
