// The key-encryption key (KEK): 32 random bytes in a file outside the data
// directory (security.key_file; by default DATA_DIR.key beside the
// directory), under which every data key and server secret the directory
// holds is wrapped (PersonalDataVault). A copy of the directory alone, a
// backup or a stolen disk, opens no personal data; each node of a cluster is
// provisioned the same file.
//
// The file holds the key as 64 hex digits and a newline, readable by its
// owner only (0600).
#pragma once

#include <string>

#include "eventstore/event_store.h"

namespace hoyo::accounts {

// DATA_DIR.key, beside the directory (trailing slashes ignored).
std::string default_key_file(const std::string& data_dir);

// Makes `store`'s keys usable with the key in `path` and returns it:
// - a directory whose keys are wrapped already (its check value is there)
//   needs its own key file: missing, unreadable or another directory's, it
//   is refused with a message that says so, and nothing is changed;
// - any other directory (new, or from before keys were wrapped) uses the file
//   when it exists, or creates it; then every key already in the directory
//   is wrapped, and the check value written.
base::Result<std::string> prepare_key_file(eventstore::EventStore& store, const std::string& path);

// Checks, changing nothing, that the key in `path` opens `store`'s keys: ok
// when it does, or when the directory holds no wrapped keys at all;
// kKeyFileUnreadable (missing or unreadable) or kKeyFileForeign otherwise.
// For a restored copy, before it is trusted.
base::Status check_key_file(const eventstore::EventStore& store, const std::string& path);

}  // namespace hoyo::accounts
