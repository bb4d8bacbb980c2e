// hoyoctl backup and restore (docs/operations.md, "Backups and restores"),
// and leave-cluster (docs/cluster.md, "A node's directory used alone"),
// entries of hoyoctl's command table. Exit codes: 0 done, 1 failed (the
// catalogue's sentence on stderr), 2 bad usage.
#pragma once

#include <string>
#include <vector>

#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

// backup DEST: with --server URL --staff LOGIN (an operator's; the password
// on stdin, --totp for a second factor) asks the running hoyod for a backup
// (POST /api/operator/backups), waits for it and downloads its files and
// manifest into DEST (new), with progress; with --data-dir DIR (hoyod
// stopped) makes the same copy itself. Prints the manifest's summary.
int backup_command(const Command& self, const Global& global, const std::vector<std::string>& args);

// restore SRC DIR [--key-file K]: copies the backup SRC into DIR (missing or
// empty), with progress, then checks it: the whole chain verifies, the log
// ends at the manifest's position and hash, and the key file (K, else
// HOYO_SECURITY_KEY_FILE, else DIR.key) opens its sealed data. Any failure
// removes what was copied.
int restore_command(const Command& self, const Global& global,
                    const std::vector<std::string>& args);

// leave-cluster DIR: clears the mark a cluster node leaves in its store
// (backup/cluster_mark.h), so that hoyod runs DIR as a single node and
// hoyoctl's commands that write work on it. For a node's copy to be used on
// its own for good (a restored node's backup, a node taken out of its
// cluster); the directory never follows its stream again. A directory
// without the mark is left as it is (exit 0).
int leave_cluster_command(const Command& self, const Global& global,
                          const std::vector<std::string>& args);

}  // namespace hoyo::tools
