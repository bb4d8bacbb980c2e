// The load generator: client threads, each driving its own users (so one
// user's requests are sequential and its model needs no lock) with commands
// picked from a Mix, until told to stop.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "commands.h"

namespace hoyo::load {

struct LoadOptions {
  int threads = 6;
  std::uint64_t seed = 0;
  int cycle = 0;
};

// Drives `users` against 127.0.0.1:port until `stop`; user i belongs to
// thread i % threads. Returns the requests sent.
std::uint64_t run_load(const World& world, const Staff& staff, std::vector<UserModel>& users,
                       const Mix& mix, std::uint16_t port, const LoadOptions& options,
                       const std::atomic<bool>& stop, Ledger& ledger, Faults& faults);

}  // namespace hoyo::load
