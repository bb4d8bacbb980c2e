// Prices through the writer (issue 17): the price recorded in the booking's
// event, kept when the rates change later; the reduction caps counted per
// user across bookings, given back on cancellation, and kept by a restart
// from the log and from the writer's snapshot (section 6, format 4).
#include <gtest/gtest.h>

#include "eventstore/snapshots.h"
#include "processor/state_restore.h"
#include "processor/state_snapshot.h"
#include "processor_fixture.h"

namespace hoyo::processor::testing {
namespace {

using domain::Actor;

const domain::Date kMonday = domain::Date::from_ymd(2027, 2, 15);
const domain::Date kThursday = domain::Date::from_ymd(2027, 2, 18);

domain::RateTable rates(domain::Yen adult) {
  domain::RateTable t;
  t.effective_from = domain::Date::from_ymd(2026, 4, 1);
  t.adult = adult;
  t.child = 2500;
  t.senior = domain::ReducedRate{2200, 2};
  t.bathing_tax = 150;
  return t;
}

domain::Command put_rates(domain::Yen adult) {
  return {Actor::op("alice"),
          domain::PutFacility{seaside(4), {}, std::vector<domain::RateTable>{rates(adult)}}};
}

domain::Command book_senior(const std::string& user, domain::Date d, int nights) {
  domain::BookRoom b;
  b.user = user;
  b.facility = "seaside";
  b.check_in = d;
  b.nights = nights;
  b.people = std::vector<int>(static_cast<std::size_t>(nights), 2);
  b.guests = std::vector<domain::Guests>(static_cast<std::size_t>(nights), {1, 1, 0});
  b.reduction = domain::Reduction::kSenior;
  return {Actor::user(user), b};
}

class PriceTest : public ProcessorTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    auto put = run(put_rates(3200));
    ASSERT_TRUE(put.ok()) << put.error().message;
  }
  std::string booked(const base::Result<Outcome>& r) {
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? std::get<domain::ReservationBooked>(r->events.at(0)).reservation.number : "";
  }
};

TEST_F(PriceTest, ThePriceIsRecordedAndALaterRateChangeLeavesIt) {
  const std::string n = booked(run(book("101")));
  const auto price = snapshot().reservation(n)->price;
  ASSERT_TRUE(price.has_value());
  EXPECT_EQ(price->total, 2 * 3200 + 2 * 150);
  ASSERT_TRUE(run(put_rates(5000)).ok());
  EXPECT_EQ(snapshot().reservation(n)->price, price);
  reopen();  // folded from the log: the event's price, not today's rates
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot().reservation(n)->price, price);
}

TEST_F(PriceTest, TheCapCountsAcrossTwoBookingsAndIsGivenBackOnCancel) {
  const std::string first = booked(run(book_senior("101", kMonday, 2)));
  EXPECT_EQ(snapshot().reduced_nights.at("101"), (std::map<int, int>{{2026, 2}}));
  const std::string second = booked(run(book_senior("101", kThursday, 1)));
  EXPECT_EQ(snapshot().reservation(second)->price->total, 3200 + 2500 + 150);  // cap used up
  EXPECT_EQ(snapshot().reduced_nights.at("101"), (std::map<int, int>{{2026, 2}}));
  ASSERT_TRUE(run({Actor::user("101"), domain::CancelReservations{"101", {first}}}).ok());
  EXPECT_FALSE(snapshot().reduced_nights.contains("101"));
  const std::string third = booked(run(book_senior("101", kMonday, 1)));
  EXPECT_EQ(snapshot().reservation(third)->price->total, 2200 + 2500 + 150);
  EXPECT_EQ(snapshot().reduced_nights.at("101"), (std::map<int, int>{{2026, 1}}));
}

