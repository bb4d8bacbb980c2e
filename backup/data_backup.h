// Copies of a data directory: a backup made while hoyod runs (or of a stopped
// directory), and the copy a restore starts from. The data directory holds
// one RocksDB, DATA_DIR/events (the log, its indexes, the blobs and every side
// table as column families), copied by a checkpoint, and plain files (the
// .eml mails written without a relay, under mail/), copied after it. The key
// file lives outside the directory and is never in a backup.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "backup/manifest.h"
#include "base/status.h"
#include "eventstore/event_store.h"

namespace hoyo::backup {

// The store's directory inside a data directory.
inline constexpr const char* kStoreDir = "events";

// DATA_DIR.backups, beside the directory (trailing slashes ignored): where
// hoyod makes its backups unless backup.dir says otherwise.
std::string default_backup_dir(const std::string& data_dir);

// The system clock's time in UTC, formatted by strftime (for names and the
// manifest's createdAt).
std::string utc_now(const char* strftime_format);

// Bytes copied so far, of the total.
using CopyProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Makes a consistent copy of `data_dir`, whose store `store` is (open here,
// in hoyod or in hoyoctl on a stopped directory), in `dest`, which must not
// exist (kBackupDestinationExists): a checkpoint of the store first (safe
// while writes continue; it holds at least every write acknowledged before
// the call), then every other file (half-written *.tmp files left out), then
// the manifest. A mail written meanwhile may be in the copy while its outbox
// entry is not yet marked sent: a restore sends it again rather than lose it.
// A directory holding another database is refused (kBackupUnknownDatabase).
// On failure nothing is left at `dest`. `progress` sees the bytes: the
// checkpoint's at once when it is taken, then the other files' as they are
// copied, of the checkpoint's and the other files' total.
base::Result<Manifest> make_backup(const eventstore::EventStore& store, const std::string& data_dir,
                                   const std::string& dest, const CopyProgress& progress = {});

// Copies the files that the manifest of the backup in `src` lists into
// `dest` (missing or empty, else kRestoreTargetNotEmpty), each checked
// against the manifest's size (kBackupFileMismatch) and synced; the manifest
// itself stays behind, so `dest` is a data directory. `progress` sees the
// bytes. On failure what was copied is removed again.
base::Result<Manifest> copy_backup(const std::string& src, const std::string& dest,
                                   const CopyProgress& progress = {});

// Copies one file and syncs it; `on_bytes` sees each chunk's size.
base::Status copy_file_synced(const std::string& from, const std::string& to,
                              const std::function<void(std::uint64_t)>& on_bytes = {});

// The regular files under `dir`, relative and sorted, with their sizes
// (the manifest's list).
std::vector<BackupFile> list_files(const std::string& dir);

}  // namespace hoyo::backup
