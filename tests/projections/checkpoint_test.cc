// Checkpoints: a projection restored from one equals a full fold; a new code
// version rebuilds; hoyoctl rebuild stores them offline.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>

#include "domain/snapshot_codec.h"
#include "eventstore/snapshots.h"
#include "eventually.h"
#include "processor/command_processor.h"
#include "projections/catalog.h"
#include "projections/projection_set.h"
#include "temp_dir.h"

namespace hoyo::projections {
namespace {

using namespace std::chrono_literals;

const domain::Instant kOpen = domain::tokyo_time(domain::Date::from_ymd(2026, 12, 1), 9, 0);

// Counts the events it folded; its version is chosen by the test.
class Counting final : public Projection {
 public:
  explicit Counting(int version) : version_(version) {}
  const char* name() const override { return "counting"; }
  int version() const override { return version_; }
  void apply(const EventMeta&, const domain::Event&) override { ++count; }
  std::unique_ptr<Projection> empty() const override {
    return std::make_unique<Counting>(version_);
  }
  bool same_as(const Projection& o) const override {
    return static_cast<const Counting&>(o).count == count;
  }
  std::string save() const override {
    domain::SnapshotWriter w;
    w.u64(count);
    return w.take();
  }
  bool restore(std::string_view bytes) override {
    domain::SnapshotReader r(bytes);
    count = r.u64();
    ++restores;
    return !r.failed();
  }
  std::uint64_t count = 0;
  int restores = 0;

 private:
  int version_;
};

class Checkpoints : public ::testing::Test {
 protected:
  void SetUp() override {
    open();
    domain::Facility f;
    f.id = "seaside";
    f.name = f.name_en = "seaside";
    f.room_types = {{domain::RoomStyle::kStandard, 30, 4}};
    f.rules.max_upcoming = 100;
    ASSERT_TRUE(proc_->submit({domain::Actor::op("ops"), domain::RegisterFacility{f}}).get().ok());
  }
  void TearDown() override { close(); }
  void open() {
    store_ = std::move(eventstore::EventStore::open(dir_ + "/events")).value();
    proc_ = std::move(processor::CommandProcessor::open(*store_, clock_)).value();
  }
  void close() {
    proc_.reset();
    store_.reset();
  }
  void book(int n) {
    for (int i = 0; i < n; ++i) {
      const std::string user = std::to_string(1000 + i % 50);
      auto r = proc_
                   ->submit({domain::Actor::user(user),
                             domain::BookRoom{user,
                                              "seaside",
                                              domain::Date::from_ymd(2027, 2, 1 + i % 27),
                                              1,
                                              {2},
                                              domain::StyleWish::kAny,
                                              {}}})
                   .get();
      ASSERT_TRUE(r.ok()) << r.error().message;
    }
  }

