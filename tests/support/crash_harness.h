// Crash-test support: run a child process that reports fixed-size records on
// its stdout as it gets acknowledgements, kill it with SIGKILL at a random
// moment once it has reported something, and return every record it sent.
#pragma once

#include <random>
#include <string>
#include <vector>

namespace hoyo::testing {

// Runs `program` with `args`; returns the records (each `record_size` bytes)
// read from its stdout until it died. Fails the current test if the child
// ended on its own instead of by the kill.
std::vector<std::string> run_and_kill(const std::string& program,
                                      const std::vector<std::string>& args, std::size_t record_size,
                                      std::mt19937& rng, int max_run_micros = 60000);

// Cycles to run: $HOYO_CRASH_CYCLES, else `fallback`.
int crash_cycles(int fallback);

}  // namespace hoyo::testing
