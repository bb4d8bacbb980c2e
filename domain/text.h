// Free text as the rules accept it (names, addresses, staff reasons): UTF-8
// without control characters, trimmed of spaces at both ends.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hoyo::domain {

// `s` without ASCII whitespace or the ideographic space (U+3000) at either end.
std::string trim_text(std::string_view s);

// Decodes UTF-8 into `out`; false on a malformed sequence (overlong, out of
// range, a surrogate, truncated).
bool decode_utf8(std::string_view s, std::vector<char32_t>& out);

// True when `s` is valid UTF-8 without a control character: none of C0
// (U+0000–U+001F, newline and tab included), DEL (U+007F) or C1
// (U+0080–U+009F).
bool is_plain_text(std::string_view s);

}  // namespace hoyo::domain
