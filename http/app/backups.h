// Backups made by hoyod while it serves (POST /api/operator/backups): one at
// a time, each on a thread of its own while reads and writes go on, into a
// new directory with a generated name under the configured backup directory
// (backup.dir), never a path a client chose. The oldest finished backups
// beyond `keep` are removed after each new one. A backup's progress and
// outcome are kept for GET /api/operator/backups/{name}; a finished one is
// known by its manifest, also across restarts.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "backup/manifest.h"
#include "base/mutex.h"
#include "base/status.h"

namespace hoyo::http {

class Backups {
 public:
  // Makes one backup into `dest` (a new directory) and returns its manifest;
  // backup::make_backup over the running store, or a stand-in in tests.
  using Maker = std::function<base::Result<backup::Manifest>(const std::string& dest)>;

  // `dir` is created when a backup first needs it; `keep` >= 1.
  Backups(std::string dir, int keep, Maker make);
  ~Backups();  // waits for a running backup
  Backups(const Backups&) = delete;
  Backups& operator=(const Backups&) = delete;

  // Starts a backup and returns its name (hoyo-backup-YYYYMMDDTHHMMSSZ, with
  // -2, -3... when that exists); kConflict (kBackupRunning) while one runs.
  // `stale`: why the copy may lack acknowledged writes (Manifest::stale),
  // written into its manifest; "" for none.
  base::Result<std::string> start(const std::string& stale = {});

  struct State {
    std::string name;
    enum Kind { kRunning, kFailed, kDone } kind = kRunning;
    std::optional<backup::Manifest> manifest;  // when done
    base::Status error;                        // why, when failed
  };
  // The backup `name`: running, failed (since this start), or done (its
  // manifest is in the directory); kNotFound (kNoBackup) otherwise.
  base::Result<State> state(const std::string& name) const;
  // Every finished backup in the directory and the running one, by name
  // (oldest first).
  std::vector<State> list() const;
  // The file `path` of the finished backup `name` when its manifest lists it
  // (kNotFound otherwise), as a path on this machine, with its size.
  base::Result<std::pair<std::string, std::uint64_t>> file(const std::string& name,
                                                           const std::string& path) const;

  // True for names this class generates (so nothing else is ever opened).
  static bool valid_name(const std::string& name);

 private:
  // Removes the oldest finished backups beyond keep_, `made` (just finished) among them.
  void prune(const std::string& made);
  std::string dir_;
  int keep_;
  Maker make_;
  mutable base::Mutex mu_;
  std::string running_ HOYO_GUARDED_BY(mu_);  // the running backup's name, "" when none
  std::map<std::string, base::Error> failed_ HOYO_GUARDED_BY(mu_);
  std::thread thread_ HOYO_GUARDED_BY(mu_);  // the latest backup's, joined by the next
};

}  // namespace hoyo::http
