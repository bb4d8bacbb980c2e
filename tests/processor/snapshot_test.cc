// The writer's snapshots: a state restored from a snapshot and the log's tail
// equals the fold of the whole log, whatever the cut; a snapshot that fails
// any check (a flipped byte, a wrong chain hash, truncated, a future format, a
// missing section) is ignored and the state folded from the log (or from the
// previous snapshot); an older format still loads; kill -9 while a snapshot
// is being written leaves a usable one.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "eventstore/snapshots.h"
#include "eventually.h"
#include "processor/state_restore.h"
#include "processor/state_snapshot.h"
#include "processor_fixture.h"
#include "slowdown.h"

namespace hoyo::processor::testing {
namespace {

using domain::Actor;
using eventstore::SnapshotFault;

class SnapshotTest : public ProcessorTest {
 protected:
  // Random bookings, changes, cancellations and lottery applications from a
  // few dozen users, some with idempotency keys, the clock moving on.
  void random_commands(int count) {
    for (int i = 0; i < count; ++i) {
      const std::string user = std::to_string(100 + rng_() % 40);
      const int roll = static_cast<int>(rng_() % 100);
      clock_.advance(static_cast<domain::Instant>(rng_() % 120) * domain::kMicrosPerSecond);
      const std::string key = rng_() % 4 == 0 ? "k" + std::to_string(i) + "-" + user : "";
      if (roll < 50 || booked_.empty()) {
        const int nights = 1 + static_cast<int>(rng_() % 2);
        auto r =
            run({Actor::user(user), domain::BookRoom{user,
                                                     "seaside",
                                                     kStay.plus_days(static_cast<int>(rng_() % 20)),
                                                     nights,
                                                     std::vector<int>(nights, 2),
                                                     domain::StyleWish::kAny,
                                                     {}}},
                key);
        if (r.ok() && !r->events.empty()) {
          booked_.emplace_back(
              user, std::get<domain::ReservationBooked>(r->events[0]).reservation.number);
        }
      } else if (roll < 65) {
        const auto& [u, n] = booked_[rng_() % booked_.size()];
        run({Actor::user(u),
             domain::ChangeReservation{u, n, std::vector<int>{3}, std::nullopt, std::nullopt}},
            key);
      } else if (roll < 80) {
        const auto& [u, n] = booked_[rng_() % booked_.size()];
        run({Actor::user(u), domain::CancelReservations{u, {n}}}, key);
      } else if (roll < 95 && lottery_) {
        run({Actor::user(user),
             domain::ApplyToLottery{user,
                                    lottery_->id,
                                    "seaside",
                                    lottery_->stay_month.plus_days(static_cast<int>(rng_() % 28)),
                                    1,
                                    {2},
                                    domain::StyleWish::kAny,
                                    1 + static_cast<int>(rng_() % 3),
                                    {}}},
            key);
      } else {
        const domain::Date d = kStay.plus_days(25 + static_cast<int>(rng_() % 5));
        run({Actor::op("alice"), rng_() % 2
                                     ? domain::CommandBody{domain::CloseDates{"seaside", {d}}}
                                     : domain::CommandBody{domain::ReopenDates{"seaside", {d}}}});
      }
    }
  }
  void set_up_world() {
    register_seaside(6);
    const domain::LotteryPeriod p = march_lottery("snapshot-secret");
    clock_.set(kOpen);
    open_with_commitments(p);
    lottery_ = p;
  }
  std::string damage(std::uint64_t position, const std::function<void(std::string&)>& how) {
    auto bytes = eventstore::get_snapshot_bytes(*store_, kStateSnapshotName, position);
    EXPECT_TRUE(bytes.ok());
    std::string b = *bytes;
    how(b);
    EXPECT_TRUE(eventstore::put_snapshot_bytes(*store_, kStateSnapshotName, position, b).ok());
    return b;
  }

