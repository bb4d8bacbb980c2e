// A lottery's wins at scale: a period of 5,000 applicants at a facility of 200
// rooms wins some 5,000 stays, more than one cluster stream message could
// hold. The publication records itself and keeps the won rooms held; the
// scheduler books the wins in bounded batches, in the draw's order, then
// tells the applicants. Each command's events fit one stream message
// (cluster/batch_message.h, cut as the cluster writer cuts them), each win is
// booked once, the won rooms are never free in between, the results stay
// pending until the last booking, and a restart in the middle (the state
// folded from the log, or read from a snapshot) neither repeats nor skips a
// win.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>

#include "applicant_crowd.h"
#include "cluster/batch_message.h"
#include "domain/event_codec.h"
#include "domain/lottery_queries.h"
#include "domain/notice_limits.h"
#include "domain/publication_limits.h"
#include "eventstore/envelope_bytes.h"
#include "first_batch_fixture.h"
#include "processor/log_audit.h"
#include "processor_fixture.h"
#include "projections/stay_view.h"

namespace hoyo::processor {
namespace {

using namespace testing;

constexpr int kApplicants = 5000;
constexpr int kRooms = 200;

class WinBatches : public MeasuredCommandsTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    draw_crowded_lottery(*processor_, clock_, kApplicants, crowd_, kRooms);
  }

  // Runs the scheduler's commands until nothing is due or `rounds` ran,
  // checking after each that every won room is booked or held.
  void schedule(int rounds) {
    for (int i = 0; i < rounds; ++i) {
      auto r = run_measured({domain::Actor::system(), domain::RunScheduled{}});
      ASSERT_TRUE(r.ok()) << r.error().message;
      if (r->events.empty()) return;
      expect_won_rooms_taken();
    }
  }

  // The nights won, per night (one style: the facility has one).
  std::map<std::int32_t, int> won_nights() {
    const domain::BookingState s = snapshot();
    std::map<std::int32_t, int> out;
    for (const domain::DrawWin& w : s.draws.at(period_.id).wins) {
      const domain::LotteryApplication& a = s.applications.at(w.application);
      for (int i = 0; i < a.nights; ++i) ++out[a.check_in.plus_days(i).days];
    }
    return out;
  }

  // Every won room is booked or still held: never free for first-come.
  void expect_won_rooms_taken() {
    const domain::BookingState s = snapshot();
    for (const auto& [night, n] : won_) {
      const auto c = s.inventory.at("seaside", domain::Date{night}, domain::RoomStyle::kStandard);
      ASSERT_EQ(c.booked + c.held, n) << domain::Date{night}.to_string();
    }
  }

  std::unique_ptr<projections::StayView> stay_view() { return fold_stay_view(*store_); }

  Crowd crowd_;
  const domain::LotteryPeriod& period_ = crowd_.period;
  std::map<std::int32_t, int> won_;
};

