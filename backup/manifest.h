// A backup's manifest: what a copy of a data directory holds (the log's
// position and chain hash, every file with its size) and what it does not
// (the key file). Written last, as hoyo-backup.json at the backup's top, so a
// directory without it is not a finished backup.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace hoyo::backup {

inline constexpr const char* kManifestFile = "hoyo-backup.json";
inline constexpr const char* kFormat = "hoyo-backup/1";

struct BackupFile {
  std::string path;  // relative to the backup's top, '/'-separated, never ".."
  std::uint64_t bytes = 0;
  bool operator==(const BackupFile&) const = default;
};

struct Manifest {
  std::string name;        // the backup's directory name
  std::string created_at;  // RFC 3339, UTC
  std::uint64_t position = 0;
  std::string chain_hash;  // 64 hex digits (zeros for an empty log)
  std::vector<BackupFile> files;
  // Why the copy may lack writes the cluster acknowledged before it was
  // asked for ("follower_stopped": made by a follower that could not apply
  // the stream); "" when it does not. In the JSON: "stale": true and
  // "staleReason".
  std::string stale;

  std::uint64_t bytes() const;
  // The listed file with this path, or null.
  const BackupFile* find(const std::string& path) const;
};

// The manifest as JSON text (pretty enough to read), with a note that the key
// file is not in the backup.
std::string manifest_json(const Manifest& m);
// Reads `backup_dir`/hoyo-backup.json; kNotFound (kBackupManifestUnreadable)
// when it is missing, unreadable, of another format, or lists an unsafe path.
base::Result<Manifest> read_manifest(const std::string& backup_dir);
// Parses manifest text (as read_manifest, with `where` for the message).
base::Result<Manifest> parse_manifest(const std::string& text, const std::string& where);
// Writes the manifest into `backup_dir` atomically (a temporary file, synced,
// then renamed).
base::Status write_manifest(const std::string& backup_dir, const Manifest& m);

}  // namespace hoyo::backup
