// A list of strings packed into bytes: each string as its length (a base-128
// varint, low 7 bits first) and its bytes. Used by the event codec where a
// capnp List(Text) would cost 16 to 24 bytes a short string (a draw's order).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hoyo::domain {

std::string pack_strings(const std::vector<std::string>& strings);
// The strings back; nullopt when `bytes` is not such a packing (a length past
// the end, a varint longer than 5 bytes).
std::optional<std::vector<std::string>> unpack_strings(std::string_view bytes);

}  // namespace hoyo::domain
