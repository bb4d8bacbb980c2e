#include "domain/text.h"

#include <algorithm>
#include <cctype>

namespace hoyo::domain {

std::string trim_text(std::string_view s) {
  auto starts_space = [&](std::string_view v) {
    if (!v.empty() && std::isspace(static_cast<unsigned char>(v.front()))) return std::size_t{1};
    if (v.substr(0, 3) == "\u3000") return std::size_t{3};
    return std::size_t{0};
  };
  auto ends_space = [&](std::string_view v) {
    if (!v.empty() && std::isspace(static_cast<unsigned char>(v.back()))) return std::size_t{1};
    if (v.size() >= 3 && v.substr(v.size() - 3) == "\u3000") return std::size_t{3};
    return std::size_t{0};
  };
  while (std::size_t n = starts_space(s)) s.remove_prefix(n);
  while (std::size_t n = ends_space(s)) s.remove_suffix(n);
  return std::string(s);
}

bool decode_utf8(std::string_view s, std::vector<char32_t>& out) {
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    char32_t c = len == 1 ? b : b & (0x7f >> len);
    for (int k = 1; k < len; ++k) {
      const auto cb = static_cast<unsigned char>(s[i + k]);
      if ((cb >> 6) != 2) return false;
      c = (c << 6) | (cb & 0x3f);
    }
    if ((len == 2 && c < 0x80) || (len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
        c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff)) {
      return false;  // overlong, out of range or a surrogate
    }
    out.push_back(c);
    i += len;
  }
  return true;
}

bool is_plain_text(std::string_view s) {
  std::vector<char32_t> cs;
  if (!decode_utf8(s, cs)) return false;
  return std::none_of(cs.begin(), cs.end(),
                      [](char32_t c) { return c < 0x20 || (c >= 0x7f && c <= 0x9f); });
}

}  // namespace hoyo::domain
