// The auditors' subject index (projections/audit_index.h), fed events
// directly: an offer to a runner-up and its answer are in the offer's, the
// runner-up's, the lottery's and the lapsed win's histories, and survive the
// index's save and restore.
#include "projections/audit_index.h"

#include <gtest/gtest.h>

#include "domain/events.h"

namespace hoyo::projections {
namespace {

using Positions = std::vector<std::uint64_t>;

domain::Reservation lapsed_win() {
  domain::Reservation r;
  r.number = "2000018";
  r.user = "1001";
  r.facility = "seaside";
  r.application = "A1";
  return r;
}

domain::Offer offer_to_runner_up() {
  domain::Offer o;
  o.id = "2000018-1";
  o.lottery = "2027-01";
  o.user = "1002";
  o.application = "A2";
  o.lapsed = "2000018";
  o.facility = "seaside";
  return o;
}

TEST(AuditIndexTest, AnOfferAndItsAnswerAreInTheHistoriesOfWhomTheyConcern) {
  AuditIndex index;
  index.apply({1, 0, "system"}, domain::ReservationBooked{lapsed_win()});
  index.apply({2, 0, "system"}, domain::WinLapsed{"2000018", 0});
  index.apply({3, 0, "system"}, domain::RoomOffered{offer_to_runner_up()});
  index.apply({4, 0, "user:1002"}, domain::OfferDeclined{"2000018-1", 0});
  index.apply({5, 0, "system"}, domain::OfferLapsed{"2000018-1", 0});

  EXPECT_EQ(index.positions("offer:2000018-1"), (Positions{3, 4, 5}));
  EXPECT_EQ(index.positions("user:1002"), (Positions{3, 4, 5}));
  EXPECT_EQ(index.positions("lottery:2027-01"), (Positions{3}));
  EXPECT_EQ(index.positions("lottery-application:A2"), (Positions{3}));
  // The lapsed win's history (and its holder's) shows where its nights went.
  EXPECT_EQ(index.positions("reservation:2000018"), (Positions{1, 2, 3}));
  EXPECT_EQ(index.positions("user:1001"), (Positions{1, 2, 3}));

  AuditIndex restored;
  ASSERT_TRUE(restored.restore(index.save()));
  EXPECT_TRUE(restored.same_as(index));
  // The offer's runner-up is remembered across a restore.
  restored.apply({6, 0, "user:1002"}, domain::OfferAccepted{"2000018-1", "2000026", 0});
  EXPECT_EQ(restored.positions("user:1002"), (Positions{3, 4, 5, 6}));
}

}  // namespace
}  // namespace hoyo::projections
