#include "tools/hoyoctl_operator.h"

#include <filesystem>
#include <iostream>

#include "accounts/demo_data.h"
#include "http/codec/staff_json.h"
#include "tools/hoyoctl_data_dir.h"
#include "tools/hoyoctl_errors.h"
#include "tools/read_secret.h"
#include "tools/staff_client.h"

namespace hoyo::tools {
namespace {

namespace json = boost::json;

int fail(const base::Error& e) {
  std::cerr << error_line(e) << "\n";
  return kExitFault;
}

// What the verbs do, on a stopped data directory or through a running
// hoyod's admin routes (docs/api.md, "Administrators"): the same results,
// printed by one code.
class StaffAccounts {
 public:
  virtual ~StaffAccounts() = default;
  // Each account as http::staff_json writes it.
  virtual base::Result<std::vector<json::object>> list() = 0;
  virtual base::Status add(const std::string& login, const std::string& role,
                           const std::string& password) = 0;
  virtual base::Status disable(const std::string& login) = 0;
  // True when the account had a second factor.
  virtual base::Result<bool> reset_totp(const std::string& login) = 0;
};

class DataDirStaff final : public StaffAccounts {
 public:
  explicit DataDirStaff(std::unique_ptr<DataDir> dir) : dir_(std::move(dir)) {}
  base::Result<std::vector<json::object>> list() override {
    auto staff = dir_->accounts->staff();
    if (!staff.ok()) return staff.error();
    std::vector<json::object> out;
    for (const accounts::StaffAccount& a : *staff) out.push_back(http::staff_json(a));
    return out;
  }
  base::Status add(const std::string& login, const std::string& role,
                   const std::string& password) override {
    return dir_->accounts->add_operator(login, *domain::role_named(role), password).status();
  }
  base::Status disable(const std::string& login) override {
    return dir_->accounts->disable_operator(login).status();
  }
  base::Result<bool> reset_totp(const std::string& login) override {
    return dir_->accounts->reset_totp(login);
  }

 private:
  std::unique_ptr<DataDir> dir_;
};

class ServerStaff final : public StaffAccounts {
 public:
  explicit ServerStaff(std::unique_ptr<StaffClient> client) : client_(std::move(client)) {}
  base::Result<std::vector<json::object>> list() override {
    auto answer = client_->call("GET", "/api/admin/staff");
    if (!answer.ok()) return answer.status();
    std::vector<json::object> out;
    boost::system::error_code ec;
    const json::value v = json::parse(answer->body, ec);
    if (ec || !v.is_array()) return not_a_list();
    for (const json::value& item : v.as_array()) {
      if (!item.is_object()) return not_a_list();
      out.push_back(item.as_object());
    }
    return out;
  }
  base::Status add(const std::string& login, const std::string& role,
                   const std::string& password) override {
    const json::object body{{"login", login}, {"role", role}, {"password", password}};
    return client_->call("POST", "/api/admin/staff", json::serialize(body)).status();
  }
  base::Status disable(const std::string& login) override {
    return client_->call("POST", "/api/admin/staff/" + url_escape(login) + "/disable").status();
  }
  // The route answers 204 either way: whether there was a factor is read first.
  base::Result<bool> reset_totp(const std::string& login) override {
    auto staff = list();
    if (!staff.ok()) return staff.error();
    bool had = false;
    for (const json::object& a : *staff) {
      if (a.at("login") == json::value(login)) had = a.at("totp") != json::value("off");
    }
    auto done = client_->call("POST", "/api/admin/staff/" + url_escape(login) + "/totp-reset");
    if (!done.ok()) return done.status();
    return had;
  }

 private:
  static base::Error not_a_list() {
    return {
        base::ErrorCode::kFailed,
        base::MessageId::kServerAnswer,
        {{"status", std::int64_t{200}}, {"detail", std::string("not a JSON array of objects")}}};
  }
  std::unique_ptr<StaffClient> client_;
};

// The new account's password, twice from stdin.
std::optional<std::string> new_password() {
  std::string password, again;
  if (!read_secret("new password: ", password) || !read_secret("again: ", again)) {
    std::cerr << "hoyoctl: the password must be given twice on stdin\n";
    return std::nullopt;
  }
  if (password != again) {
    std::cerr << "hoyoctl: the two passwords differ\n";
    return std::nullopt;
  }
  return password;
}

std::string text_of(const json::object& o, const char* key) {
  const json::value* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->as_string()) : std::string();
}

}  // namespace

int operator_command(const Command& self, const Global& g, const std::vector<std::string>& args) {
  po::options_description options(
      "operator options (with --server, an administrator's login: stdin holds the "
      "administrator's password first, then add's new password twice)");
  po::positional_options_description positional;
  positional.add("verb", 1);
  std::string verb, login, role;
  options.add_options()("verb", po::value(&verb)->required(), "add, list, disable or reset-totp")(
      "login", po::value(&login), "the account (add, disable, reset-totp)")(
      "role", po::value(&role), "add: operator, auditor or admin");
  po::variables_map vm;
  if (auto rc = parse_command(self, options, positional, args, vm)) return *rc;
  if (verb != "add" && verb != "list" && verb != "disable" && verb != "reset-totp") {
    return usage_error(self, "operator add, list, disable or reset-totp");
  }
  if (verb != "list" && login.empty()) return usage_error(self, verb + " needs --login LOGIN");
  if (verb == "add" && !domain::role_named(role)) {
    return usage_error(self, "add needs --role operator, auditor or admin");
  }
  auto format = format_of(self, g, {"table", "json"});
  if (!format || !check_source(self, g, true)) return kExitUsage;
  std::unique_ptr<StaffAccounts> staff;
  if (!g.server.empty()) {
    auto client = StaffClient::login(g);
    if (!client) return kExitFault;
    staff = std::make_unique<ServerStaff>(std::move(client));
  } else {
    if (verb != "list") {
      if (auto rc = refuse_cluster_node(self, g)) return *rc;
    }
    auto dir = open_data_dir(g.data_dir, true, verb == "add");
    if (!dir) return kExitFault;
    staff = std::make_unique<DataDirStaff>(std::move(dir));
  }
  if (verb == "list") {
    auto list = staff->list();
    if (!list.ok()) return fail(list.error());
    json::array out;
    for (const json::object& a : *list) {
      out.push_back(a);
      if (*format == "table") {
        std::cout << text_of(a, "login") << "\t" << text_of(a, "role") << "\t"
                  << text_of(a, "status") << "\t" << text_of(a, "totp") << "\n";
      }
    }
    if (*format == "json") std::cout << json_text(out);
    return kExitOk;
  }
  if (verb == "add") {
    auto password = new_password();
    if (!password) return kExitFault;
    if (auto added = staff->add(login, role, *password); !added.ok()) return fail(added.error());
    std::cout << (*format == "json" ? json_text(json::object{{"added", login}, {"role", role}})
                                    : "added " + role + " " + login + "\n");
    return kExitOk;
  }
  if (verb == "disable") {
    if (auto done = staff->disable(login); !done.ok()) return fail(done.error());
    std::cout << (*format == "json" ? json_text(json::object{{"disabled", login}})
                                    : "disabled " + login + "\n");
    return kExitOk;
  }
  auto done = staff->reset_totp(login);
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
