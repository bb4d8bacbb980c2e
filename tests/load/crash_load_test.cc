// kill -9 under mixed HTTP load (issue 14). A real hoyod, started with
// --demo-data --test-clock on a fresh data directory, is driven through its
// HTTP API by client threads (load.h, commands.h: keyed bookings, changes,
// cancellations, keyed lottery applications and their cancellations, win
// confirmations (wins.h), runner-up offers accepted and declined (offers.h),
// the cancellation waitlist joined (keyed) and left, its offers accepted and
// declined (waitlist.h), bookings and changes with guests and reductions
// under the ward's low limits on nights, the operator's payment marks,
// cancellations on a user's behalf (late: suspending, or waived), attendance
// and lifts (penalties.h), replays of acknowledged keys, vacancy and list
// reads); every answer goes to the ledger. At a
// random moment of each cycle the killer sends SIGKILL (every tenth cycle instead the load stops
// and hoyod is stopped cleanly, writing its checkpoints; cycles 5, 15, ... send SIGTERM under load,
// which must end hoyod cleanly within 20 s; cycles 7, 17, ... send SIGTERM under load and SIGKILL
// if hoyod has not ended within a random 0-3 s). Then, hoyod stopped:
//   - `hoyoctl verify` on the data directory passes;
// and hoyod restarted on the same directory:
//   - its log's head is at least the position of every acknowledged write;
//   - the checks of checks.h: unanswered writes settled (at most once),
//     acknowledged keys answer as the first time, every acknowledged
//     reservation and application present once in its acknowledged state (as
//     the user, the operator and the log see it; a win confirmed exactly when
//     its confirmation was acknowledged, also in the lottery's result; an
//     accepted offer booked once as a runner-up's, a declined one never, the
//     result offering exactly the open ones; every acknowledged waitlist
//     entry once, left or accepted exactly when acknowledged, an offer only
//     for a freed room, one open per room, an accepted one booked once
//     from the waitlist) and nothing else; each booking's and change's
//     recorded price the domain's for its stay then, no booking past a limit,
//     each payment, attendance, suspension and lift acknowledged once in the
//     log and nothing else, the suspension in force as acknowledged, nothing
//     booked or applied for while suspended (stay_checks.cc,
//     penalty_checks.cc); no night over inventory (rooms
//     held for the waitlist counted) and the served vacancy exact, the audit
//     verify ok, and every projection equal to an online rebuild of itself.
// After the checks of cycles 5, 10 and 15 the test clock moves a day on, so
// the waitlist's picks run (and the next move lapses the offers left open)
// and the penalty facility's check-in days come (attendance: stayed, then
// no-shows).
//
//   load_crash_test [--cycles N] [--seed S] [--threads T] [--keep DIR] [--ledger FILE]
// N defaults to 20 (the default ctest run); ctest's load_crash_slow runs 1,000.
// On a failure the ledger and hoyod's log are copied to DIR (default
// ./load_crash_failure) and the seed is printed to rerun it.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "checks.h"
#include "hoyod_process.h"
#include "load.h"
#include "run_support.h"
#include "temp_dir.h"
#include "world.h"

