// hoyoctl history KIND ID (A3) and hoyoctl replay --at POSITION|TIME WHAT
// (A1): the auditors' console's answers, from a stopped data directory
// (the same functions as the routes) or from a running hoyod (--server).
#pragma once

#include <string>
#include <vector>

#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

int history_command(const Command& self, const Global& global,
                    const std::vector<std::string>& args);
int replay_command(const Command& self, const Global& global, const std::vector<std::string>& args);

}  // namespace hoyo::tools
