// The first administrator of a deployment without demo data (hoyod
// --initial-admin LOGIN --initial-admin-password-file PATH; docs/operations.md,
// "Staff accounts"): a fresh cluster has no staff, and staff accounts are
// managed by an administrator through the running server.
#pragma once

#include <string>

#include "accounts/account_service.h"

namespace hoyo::accounts {

// The password in `path`: its first line, without the line's end. "" in
// `why` when it is usable; otherwise why not (a file that its group or others
// may read, a missing or unreadable file, an invalid login, a password the
// staff policy refuses), in a sentence to print before exiting.
std::string read_initial_admin_password(const std::string& login, const std::string& path,
                                        std::string& why);

// Adds `login` as an administrator (actor: system) unless the log holds an
// administrator account already, when it does nothing: exactly once across
// a cluster when only the writer calls it. Returns the line to log.
std::string add_initial_admin(AccountService& accounts, const std::string& login,
                              const std::string& password);

}  // namespace hoyo::accounts