TEST_F(PriceTest, ARestartFromTheLogAndFromTheSnapshotKeepsTheCounts) {
  const std::string first = booked(run(book_senior("101", kMonday, 2)));
  booked(run(book_senior("102", kMonday, 1)));
  ASSERT_TRUE(run({Actor::user("101"), domain::CancelReservations{"101", {first}}}).ok());
  const std::string paid = booked(run(book_senior("101", kThursday, 1)));
  ASSERT_TRUE(run({Actor::op("alice"), domain::MarkReservationPaid{paid}}).ok());
  const domain::BookingState before = snapshot();
  EXPECT_TRUE(before.reservation(paid)->paid);
  EXPECT_EQ(before.reduced_nights.at("101"), (std::map<int, int>{{2026, 1}}));
  EXPECT_EQ(before.reduced_nights.at("102"), (std::map<int, int>{{2026, 1}}));
  reopen();
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before);

  ASSERT_TRUE(processor_->write_snapshot().ok());
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(snapshot(), full_fold().state);
  // The restored counts are used: a third senior night of 101 is reduced, a
  // fourth is not.
  const std::string more = booked(run(book_senior("102", kThursday, 1)));
  EXPECT_EQ(snapshot().reservation(more)->price->total, 2200 + 2500 + 150);
}

TEST_F(PriceTest, ASnapshotOfTheCurrentFormatWithoutItsPricesSectionIsNotUsed) {
  booked(run(book_senior("101", kMonday, 1)));
  expect_unused_without(kPricesSection);
}

TEST_F(PriceTest, AFormatThreeSnapshotOfALogWithoutPricesStillLoads) {
  ASSERT_TRUE(run({Actor::op("alice"),
                   domain::PutFacility{seaside(4), {}, std::vector<domain::RateTable>{}}})
                  .ok());  // no rates: nothing priced
  booked(run(book("101")));
  expect_old_format_loads(3, kPricesSection);
}

TEST_F(PriceTest, ADamagedPricesSectionIsNotUsed) {
  booked(run(book_senior("101", kMonday, 1)));
  const domain::BookingState before = snapshot();
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const std::uint64_t at = processor_->snapshot_status().position;
  auto bytes = eventstore::get_snapshot_bytes(*store_, kStateSnapshotName, at);
  eventstore::Snapshot snap;
  ASSERT_EQ(eventstore::decode_snapshot(*bytes, snap), eventstore::SnapshotFault::kNone);
  snap.sections[kPricesSection] += "x";  // trailing bytes
  ASSERT_TRUE(eventstore::save_snapshot(*store_, kStateSnapshotName, snap).ok());
  reopen();
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before);
}

// An application's guests and reduction (format 8, section 11).
class ApplicationClaims : public PriceTest {
 protected:
  void apply_with_guests(bool claims) {
    const domain::LotteryPeriod p = march_lottery("s3cret");
    open_with_commitments(p);
    domain::ApplyToLottery a;
    a.user = "101";
    a.lottery = p.id;
    a.facility = "seaside";
    a.check_in = p.stay_month;
    a.people = {2};
    if (claims) {
      a.guests = {{1, 1, 0}};
      a.reduction = domain::Reduction::kSenior;
    }
    auto applied = run({Actor::user("101"), a});
    ASSERT_TRUE(applied.ok()) << applied.error().message;
  }
};

TEST_F(ApplicationClaims, SurviveARestartFromTheLogAndFromTheSnapshot) {
  apply_with_guests(true);
  const domain::BookingState before = snapshot();
  ASSERT_EQ(before.applications.size(), 1u);
  EXPECT_EQ(before.applications.begin()->second.guests, (std::vector<domain::Guests>{{1, 1, 0}}));
  EXPECT_EQ(before.applications.begin()->second.reduction, domain::Reduction::kSenior);
  reopen();
  EXPECT_EQ(snapshot(), before);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), before);
}

TEST_F(ApplicationClaims, ASnapshotOfTheCurrentFormatWithoutTheirSectionIsNotUsed) {
  apply_with_guests(true);
  expect_unused_without(kApplicationClaimsSection);
}

TEST_F(ApplicationClaims, AFormatSevenSnapshotOfALogWithoutClaimsStillLoads) {
  apply_with_guests(false);
  expect_old_format_loads(7, kApplicationClaimsSection);
}

}  // namespace
}  // namespace hoyo::processor::testing
