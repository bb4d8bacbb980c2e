// hoyoctl rebuild NAME|all: rebuild projections offline on a stopped data
// directory and store their checkpoints.
#pragma once

#include <string>

namespace hoyo::tools {

// Returns the exit code: 0 done, 1 failed, 2 unknown name.
int rebuild_command(const std::string& data_dir, const std::string& name);

}  // namespace hoyo::tools
