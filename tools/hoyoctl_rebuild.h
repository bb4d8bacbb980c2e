// hoyoctl rebuild NAME|all: rebuild projections offline on a stopped data
// directory and store their checkpoints, or (--server, an operator's login)
// have the running hoyod rebuild them one at a time while it serves reads.
#pragma once

#include <string>
#include <vector>

#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

// Exit 0 done, 1 failed, 2 an unknown name.
int rebuild_command(const Command& self, const Global& global,
                    const std::vector<std::string>& args);

}  // namespace hoyo::tools
