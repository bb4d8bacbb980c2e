// hoyoctl: operator and auditor tools over a data directory.
//   hoyoctl --data-dir DIR verify          walk the log: positions, versions, hash chain
//   hoyoctl --data-dir DIR head            the last position and its chain hash
#include <cstring>
#include <iostream>
#include <string>

#include "eventstore/event_store.h"

namespace {

int usage() {
  std::cerr << "usage: hoyoctl --data-dir DIR COMMAND\n"
               "commands:\n"
               "  verify   check the log's positions, stream versions and hash chain\n"
               "  head     print the last position and its chain hash\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string data_dir, command;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--data-dir") == 0 && i + 1 < argc) {
      data_dir = argv[++i];
    } else if (command.empty() && argv[i][0] != '-') {
      command = argv[i];
    } else {
      return usage();
    }
  }
  if (data_dir.empty() || command.empty()) return usage();

  auto opened = hoyo::eventstore::EventStore::open(data_dir + "/events");
  if (!opened.is_ok()) {
    std::cerr << "hoyoctl: " << opened.status().to_string() << "\n";
    return 1;
  }
  auto store = std::move(opened).value();
  if (command == "head") {
    std::cout << store->head() << " " << hoyo::eventstore::to_hex(store->head_hash()) << "\n";
    return 0;
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
