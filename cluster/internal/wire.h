// Big-endian integers for the replication messages' headers (batch_message,
// epoch_message): a writer on one machine, readers on others.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hoyo::cluster::internal {

template <class T>
void put_be(std::string& out, T v) {
  char b[sizeof(T)];
  for (int i = static_cast<int>(sizeof(T)) - 1; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xff);
    v = static_cast<T>(v >> 8);
  }
  out.append(b, sizeof(T));
}

// Reads a T at `at` and moves past it; false (nothing read) when `in` is too short.
template <class T>
bool get_be(std::string_view in, std::size_t& at, T& out) {
  if (in.size() < at || in.size() - at < sizeof(T)) return false;
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    v = static_cast<T>((v << 8) | static_cast<unsigned char>(in[at + i]));
  }
  at += sizeof(T);
  out = v;
  return true;
}

}  // namespace hoyo::cluster::internal
