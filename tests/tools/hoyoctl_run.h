// The built hoyoctl run as a script would: its arguments, `input` on stdin,
// and what it printed and how it ended.
#pragma once

#include <string>
#include <vector>

#include "hoyod_process.h"

namespace hoyo::tools::testing {

inline ::hoyo::testing::ProgramRun hoyoctl(std::vector<std::string> args,
                                           const std::string& input = "") {
  args.insert(args.begin(), HOYOCTL);
  return ::hoyo::testing::run_program_with_input(args, input);
}

}  // namespace hoyo::tools::testing
