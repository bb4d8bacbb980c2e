// A processor over a real store in a temporary directory, on a settable clock.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>

#include "domain/civil_time.h"
#include "domain/commands.h"
#include "domain/lottery_draw.h"
#include "eventstore/event_store.h"
#include "eventstore/fault_injection.h"
#include "eventstore/snapshots.h"
#include "processor/command_processor.h"
#include "processor/state_restore.h"
#include "processor/state_snapshot.h"
#include "temp_dir.h"

namespace hoyo::processor::testing {

inline domain::Facility seaside(int rooms) {
  domain::Facility f;
  f.id = "seaside";
  f.name = "海の家";
  f.name_en = "Seaside Lodge";
  f.room_types = {{domain::RoomStyle::kStandard, rooms, 4}};
  return f;
}

// 2026-12-01 09:00 JST: first-come for February 2027 has just opened.
inline const domain::Instant kOpen = domain::tokyo_time(domain::Date::from_ymd(2026, 12, 1), 9, 0);
inline const domain::Date kStay = domain::Date::from_ymd(2027, 2, 10);

// A March 2027 lottery on seaside whose window opens a second after kOpen and
// closes an hour later; drawn at the close, published a minute after.
inline domain::LotteryPeriod march_lottery(const std::string& secret) {
  domain::LotteryPeriod p;
  p.id = "2027-03";
  p.stay_month = domain::Date::from_ymd(2027, 3, 1);
  p.facilities = {"seaside"};
  p.opens_at = kOpen + domain::kMicrosPerSecond;
  p.closes_at = kOpen + 3600 * domain::kMicrosPerSecond;
  p.draw_at = p.closes_at;
  p.publish_at = p.closes_at + 60 * domain::kMicrosPerSecond;
  p.seed_hash = domain::seed_commitment(secret);
  return p;
}

// The two-party draw's auditor: "audrey" (an auditor's account, which
// add_auditor() creates) and the secret they commit to and reveal.
inline const domain::Actor kAuditor = domain::Actor::op("audrey");
inline const std::string kAuditorSecret = "the auditor's secret";
inline domain::Command add_auditor() {
  return {domain::Actor::system(), domain::AddOperator{"audrey", domain::OperatorRole::kAuditor}};
}
inline domain::Command commit_auditor(const std::string& lottery,
                                      const std::string& secret = kAuditorSecret) {
  return {kAuditor, domain::CommitAuditorSeed{lottery, domain::seed_commitment(secret)}};
}
inline domain::Command reveal_auditor(const std::string& lottery,
                                      const std::string& secret = kAuditorSecret) {
  return {kAuditor, domain::RevealAuditorSeed{lottery, secret}};
}

inline domain::Command book(const std::string& user, domain::Date d = kStay) {
  return {domain::Actor::user(user),
          domain::BookRoom{user, "seaside", d, 1, {2}, domain::StyleWish::kAny, {}}};
}

class ProcessorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = tmp_.path();
    open();
  }
  void TearDown() override { close(); }
  void open(std::shared_ptr<eventstore::FaultInjector> faults = nullptr) {
    eventstore::StoreOptions options;
    options.faults = std::move(faults);
    store_ = std::move(eventstore::EventStore::open(dir_, options)).value();
    processor_ = std::move(CommandProcessor::open(*store_, clock_)).value();
  }
  void close() {
    processor_.reset();
    store_.reset();
  }
  base::Result<Outcome> run(domain::Command c, std::string key = {}) {
    return processor_->submit(std::move(c), std::move(key)).get();
  }
  // Writes the writer's snapshot, takes `section` out of it and saves it
  // back, then reopens: a snapshot of the current format that lacks one of
  // its sections must not be used, and the state folded from the log
  // instead must be the same.
  void expect_unused_without(StateSection section) {
    const domain::BookingState before = snapshot();
    ASSERT_TRUE(processor_->write_snapshot().ok());
    const std::uint64_t at = processor_->snapshot_status().position;
    auto bytes = eventstore::get_snapshot_bytes(*store_, kStateSnapshotName, at);
    ASSERT_TRUE(bytes.ok());
    eventstore::Snapshot snap;
    ASSERT_EQ(eventstore::decode_snapshot(*bytes, snap), eventstore::SnapshotFault::kNone);
    ASSERT_EQ(snap.format, kStateFormat);
    ASSERT_EQ(snap.sections.erase(section), 1u);
    ASSERT_TRUE(eventstore::save_snapshot(*store_, kStateSnapshotName, snap).ok());
    close();
    open();
    EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
    EXPECT_EQ(snapshot(), before);  // folded from the log instead
  }
  // Saves a snapshot of the whole log as a writer of `format` (older than
  // kStateFormat) wrote it, for the tests of old snapshots; the snapshot
  // saved (reopen to load it).
  eventstore::Snapshot save_snapshot_of_format(std::uint32_t format) {
    FoldedState full;
    EXPECT_TRUE(fold_tail(*store_, 0, full).ok());
    auto at = store_->read_at(full.position);
    EXPECT_TRUE(at.ok());
    eventstore::Snapshot old = encode_state(full, at->chain_hash, 0, clock_.now(), format);
    EXPECT_TRUE(eventstore::save_snapshot(*store_, kStateSnapshotName, old).ok());
    return old;
  }
  // The old-format half of a section's test: a snapshot of the whole log as
  // a writer of `format` wrote it, which lacks `absent` (the section the
  // format came before), is used on reopening and gives the same state, but
  // for what older formats did not keep: before format 15, the kinds and
  // deadlines of queued notice mails (sent without a link).
  void expect_old_format_loads(std::uint32_t format, StateSection absent) {
    domain::BookingState before = snapshot();
    if (format < 15) {
      for (auto& [id, m] : before.accounts.mails) {
        m.notice_kind = domain::NoticeKind::kLotteryResult;
        m.confirm_by = 0;
      }
    }
    const eventstore::Snapshot old = save_snapshot_of_format(format);
    ASSERT_EQ(old.sections.count(absent), 0u);
    reopen();
    EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
    EXPECT_EQ(snapshot(), before);
  }
  // The state folded from the whole log, without any snapshot.
  FoldedState full_fold() {
    FoldedState full;
    EXPECT_TRUE(fold_tail(*store_, 0, full).ok());
    return full;
  }
  void reopen() {
    close();
    open();
  }
  // Runs the scheduler's commands (RunScheduled, no stay reminders) until
  // nothing is due: after a publication, its result notices. Their events.
  std::vector<domain::Event> run_scheduled(int max_items = 256) {
    std::vector<domain::Event> out;
    for (;;) {
      auto r = run({domain::Actor::system(),
                    domain::RunScheduled{domain::kDefaultConfirmReminderBefore, max_items, 0}});
      EXPECT_TRUE(r.ok()) << r.error().message;
      if (!r.ok() || r->events.empty()) return out;
      out.insert(out.end(), r->events.begin(), r->events.end());
    }
  }
  domain::BookingState snapshot() {
    domain::BookingState copy;
    processor_->inspect([&](const domain::BookingState& s) { copy = s; });
    return copy;
  }
  void register_seaside(int rooms) {
    auto r = run({domain::Actor::op("alice"), domain::RegisterFacility{seaside(rooms)}});
    ASSERT_TRUE(r.ok()) << r.error().message;
  }
  // Opens `p` as the operator "alice" with the auditor's commitment, both
  // before its window; leaves the clock at opens_at.
  void open_with_commitments(const domain::LotteryPeriod& p) {
    auto opened = run({domain::Actor::op("alice"), domain::OpenLottery{p}});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    if (!snapshot().accounts.op("audrey")) {
      ASSERT_TRUE(run(add_auditor()).ok());
    }
    auto committed = run(commit_auditor(p.id));
    ASSERT_TRUE(committed.ok()) << committed.error().message;
    clock_.set(p.opens_at);
  }
  void apply_as(const std::string& user, const domain::LotteryPeriod& p) {
    auto r =
        run({domain::Actor::user(user),
             domain::ApplyToLottery{
                 user, p.id, "seaside", p.stay_month, 1, {2}, domain::StyleWish::kAny, 1, {}}});
    ASSERT_TRUE(r.ok()) << r.error().message;
  }

  ::hoyo::testing::TempDir tmp_;  // removed after everything below

  std::string dir_;
  SettableClock clock_{kOpen};
  std::unique_ptr<eventstore::EventStore> store_;
  std::unique_ptr<CommandProcessor> processor_;
};

}  // namespace hoyo::processor::testing
