#include "run_support.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "waitlist.h"

namespace hoyo::load {

namespace fs = std::filesystem;

std::string hoyod_config_json() {
  return R"({
  "server": {"threads": 2, "work_threads": 2},
  "snapshots": {"every_events": 40, "interval_seconds": 1},
  "rate": {"login_per_minute": 100000, "user_writes_per_minute": 100000},
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

void check_all(Checker& checker, std::uint16_t port, int cycle, std::mt19937_64& rng, bool last) {
  // hoyod's own writers go on after a restart or a recovery (the mail
  // delivery records what it sends): the log, served and rebuilt, is compared
  // once they are done.
  const auto timed = [&checker](const char* check, const auto& run) {
    const auto start = std::chrono::steady_clock::now();
    run();
    checker.add_seconds(
        check, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  timed("quiet", [&] {
    wait_for_quiet_log(port, std::chrono::milliseconds(1500), std::chrono::seconds(20));
  });
  HttpClient http(port, std::chrono::seconds(30));
  timed("settle", [&] { checker.settle(http, cycle, rng); });
  timed("replays", [&] { checker.replays(http, cycle, rng, 20); });
  timed("users", [&] { checker.users(http, cycle); });
  timed("wins", [&] { checker.wins(http, cycle); });
  timed("log", [&] { checker.log(http, cycle); });
  timed("stays", [&] { checker.stays(http, cycle); });
  timed("penalties", [&] { checker.penalties(http, cycle); });
  timed("waitlist", [&] { checker.waitlist(http, cycle, rng); });
  timed("offers", [&] { checker.offers(http, cycle); });
  timed("inventory", [&] { checker.inventory(http, cycle); });
  timed("projections", [&] { checker.projections(http, cycle, last); });
}

std::string built_or_env(const char* variable, const char* built) {
  const char* v = std::getenv(variable);
  return v != nullptr && *v != '\0' ? std::string(v) : std::string(built);
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

std::optional<RunOptions> parse_run_options(int argc, char** argv, const char* program,
                                            RunOptions defaults, bool ledger_flag) {
  RunOptions o = std::move(defaults);
  o.seed = std::random_device{}();
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    const bool has_value = i + 1 < argc;
    if (a == "--cycles" && has_value) {
      o.cycles = std::atoi(argv[++i]);
    } else if (a == "--seed" && has_value) {
      o.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (a == "--threads" && has_value) {
      o.threads = std::atoi(argv[++i]);
    } else if (a == "--keep" && has_value) {
      o.keep = argv[++i];
    } else if (ledger_flag && a == "--ledger" && has_value) {
      o.ledger = argv[++i];
    } else {
      std::cerr << "usage: " << program << " [--cycles N] [--seed S] [--threads T] [--keep DIR]"
                << (ledger_flag ? " [--ledger FILE]" : "") << "\n";
      return std::nullopt;
    }
  }
  return o;
}

LoadRun::LoadRun(std::string name, const RunOptions& options, Binaries binaries,
                 std::vector<std::string> hoyod_args)
    : name_(std::move(name)),
      options_(options),
      binaries_(std::move(binaries)),
      data_(dir_.sub("data")),
      ledger_path_(options.ledger.empty() ? dir_.sub("ledger.jsonl") : options.ledger),
      rng_(options.seed) {
  ledger_.open(ledger_path_, true);
  std::cout << name_ << ": seed " << options_.seed << ", " << options_.cycles << " cycles, "
            << options_.threads << " client threads\n";
  hoyod_options_ = testing::HoyodOptions{.binary = binaries_.hoyod,
                                         .data_dir = data_,
                                         .config = hoyod_config_json(),
                                         .log = dir_.sub("hoyod.log")};
  for (std::string& a : hoyod_args) hoyod_options_.args.push_back(std::move(a));
  try {
    hoyod_ = std::make_unique<testing::HoyodProcess>(hoyod_options_);
  } catch (const std::exception& e) {
    start_error_ = e.what();
    return;
  }
  HttpClient http(hoyod_->port());
  setup_.generation = std::to_string(options_.seed);
  setup_.logins = demo_logins(hoyod_->log_text());
  if (const auto error = set_up(http, setup_, world_, staff_, users_)) {
    start_error_ = *error + "\n" + hoyod_->stderr_tail();
    return;
  }
  checker_ = std::make_unique<Checker>(world_, staff_, users_, ledger_, faults_);
}

bool LoadRun::verify_and_restart() {
  verify_stopped(binaries_.hoyoctl, data_, faults_);
  try {
    hoyod_ = std::make_unique<testing::HoyodProcess>(hoyod_options_);
  } catch (const std::exception& e) {
    faults_.add(std::string("hoyod did not restart: ") + e.what());
    return false;
  }
  return true;
}

void LoadRun::move_clock_a_day(int cycle) {
  HttpClient http(hoyod_->port(), std::chrono::seconds(30));
  const Answer moved = next_waitlist_day(http, world_);
  ledger_.record(cycle, "test", "clock", {"PUT", "/api/test/clock", {}, {}, {}, 0}, moved,
                 Outcome::kCheck);
  if (moved.status != 200) {
    faults_.add("moving the clock a day on answered " + std::to_string(moved.status) + " " +
                moved.body + moved.error);
    return;
  }
  if (const auto error = log_in_again(http, setup_, staff_, users_)) {
    faults_.add("logging in again after the clock moved: " + *error);
    return;
  }
  // The lapses are durable when the move answers; a pick that follows a
  // lapse is the scheduler's next command, seen by the next check.
  Context ctx{world_, http, ledger_, faults_, rng_, cycle, &staff_};
  for (UserModel& u : users_) {
    u.seen_position = std::max(u.seen_position, moved.position);
    take_waitlist_offers(ctx, u, true);
  }
}

bool LoadRun::report_faults(int cycle) {
  if (faults_.size() == 0) return false;
  ADD_FAILURE() << faults_.size() << " faults after cycle " << cycle << ":\n"
                << list_faults(faults_);
  keep();
  return true;
}

void LoadRun::finish() {
  EXPECT_TRUE(hoyod_->stop()) << "hoyod did not stop cleanly: " << hoyod_->exit_description()
                              << "\n"
                              << hoyod_->stderr_tail();
  // Under the asan and tsan presets, a report in any of the runs.
  if (const std::string report = sanitizer_report(dir_.sub("hoyod.log")); !report.empty()) {
    ADD_FAILURE() << "hoyod's log has a sanitizer report: " << report;
  }
  EXPECT_EQ(faults_.size(), 0u) << list_faults(faults_);
  if (faults_.size() > 0 || ::testing::Test::HasFailure()) keep();
}

void LoadRun::keep() {
  if (kept_) return;
  kept_ = true;
  ADD_FAILURE() << keep_evidence(ledger_, ledger_path_, dir_.sub("hoyod.log"), options_.keep)
                << "; rerun with --seed " << options_.seed;
}

}  // namespace hoyo::load
