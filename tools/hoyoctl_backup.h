// hoyoctl backup and restore (docs/operations.md, "Backups and restores").
// The functions take already-parsed values and return the exit code: 0 done,
// 1 failed (the catalogue's sentence on stderr).
#pragma once

#include <string>

namespace hoyo::tools {

// The usage lines of backup and restore, for hoyoctl's usage text.
extern const char* const kBackupUsage;

// A staff login for a running server: the password (and, for an account with
// a second factor, a TOTP or recovery code) as read from stdin.
struct ServerLogin {
  std::string url;  // http://HOST:PORT
  std::string login;
  std::string password;
  std::string totp;  // empty: none
};

// Reads the password from stdin's first line and a TOTP code from its second,
// when there is one.
ServerLogin read_server_login(std::string url, std::string login);

// hoyoctl backup DEST --server URL --login L: asks the server for a backup
// (POST /api/operator/backups, an operator's login), waits for it, and
// downloads its files and manifest into DEST (new), with progress.
int backup_from_server(const std::string& dest, const ServerLogin& who);

// hoyoctl --data-dir DIR backup DEST: the same copy of a stopped data
// directory, made by hoyoctl itself.
int backup_stopped_directory(const std::string& data_dir, const std::string& dest);

// hoyoctl restore SRC DIR [--key-file K]: copies the backup SRC into DIR
// (missing or empty), with progress, then checks it: the whole chain
// verifies, the log ends at the manifest's position and hash, and the key
// file (K, else HOYO_SECURITY_KEY_FILE, else DIR.key) opens its sealed data.
// Any failure removes what was copied.
int restore_command(const std::string& src, const std::string& data_dir,
                    const std::string& key_file);

}  // namespace hoyo::tools