  hoyo::testing::TempDir tmp_;  // outlives the store (members go in reverse order)
  std::string dir_ = tmp_.path();
  processor::SettableClock clock_{kOpen};
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<processor::CommandProcessor> proc_;
};

TEST_F(Checkpoints, EveryProjectionRestoresToItselfFromItsBytes) {
  book(120);
  for (auto& p : all_projections()) {
    ASSERT_TRUE(fold(*store_, *p).ok());
    auto copy = p->empty();
    ASSERT_TRUE(copy->restore(p->save())) << p->name();
    EXPECT_TRUE(copy->same_as(*p)) << p->name();
    EXPECT_FALSE(copy->restore("\\xff garbage")) << p->name();
    EXPECT_TRUE(copy->same_as(*p)) << p->name() << ": a failed restore changed the state";
  }
}

TEST_F(Checkpoints, AStartFromACheckpointCatchesUpAndEqualsAFullFold) {
  book(60);
  std::uint64_t saved_at = 0;
  {
    ProjectionSet set(*store_);
    for (auto& p : all_projections()) set.add(std::move(p));
    ASSERT_TRUE(set.start().ok());
    ASSERT_TRUE(set.checkpoint().ok());
    saved_at = set.position();
  }
  book(40);
  ProjectionSet set(*store_);
  for (auto& p : all_projections()) set.add(std::move(p));
  ASSERT_TRUE(set.start().ok());
  for (const auto& r : set.start_report()) {
    EXPECT_TRUE(r.restored) << r.name;
    EXPECT_EQ(r.checkpoint, saved_at) << r.name;
  }
  EXPECT_EQ(set.position(), store_->head());
  for (const std::string& name : set.names()) {
    bool same = false;
    set.read(name, 0, 1s, [&](const Projection& live) {
      auto fresh = live.empty();
      ASSERT_TRUE(fold(*store_, *fresh).ok());
      same = live.same_as(*fresh);
    });
    EXPECT_TRUE(same) << name;
  }
}

TEST_F(Checkpoints, ANewCodeVersionRebuildsFromTheLog) {
  book(10);
  {
    ProjectionSet set(*store_);
    set.add(std::make_unique<Counting>(1));
    ASSERT_TRUE(set.start().ok());
    ASSERT_TRUE(set.checkpoint().ok());
  }
  book(5);
  const std::uint64_t events = store_->head();
  {
    ProjectionSet same_version(*store_);
    auto p = std::make_unique<Counting>(1);
    Counting* c = p.get();
    same_version.add(std::move(p));
    ASSERT_TRUE(same_version.start().ok());
    EXPECT_TRUE(same_version.start_report()[0].restored);
    EXPECT_EQ(c->restores, 1);
    EXPECT_EQ(c->count, events);  // restored, then caught up: every event counted once
  }
  ProjectionSet new_version(*store_);
  auto p = std::make_unique<Counting>(2);
  Counting* c = p.get();
  new_version.add(std::move(p));
  ASSERT_TRUE(new_version.start().ok());
  EXPECT_FALSE(new_version.start_report()[0].restored);
  EXPECT_EQ(c->restores, 0);
  EXPECT_EQ(c->count, events);
}

// A checkpoint is a verified snapshot: one whose bytes, chain hash or
// position do not check out is ignored and the projection folded from the log.
TEST_F(Checkpoints, ADamagedCheckpointIsIgnoredAndTheProjectionRebuilt) {
  book(30);
  {
    ProjectionSet set(*store_);
    set.add(std::make_unique<Counting>(1));
    ASSERT_TRUE(set.start().ok());
    ASSERT_TRUE(set.checkpoint().ok());
  }
  const std::uint64_t at = eventstore::snapshot_positions(*store_, "projection:counting").at(0);
  auto bytes = eventstore::get_snapshot_bytes(*store_, "projection:counting", at);
  ASSERT_TRUE(bytes.ok());
  for (const char* how : {"flipped", "chain"}) {
    eventstore::Snapshot snap;
    ASSERT_EQ(eventstore::decode_snapshot(*bytes, snap), eventstore::SnapshotFault::kNone);
    std::string damaged = *bytes;
    if (std::string(how) == "flipped") {
      damaged[damaged.size() / 2] ^= 0x10;
    } else {
      snap.chain[3] ^= 0x01;
      damaged = eventstore::encode_snapshot(snap);
    }
    ASSERT_TRUE(eventstore::put_snapshot_bytes(*store_, "projection:counting", at, damaged).ok());
    ProjectionSet set(*store_);
    auto p = std::make_unique<Counting>(1);
    Counting* c = p.get();
    set.add(std::move(p));
    ASSERT_TRUE(set.start().ok());
    EXPECT_FALSE(set.start_report()[0].restored) << how;
    EXPECT_EQ(c->restores, 0) << how;
    EXPECT_EQ(c->count, store_->head()) << how;  // folded from the start, each event once
  }
}

TEST_F(Checkpoints, ThePolicyWritesCheckpointsByEventCount) {
  ProjectionSet set(*store_);
  for (auto& p : all_projections()) set.add(std::move(p));
  ASSERT_TRUE(set.start().ok());
  eventstore::SnapshotPolicy policy;
  policy.every_events = 20;
  set.checkpoint_periodically(policy);
  book(30);
  EXPECT_TRUE(hoyo::testing::eventually([&] { return set.checkpoint_status().written > 0; }));
  EXPECT_GE(set.checkpoint_status().position, 20u);
  EXPECT_FALSE(eventstore::snapshot_positions(*store_, "projection:stays").empty());
}

struct Run {
  int code;
  std::string out;
};

Run hoyoctl(const std::string& args) {
  FILE* p = popen((std::string(HOYOCTL) + " " + args + " 2>&1").c_str(), "r");
  std::string out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  return {WEXITSTATUS(pclose(p)), out};
}

TEST_F(Checkpoints, HoyoctlRebuildsOfflineWithProgressAndStoresCheckpoints) {
  book(30);
  const std::uint64_t head = store_->head();
  close();  // hoyoctl works on a stopped data directory
  auto all = hoyoctl("--data-dir " + dir_ + " rebuild all");
  EXPECT_EQ(all.code, 0) << all.out;
  EXPECT_NE(all.out.find(std::to_string(head) + " events of " + std::to_string(head) + " events"),
            std::string::npos)
      << all.out;
  EXPECT_NE(all.out.find("stays: rebuilt from the log to " + std::to_string(head)),
            std::string::npos)
      << all.out;
  auto one = hoyoctl("--data-dir " + dir_ + " rebuild audit-index");
  EXPECT_EQ(one.code, 0) << one.out;
  EXPECT_NE(one.out.find("audit-index: rebuilt from the log"), std::string::npos) << one.out;
  EXPECT_NE(one.out.find("stays: checkpoint kept"), std::string::npos) << one.out;
  EXPECT_EQ(hoyoctl("--data-dir " + dir_ + " rebuild nonsense").code, 2);
  open();
}

}  // namespace
}  // namespace hoyo::projections
