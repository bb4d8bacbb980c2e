// Error messages (problem details and per-field messages) in the language the
// request asks for.
#pragma once

#include <string>
#include <string_view>

namespace hoyo::http {

// The message in Japanese (english=false) or English (english=true). Known
// messages, including ones with variable parts (ids, numbers), are
// translated; an unknown one comes back unchanged.
std::string localize(std::string_view message, bool english);

}  // namespace hoyo::http
