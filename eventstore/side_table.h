// Side tables: small keyed records kept beside the log, never in it. Each
// table is its own RocksDB column family in the same data directory (so a
// backup of the directory holds them), written outside the event writer.
// They hold what must not enter the append-only log: password hashes, reset
// tokens, per-user data keys, mail secrets, sessions.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hoyo::eventstore {

enum class SideTable : int {
  kCredentials = 0,  // password hashes and reset tokens
  kDataKeys = 1,     // per-user data keys (crypto-shredding) and server secrets
  kOutbox = 2,       // mail secrets (reset links) until the mail is sent
  kSessions = 3,     // HTTP sessions (hashed ids)
  kProjections = 4,  // projection checkpoints (state, position, code version)
  kSettings = 5,     // server state outside the log (the test clock's value)
};
inline constexpr int kSideTableCount = 6;

// One write of a side-table batch: a value to put, or nullopt to erase.
struct SideWrite {
  SideTable table;
  std::string key;
  std::optional<std::string> value;
};

// Visits (key, value) in key order; return false to stop.
using SideVisitor = std::function<bool(std::string_view key, std::string_view value)>;

// Cluster mode (docs/cluster.md, "Side tables"): true for the tables every
// node must hold alike (credentials, data keys, outbox, sessions), whose
// writes a writer store hands to its SideReplicator; false for those that
// stay with their node (projection checkpoints, settings).
bool side_table_replicated(SideTable table);
// The table's stable name ("credentials", "data_keys", "outbox", "sessions",
// "projections", "settings"): its column family, and its token in the side
// stream's subjects.
const char* side_table_name(SideTable table);
// The table a name names; nullopt for any other text.
std::optional<SideTable> side_table_named(std::string_view name);

}  // namespace hoyo::eventstore
