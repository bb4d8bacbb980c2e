// Key layouts of the store's column families. Big-endian integers so that
// RocksDB's bytewise order is numeric order.
//   events:        u64 position                         -> Envelope (flat Cap'n Proto)
//   streams:       stream id, 0x00, u64 version          -> u64 position
//   event_ids:     16-byte event id                      -> IdRecord
//   blobs:         32-byte SHA-256                        -> bytes
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace hoyo::eventstore::internal {

inline constexpr const char* kEventsCf = "events";
inline constexpr const char* kStreamsCf = "streams";
inline constexpr const char* kEventIdsCf = "event_ids";
inline constexpr const char* kBlobsCf = "blobs";
// Side tables, in SideTable order.
inline constexpr const char* kSideCfs[] = {"credentials", "data_keys",   "outbox",
                                           "sessions",    "projections", "settings"};

inline void put_u64_be(std::string& out, std::uint64_t v) {
  char b[8];
  for (int i = 7; i >= 0; --i) {
    b[i] = static_cast<char>(v & 0xff);
    v >>= 8;
  }
  out.append(b, 8);
}

inline std::uint64_t get_u64_be(const char* p) {
  std::uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

inline std::string position_key(std::uint64_t position) {
  std::string k;
  k.reserve(8);
  put_u64_be(k, position);
  return k;
}

inline std::string stream_key(std::string_view stream, std::uint64_t version) {
  std::string k;
  k.reserve(stream.size() + 9);
  k.append(stream);
  k.push_back('\0');
  put_u64_be(k, version);
  return k;
}

struct EventIdHash {
  std::size_t operator()(const std::array<std::uint8_t, 16>& id) const {
    std::size_t h;
    std::memcpy(&h, id.data(), sizeof h);
    return h;
  }
};

// What the event-id index remembers of an appended event: enough to answer a
// retried append without reading the log, and to spot a reused id.
struct IdRecord {
  std::uint64_t position = 0;
  std::uint64_t stream_version = 0;
  unsigned char digest[16] = {};  // first 16 bytes of content_digest()

  static constexpr std::size_t kSize = 32;
  // Replaces the contents of `s` with the encoded record.
  void encode_to(std::string& s) const {
    s.clear();
    put_u64_be(s, position);
    put_u64_be(s, stream_version);
    s.append(reinterpret_cast<const char*>(digest), sizeof digest);
  }
  static bool decode(std::string_view s, IdRecord& out) {
    if (s.size() != kSize) return false;
    out.position = get_u64_be(s.data());
    out.stream_version = get_u64_be(s.data() + 8);
    std::memcpy(out.digest, s.data() + 16, sizeof out.digest);
    return true;
  }
};

}  // namespace hoyo::eventstore::internal
