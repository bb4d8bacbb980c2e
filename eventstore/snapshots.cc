#include "eventstore/snapshots.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "base/log.h"
#include "eventstore/event_store.h"
#include "eventstore/internal/sha256.h"
#include "eventstore/internal/snapshot_parser.h"

namespace hoyo::eventstore {
namespace {

constexpr std::string_view kMagic = "HOYOSNAP";
constexpr std::size_t kChunk = 4 << 20;  // bytes per side-table value
constexpr std::size_t kKeep = 2;         // snapshots kept per name

void put_fixed(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>(v >> (8 * i)));
}

// Reads little-endian fixed-width integers and byte runs; any read past the end
// sets `short_`.
class Cursor {
 public:
  explicit Cursor(std::string_view in) : in_(in) {}
  std::uint64_t fixed(int bytes) {
    if (in_.size() < static_cast<std::size_t>(bytes)) return short_ = true, 0;
    std::uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) {
      v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(in_[i])) << (8 * i);
    }
    in_.remove_prefix(bytes);
    return v;
  }
  std::string_view take(std::uint64_t n) {
    if (in_.size() < n) return short_ = true, std::string_view();
    std::string_view s = in_.substr(0, n);
    in_.remove_prefix(n);
    return s;
  }
  bool is_short() const { return short_; }
  std::size_t left() const { return in_.size(); }

 private:
  std::string_view in_;
  bool short_ = false;
};

std::string directory_key(std::string_view name) { return "snap:" + std::string(name); }
std::string meta_key(std::string_view name, std::uint64_t position) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "/%020llu", static_cast<unsigned long long>(position));
  return directory_key(name) + buf;
}
std::string chunk_key(std::string_view name, std::uint64_t position, std::uint64_t i) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "/%08llu", static_cast<unsigned long long>(i));
  return meta_key(name, position) + buf;
}

std::string encode_positions(const std::vector<std::uint64_t>& positions) {
  std::string out;
  for (std::uint64_t p : positions) put_fixed(out, p, 8);
  return out;
}

// Reads and decodes the stored snapshot of `name` at `position` chunk by chunk
// (internal/snapshot_parser.h): the bytes go from the store's blocks into the
// sections, with no whole copy in between. A missing chunk shows as a
// truncated snapshot, as in get_snapshot_bytes.
SnapshotFault read_snapshot(const EventStore& store, std::string_view name, std::uint64_t position,
                            Snapshot& out) {
  auto meta = store.side_get(SideTable::kProjections, meta_key(name, position));
  if (!meta.ok() || !*meta) return SnapshotFault::kUnreadable;
  Cursor c(**meta);
  const std::uint64_t chunks = c.fixed(8);
  const std::uint64_t size = c.fixed(8);
  if (chunks == 0) return decode_snapshot({}, out);
  internal::SnapshotParser parser(size);
  const std::string last = chunk_key(name, position, chunks - 1);
  const base::Status read =
      store.side_scan(SideTable::kProjections, meta_key(name, position) + "/",
                      [&](std::string_view key, std::string_view value) {
                        if (key > last)
                          return false;  // a chunk past the count: not this snapshot's
                        parser.feed(value);
                        return true;
                      });
  if (!read.ok()) return SnapshotFault::kUnreadable;
  return parser.finish(out);
}

std::uint64_t chunks_of(const EventStore& store, std::string_view name, std::uint64_t position) {
  auto meta = store.side_get(SideTable::kProjections, meta_key(name, position));
  if (!meta.ok() || !*meta) return 0;
  Cursor c(**meta);
  return c.fixed(8);
}

}  // namespace

const char* snapshot_fault_name(SnapshotFault f) {
  switch (f) {
    case SnapshotFault::kNone:
      return "none";
    case SnapshotFault::kUnreadable:
      return "unreadable";
    case SnapshotFault::kTruncated:
      return "truncated";
    case SnapshotFault::kNotASnapshot:
      return "not_a_snapshot";
    case SnapshotFault::kChecksum:
      return "checksum";
    case SnapshotFault::kFutureFormat:
      return "future_format";
    case SnapshotFault::kBeyondHead:
      return "beyond_head";
    case SnapshotFault::kChainMismatch:
      return "chain_mismatch";
    case SnapshotFault::kUnusable:
      return "unusable";
  }
  return "unknown";
}

// Layout: "HOYOSNAP", format (u32), position (u64), chain hash (32 bytes),
// section count (u32), then per section its id (u32), size (u64) and bytes;
// last, the SHA-256 of everything before it. Integers are little-endian.
std::string encode_snapshot(const Snapshot& s) {
  std::size_t size = kMagic.size() + 4 + 8 + 32 + 4 + 32;
  for (const auto& [id, bytes] : s.sections) size += 12 + bytes.size();
  std::string out;
  out.reserve(size);
  out.append(kMagic);
  put_fixed(out, s.format, 4);
  put_fixed(out, s.position, 8);
  out.append(reinterpret_cast<const char*>(s.chain.data()), s.chain.size());
  put_fixed(out, s.sections.size(), 4);
  for (const auto& [id, bytes] : s.sections) {
    put_fixed(out, id, 4);
    put_fixed(out, bytes.size(), 8);
    out.append(bytes);
  }
  const Hash sum = internal::Sha256::of(out);
  out.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  return out;
}

