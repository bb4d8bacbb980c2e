// A2: re-run a lottery's draw from the log alone and compare it with what was
// recorded: the revealed secret against the commitment, the seed against the
// chain hash when the window closed, and the winners.
#pragma once

#include <string>

#include "eventstore/event_store.h"

namespace hoyo::processor {

struct RedrawReport {
  bool found = false;      // the lottery exists and was drawn
  bool identical = false;  // everything re-derives to what was recorded
  std::string difference;  // the first difference, in words, when not identical
};

// Folds the whole log into a fresh state, then checks the lottery's draw.
RedrawReport redraw_from_log(const eventstore::EventStore& store, const std::string& lottery);

}  // namespace hoyo::processor
