// A full disk under the processor: every command is answered kUnavailable
// while the store refuses writes; once space returns the processor folds the
// log afresh and decides again, so a booking refused on the full disk that
// reached the log anyway is known to it (its key answers the first outcome,
// the room is not sold again), and its state is exactly the log's. Keys
// already answered are answered again meanwhile.
#include <gtest/gtest.h>

#include <future>
#include <vector>

#include "eventually.h"
#include "processor_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;
using base::ErrorCode;
using hoyo::testing::eventually;

std::size_t bookings_in_log(eventstore::EventStore& store) {
  std::size_t n = 0;
  auto read = store.read_all(1, UINT64_MAX, [&](const eventstore::EventView& e) {
    if (e.type == "ReservationBooked") ++n;
    return true;
  });
  EXPECT_TRUE(read.ok());
  return n;
}

TEST_F(ProcessorTest, AFullDiskPausesDecidingAndTheStateIsFoldedFromTheLogWhenSpaceReturns) {
  close();
  auto faults = std::make_shared<eventstore::FaultInjector>();
  open(faults);
  register_seaside(2);
  auto first = run(book("50"), "key-0");
  ASSERT_TRUE(first.ok()) << first.error().message;
  faults->no_space(true);
  auto refused = run(book("100"), "key-1");
  ASSERT_FALSE(refused.ok()) << "acknowledged on a full disk";
  EXPECT_EQ(refused.error().code, ErrorCode::kUnavailable);
  EXPECT_GT(refused.error().retry_after_seconds, 0);
  // Whatever comes meanwhile is refused too, and decided against nothing.
  std::vector<std::future<base::Result<Outcome>>> more;
  for (int i = 0; i < 5; ++i) more.push_back(processor_->submit(book(std::to_string(200 + i))));
  for (auto& f : more) {
    auto r = f.get();
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  }
  EXPECT_FALSE(processor_->deciding());
  // A key already answered is answered again: that is a read, not a write.
  auto replay = run(book("50"), "key-0");
  ASSERT_TRUE(replay.ok()) << "a replay refused while not deciding";
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(replay->last_position, first->last_position);

  faults->no_space(false);
  ASSERT_TRUE(eventually([&] { return processor_->deciding(); }))
      << "the processor did not resume after space returned: " << store_->health().to_string();
  // The refused booking may have reached the log (it was in RocksDB's
  // memtable, which the store's resume flushes). Its retry answers what the
  // log holds: the first outcome if it is there, a fresh booking if not;
  // never a second reservation.
  const std::size_t landed = bookings_in_log(*store_) - 1;  // beside key-0's
  ASSERT_LE(landed, 1u);
  auto retry = run(book("100"), "key-1");
  ASSERT_TRUE(retry.ok()) << retry.error().message;
  EXPECT_EQ(retry->replayed, landed == 1);
  EXPECT_EQ(bookings_in_log(*store_), 2u) << "a room was booked twice for one request";
  // Two rooms, both now taken: the others find none, whatever happened on
  // the full disk.
  auto other = run(book("300"));
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, ErrorCode::kNoVacancy);

  const domain::BookingState resumed = snapshot();
  close();
  open();
  EXPECT_EQ(snapshot(), resumed) << "the state after the full disk differs from the log's fold";
}

}  // namespace
}  // namespace hoyo::processor
