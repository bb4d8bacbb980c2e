#include "tools/hoyoctl_operator.h"

#include <filesystem>
#include <iostream>

#include "accounts/demo_data.h"
#include "tools/hoyoctl_data_dir.h"
#include "tools/hoyoctl_errors.h"
#include "tools/read_secret.h"

namespace hoyo::tools {
namespace {

namespace json = boost::json;

int fail(const base::Error& e) {
  std::cerr << error_line(e) << "\n";
  return kExitFault;
}

}  // namespace

int operator_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options("operator options");
  po::positional_options_description positional;
  positional.add("verb", 1);
  std::string verb, login, role;
  options.add_options()("verb", po::value(&verb)->required(), "add, list, disable or reset-totp")(
      "login", po::value(&login), "the account (add, disable, reset-totp)")(
      "role", po::value(&role), "add: operator or auditor");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  if (verb != "add" && verb != "list" && verb != "disable" && verb != "reset-totp") {
    return usage_error(self, "operator add, list, disable or reset-totp");
  }
  if (verb != "list" && login.empty()) return usage_error(self, verb + " needs --login LOGIN");
  if (verb == "add" && role != "operator" && role != "auditor") {
    return usage_error(self, "add needs --role operator or --role auditor");
  }
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, false)) return kExitUsage;
  if (verb != "list") {
    if (auto rc = refuse_cluster_node(self, g)) return *rc;
  }
  auto dir = open_data_dir(g.data_dir, true, verb == "add");
  if (!dir) return kExitFault;
  accounts::AccountService& service = *dir->accounts;
  if (verb == "list") {
    json::array list;
    for (const auto& [name, op] : service.operators()) {
      const std::string role_name = domain::role_name(op.role);
      const std::string status = op.disabled ? "disabled" : "active";
      list.push_back({{"login", name}, {"role", role_name}, {"status", status}});
      if (*format == "table") std::cout << name << "\t" << role_name << "\t" << status << "\n";
    }
    if (*format == "json") std::cout << json_text(list);
    return kExitOk;
  }
  if (verb == "add") {
    std::string password, again;
    if (!read_secret("password: ", password) || !read_secret("again: ", again)) {
      std::cerr << "hoyoctl: the password must be given twice on stdin\n";
      return kExitFault;
    }
    if (password != again) {
      std::cerr << "hoyoctl: the two passwords differ\n";
      return kExitFault;
    }
    auto added = service.add_operator(
        login, role == "auditor" ? domain::OperatorRole::kAuditor : domain::OperatorRole::kOperator,
        password);
    if (!added.ok()) return fail(added.error());
    std::cout << (*format == "json" ? json_text(json::object{{"added", login}, {"role", role}})
                                    : "added " + role + " " + login + "\n");
    return kExitOk;
  }
  if (verb == "disable") {
    auto done = service.disable_operator(login);
    if (!done.ok()) return fail(done.error());
    std::cout << (*format == "json" ? json_text(json::object{{"disabled", login}})
                                    : "disabled " + login + "\n");
    return kExitOk;
  }
  auto done = service.reset_totp(login);
  if (!done.ok()) return fail(done.error());
  if (*format == "json") {
    std::cout << json_text(json::object{{"login", login}, {"removed", done.value()}});
  } else {
    std::cout << (done.value() ? "removed the second factor of " : "no second factor for ") << login
              << "\n";
  }
  return kExitOk;
}

int demo_data_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::variables_map vm;
  if (auto rc = parse_command(self, po::options_description("demo-data options"), {}, args, vm)) {
    return *rc;
  }
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, false)) return kExitUsage;
  if (auto rc = refuse_cluster_node(self, g)) return *rc;
  std::error_code ec;
  std::filesystem::create_directories(g.data_dir, ec);
  auto dir = open_data_dir(g.data_dir, true, true);
  if (!dir) return kExitFault;
  const accounts::DemoResult r =
      accounts::fill_demo_data(*dir->store, *dir->processor, *dir->accounts, dir->clock);
  if (*format == "json") {
    json::array logins;
    for (const auto& l : r.logins) {
      logins.push_back({{"who", l.who}, {"login", l.login}, {"password", l.password}});
    }
    std::cout << json_text(
        json::object{{"filled", r.filled}, {"message", r.message}, {"logins", logins}});
  } else {
    std::cout << r.message << "\n";
    for (const auto& l : r.logins)
      std::cout << l.who << "\t" << l.login << "\t" << l.password << "\n";
  }
  return r.filled || r.message.find("already holds") != std::string::npos ? kExitOk : kExitFault;
}

}  // namespace hoyo::tools
