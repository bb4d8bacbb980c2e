// Bytes for snapshots and projection checkpoints: a little writer and reader of unsigned
// varints, strings and whole events (through the domain's event codec, so a
// snapshot shares the log's schema-evolution rules).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/event_codec.h"

namespace hoyo::domain {

class SnapshotWriter {
 public:
  void u64(std::uint64_t v) {
    while (v >= 0x80) {
      out_.push_back(static_cast<char>(v | 0x80));
      v >>= 7;
    }
    out_.push_back(static_cast<char>(v));
  }
  void i64(std::int64_t v) {
    u64((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
  }
  void str(std::string_view s) {
    u64(s.size());
    out_.append(s);
  }
  void event(const domain::Event& e) {
    domain::EncodedEvent enc = domain::encode_event(e);
    str(enc.type);
    str(enc.payload);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

// Reading past the end or a bad event sets failed(); values are then zero.
class SnapshotReader {
 public:
  explicit SnapshotReader(std::string_view in) : in_(in) {}
  std::uint64_t u64() {
    std::uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (in_.empty()) return fail();
      const auto b = static_cast<std::uint8_t>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return fail();
  }
  std::int64_t i64() {
    const std::uint64_t z = u64();
    return static_cast<std::int64_t>(z >> 1) ^ -static_cast<std::int64_t>(z & 1);
  }
  std::string str() {
    const std::uint64_t n = u64();
    if (n > in_.size()) return fail(), std::string();
    std::string s(in_.substr(0, n));
    in_.remove_prefix(n);
    return s;
  }
  template <class E>
  E event() {
    const std::string type = str();
    const std::string payload = str();
    auto e = domain::decode_event(type, payload);
    if (!e || !std::holds_alternative<E>(*e)) return fail(), E{};
    return std::get<E>(std::move(*e));
  }
  bool failed() const { return failed_; }
  bool at_end() const { return in_.empty(); }
  // Marks the bytes damaged (a value read is out of its bounds): failed() from now on.
  void reject() { fail(); }

 private:
  std::uint64_t fail() {
    failed_ = true;
    in_ = {};
    return 0;
  }
  std::string_view in_;
  bool failed_ = false;
};

}  // namespace hoyo::domain
