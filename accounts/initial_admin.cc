#include "accounts/initial_admin.h"

#include <sys/stat.h>

#include <fstream>

#include "domain/password_policy.h"

namespace hoyo::accounts {

std::string read_initial_admin_password(const std::string& login, const std::string& path,
                                        std::string& why) {
  why.clear();
  if (!domain::valid_operator_login(login)) {
    why = "--initial-admin " + login +
          " is not a login (3 to 32 characters of a-z, 0-9, '.', '_' and '-')";
    return {};
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    why = "cannot read the initial administrator's password file " + path;
    return {};
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    why = "the initial administrator's password file " + path +
          " may be read by others: make it readable by its owner only (chmod 600)";
    return {};
  }
  std::ifstream in(path);
  std::string password;
  if (!in || !std::getline(in, password)) {
    why = "cannot read the initial administrator's password from " + path;
    return {};
  }
  if (!password.empty() && password.back() == '\r') password.pop_back();
  if (!domain::check_new_password(password, password).empty()) {
    why = "the initial administrator's password in " + path +
          " breaks the password policy (at least 8 characters, not a common password)";
    return {};
  }
  return password;
}

std::string add_initial_admin(AccountService& accounts, const std::string& login,
                              const std::string& password) {
  for (const auto& [name, op] : accounts.operators()) {
    if (op.role == domain::OperatorRole::kAdmin) {
      return "an administrator account exists (" + name + "): --initial-admin adds nothing";
    }
  }
  auto added = accounts.add_operator(login, domain::OperatorRole::kAdmin, password);
  if (!added.ok()) {
    return "could not add the initial administrator " + login + ": " + added.error().to_string();
  }
  return "added the initial administrator " + login;
}

}  // namespace hoyo::accounts
