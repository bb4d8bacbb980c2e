// The scheduler's fixture: one registered user (hanako_, with a mail
// address; a second, taro_, where a subclass asks) applies to the March
// lottery on a one-room seaside, which is drawn and published; the win
// awaits confirmation. at() moves the test clock and runs the scheduler;
// restart() closes and reopens the writer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "domain/event_codec.h"
#include "notice_fixture.h"
#include "processor/scheduler.h"

namespace hoyo::processor::testing {

using domain::Date;
using domain::Instant;
using domain::tokyo_time;

// Published at 2026-12-01 10:01 JST: confirm by 12-08 23:59:59, reminder
// due 12-07 00:00, lapse 12-09 00:00, release 12-09 12:00.
const Instant kRemind = tokyo_time(Date::from_ymd(2026, 12, 7), 0, 0);
const Instant kLapse = tokyo_time(Date::from_ymd(2026, 12, 9), 0, 0);
const Instant kRelease = tokyo_time(Date::from_ymd(2026, 12, 9), 12, 0);
const Date kMarch1 = Date::from_ymd(2027, 3, 1);

class ScheduleTest : public ProcessorTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    ASSERT_TRUE(run({domain::Actor::system(), domain::AddOperator{"alice", {}}}).ok());
    auto r = run(registration("r1", false));
    ASSERT_TRUE(r.ok()) << r.error().message;
    hanako_ = std::get<domain::RegistrationApproved>(r->events.at(1)).user_number;
    register_seaside(1);
    domain::LotteryPeriod p = march_lottery("s3cret");
    p.notify_losers = notify_losers_;
    if (runners_up_ > 0) p.release = domain::ReleaseRule::kRunnersUp;
    open_with_commitments(p);
    apply_as(hanako_, p);  // the first applicant
    if (with_loser_) {
      // Another applicant for the one room, registered with a mail address:
      // one of the two loses.
      auto r2 = run(registration("r2", false));
      ASSERT_TRUE(r2.ok()) << r2.error().message;
      taro_ = std::get<domain::RegistrationApproved>(r2->events.at(1)).user_number;
      apply_as(taro_, p);
    }
    for (int i = 0; i < runners_up_; ++i) {
      // More applicants for the one room, with mail addresses: the runners-up.
      auto more = run(registration("r" + std::to_string(5 + i), false));
      ASSERT_TRUE(more.ok()) << more.error().message;
      others_.push_back(std::get<domain::RegistrationApproved>(more->events.at(1)).user_number);
      apply_as(others_.back(), p);
    }
    clock_.set(p.closes_at);
    ASSERT_TRUE(run(reveal_auditor(p.id)).ok());
    ASSERT_TRUE(run({domain::Actor::op("alice"), domain::DrawLottery{p.id, "s3cret", {}}}).ok());
    clock_.set(p.publish_at);
    auto published = run({domain::Actor::op("alice"), domain::PublishLottery{p.id, {}}});
    ASSERT_TRUE(published.ok()) << published.error().message;
    for (const auto& e : published->events) {
      if (auto* b = std::get_if<domain::ReservationBooked>(&e)) {
        win_ = b->reservation.number;
        winner_ = b->reservation.user;
      }
    }
    ASSERT_FALSE(win_.empty());
    scheduler_ = std::make_unique<Scheduler>(*processor_);
    // The result notices, due at publication.
    ASSERT_TRUE(scheduler_->run_due().ok());
  }
  void TearDown() override {
    scheduler_.reset();
    ProcessorTest::TearDown();
  }
  void restart() {
    scheduler_.reset();
    close();
    open();
    scheduler_ = std::make_unique<Scheduler>(*processor_);
  }
  // Moves the clock and runs the scheduler: the position of the last event
  // written (0 for none).
  std::uint64_t at(Instant t) {
    clock_.set(t);
    auto r = scheduler_->run_due();
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? *r : 0;
  }
  // The log's events of these types after `from`, as (type, payload decoded).
  std::vector<domain::Event> written_after(std::uint64_t from) {
    std::vector<domain::Event> out;
    for (std::uint64_t p = from + 1; p <= store_->head(); ++p) {
      auto e = store_->read_at(p);
      if (!e.ok()) continue;
      auto ev = domain::decode_event(e->type, e->payload);
      if (ev) out.push_back(*ev);
    }
    return out;
  }
  domain::Inventory::Count march1() {
    return snapshot().inventory.at("seaside", kMarch1, domain::RoomStyle::kStandard);
  }
  const domain::Reservation& win() {
    state_ = snapshot();
    return state_.reservations.at(win_);
  }

  // Set by a subclass's constructor: the period's notify_losers, and a
  // second applicant (so that one of hanako_ and taro_ loses).
  bool notify_losers_ = false;
  bool with_loser_ = false;
  // Set by a subclass's constructor: this many more applicants, and the
  // period offers lapsed wins to runners-up (others_: their user numbers).
  int runners_up_ = 0;
  std::vector<std::string> others_;

  std::string hanako_, taro_, win_, winner_;
  domain::BookingState state_;
  std::unique_ptr<Scheduler> scheduler_;
};

}  // namespace hoyo::processor::testing
