#include "run_support.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "hoyod_process.h"

namespace hoyo::load {

namespace fs = std::filesystem;

std::string hoyod_config_json() {
  return R"({
  "server": {"threads": 2, "work_threads": 2},
  "snapshots": {"every_events": 40, "interval_seconds": 1},
  "rate": {"login_per_minute": 100000},
  "accounts": {"argon2_memory_kib": 1024, "argon2_iterations": 1}
})";
}

std::string list_faults(const Faults& faults, std::size_t max) {
  const auto all = faults.all();
  std::string s;
  for (std::size_t i = 0; i < all.size() && i < max; ++i) s += "  " + all[i] + "\n";
  if (all.size() > max) s += "  ... and " + std::to_string(all.size() - max) + " more\n";
  return s;
}

void check_all(Checker& checker, std::uint16_t port, int cycle, std::mt19937_64& rng) {
  HttpClient http(port, std::chrono::seconds(30));
  checker.settle(http, cycle, rng);
  checker.replays(http, cycle, rng, 20);
  checker.users(http, cycle);
  checker.log(http, cycle);
  checker.inventory(http, cycle);
  checker.projections(http, cycle);
}

bool wait_for_quiet_log(std::uint16_t port, std::chrono::milliseconds quiet,
                        std::chrono::milliseconds limit) {
  HttpClient http(port);
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::uint64_t head = 0;
  auto since = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() < deadline) {
    const Answer a = http.send({"GET", "/api/health", "", "", "", 0});
    const auto now = std::chrono::steady_clock::now();
    if (a.position != head) {
      head = a.position;
      since = now;
    } else if (now - since >= quiet) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

void verify_stopped(const std::string& hoyoctl, const std::string& data, Faults& faults) {
  std::string out;
  const int rc = testing::run_program({hoyoctl, "--data-dir", data, "verify"}, &out);
  // (`out` holds stderr too: verify's progress line may come before its verdict.)
  if (rc != 0 || (out.rfind("ok: ", 0) != 0 && out.find("\nok: ") == std::string::npos)) {
    faults.add("hoyoctl verify exited " + std::to_string(rc) + ": " + out);
  }
}

std::string sanitizer_report(const std::string& log_path) {
  std::ifstream in(log_path, std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find("Sanitizer") != std::string::npos ||
        line.find("runtime error:") != std::string::npos) {
      return line;
    }
  }
  return "";
}

std::string keep_evidence(Ledger& ledger, const std::string& ledger_path,
                          const std::string& log_path, const std::string& dir) {
  ledger.flush();
  std::error_code ec;
  fs::create_directories(dir, ec);
  fs::copy_file(ledger_path, dir + "/ledger.jsonl", fs::copy_options::overwrite_existing, ec);
  fs::copy_file(log_path, dir + "/hoyod.log", fs::copy_options::overwrite_existing, ec);
  return "the ledger and hoyod's log are in " + fs::absolute(dir).string();
}

}  // namespace hoyo::load
