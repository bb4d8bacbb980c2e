// Snapshots: state folded from the log up to a position, kept in the
// projections side table so that a restart folds only the log's tail. The
// store knows them as bytes in sections; what a section holds is its writer's.
//
// A snapshot records the format version of its writer, the position of the
// last event folded into it and the chain hash at that position, its sections
// (id -> bytes), and a SHA-256 of all of that. It is trusted only when every
// check passes: the bytes frame and hash correctly, the format is one the
// reader knows, the position is in the log and the log's chain hash there is
// the recorded one. A snapshot that fails is logged and skipped; the caller
// then folds from an older one or from the start of the log.
//
// Each name keeps its newest two snapshots: a new one and the directory that
// lists it are written in one atomic, synced batch, so a crash in the middle of
// a write leaves the previous ones as they were.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "eventstore/event.h"

namespace hoyo::eventstore {

class EventStore;

struct Snapshot {
  std::uint32_t format = 0;    // the writer's format version
  std::uint64_t position = 0;  // the last event folded in (0: none)
  Hash chain{};                // the log's chain hash at `position` (zeros at 0)
  // By section id. A reader ignores sections it does not know; what a missing
  // section means is its writer's to define.
  std::map<std::uint32_t, std::string> sections;
};

// When to write a snapshot (the writer's, and the projections' checkpoints):
// once the log holds events after the last one and `interval` passed since it,
// or `every_events` events were appended since it. A zero turns that trigger
// off; both zero: none written periodically.
struct SnapshotPolicy {
  std::chrono::seconds interval{0};
  std::uint64_t every_events = 0;
  bool on_close = false;  // a last one when its owner closes
  bool periodic() const { return interval.count() > 0 || every_events > 0; }
  // Whether one is due at `head`, the last one being at `last` and written
  // `since` ago.
  bool due(std::uint64_t head, std::uint64_t last,
           std::chrono::steady_clock::duration since) const {
    if (head <= last) return false;
    if (every_events > 0 && head - last >= every_events) return true;
    return interval.count() > 0 && since >= interval;
  }
};

// Why a snapshot was not trusted.
enum class SnapshotFault : int {
  kNone = 0,
  kUnreadable,     // its bytes could not be read from the side table
  kTruncated,      // shorter than its framing says
  kNotASnapshot,   // no magic, or bytes after the checksum
  kChecksum,       // the SHA-256 of its bytes differs
  kFutureFormat,   // written by a newer version than the reader knows
  kBeyondHead,     // its position is past the log's head
  kChainMismatch,  // the log's chain hash at its position is another
  kUnusable,       // its reader could not decode its sections
};
// A stable name for logs and metrics ("checksum", "chain_mismatch", ...).
const char* snapshot_fault_name(SnapshotFault f);

// The snapshot's bytes: framing, sections, SHA-256.
std::string encode_snapshot(const Snapshot& s);
// Decodes bytes written by encode_snapshot and checks their framing and
// checksum (not the format or the log: see check_snapshot).
SnapshotFault decode_snapshot(std::string_view bytes, Snapshot& out);
// Checks a decoded snapshot against the reader's newest format and the log.
SnapshotFault check_snapshot(const EventStore& store, const Snapshot& s, std::uint32_t max_format);

// Stores `s` as the newest snapshot of `name` (see above: the previous one is
// kept, older ones are removed in the same batch).
base::Status save_snapshot(EventStore& store, std::string_view name, const Snapshot& s);

struct SnapshotRejection {
  std::uint64_t position = 0;
  SnapshotFault fault = SnapshotFault::kNone;
};
// Offers the stored snapshots of `name`, newest first, to `use` until one
// that passes every check is taken (`use` returns true; false means its
// sections do not decode: kUnusable). Returns the position of the snapshot
// taken, or nullopt. Each one skipped is logged, and listed in `rejected`.
std::optional<std::uint64_t> load_snapshot(const EventStore& store, std::string_view name,
                                           std::uint32_t max_format,
                                           const std::function<bool(const Snapshot&)>& use,
                                           std::vector<SnapshotRejection>* rejected = nullptr);

// The positions of the stored snapshots of `name`, newest first.
std::vector<std::uint64_t> snapshot_positions(const EventStore& store, std::string_view name);
// The stored bytes of one snapshot, and their replacement (for tools and the
// tests that damage them); put_snapshot_bytes lists a new position as newest.
base::Result<std::string> get_snapshot_bytes(const EventStore& store, std::string_view name,
                                             std::uint64_t position);
base::Status put_snapshot_bytes(EventStore& store, std::string_view name, std::uint64_t position,
                                std::string_view bytes);

}  // namespace hoyo::eventstore
