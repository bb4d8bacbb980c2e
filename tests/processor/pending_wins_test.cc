// Between a publication's batches of bookings the period's results are
// pending (docs/lottery.md, "Publication"): a win an early batch booked is
// left out of its holder's reservation list (the stays view the API reads,
// and the same query over the writer's state) until the last batch, while
// operators find it by number and by user. Its reduced nights count against
// its holder's cap all the same, in the quote as in the booking.
#include <gtest/gtest.h>

#include "domain/booking_windows.h"
#include "domain/stay_price.h"
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

// The quote (POST /api/quotes: the price from the stays view, with the
// user's reduced nights used as that view counts them) and the booking's
// decision (the writer's state) count an early batch's hidden win alike: its
// reduced nights are the holder's, so neither offers the reduction past the
// cap, and the quote is the price the booking records.
TEST_F(PendingWins, AHiddenWinsReducedNightsCountInTheQuoteAsInTheBooking) {
  const domain::ReservationBooked* reduced = nullptr;
  for (const domain::ReservationBooked& b : bookings_) {
    if (b.reservation.price &&
        !domain::reduced_nights_by_fiscal_year(*b.reservation.price).empty()) {
      reduced = &b;
      break;
    }
  }
  ASSERT_NE(reduced, nullptr) << "no win of the first batch claims the senior reduction";
  const std::string user = reduced->reservation.user;
  // Another facility with the same rates, a March night of the same fiscal year.
  domain::Facility other = long_named_facility(4);
  other.id = "hillside";
  other.name = "山の家";
  other.name_en = "Hillside Lodge";
  ASSERT_TRUE(run({domain::Actor::op("alice"), domain::RegisterFacility{other}}).ok());
  const domain::Date night = domain::Date::from_ymd(2027, 3, 20);
  clock_.set(domain::first_come_opens(other.rules, night));
  ASSERT_FALSE(snapshot().shown_to_holder(reduced->reservation));

  auto view = fold_stay_view(*store_);
  ASSERT_TRUE(view->reservations_of(user, clock_.now()).empty()) << "the win is hidden";
  const std::map<int, int> used = snapshot().reduced_nights_used(user);
  EXPECT_FALSE(used.empty());
  EXPECT_EQ(view->reduced_nights_used(user), used);
  domain::PriceRequest ask{
      night, 1, {{2, 0, 0}}, {2}, domain::Reduction::kSenior, view->reduced_nights_used(user)};
  auto quote = domain::stay_price(*view->facility(other.id), ask);
  ASSERT_TRUE(quote.ok()) << quote.error().message;
  ASSERT_TRUE(quote->has_value());

  domain::BookRoom b;
  b.user = user;
  b.facility = other.id;
  b.check_in = night;
  b.people = {2};
  b.guests = {{2, 0, 0}};
  b.reduction = domain::Reduction::kSenior;
  auto booked = run({domain::Actor::user(user), b});
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  const domain::Reservation& r =
      std::get<domain::ReservationBooked>(booked->events.at(0)).reservation;
  EXPECT_EQ(r.price, *quote);
  // The cap is used up by the hidden win: no reduced night in either.
  EXPECT_TRUE(domain::reduced_nights_by_fiscal_year(**quote).empty());
}

}  // namespace
}  // namespace hoyo::processor