  std::mt19937_64 rng_{2026};
  std::vector<std::pair<std::string, std::string>> booked_;
  std::optional<domain::LotteryPeriod> lottery_;
};

TEST_F(SnapshotTest, RestoredSnapshotAndTailEqualTheWholeFoldAtEveryCut) {
  set_up_world();
  for (int cut = 0; cut < 4; ++cut) {
    random_commands(120);
    ASSERT_TRUE(processor_->write_snapshot().ok());
    const std::uint64_t at = processor_->snapshot_status().position;
    EXPECT_EQ(at, store_->head());
    random_commands(40 * cut);  // a tail of 0, 40, 80, 120 commands
    const domain::BookingState before = snapshot();
    reopen();
    const RebuildStats stats = processor_->rebuild_stats();
    EXPECT_TRUE(stats.from_snapshot) << "cut " << cut;
    EXPECT_EQ(stats.snapshot_position, at);
    EXPECT_EQ(stats.snapshots_rejected, 0u);
    const domain::BookingState restored = snapshot();
    EXPECT_EQ(restored, before) << "cut " << cut;
    EXPECT_EQ(restored, full_fold().state) << "cut " << cut;
    EXPECT_LT(stats.events, 2 * 40 * cut + 1);  // only the tail was folded
  }
}

TEST_F(SnapshotTest, AFacilitysRateTablesAreKeptInTheSnapshot) {
  domain::RateTable t;
  t.effective_from = domain::Date::from_ymd(2026, 4, 1);
  t.adult = 3200;
  t.child = 2500;
  t.senior = domain::ReducedRate{2200, 2};
  t.reduced_excluded_ranges.push_back({{8, 13}, {8, 16}});
  t.bathing_tax = 150;
  auto put = run(
      {Actor::op("alice"), domain::PutFacility{seaside(4), {}, std::vector<domain::RateTable>{t}}});
  ASSERT_TRUE(put.ok()) << put.error().message;
  ASSERT_TRUE(processor_->write_snapshot().ok());
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);  // nothing folded but the snapshot
  ASSERT_NE(snapshot().facility("seaside"), nullptr);
  EXPECT_EQ(snapshot().facility("seaside")->rates, std::vector<domain::RateTable>{t});
}

TEST_F(SnapshotTest, AKeyDecidedBeforeTheSnapshotIsStillAnsweredFromItsFirstOutcome) {
  register_seaside(3);
  auto first = run(book("200"), "retry-me");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(processor_->write_snapshot().ok());
  run(book("201"));
  reopen();
  ASSERT_TRUE(processor_->rebuild_stats().from_snapshot);
  auto again = run(book("200"), "retry-me");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(again->events, first->events);
  EXPECT_EQ(again->last_position, first->last_position);
}

struct Damage {
  const char* name;
  SnapshotFault fault;
};
void PrintTo(const Damage& d, std::ostream* os) { *os << d.name; }

class DamagedSnapshotTest : public SnapshotTest, public ::testing::WithParamInterface<Damage> {};

TEST_P(DamagedSnapshotTest, IsIgnoredAndTheStateFoldedFromTheLog) {
  set_up_world();
  random_commands(150);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const std::uint64_t at = processor_->snapshot_status().position;
  random_commands(30);
  const domain::BookingState before = snapshot();
  const std::string kind = GetParam().name;
  if (kind == "flipped_byte") {
    damage(at, [](std::string& b) { b[b.size() / 2] ^= 0x01; });
  } else if (kind == "truncated") {
    damage(at, [](std::string& b) { b.resize(b.size() - 100); });
  } else {
    // Re-encoded with a valid checksum: only the deeper checks can catch these.
    eventstore::Snapshot snap;
    auto bytes = eventstore::get_snapshot_bytes(*store_, kStateSnapshotName, at);
    ASSERT_EQ(eventstore::decode_snapshot(*bytes, snap), SnapshotFault::kNone);
    if (kind == "wrong_chain") snap.chain[0] ^= 0xff;
    if (kind == "future_format") snap.format = kStateFormat + 1;
    if (kind == "missing_section") snap.sections.erase(kKeysSection);
    if (kind == "bad_section") snap.sections[kBookingSection].resize(10);
    ASSERT_TRUE(eventstore::save_snapshot(*store_, kStateSnapshotName, snap).ok());
  }
  reopen();
  const RebuildStats stats = processor_->rebuild_stats();
  EXPECT_FALSE(stats.from_snapshot) << kind;
  EXPECT_EQ(stats.snapshots_rejected, 1u) << kind;
  EXPECT_EQ(snapshot(), before) << kind;
  EXPECT_EQ(snapshot(), full_fold().state) << kind;
  // The loader says why.
  std::vector<eventstore::SnapshotRejection> rejected;
  eventstore::load_snapshot(
      *store_, kStateSnapshotName, kStateFormat, [](const eventstore::Snapshot&) { return true; },
      &rejected);
  if (GetParam().fault != SnapshotFault::kUnusable) {
    ASSERT_EQ(rejected.size(), 1u);
    EXPECT_EQ(rejected[0].fault, GetParam().fault) << kind;
  }
}

INSTANTIATE_TEST_SUITE_P(Damages, DamagedSnapshotTest,
                         ::testing::Values(Damage{"flipped_byte", SnapshotFault::kChecksum},
                                           Damage{"truncated", SnapshotFault::kTruncated},
                                           Damage{"wrong_chain", SnapshotFault::kChainMismatch},
                                           Damage{"future_format", SnapshotFault::kFutureFormat},
                                           Damage{"missing_section", SnapshotFault::kUnusable},
                                           Damage{"bad_section", SnapshotFault::kUnusable}),
                         [](const auto& info) { return std::string(info.param.name); });

TEST_F(SnapshotTest, ADamagedNewestSnapshotFallsBackToThePreviousOne) {
  set_up_world();
  random_commands(80);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const std::uint64_t older = processor_->snapshot_status().position;
  random_commands(80);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const std::uint64_t newer = processor_->snapshot_status().position;
  ASSERT_GT(newer, older);
  EXPECT_EQ(eventstore::snapshot_positions(*store_, kStateSnapshotName),
            (std::vector<std::uint64_t>{newer, older}));
  random_commands(20);
  const domain::BookingState before = snapshot();
  damage(newer, [](std::string& b) { b[b.size() - 1] ^= 0x80; });
  reopen();
  const RebuildStats stats = processor_->rebuild_stats();
  EXPECT_TRUE(stats.from_snapshot);
  EXPECT_EQ(stats.snapshot_position, older);
  EXPECT_EQ(stats.snapshots_rejected, 1u);
  EXPECT_EQ(snapshot(), before);
}

TEST_F(SnapshotTest, OnlyTheNewestTwoSnapshotsAreKept) {
  register_seaside(50);
  std::vector<std::uint64_t> written;
  for (int i = 0; i < 4; ++i) {
    run(book(std::to_string(300 + i)));
    ASSERT_TRUE(processor_->write_snapshot().ok());
    written.push_back(processor_->snapshot_status().position);
  }
  EXPECT_EQ(eventstore::snapshot_positions(*store_, kStateSnapshotName),
            (std::vector<std::uint64_t>{written[3], written[2]}));
  EXPECT_FALSE(eventstore::get_snapshot_bytes(*store_, kStateSnapshotName, written[0]).ok());
}

TEST_F(SnapshotTest, AFormatOneSnapshotWithoutTheWriterSectionStillLoads) {
  set_up_world();
  random_commands(100);
  const domain::BookingState before = snapshot();
  auto at = store_->read_at(full_fold().position);
  ASSERT_TRUE(at.ok());
  const eventstore::Snapshot old = save_snapshot_of_format(1);
  ASSERT_EQ(old.sections.count(kWriterSection), 0u);
  reopen();
  const RebuildStats stats = processor_->rebuild_stats();
  EXPECT_TRUE(stats.from_snapshot);
  EXPECT_EQ(stats.events, 0u);
  EXPECT_EQ(snapshot(), before);
  // The missing section's default: the snapshot is as old as its last event.
  EXPECT_EQ(processor_->snapshot_status().written_at, at->recorded_at_us);
}

TEST_F(SnapshotTest, UnknownSectionsAreIgnored) {
  set_up_world();
  random_commands(60);
  const domain::BookingState before = snapshot();
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const std::uint64_t at = processor_->snapshot_status().position;
  eventstore::Snapshot snap;
  auto bytes = eventstore::get_snapshot_bytes(*store_, kStateSnapshotName, at);
  ASSERT_EQ(eventstore::decode_snapshot(*bytes, snap), SnapshotFault::kNone);
  snap.sections[99] = "a later version's waitlists";
  ASSERT_TRUE(eventstore::save_snapshot(*store_, kStateSnapshotName, snap).ok());
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before);
}

