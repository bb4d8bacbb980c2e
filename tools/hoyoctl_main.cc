// hoyoctl: operator and auditor tools over a data directory.
//   hoyoctl --data-dir DIR verify          walk the log: positions, versions, hash chain
//   hoyoctl --data-dir DIR head            the last position and its chain hash
//   hoyoctl --data-dir DIR redraw ID       re-run a lottery's draw from the log alone
//   hoyoctl --data-dir DIR operator add|list|disable|reset-totp ...   operator accounts
//   hoyoctl --data-dir DIR rebuild NAME|all   rebuild projections and their checkpoints
//   hoyoctl --data-dir DIR demo-data          fill an empty data directory with demo data
//   hoyoctl backup DEST --server URL --login L | --data-dir DIR backup DEST
//   hoyoctl restore SRC DIR [--key-file K]    restore a backup into an empty DIR, then verify
// --lang ja prints errors in Japanese (English by default): the catalogue's text.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "base/hex.h"
#include "eventstore/event_store.h"
#include "processor/redraw_audit.h"
#include "tools/hoyoctl_backup.h"
#include "tools/hoyoctl_errors.h"
#include "tools/hoyoctl_operator.h"
#include "tools/hoyoctl_rebuild.h"

namespace {

int usage() {
  std::cerr << "usage: hoyoctl --data-dir DIR [--lang en|ja] COMMAND\n"
               "  --lang   the language of error messages (English by default)\n"
               "commands:\n"
               "  verify   check the log's positions, stream versions and hash chain\n"
               "  head     print the last position and its chain hash\n"
               "  redraw LOTTERY_ID   re-run the draw from the log: identical (exit 0) or\n"
               "                      the first difference (exit 1)\n"
               "  operator add --login L --role operator|auditor\n"
               "                      add an account; the password is read twice from stdin\n"
               "  operator list       list operator and auditor accounts\n"
               "  operator disable --login L   disable an account and end its sessions\n"
               "  operator reset-totp --login L   remove the account's second factor (a lost\n"
               "                      authenticator); the password alone logs in again\n"
               "  rebuild NAME|all    rebuild projections from the log (hoyod stopped) and\n"
               "                      store their checkpoints\n"
               "  demo-data           fill an EMPTY data directory with the demo facilities,\n"
               "                      lottery, operators and users (README lists the logins)\n";
  std::cerr << hoyo::tools::kBackupUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir, command, argument, argument2, server, login, key_file;
  std::vector<std::string> rest;  // what follows "operator"
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (std::strcmp(argv[i], "--lang") == 0 && i + 1 < argc) {
      const std::string lang = argv[++i];
      if (lang != "en" && lang != "ja") return usage();
      hoyo::tools::set_japanese(lang == "ja");
    } else if (command == "operator") {
      rest.push_back(argv[i]);
    } else if (std::strcmp(argv[i], "--server") == 0 && i + 1 < argc) {
      server = argv[++i];
    } else if (std::strcmp(argv[i], "--login") == 0 && i + 1 < argc) {
      login = argv[++i];
    } else if (std::strcmp(argv[i], "--key-file") == 0 && i + 1 < argc) {
      key_file = argv[++i];
    } else if (command.empty() && argv[i][0] != '-') {
      command = argv[i];
    } else if (argument.empty() && argv[i][0] != '-') {
      argument = argv[i];
    } else if (command == "restore" && argument2.empty() && argv[i][0] != '-') {
      argument2 = argv[i];
    } else {
      return usage();
    }
  }
  if (command == "backup" && !argument.empty() && !server.empty() && !login.empty()) {
    return hoyo::tools::backup_from_server(argument, hoyo::tools::read_server_login(server, login));
  }
  if (command == "restore" && !argument2.empty()) {
    return hoyo::tools::restore_command(argument, argument2, key_file);
  }
  if (data_dir.empty() || command.empty()) return usage();
  if (command == "backup" && !argument.empty() && server.empty()) {
    return hoyo::tools::backup_stopped_directory(data_dir, argument);
  }
  if (command == "operator") {
    const int rc = hoyo::tools::operator_command(data_dir, rest);
    return rc == 2 ? usage() : rc;
  }

  if (command == "demo-data") return hoyo::tools::demo_data_command(data_dir);
  if (command == "rebuild" && !argument.empty()) {
    const int rc = hoyo::tools::rebuild_command(data_dir, argument);
    return rc == 2 ? usage() : rc;
  }
  auto opened = hoyo::eventstore::EventStore::open(data_dir + "/events");
  if (!opened.ok()) {
    std::cerr << hoyo::tools::error_line(opened.status()) << "\n";
    return 1;
  }
  auto store = std::move(opened).value();
  if (command == "head") {
    std::cout << store->head() << " " << hoyo::base::to_hex(store->head_hash()) << "\n";
    return 0;
  }
  if (command == "redraw" && !argument.empty()) {
    const hoyo::processor::RedrawReport r = hoyo::processor::redraw_from_log(*store, argument);
    if (!r.found) {
      std::cout << "lottery " << argument << " was not drawn (or does not exist)\n";
      return 2;
    }
    if (r.identical) {
      std::cout << "identical: the commitment, the seed and every win re-derive from the log\n";
      return 0;
    }
    std::cout << "DIFFERENT: " << r.difference << "\n";
    return 1;
  }
  if (command == "verify") {
    auto report = store->verify();
    if (report.ok) {
      std::cout << "ok: " << report.checked << " events, chain intact\n";
      return 0;
    }
    std::cout << "FAULT at position " << report.first_bad_position << ": " << report.reason << " ("
              << report.checked << " events verified before it)\n";
    return 1;
  }
  return usage();
}
