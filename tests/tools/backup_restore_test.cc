// Backups and restores end to end: a real hoyod under the load generator's
// writes (tests/load) is backed up through its route by `hoyoctl backup
// --server`; the copy is restored by `hoyoctl restore` (refused without the
// key file, with the catalogue's sentence), verified, and served by a hoyod
// started on it, which still holds a booking acknowledged before the backup.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json.hpp>
#include <filesystem>
#include <iostream>
#include <memory>
#include <thread>

#include "backup/manifest.h"
#include "eventually.h"
#include "hoyod_process.h"
#include "load.h"
#include "run_support.h"
#include "temp_dir.h"
#include "world.h"

namespace hoyo::load {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// The reservation numbers GET /api/reservations lists for `cookie`.
std::vector<std::string> reservations(HttpClient& http, const std::string& cookie,
                                      std::uint64_t min_position) {
  const Answer a = http.send({"GET", "/api/reservations", {}, cookie, {}, min_position});
  std::vector<std::string> numbers;
  auto v = parse_json(a.body);
  if (a.status != 200 || !v) return numbers;
  if (!v->is_array()) return numbers;
  for (const json::value& r : v->as_array()) {
    if (auto s = ReservationState::from_api(r)) numbers.push_back(s->number);
  }
  return numbers;
}

TEST(BackupRestore, BackedUpUnderWritesRestoredVerifiedAndServedAgain) {
  testing::TempDir dir;
  const std::string data = dir.sub("data");
  testing::HoyodOptions options{.binary = HOYOD_BIN,
                                .data_dir = data,
                                .config = hoyod_config_json(),
                                .log = dir.sub("hoyod.log")};
  options.args.push_back("--backup-dir");
  options.args.push_back(dir.sub("backups"));
  auto hoyod = std::make_unique<testing::HoyodProcess>(options);
  const std::string url = "http://127.0.0.1:" + std::to_string(hoyod->port());

  World world;
  Staff staff;
  std::vector<UserModel> users;
  HttpClient http(hoyod->port());
  SetupOptions setup;
  setup.users = 8;
  setup.generation = "backup";
  setup.logins = demo_logins(hoyod->log_text());
  const auto error = set_up(http, setup, world, staff, users);
  ASSERT_FALSE(error) << *error << "\n" << hoyod->stderr_tail();
  std::string operator_login, operator_password;
  for (const DemoLogin& l : setup.logins) {
    if (l.who == "operator") operator_login = l.login, operator_password = l.password;
  }

  // A user kept out of the load books a night the load does not aim at.
  const UserModel mine = users.back();
  users.pop_back();
  const Target& target = world.targets.front();
  json::object body{{"facilityId", target.facility},
                    {"checkIn", add_days(world.today, 20)},
                    {"nights", 1},
                    {"people", json::array{1}}};
  const Answer booked = http.send({"POST", "/api/reservations", json::serialize(body),
                                   mine.account.cookie, "backup-test-booking", 0});
  ASSERT_EQ(booked.status, 201) << booked.body;
  const auto reservation = ReservationState::from_api(*parse_json(booked.body));
  ASSERT_TRUE(reservation);

  // The load writes all through the backup.
  Ledger ledger;
  ledger.open(dir.sub("ledger.jsonl"), true);
  Faults faults;
  std::atomic<bool> stop{false};
  std::thread load([&] {
    run_load(world, staff, users, standard_mix(), hoyod->port(), LoadOptions{3, 7, 1}, stop, ledger,
             faults);
  });
  ASSERT_TRUE(testing::eventually([&] { return ledger.counts().acknowledged >= 30; },
                                  std::chrono::seconds(60)));
  const std::uint64_t acknowledged_before = ledger.counts().acknowledged;
  std::string out;
  const int rc = testing::run_program(
      {HOYOCTL_BIN, "backup", dir.sub("copy"), "--server", url, "--staff", operator_login}, &out,
      operator_password + "\n");
  // Writes went on while it ran, and after.
  ASSERT_TRUE(
      testing::eventually([&] { return ledger.counts().acknowledged >= acknowledged_before + 30; },
                          std::chrono::seconds(60)));
  stop = true;
  load.join();
  EXPECT_TRUE(faults.all().empty()) << faults.all().front();
  ASSERT_EQ(rc, 0) << out << "\n" << hoyod->stderr_tail();
  EXPECT_NE(out.find("backup hoyo-backup-"), std::string::npos) << out;
  auto manifest = backup::read_manifest(dir.sub("copy"));
  ASSERT_TRUE(manifest.ok()) << manifest.status().to_string();
  EXPECT_GE(manifest->position, booked.position);
  EXPECT_TRUE(fs::exists(dir.sub("backups") + "/" + manifest->name + "/hoyo-backup.json"));
  ASSERT_TRUE(hoyod->stop());
  hoyod.reset();
  // The log went on past the copy's position.
  ASSERT_EQ(testing::run_program({HOYOCTL_BIN, "--data-dir", data, "head"}, &out), 0) << out;
  EXPECT_GT(std::stoull(out), manifest->position) << out;
  std::cout << "backup_restore: " << acknowledged_before
            << " writes acknowledged before the backup, " << ledger.counts().acknowledged
            << " by the end; the copy holds position " << manifest->position << " of "
            << std::stoull(out) << ", " << manifest->files.size() << " files, " << manifest->bytes()
            << " bytes\n";

  // Without the key file (kept apart from the backups) the restore refuses,
  // says why, and leaves nothing behind.
  const std::string restored = dir.sub("restored");
  EXPECT_EQ(testing::run_program({HOYOCTL_BIN, "restore", dir.sub("copy"), restored}, &out), 1);
  EXPECT_NE(
      out.find("The restored data's personal data is sealed under a key file, and " + restored +
               ".key does not open it (No such file or directory). Put the key "
               "file kept apart from the backups at " +
               restored + ".key"),
      std::string::npos)
      << out;
  EXPECT_FALSE(fs::exists(restored));
  // Another directory's key file does not open it either.
  {
    std::ofstream foreign(dir.sub("foreign.key"));
    foreign << std::string(64, 'a') << "\n";
  }
  EXPECT_EQ(testing::run_program({HOYOCTL_BIN, "restore", dir.sub("copy"), restored, "--key-file",
                                  dir.sub("foreign.key")},
                                 &out),
            1);
  EXPECT_NE(out.find("does not belong to this data directory"), std::string::npos) << out;

  // With it: restored, checked, and served.
  fs::copy_file(data + ".key", restored + ".key");
  ASSERT_EQ(testing::run_program({HOYOCTL_BIN, "restore", dir.sub("copy"), restored}, &out), 0)
      << out;
  EXPECT_NE(out.find("the chain verifies to position " + std::to_string(manifest->position)),
            std::string::npos)
      << out;
  ASSERT_EQ(testing::run_program({HOYOCTL_BIN, "--data-dir", restored, "verify"}, &out), 0) << out;

  testing::HoyodOptions again = options;
  again.data_dir = restored;
  again.log = dir.sub("restored.log");
  again.args = {"--test-clock"};  // the clock resumes where the copy left it
  auto served = std::make_unique<testing::HoyodProcess>(again);
  // From the copy's head on (a mail the copy still had to send may be sent and
  // recorded at once).
  EXPECT_GE(served->start_position(), manifest->position);
  HttpClient http2(served->port());
  std::string login_error;
  const std::string cookie =
      log_in(http2, mine.account.number, mine.account.password, &login_error);
  ASSERT_FALSE(cookie.empty()) << login_error;
  const auto numbers = reservations(http2, cookie, manifest->position);
  EXPECT_NE(std::find(numbers.begin(), numbers.end(), reservation->number), numbers.end())
      << "reservation " << reservation->number << " is not in the restored copy";
  EXPECT_TRUE(served->stop());
}

TEST(BackupRestore, AStoppedDirectoryIsBackedUpByHoyoctlItself) {
  testing::TempDir dir;
  const std::string data = dir.sub("data");
  {
    testing::HoyodOptions options{.binary = HOYOD_BIN,
                                  .data_dir = data,
                                  .config = hoyod_config_json(),
                                  .log = dir.sub("hoyod.log")};
    testing::HoyodProcess hoyod(options);
    ASSERT_TRUE(hoyod.stop());
  }
  std::string out;
  ASSERT_EQ(
      testing::run_program({HOYOCTL_BIN, "--data-dir", data, "backup", dir.sub("copy")}, &out), 0)
      << out;
  auto manifest = backup::read_manifest(dir.sub("copy"));
  ASSERT_TRUE(manifest.ok()) << manifest.status().to_string();
  EXPECT_GT(manifest->position, 0u);
  fs::copy_file(data + ".key", dir.sub("restored") + ".key");
  ASSERT_EQ(
      testing::run_program({HOYOCTL_BIN, "restore", dir.sub("copy"), dir.sub("restored")}, &out), 0)
      << out;
  // A backup goes into a new directory only.
  EXPECT_EQ(
      testing::run_program({HOYOCTL_BIN, "--data-dir", data, "backup", dir.sub("copy")}, &out), 1);
  EXPECT_NE(out.find("exists already"), std::string::npos) << out;
}

}  // namespace
}  // namespace hoyo::load