namespace hoyo::load {
namespace {

using namespace std::chrono_literals;

RunOptions g_options{.cycles = 20, .keep = "load_crash_failure", .ledger = ""};
// The clock moves a day on after the checks of every kDayEvery-th cycle,
// kDays times in a run (the first-come window of the nearest target night
// closes 4 days on).
constexpr int kDayEvery = 5, kDays = 3;

TEST(LoadCrash, AcknowledgedWritesSurviveKillNineUnderLoad) {
  LoadRun run("load_crash", g_options,
              {built_or_env("HOYOD_BIN", HOYOD_BIN), built_or_env("HOYOCTL_BIN", HOYOCTL_BIN)});
  ASSERT_TRUE(run.start_error().empty()) << run.start_error();
  Ledger& ledger = run.ledger();
  Faults& faults = run.faults();
  Checker& checker = run.checker();
  std::mt19937_64& rng = run.rng();
  std::vector<UserModel>& users = run.users();
  const Mix mix = standard_mix();
  const auto started = std::chrono::steady_clock::now();
  std::uint64_t kills = 0, clean_stops = 0, killed_in_shutdown = 0, requests = 0;
  int cycles_run = 0;

  for (int cycle = 1; cycle <= g_options.cycles; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    cycles_run = cycle;
    // The load, and the killer at a random moment of it.
    if (cycle == 1) {
      std::string out;
      const int rc = testing::run_program(
          {built_or_env("HOYOCTL_BIN", HOYOCTL_BIN), "--data-dir", run.data(), "verify"}, &out);
      EXPECT_TRUE(rc != 0 && out.find("LOCK") != std::string::npos)
          << "hoyoctl verify on the directory of a running hoyod exited " << rc << ": " << out;
    }
    std::atomic<bool> stop{false};
    std::thread load([&] {
      requests +=
          run_load(run.world(), run.staff(), users, mix, run.hoyod().port(),
                   LoadOptions{g_options.threads, g_options.seed, cycle}, stop, ledger, faults);
    });
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(20, 400)(rng)));
    if (cycle % 10 == 0) {
      // A clean stop once the load has ceased: it must end with exit 0, and
      // the next start restores the checkpoints it wrote.
      stop = true;
      load.join();
      if (run.hoyod().stop(20s)) {
        ++clean_stops;
      } else {
        ADD_FAILURE() << "hoyod " << run.hoyod().exit_description()
                      << " at SIGTERM after the load:\n"
                      << run.hoyod().stderr_tail();
      }
    } else if (cycle % 10 == 5) {
      // SIGTERM while the load goes on: hoyod drains (its connections start
      // no new request, answers owed are written) and ends with exit 0.
      // Before the drain it served its keep-alive clients until SIGKILL.
      if (run.hoyod().stop(20s)) {
        ++clean_stops;
      } else {
        ADD_FAILURE() << "hoyod " << run.hoyod().exit_description() << " at SIGTERM under load:\n"
                      << run.hoyod().stderr_tail();
      }
    } else if (cycle % 10 == 7) {
      // SIGTERM under load, and SIGKILL if it has not ended within 0-3 s (a
      // clean stop takes hoyod about 1.7 s): killed on its way out, e.g. in
      // the projections' checkpoint.
      const auto grace =
          std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 3000)(rng));
      if (run.hoyod().stop(grace)) {
        ++clean_stops;
      } else {
        ++killed_in_shutdown;
        if (run.hoyod().exit_description().find("SIGKILL") == std::string::npos) {
          ADD_FAILURE() << "hoyod " << run.hoyod().exit_description() << " at SIGTERM:\n"
                        << run.hoyod().stderr_tail();
        }
      }
    } else {
      const bool killed = run.hoyod().kill9();
      EXPECT_TRUE(killed) << "hoyod had already " << run.hoyod().exit_description() << ":\n"
                          << run.hoyod().stderr_tail();
      ++kills;
    }
    stop = true;
    if (load.joinable()) load.join();

    // hoyod stopped: the log verifies. hoyoctl opens the directory itself,
    // which it can only while no hoyod holds it: while one runs it refuses
    // (RocksDB's LOCK) and changes nothing.
    if (!run.verify_and_restart()) break;
    std::uint64_t acknowledged_position = 0;
    for (const UserModel& u : users) {
      for (const Keyed& k : u.keyed)
        acknowledged_position = std::max(acknowledged_position, k.position);
    }
    if (run.hoyod().start_position() < acknowledged_position) {
      faults.add("hoyod restarted at position " + std::to_string(run.hoyod().start_position()) +
                 ", below the acknowledged position " + std::to_string(acknowledged_position));
    }
    check_all(checker, run.hoyod().port(), cycle, rng, cycle == g_options.cycles);
    if (checker.head() < run.hoyod().start_position()) {
      faults.add("the audit log read ends at " + std::to_string(checker.head()) +
                 ", below hoyod's head " + std::to_string(run.hoyod().start_position()));
    }
    // The clock a day on now and then (the waitlist's picks fall due at
    // 09:00 the day after a room frees, waitlist.h), a few times a run: the
    // scene's nights stay inside their windows.
    if (cycle % kDayEvery == 0 && run.world().clock_days < kDays) {
      const auto moving = std::chrono::steady_clock::now();
      run.move_clock_a_day(cycle);
      checker.add_seconds(
          "clock",
          std::chrono::duration<double>(std::chrono::steady_clock::now() - moving).count());
    }
    if (cycle % 50 == 0) {
      std::cout << "load_crash: cycle " << cycle << ", " << ledger.counts().acknowledged
                << " writes acknowledged, log head " << checker.head()
                << "; time in checks: " << checker.seconds_spent() << std::endl;
    }
    if (run.report_faults(cycle)) break;
  }
  run.finish();

  const Ledger::Counts c = ledger.counts();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::uint64_t reservations = 0, applications = 0, wins = 0, confirmed = 0, offers = 0;
  std::uint64_t entries = 0, waitlist_offers = 0;
  std::map<std::string, int> answered, waitlist_answered;
  for (const UserModel& u : users) {
    reservations += u.reservations.size();
    applications += u.applications.size();
    confirmed += u.wins("confirmed").size();
    wins += u.wins("confirmed").size() + u.wins("required").size();
    for (const auto& [id, o] : u.offers) ++answered[o.status];
    offers += u.offers.size();
    entries += u.entries.size();
    waitlist_offers += u.waitlist_offers.size();
    for (const auto& [id, o] : u.waitlist_offers) ++waitlist_answered[o.status];
  }
  std::cout << "load_crash: " << cycles_run << " cycles in " << static_cast<int>(seconds) << " s ("
            << kills << " SIGKILL, " << clean_stops << " clean stops, " << killed_in_shutdown
            << " SIGKILL during shutdown); " << requests << " load requests; " << c.acknowledged
            << " writes acknowledged, " << c.refused << " refused, " << c.unanswered
            << " unanswered (" << checker.settled() << " settled), " << c.replayed << " replays; "
            << reservations << " reservations and " << applications
            << " applications held by the model, " << confirmed << " of " << wins
            << " lottery wins confirmed, " << answered["accepted"] << " accepted and "
            << answered["declined"] << " declined of " << offers << " runner-up offers, " << entries
            << " waitlist entries, " << waitlist_offers << " waitlist offers ("
            << waitlist_answered["accepted"] << " accepted, " << waitlist_answered["declined"]
            << " declined, " << waitlist_answered["lapsed"] << " lapsed, "
            << waitlist_answered["withdrawn"] << " withdrawn), " << run.world().clock_days
            << " days on, " << checker.writes_checked()
            << " acknowledged-write comparisons after restarts; log head " << checker.head()
            << "; time in checks: " << checker.seconds_spent() << "\n";
  for (const auto& [what, n] : c.by) std::cout << "  " << what << ": " << n << "\n";
  for (const auto& [code, n] : c.refusals) std::cout << "  refused " << code << ": " << n << "\n";
}

}  // namespace
}  // namespace hoyo::load

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  auto options = hoyo::load::parse_run_options(argc, argv, "load_crash_test", hoyo::load::g_options,
                                               /*ledger_flag=*/true);
  if (!options) return 2;
  hoyo::load::g_options = *options;
  return RUN_ALL_TESTS();
}
