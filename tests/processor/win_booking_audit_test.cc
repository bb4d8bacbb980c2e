// The whole-log verification of a publication's batches of bookings
// (processor/win_booking_audit.h): a log the writer wrote passes, and a
// forger's double booking of a win, a win booked out of the draw's order and
// a LotteryWinsBooked that miscounts are each reported, by name.
#include <gtest/gtest.h>

#include "applicant_crowd.h"
#include "domain/event_codec.h"
#include "domain/publication_limits.h"
#include "domain/reservation_number.h"
#include "processor/log_audit.h"

namespace hoyo::processor {
namespace {

using namespace testing;

class WinBookingAudit : public ProcessorTest {
 protected:
  // A period of more wins than one command books, published, with its first
  // batch of bookings written.
  void SetUp() override {
    ProcessorTest::SetUp();
    draw_crowded_lottery(*processor_, clock_, 300, crowd_, 10);
    ASSERT_GT(snapshot().draws.at(crowd_.period.id).wins.size(), domain::kWinsPerCommand);
    ASSERT_TRUE(
        run({domain::Actor::op("alice"), domain::PublishLottery{crowd_.period.id, {}}}).ok());
    auto batch = run({domain::Actor::system(), domain::RunScheduled{}});
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    for (const domain::Event& e : batch->events) {
      if (const auto* b = std::get_if<domain::ReservationBooked>(&e)) bookings_.push_back(*b);
    }
    ASSERT_EQ(bookings_.size(), domain::kWinsPerCommand);
  }

  // Closes the writer and appends `events` to the log as a forger would, past
  // the domain's rules; the audit's report of the log then.
  LogAuditReport audit_forged(const std::vector<domain::Event>& events) {
    close();
    auto store = std::move(eventstore::EventStore::open(dir_)).value();
    std::uint16_t seq = 0;
    for (const domain::Event& e : events) {
      const domain::EncodedEvent enc = domain::encode_event(e);
      eventstore::NewEvent ne;
      ne.id = eventstore::time_ordered_event_id(clock_.now(), ++seq);
      ne.type = enc.type;
      ne.payload = enc.payload;
      ne.actor = "system";
      ne.recorded_at_us = clock_.now();
      EXPECT_TRUE(store->append({"lottery-forged", eventstore::ExpectedVersion::any(), {ne}}).ok());
    }
    return audit_log(*store);
  }

  // Booking `b` again under a fresh number.
  domain::ReservationBooked again(domain::ReservationBooked b) {
    b.reservation.number = domain::make_number(424242, 9);
    return b;
  }

  Crowd crowd_;
  std::vector<domain::ReservationBooked> bookings_;  // the first batch's
};

TEST_F(WinBookingAudit, TheWritersBatchesPass) {
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
}

TEST_F(WinBookingAudit, AWinBookedTwiceIsAFault) {
  const LogAuditReport audit = audit_forged({again(bookings_.front())});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("books the win of application " +
                                   bookings_.front().reservation.application + " twice"),
            std::string::npos)
      << audit.first_fault;
}

TEST_F(WinBookingAudit, AWinBookedOutOfTheDrawsOrderIsAFault) {
  // The win after the next one, its hold still there.
  const domain::BookingState s = snapshot();
  const domain::DrawWin& skipped = s.draws.at(crowd_.period.id).wins.at(bookings_.size() + 1);
  domain::ReservationBooked b = again(bookings_.back());
  const domain::LotteryApplication& app = s.applications.at(skipped.application);
  b.reservation.application = app.id;
  b.reservation.user = app.user;
  b.reservation.check_in = app.check_in;
  b.reservation.nights = app.nights;
  b.reservation.people = app.people;
  b.reservation.style = skipped.style;
  const LogAuditReport audit = audit_forged({b});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("out of the draw's order"), std::string::npos)
      << audit.first_fault;
}

TEST_F(WinBookingAudit, ABookingFromAHoldNobodyKeptIsAFault) {
  // A first-come stay passed off as a win from the hold.
  domain::ReservationBooked b = again(bookings_.front());
  b.reservation.origin = domain::Origin::kFirstCome;
  b.reservation.application.clear();
  const LogAuditReport audit = audit_forged({b});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(audit.first_fault.find("booked from a hold, but not a lottery win"), std::string::npos)
      << audit.first_fault;
}

TEST_F(WinBookingAudit, ALotteryWinsBookedThatMiscountsIsAFault) {
  const std::size_t wins = snapshot().draws.at(crowd_.period.id).wins.size();
  const LogAuditReport audit = audit_forged(
      {domain::LotteryWinsBooked{crowd_.period.id, static_cast<std::uint32_t>(wins), true}});
  EXPECT_FALSE(audit.ok);
  EXPECT_NE(
      audit.first_fault.find("LotteryWinsBooked counts " + std::to_string(wins) +
                             " wins booked, the log " + std::to_string(domain::kWinsPerCommand)),
      std::string::npos)
      << audit.first_fault;
}

}  // namespace
}  // namespace hoyo::processor
