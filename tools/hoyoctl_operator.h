// hoyoctl operator add|list|disable|reset-totp: operator and auditor accounts.
#pragma once

#include <string>
#include <vector>

namespace hoyo::tools {

// `args` follows "operator": add --login L --role operator|auditor (the
// password is read twice from stdin, without echo on a terminal), list,
// disable --login L, or reset-totp --login L (removes the second factor, for a
// lost authenticator). Returns the exit code.
int operator_command(const std::string& data_dir, const std::vector<std::string>& args);

// demo-data: accounts::fill_demo_data on the data directory; prints the logins.
int demo_data_command(const std::string& data_dir);

}  // namespace hoyo::tools
