// Between a publication's batches of bookings the period's results are
// pending (docs/lottery.md, "Publication"): a win an early batch booked is
// left out of its holder's reservation list (the stays view the API reads,
// and the same query over the writer's state) until the last batch, while
// operators find it by number and by user.
#include <gtest/gtest.h>

#include "first_batch_fixture.h"
#include "projections/reservation_search.h"
#include "projections/user_menu.h"

namespace hoyo::processor {
namespace {

using namespace testing;
using PendingWins = FirstBatchBooked;

TEST_F(PendingWins, AnEarlyBatchsBookingIsShownToItsHolderOnlyWithTheResults) {
  const domain::Reservation& won = bookings_.front().reservation;
  const domain::Instant now = clock_.now();
  auto view = fold_stay_view(*store_);
  EXPECT_TRUE(view->reservations_of(won.user, now).empty());
  EXPECT_TRUE(projections::user_reservations(snapshot(), won.user, now).empty());
  // The operators' look-ups, by number and by user.
  ASSERT_TRUE(view->reservation(won.number).has_value());
  projections::ReservationFilter by_user;
  by_user.user = won.user;
  EXPECT_EQ(projections::find_reservations(*view, by_user, {}, now).size(), 1u);
  EXPECT_EQ(view->result_of(won.user, crowd_.period.id).status,
            domain::LotteryResult::Status::kPending);

  run_scheduled();  // the other batches, then the result notices
  ASSERT_TRUE(snapshot().wins_to_book.empty());
  view = fold_stay_view(*store_);
  const auto mine = view->reservations_of(won.user, now);
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine.front().reservation.number, won.number);
  const auto written = projections::user_reservations(snapshot(), won.user, now);
  ASSERT_EQ(written.size(), 1u);
  EXPECT_EQ(written.front().reservation.number, won.number);
  EXPECT_EQ(view->result_of(won.user, crowd_.period.id).status,
            domain::LotteryResult::Status::kWon);
}

}  // namespace
}  // namespace hoyo::processor