TEST_F(SnapshotTest, ThePolicyWritesSnapshotsByEventCountOffTheWriterThread) {
  close();
  store_ = std::move(eventstore::EventStore::open(dir_)).value();
  ProcessorOptions options;
  options.snapshots.every_events = 25;
  processor_ = std::move(CommandProcessor::open(*store_, clock_, options)).value();
  register_seaside(6);
  random_commands(60);
  const std::uint64_t head = store_->head();
  ASSERT_GE(head, 25u);
  EXPECT_TRUE(::hoyo::testing::eventually([&] {
    return processor_->snapshot_status().written > 0 &&
           head - processor_->snapshot_status().position < 25;
  }));
  const SnapshotStatus status = processor_->snapshot_status();
  EXPECT_GT(status.last_bytes, 0u);
  EXPECT_GT(status.written_at, 0);
}

TEST_F(SnapshotTest, ACleanCloseWritesALastSnapshotWhenAsked) {
  close();
  store_ = std::move(eventstore::EventStore::open(dir_)).value();
  ProcessorOptions options;
  options.snapshots.on_close = true;
  processor_ = std::move(CommandProcessor::open(*store_, clock_, options)).value();
  register_seaside(6);
  random_commands(30);
  const std::uint64_t head = store_->head();
  const domain::BookingState before = snapshot();
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().snapshot_position, head);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(snapshot(), full_fold().state);
}

