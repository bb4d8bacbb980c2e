#include "domain/packed_strings.h"

#include <cstdint>

namespace hoyo::domain {

std::string pack_strings(const std::vector<std::string>& strings) {
  std::string out;
  std::size_t total = 0;
  for (const std::string& s : strings) total += s.size() + 1;
  out.reserve(total);
  for (const std::string& s : strings) {
    std::uint64_t n = s.size();
    do {
      const auto low = static_cast<std::uint8_t>(n & 0x7f);
      n >>= 7;
      out.push_back(static_cast<char>(n ? (low | 0x80) : low));
    } while (n);
    out.append(s);
  }
  return out;
}

std::optional<std::vector<std::string>> unpack_strings(std::string_view bytes) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < bytes.size()) {
    std::uint64_t n = 0;
    int shift = 0;
    for (;;) {
      if (i >= bytes.size() || shift > 28) return std::nullopt;
      const auto b = static_cast<std::uint8_t>(bytes[i++]);
      n |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) break;
    }
    if (n > bytes.size() - i) return std::nullopt;
    out.emplace_back(bytes.substr(i, n));
    i += n;
  }
  return out;
}

}  // namespace hoyo::domain
