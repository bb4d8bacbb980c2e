// hoyoctl verify, head and redraw: checks of the log itself, on a stopped
// data directory or (--server, an auditor's login) through the audit routes,
// with the same output and exit codes either way.
#pragma once

#include <string>
#include <vector>

#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

// verify [--from POSITION]: positions, stream versions and the hash chain
// (from a position: trusting what lies before it); exit 1 on a fault.
int verify_command(const Command& self, const Global& global, const std::vector<std::string>& args);
// head: the last position and its chain hash.
int head_command(const Command& self, const Global& global, const std::vector<std::string>& args);
// redraw LOTTERY_ID: re-runs a draw from the log; exit 1 when it differs or
// the lottery was never drawn, 2 for a lottery the log (or server) does not
// know.
int redraw_command(const Command& self, const Global& global, const std::vector<std::string>& args);

}  // namespace hoyo::tools
