// hoyoctl operator add|list|disable|reset-totp (operator and auditor
// accounts) and hoyoctl demo-data, on a stopped data directory.
#pragma once

#include <string>
#include <vector>

#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

// operator add --login L --role operator|auditor (the password is read twice
// from stdin, without echo on a terminal), list, disable --login L, or
// reset-totp --login L (removes the second factor, for a lost authenticator).
int operator_command(const Command& self, const Global& global,
                     const std::vector<std::string>& args);

// demo-data: accounts::fill_demo_data on the data directory; prints the logins.
int demo_data_command(const Command& self, const Global& global,
                      const std::vector<std::string>& args);

}  // namespace hoyo::tools
