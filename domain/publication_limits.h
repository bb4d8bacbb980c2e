// Bounds on a lottery publication's bookings, shared by the writer's decision
// and the processor that draws the reservation numbers.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hoyo::domain {

// The most wins one command books (the publication's own group, or one of the
// scheduler's batches). In cluster mode one command's events must fit one
// stream message (512 KiB): the largest lottery booking measured as stored
// (two nights of adults, children and infants, the senior reduction, priced
// with the Saturday surcharge and the bathing tax) takes 808 bytes, so a
// command of this many takes some 165 KB, leaving room for longer ids and
// more price lines (tests/processor/win_batches_test.cc checks the bound).
inline constexpr std::uint32_t kWinsPerCommand = 200;

// How many of a period's `wins` its publication books in its own group: all
// of them when they fit one command, else none (the scheduler books them in
// batches, docs/lottery.md "Publication").
constexpr std::size_t publication_bookings(std::size_t wins) {
  return wins <= kWinsPerCommand ? wins : 0;
}

}  // namespace hoyo::domain
