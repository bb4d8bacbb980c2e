// A period of more wins than one command books (publication_limits.h),
// published through the writer, with the scheduler's first batch of bookings
// written and the rest still to book: the fixture of the tests of what the
// log, the audit and the views hold between the batches.
#pragma once

#include <gtest/gtest.h>

#include "applicant_crowd.h"
#include "domain/event_codec.h"
#include "domain/publication_limits.h"
#include "domain/reservation_number.h"
#include "processor/log_audit.h"
#include "projections/stay_view.h"

namespace hoyo::processor::testing {

// The stays projection folded from the whole of `store`'s log.
inline std::unique_ptr<projections::StayView> fold_stay_view(const eventstore::EventStore& store) {
  auto view = std::make_unique<projections::StayView>();
  auto read = store.read_all(1, UINT64_MAX, [&](const eventstore::EventView& v) {
    if (auto e = domain::decode_event(v.type, v.payload)) {
      view->apply({v.position, v.recorded_at_us, v.actor}, *e);
    }
    return true;
  });
  EXPECT_TRUE(read.ok());
  return view;
}

// A processor test that can append events to its log as a forger would.
class ForgedLogTest : public ProcessorTest {
 protected:
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
};

class FirstBatchBooked : public ForgedLogTest {
 protected:
  // A period of more wins than one command books, published, with its first
  // batch of bookings written.
  void SetUp() override {
    ForgedLogTest::SetUp();
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

  // Booking `b` again under a fresh number.
  domain::ReservationBooked again(domain::ReservationBooked b) {
    b.reservation.number = domain::make_number(424242, 9);
    return b;
  }

  Crowd crowd_;
  std::vector<domain::ReservationBooked> bookings_;  // the first batch's
};

}  // namespace hoyo::processor::testing
