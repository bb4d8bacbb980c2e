// hoyoctl operator add|list|disable|reset-totp (staff accounts) and hoyoctl
// demo-data.
#pragma once

#include <string>
#include <vector>

#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

// operator add --login L --role operator|auditor|admin (the password is read
// twice from stdin, without echo on a terminal), list, disable --login L, or
// reset-totp --login L (removes the second factor, for a lost authenticator).
// On a stopped data directory, or with --server through a running hoyod's
// admin routes under an administrator's login (whose password stdin holds
// first): the same output and exit codes either way.
int operator_command(const Command& self, const Global& global,
                     const std::vector<std::string>& args);

// demo-data: accounts::fill_demo_data on the data directory; prints the logins.
int demo_data_command(const Command& self, const Global& global,
                      const std::vector<std::string>& args);

}  // namespace hoyo::tools
