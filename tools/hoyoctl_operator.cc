#include "tools/hoyoctl_operator.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "accounts/account_service.h"
#include "accounts/demo_data.h"
#include "accounts/key_file.h"
#include "tools/hoyoctl_errors.h"

namespace hoyo::tools {
namespace {

// One line from stdin; echo is off while a terminal types it.
bool read_secret(const char* prompt, std::string& out) {
  const bool tty = isatty(STDIN_FILENO);
  termios saved{};
  if (tty) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  const bool ok = static_cast<bool>(std::getline(std::cin, out));
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &saved);
    std::cerr << "\n";
  }
  return ok;
}

std::string option(const std::vector<std::string>& args, const std::string& name) {
  for (std::size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) return args[i + 1];
  }
  return {};
}

int fail(const base::Error& e) {
  std::cerr << error_line(e) << "\n";
  return 1;
}

// The accounts' settings over `store`, with the key-encryption key from the
// key file (HOYO_SECURITY_KEY_FILE, or DATA_DIR.key); nullopt (and a message)
// when the key file is refused.
std::optional<accounts::AccountsConfig> accounts_config(const std::string& data_dir,
                                                        eventstore::EventStore& store) {
  const char* env = std::getenv("HOYO_SECURITY_KEY_FILE");
  const std::string path = env && *env ? env : accounts::default_key_file(data_dir);
  auto kek = accounts::prepare_key_file(store, path);
  if (!kek.ok()) {
    std::cerr << tools::error_line(kek.status()) << "\n";
    return std::nullopt;
  }
  accounts::AccountsConfig c;
  c.kek = std::move(kek).value();
  return c;
}

}  // namespace

int operator_command(const std::string& data_dir, const std::vector<std::string>& args) {
  if (args.empty()) return 2;
  auto store = eventstore::EventStore::open(data_dir + "/events");
  if (!store.ok()) {
    std::cerr << tools::error_line(store.status()) << "\n";
    return 1;
  }
  processor::SystemClock clock;
  auto proc = processor::CommandProcessor::open(**store, clock);
  if (!proc.ok()) {
    std::cerr << tools::error_line(proc.status()) << "\n";
    return 1;
  }
  auto config = accounts_config(data_dir, **store);
  if (!config) return 1;
  accounts::AccountService service(**store, **proc, clock, *config);
  const std::string& verb = args[0];
  if (verb == "list") {
    for (const auto& [login, op] : service.operators()) {
      std::cout << login << "\t" << domain::role_name(op.role) << "\t"
                << (op.disabled ? "disabled" : "active") << "\n";
    }
    return 0;
  }
  const std::string login = option(args, "--login");
  if (login.empty()) return 2;
  if (verb == "add") {
    const std::string role = option(args, "--role");
    if (role != "operator" && role != "auditor") return 2;
    std::string password, again;
    if (!read_secret("password: ", password) || !read_secret("again: ", again)) {
      std::cerr << "hoyoctl: the password must be given twice on stdin\n";
      return 1;
    }
    if (password != again) {
      std::cerr << "hoyoctl: the two passwords differ\n";
      return 1;
    }
    auto added = service.add_operator(
        login, role == "auditor" ? domain::OperatorRole::kAuditor : domain::OperatorRole::kOperator,
        password);
    if (!added.ok()) return fail(added.error());
    std::cout << "added " << role << " " << login << "\n";
    return 0;
  }
  if (verb == "disable") {
    auto done = service.disable_operator(login);
    if (!done.ok()) return fail(done.error());
    std::cout << "disabled " << login << "\n";
    return 0;
  }
  if (verb == "reset-totp") {
    auto done = service.reset_totp(login);
    if (!done.ok()) return fail(done.error());
    std::cout << (done.value() ? "removed the second factor of " : "no second factor for ") << login
              << "\n";
    return 0;
  }
  return 2;
}

int demo_data_command(const std::string& data_dir) {
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  auto store = eventstore::EventStore::open(data_dir + "/events");
  if (!store.ok()) {
    std::cerr << tools::error_line(store.status()) << "\n";
    return 1;
  }
  processor::SystemClock clock;
  auto proc = processor::CommandProcessor::open(**store, clock);
  if (!proc.ok()) {
    std::cerr << tools::error_line(proc.status()) << "\n";
    return 1;
  }
  auto config = accounts_config(data_dir, **store);
  if (!config) return 1;
  accounts::AccountService service(**store, **proc, clock, *config);
  const accounts::DemoResult r = accounts::fill_demo_data(**store, **proc, service, clock);
  std::cout << r.message << "\n";
  for (const auto& l : r.logins)
    std::cout << l.who << "\t" << l.login << "\t" << l.password << "\n";
  return r.filled || r.message.find("already holds") != std::string::npos ? 0 : 1;
}

}  // namespace hoyo::tools
