// Secrets typed by an administrator: one line from stdin, without echo when
// stdin is a terminal (the prompt then goes to stderr).
#pragma once

#include <string>

namespace hoyo::tools {

// False when stdin ended before a line.
bool read_secret(const char* prompt, std::string& out);

}  // namespace hoyo::tools