TEST_F(WinBatches, EveryWinIsBookedOnceInBatchesThatFitAStreamMessage) {
  won_ = won_nights();
  const std::size_t wins = snapshot().draws.at(period_.id).wins.size();
  ASSERT_GT(wins, 4000u);
  const std::string winner =
      snapshot().applications.at(snapshot().draws.at(period_.id).wins.back().application).user;

  // The publication books nothing: too many wins for one command.
  auto published =
      run_measured({domain::Actor::op("alice"), domain::PublishLottery{period_.id, {}}});
  ASSERT_TRUE(published.ok()) << published.error().message;
  ASSERT_EQ(published->events.size(), 1u);
  EXPECT_FALSE(std::get<domain::LotteryPublished>(published->events[0]).kept.empty());
  expect_won_rooms_taken();
  EXPECT_EQ(snapshot().wins_to_book.at(period_.id),
            (domain::WinsToBook{
                period_.publish_at, 0, {{"seaside", snapshot().facilities.at("seaside").rates}}}));

  // A few batches; the results are not out yet (neither won nor lost).
  schedule(3);
  const std::uint32_t per_command = domain::kWinsPerCommand;
  EXPECT_EQ(snapshot().wins_to_book.at(period_.id).booked, 3 * per_command);
  EXPECT_EQ(domain::lottery_result(snapshot(), winner, period_.id).status,
            domain::LotteryResult::Status::kPending);
  EXPECT_EQ(stay_view()->result_of(winner, period_.id).status,
            domain::LotteryResult::Status::kPending);
  // A restart that folds the whole log.
  const domain::BookingState before_restart = snapshot();
  close();
  open();
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before_restart);
  // A few more, then a restart from the writer's snapshot.
  schedule(4);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const domain::BookingState before_snapshot = snapshot();
  EXPECT_EQ(before_snapshot.wins_to_book.at(period_.id).booked, 7 * per_command);
  close();
  open();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);
  EXPECT_EQ(snapshot(), before_snapshot);
  // The rest, then the result notices, until nothing is due.
  schedule(1000);
  EXPECT_TRUE(snapshot().wins_to_book.empty());
  EXPECT_TRUE(snapshot().results_to_tell.empty());
  const int notice_commands =
      (kApplicants + static_cast<int>(domain::kResultNoticesPerCommand) - 1) /
      static_cast<int>(domain::kResultNoticesPerCommand);
  EXPECT_EQ(commands_,
            1 + static_cast<int>((wins + per_command - 1) / per_command) + notice_commands);

  // Each win booked once, in the draw's order, from the hold, as at the
  // publication; every booking before the first result notice.
  const domain::BookingState s = snapshot();
  std::vector<std::string> booked_applications;
  std::set<std::string> numbers;
  std::size_t largest_booking = 0;
  bool told = false;
  auto read = store_->read_all(1, UINT64_MAX, [&](const eventstore::EventView& v) {
    auto e = domain::decode_event(v.type, v.payload);
    if (!e) return true;
    if (const auto* b = std::get_if<domain::ReservationBooked>(&*e)) {
      if (b->reservation.origin != domain::Origin::kLottery) return true;
      EXPECT_FALSE(told) << "a booking after a result notice";
      EXPECT_TRUE(b->from_hold);
      EXPECT_EQ(b->reservation.booked_at, period_.publish_at);
      booked_applications.push_back(b->reservation.application);
      EXPECT_TRUE(numbers.insert(b->reservation.number).second) << b->reservation.number;
      largest_booking = std::max(largest_booking, eventstore::encode_envelope(v).size());
    } else if (std::holds_alternative<domain::NoticeIssued>(*e)) {
      told = true;
    }
    return true;
  });
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(booked_applications.size(), wins);
  for (std::size_t i = 0; i < wins; ++i) {
    EXPECT_EQ(booked_applications[i], s.draws.at(period_.id).wins[i].application) << i;
  }
  expect_won_rooms_taken();
  for (const auto& [night, n] : won_) {
    EXPECT_EQ(s.inventory.at("seaside", domain::Date{night}, domain::RoomStyle::kStandard).held, 0);
  }
  EXPECT_EQ(domain::lottery_result(s, winner, period_.id).status,
            domain::LotteryResult::Status::kWon);
  EXPECT_EQ(stay_view()->result_of(winner, period_.id).status, domain::LotteryResult::Status::kWon);

  // The bound holds for any mix: a command of the largest bookings (two
  // nights of adults, children and infants with a reduction) still fits,
  // with the message's framing (64 bytes of header, 32 of checksum, 4 per
  // envelope) and the LotteryWinsBooked that closes each command.
  EXPECT_LE(domain::kWinsPerCommand * (largest_booking + 8) + 96 + 512,
            cluster::kMaxBatchMessageBytes)
      << "largest booking: " << largest_booking << " bytes";
  std::cout << wins << " wins; largest booking: " << largest_booking
            << " bytes; largest command: " << largest_command_ << " bytes\n";
  // The audit re-runs the draw and checks every room-night: the batches are fine.
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
}

}  // namespace
}  // namespace hoyo::processor