// The child of KillDuringSnapshotWritesLeavesAUsableSnapshot is this test
// binary started again (fork, then exec), told by these variables where the
// log is, what the clock says and on which pipe to say it has opened the log
// (its start is not part of the moment it runs). A fork alone would carry the parent's
// threads (RocksDB's outlive a closed store), and a ThreadSanitizer build
// cannot follow a forked child that starts threads of its own.
constexpr const char* kChildDirVariable = "HOYO_SNAPSHOT_CHILD_DIR";
constexpr const char* kChildClockVariable = "HOYO_SNAPSHOT_CHILD_CLOCK";
constexpr const char* kChildReadyVariable = "HOYO_SNAPSHOT_CHILD_READY";

// A child appends and writes snapshots in a loop until it is killed; every
// restart finds a usable snapshot (or none yet) and the state of the log.
TEST_F(SnapshotTest, KillDuringSnapshotWritesLeavesAUsableSnapshot) {
  if (const char* child_dir = std::getenv(kChildDirVariable)) {
    close();
    std::filesystem::remove_all(dir_);  // the fixture's own; the kill skips its cleanup
    dir_ = child_dir;
    clock_.set(std::stoll(std::getenv(kChildClockVariable)));
    lottery_ = march_lottery("snapshot-secret");  // set_up_world()'s, already in the log
    open();
    if (write(std::atoi(std::getenv(kChildReadyVariable)), "r", 1) != 1) _exit(4);
    for (;;) {
      random_commands(3);
      if (!processor_->write_snapshot().ok()) _exit(3);
    }
  }
  set_up_world();
  random_commands(200);  // a state large enough for writes to take a while
  close();
  std::mt19937 rng(7);
  int from_snapshot = 0;
  for (int cycle = 0; cycle < 6; ++cycle) {
    // Everything the child needs is made before the fork: after it, only exec.
    int ready[2];
    ASSERT_EQ(pipe(ready), 0);
    std::vector<std::string> env_strings = {
        std::string(kChildDirVariable) + "=" + dir_,
        std::string(kChildClockVariable) + "=" + std::to_string(clock_.now()),
        std::string(kChildReadyVariable) + "=" + std::to_string(ready[1])};
    for (char** e = environ; *e; ++e) env_strings.emplace_back(*e);
    std::vector<char*> env;
    for (auto& e : env_strings) env.push_back(e.data());
    env.push_back(nullptr);
    std::string filter =
        "--gtest_filter=SnapshotTest.KillDuringSnapshotWritesLeavesAUsableSnapshot";
    std::string self = "/proc/self/exe";
    char* argv[] = {self.data(), filter.data(), nullptr};
    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      execve(self.c_str(), argv, env.data());
      _exit(127);
    }
    ::close(ready[1]);
    // Once it has opened the log, the child runs a moment (longer where a
    // sanitizer slows it).
    pollfd opened{ready[0], POLLIN, 0};
    char byte = 0;
    const bool started = poll(&opened, 1, 120000) == 1 && read(ready[0], &byte, 1) == 1;
    ::close(ready[0]);
    if (!started) {
      kill(child, SIGKILL);
      waitpid(child, nullptr, 0);
    }
    ASSERT_TRUE(started) << "the child did not open the log";
    std::this_thread::sleep_for(
        ::hoyo::testing::scaled(std::chrono::microseconds(50000 + rng() % 250000)));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child stopped by itself: " << status;
    open();
    const RebuildStats stats = processor_->rebuild_stats();
    EXPECT_EQ(stats.snapshots_rejected, 0u) << "cycle " << cycle;
    from_snapshot += stats.from_snapshot;
    EXPECT_EQ(snapshot(), full_fold().state) << "cycle " << cycle;
    close();
  }
  EXPECT_GT(from_snapshot, 0);
}

}  // namespace
}  // namespace hoyo::processor::testing