SnapshotFault decode_snapshot(std::string_view bytes, Snapshot& out) {
  internal::SnapshotParser parser(bytes.size());
  parser.feed(bytes);
  return parser.finish(out);
}

SnapshotFault check_snapshot(const EventStore& store, const Snapshot& s, std::uint32_t max_format) {
  if (s.format > max_format) return SnapshotFault::kFutureFormat;
  if (s.position > store.head()) return SnapshotFault::kBeyondHead;
  if (s.position == 0)
    return s.chain == Hash{} ? SnapshotFault::kNone : SnapshotFault::kChainMismatch;
  auto at = store.read_at(s.position);
  if (!at.ok()) return SnapshotFault::kUnreadable;
  return at->chain_hash == s.chain ? SnapshotFault::kNone : SnapshotFault::kChainMismatch;
}

std::vector<std::uint64_t> snapshot_positions(const EventStore& store, std::string_view name) {
  std::vector<std::uint64_t> out;
  auto dir = store.side_get(SideTable::kProjections, directory_key(name));
  if (!dir.ok() || !*dir) return out;
  Cursor c(**dir);
  while (c.left() >= 8) out.push_back(c.fixed(8));
  return out;
}

base::Result<std::string> get_snapshot_bytes(const EventStore& store, std::string_view name,
                                             std::uint64_t position) {
  auto meta = store.side_get(SideTable::kProjections, meta_key(name, position));
  if (!meta.ok()) return meta.status();
  if (!*meta) {
    return base::Error{base::ErrorCode::kNotFound,
                       base::MessageId::kNoSnapshot,
                       {{"name", std::string(name)}, {"position", std::to_string(position)}}};
  }
  Cursor c(**meta);
  const std::uint64_t chunks = c.fixed(8);
  const std::uint64_t size = c.fixed(8);
  std::string bytes;
  bytes.reserve(std::min<std::uint64_t>(size, chunks * kChunk));
  for (std::uint64_t i = 0; i < chunks; ++i) {
    auto chunk = store.side_get(SideTable::kProjections, chunk_key(name, position, i));
    if (!chunk.ok()) return chunk.status();
    if (*chunk) bytes += **chunk;  // a missing chunk shows as a truncated snapshot
  }
  return bytes;
}

base::Status put_snapshot_bytes(EventStore& store, std::string_view name, std::uint64_t position,
                                std::string_view bytes) {
  std::vector<std::uint64_t> keep = {position};
  std::vector<SideWrite> batch;
  for (std::uint64_t p : snapshot_positions(store, name)) {
    if (p == position) continue;
    if (keep.size() < kKeep) {
      keep.push_back(p);
      continue;
    }
    const std::uint64_t chunks = chunks_of(store, name, p);
    for (std::uint64_t i = 0; i < chunks; ++i) {
      batch.push_back({SideTable::kProjections, chunk_key(name, p, i), std::nullopt});
    }
    batch.push_back({SideTable::kProjections, meta_key(name, p), std::nullopt});
  }
  const std::uint64_t old_chunks = chunks_of(store, name, position);
  const std::uint64_t chunks = (bytes.size() + kChunk - 1) / kChunk;
  for (std::uint64_t i = 0; i < chunks; ++i) {
    batch.push_back({SideTable::kProjections, chunk_key(name, position, i),
                     std::string(bytes.substr(i * kChunk, kChunk))});
  }
  for (std::uint64_t i = chunks; i < old_chunks; ++i) {
    batch.push_back({SideTable::kProjections, chunk_key(name, position, i), std::nullopt});
  }
  std::string meta;
  put_fixed(meta, chunks, 8);
  put_fixed(meta, bytes.size(), 8);
  batch.push_back({SideTable::kProjections, meta_key(name, position), std::move(meta)});
  batch.push_back({SideTable::kProjections, directory_key(name), encode_positions(keep)});
  return store.side_write(batch);
}

base::Status save_snapshot(EventStore& store, std::string_view name, const Snapshot& s) {
  return put_snapshot_bytes(store, name, s.position, encode_snapshot(s));
}

std::optional<std::uint64_t> load_snapshot(const EventStore& store, std::string_view name,
                                           std::uint32_t max_format,
                                           const std::function<bool(const Snapshot&)>& use,
                                           std::vector<SnapshotRejection>* rejected) {
  for (std::uint64_t position : snapshot_positions(store, name)) {
    Snapshot s;
    SnapshotFault fault = read_snapshot(store, name, position, s);
    if (fault == SnapshotFault::kNone && s.position != position) {
      fault = SnapshotFault::kNotASnapshot;  // stored under another position
    }
    if (fault == SnapshotFault::kNone) fault = check_snapshot(store, s, max_format);
    if (fault == SnapshotFault::kNone && !use(s)) fault = SnapshotFault::kUnusable;
    if (fault == SnapshotFault::kNone) return position;
    base::log_line("warn", "a snapshot failed its checks and is ignored",
                   {{"snapshot", name},
                    {"position", std::to_string(position)},
                    {"fault", snapshot_fault_name(fault)}});
    if (rejected) rejected->push_back({position, fault});
  }
  return std::nullopt;
}

}  // namespace hoyo::eventstore
