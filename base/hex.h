// Bytes as hexadecimal text and back: the one hex codec (lower-case digits
// out; either case in).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hoyo::base {

// Two lower-case digits a byte.
std::string to_hex(std::string_view bytes);
std::string to_hex(const std::uint8_t* data, std::size_t size);
template <std::size_t N>
std::string to_hex(const std::array<std::uint8_t, N>& a) {
  return to_hex(a.data(), N);
}

// The bytes the digits (either case) spell; nullopt for an odd length or any
// other character.
std::optional<std::string> from_hex(std::string_view hex);

// Exactly N bytes from 2N digits; nullopt for anything else.
template <std::size_t N>
std::optional<std::array<std::uint8_t, N>> from_hex_array(std::string_view hex) {
  auto bytes = hex.size() == 2 * N ? from_hex(hex) : std::nullopt;
  if (!bytes) return std::nullopt;
  std::array<std::uint8_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<std::uint8_t>((*bytes)[i]);
  return out;
}

}  // namespace hoyo::base
