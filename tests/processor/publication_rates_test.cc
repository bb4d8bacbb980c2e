// A publication's wins are priced by the rate tables in force when it was
// written, whenever their batch runs (docs/lottery.md, "Publication"): a rate
// change after it does not reach the later batches, across a restart from the
// writer's snapshot too, which keeps those tables (section 15).
#include <gtest/gtest.h>

#include "first_batch_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;
using PublicationRates = FirstBatchBooked;

// The unit prices of `r`'s adult lines.
std::vector<domain::Yen> adult_rates(const domain::Reservation& r) {
  std::vector<domain::Yen> out;
  if (!r.price) return out;
  for (const domain::PriceLine& l : r.price->lines) {
    if (l.category == domain::PriceCategory::kAdult) out.push_back(l.unit_price);
  }
  return out;
}

TEST_F(PublicationRates, ARateChangeAfterThePublicationDoesNotReachTheLaterBatches) {
  const domain::Facility before = snapshot().facilities.at("seaside");
  ASSERT_EQ(before.rates.size(), 1u);
  const domain::Yen adult = before.rates[0].adult;
  domain::Facility raised = before;
  raised.rates[0].adult = 3 * adult;
  ASSERT_TRUE(run({domain::Actor::op("alice"), domain::ChangeFacility{raised}}).ok());

  // The publication's tables are in the writer's snapshot: one without them
  // is not used, and the one with them restores them.
  expect_unused_without(kPublicationRatesSection);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  close();
  open();
  ASSERT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot().wins_to_book.at(crowd_.period.id).rates.at("seaside"), before.rates);

  const std::vector<domain::Event> rest = run_scheduled();
  ASSERT_TRUE(snapshot().wins_to_book.empty());
  int later = 0;
  for (const domain::Event& e : rest) {
    const auto* b = std::get_if<domain::ReservationBooked>(&e);
    if (!b) continue;
    ++later;
    const std::vector<domain::Yen> rates = adult_rates(b->reservation);
    ASSERT_FALSE(rates.empty()) << b->reservation.number;
    for (domain::Yen y : rates) EXPECT_EQ(y, adult) << b->reservation.number;
  }
  EXPECT_GT(later, 0);
}

}  // namespace
}  // namespace hoyo::processor
