// The price a booking records (issue 17): computed from the facility's rate
// tables at the decision, kept when rates change later, recomputed at a
// change with its difference, and the reduction caps counted per user.
#include <gtest/gtest.h>

#include "domain/stay_price.h"
#include "fixtures.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Instant kOpen = jst(2026, 12, 1, 9);
const Date kFriday = day(2027, 2, 12);
const Date kMonday = day(2027, 2, 15);
const Date kThursday = day(2027, 2, 18);

RateTable rates(Yen adult = 3200) {
  RateTable t;
  t.effective_from = day(2026, 4, 1);
  t.adult = adult;
  t.child = 2500;
  t.senior = ReducedRate{2200, 2};
  t.bathing_tax = 150;
  return t;
}

Facility priced_facility(Yen adult = 3200) {
  Facility f = standard_facility(3);
  f.rates = {rates(adult)};
  return f;
}

Command book_guests(const std::string& num, Date check_in, std::vector<Guests> guests,
                    Reduction reduction = Reduction::kNone) {
  BookRoom b;
  b.user = "7";
  b.facility = "seaside";
  b.check_in = check_in;
  b.nights = static_cast<int>(guests.size());
  for (const Guests& g : guests) b.people.push_back(g.people());
  b.guests = std::move(guests);
  b.reduction = reduction;
  b.number = num;
  return {Actor::user("7"), b};
}

Command change_people(const std::string& num, std::vector<int> people) {
  ChangeReservation c;
  c.user = "7";
  c.number = num;
  c.people = std::move(people);
  return {Actor::user("7"), c};
}

bool has_line(const Price& p, PriceCategory c) {
  for (const PriceLine& l : p.lines) {
    if (l.category == c) return true;
  }
  return false;
}

TEST(BookingPrice, ABookingRecordsThePriceOfItsGuests) {
  BookingState s = with_facilities({priced_facility()});
  auto r = apply(s, book_guests(number(1), kFriday, {{2, 1, 1}}), kOpen);
  EXPECT_ACCEPTED(r);
  const Reservation& booked = std::get<ReservationBooked>(r->at(0)).reservation;
  ASSERT_TRUE(booked.price.has_value());
  EXPECT_EQ(booked.price->total, 2 * 3200 + 2500 + 0 + 2 * 150);
  const std::vector<PriceLine> lines = {{kFriday, PriceCategory::kAdult, 2, 3200, 6400},
                                        {kFriday, PriceCategory::kChild, 1, 2500, 2500},
                                        {kFriday, PriceCategory::kInfant, 1, 0, 0},
                                        {kFriday, PriceCategory::kBathingTax, 2, 150, 300}};
  EXPECT_EQ(booked.price->lines, lines);
  EXPECT_EQ(booked.guests, (std::vector<Guests>{{2, 1, 1}}));
  EXPECT_EQ(s.reservation(number(1))->price, booked.price);
}

TEST(BookingPrice, WithoutGuestsEveryoneIsPricedAsAnAdult) {
  BookingState s = with_facilities({priced_facility()});
  auto r = apply(s, book("7", "seaside", kFriday, 1, {3}, number(1)), kOpen);
  EXPECT_ACCEPTED(r);
  EXPECT_EQ(s.reservation(number(1))->price->total, 3 * 3200 + 3 * 150);
  EXPECT_TRUE(s.reservation(number(1))->guests.empty());
}

TEST(BookingPrice, GuestsThatDisagreeWithPeopleAreRefused) {
  BookingState s = with_facilities({priced_facility()});
  Command c = book_guests(number(1), kFriday, {{2, 1, 0}});
  std::get<BookRoom>(c.body).people = {2};
  auto r = decide(s, c, kOpen);
  EXPECT_REFUSED(r, ErrorCode::kValidation);
  EXPECT_EQ(r.error().fields.at(0).field, "people");
  EXPECT_EQ(r.error().fields.at(0).code, "mismatch");
}

TEST(BookingPrice, AFacilityWithoutRatesBooksUnpricedAndRefusesAReduction) {
  BookingState s = with_facilities({standard_facility(3)});
  EXPECT_ACCEPTED(apply(s, book_guests(number(1), kFriday, {{2, 1, 0}}), kOpen));
  EXPECT_FALSE(s.reservation(number(1))->price.has_value());
  auto claimed = decide(s, book_guests(number(2), kFriday, {{1, 0, 0}}, Reduction::kSenior), kOpen);
  EXPECT_REFUSED(claimed, ErrorCode::kValidation);
  EXPECT_EQ(claimed.error().fields.at(0).field, "reduction");
  EXPECT_EQ(claimed.error().fields.at(0).code, "not_offered");
}

TEST(BookingPrice, ALaterRateChangeLeavesThePriceAndAChangeRecomputesIt) {
  BookingState s = with_facilities({priced_facility()});
  EXPECT_ACCEPTED(apply(s, book_guests(number(1), kMonday, {{2, 0, 0}, {2, 0, 0}}), kOpen));
  const Yen before = s.reservation(number(1))->price->total;
  EXPECT_EQ(before, 2 * (2 * 3200 + 2 * 150));
  evolve(s, FacilityChanged{priced_facility(4000)});
  EXPECT_EQ(s.reservation(number(1))->price->total, before);

  auto changed = apply(s, change_people(number(1), {3, 2}), kOpen);
  EXPECT_ACCEPTED(changed);
  const auto& e = std::get<ReservationChanged>(changed->at(0));
  ASSERT_TRUE(e.price.has_value());
  EXPECT_EQ(e.price->total, 3 * 4000 + 3 * 150 + 2 * 4000 + 2 * 150);
  ASSERT_TRUE(e.price_difference.has_value());
  EXPECT_EQ(*e.price_difference, e.price->total - before);
  EXPECT_EQ(s.reservation(number(1))->price, e.price);
  // Every night's adults follow its new people (it had no children).
  EXPECT_EQ(e.guests, (std::vector<Guests>{{3, 0, 0}, {2, 0, 0}}));
}

TEST(BookingPrice, APeopleChangeKeepsEachNightsChildrenAndInfants) {
  BookingState s = with_facilities({priced_facility()});
  EXPECT_ACCEPTED(apply(s, book_guests(number(1), kMonday, {{1, 1, 1}, {1, 1, 0}}), kOpen));
  const Yen before = s.reservation(number(1))->price->total;
  auto changed = apply(s, change_people(number(1), {3, 2}), kOpen);
  EXPECT_ACCEPTED(changed);
  const auto& e = std::get<ReservationChanged>(changed->at(0));
  EXPECT_EQ(e.guests, (std::vector<Guests>{{2, 1, 1}, {1, 1, 0}}));
  EXPECT_EQ(e.price->total, (2 * 3200 + 2500 + 2 * 150) + (3200 + 2500 + 150));
  EXPECT_EQ(*e.price_difference, 3200 + 150);
  EXPECT_EQ(e.price->total - before, 3200 + 150);
  EXPECT_EQ(s.reservation(number(1))->guests, e.guests);
}

TEST(BookingPrice, FewerPeopleThanANightsChildrenNeedTheGuests) {
  BookingState s = with_facilities({priced_facility()});
  EXPECT_ACCEPTED(apply(s, book_guests(number(1), kFriday, {{1, 2, 0}}), kOpen));
  const Reservation kept = *s.reservation(number(1));
  auto refused = decide(s, change_people(number(1), {1}), kOpen);
  EXPECT_REFUSED(refused, ErrorCode::kValidation);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "guests");
  EXPECT_EQ(refused.error().fields[0].code, "required");
  EXPECT_EQ(refused.error().fields[0].message, base::MessageId::kChildrenExceedPeople);
  EXPECT_EQ(s.reservation(number(1))->guests, kept.guests);
  // Two people would leave the night without its adult: refused too.
  EXPECT_REFUSED(decide(s, change_people(number(1), {2}), kOpen), ErrorCode::kValidation);
  // Four keep both children and bring one more adult.
  EXPECT_ACCEPTED(apply(s, change_people(number(1), {4}), kOpen));
  EXPECT_EQ(s.reservation(number(1))->guests, (std::vector<Guests>{{2, 2, 0}}));
}

TEST(BookingPrice, DroppingANightDropsItsGuestsAndItsPrice) {
  BookingState s = with_facilities({priced_facility()});
  EXPECT_ACCEPTED(apply(s, book_guests(number(1), kMonday, {{2, 1, 0}, {1, 0, 1}}), kOpen));
  ChangeReservation c;
  c.user = "7";
  c.number = number(1);
  c.drop_night = 1;
  auto changed = apply(s, {Actor::user("7"), c}, kOpen);
  EXPECT_ACCEPTED(changed);
  const Reservation& r = *s.reservation(number(1));
  EXPECT_EQ(r.guests, (std::vector<Guests>{{1, 0, 1}}));
  EXPECT_EQ(r.price->total, 3200 + 150);
  EXPECT_EQ(*std::get<ReservationChanged>(changed->at(0)).price_difference,
            (3200 + 150) - (2 * 3200 + 2500 + 2 * 150 + 3200 + 150));
}

TEST(BookingPrice, TheReductionCapCountsAcrossBookingsAndIsGivenBackOnCancel) {
  BookingState s = with_facilities({priced_facility()});
  // Two senior nights use the cap of fiscal 2026 (2 nights).
  EXPECT_ACCEPTED(
      apply(s, book_guests(number(1), kMonday, {{1, 0, 0}, {1, 0, 0}}, Reduction::kSenior), kOpen));
  EXPECT_TRUE(has_line(*s.reservation(number(1))->price, PriceCategory::kSenior));
  EXPECT_EQ(s.reduced_nights.at("7"), (std::map<int, int>{{2026, 2}}));
  // A third night is priced in full, the claim standing.
  EXPECT_ACCEPTED(
      apply(s, book_guests(number(2), kThursday, {{1, 0, 0}}, Reduction::kSenior), kOpen));
  const Reservation& second = *s.reservation(number(2));
  EXPECT_FALSE(has_line(*second.price, PriceCategory::kSenior));
  EXPECT_EQ(second.price->total, 3200 + 150);
  EXPECT_EQ(second.reduction, Reduction::kSenior);
  // Cancelling the first gives its nights back...
  EXPECT_ACCEPTED(apply(s, {Actor::user("7"), CancelReservations{"7", {number(1)}}}, kOpen));
  EXPECT_FALSE(s.reduced_nights.contains("7"));
  // ...and the second, changed, is now reduced.
  auto changed = apply(s, change_people(number(2), {2}), kOpen);
  EXPECT_ACCEPTED(changed);
  EXPECT_TRUE(has_line(*s.reservation(number(2))->price, PriceCategory::kSenior));
  EXPECT_EQ(s.reduced_nights.at("7"), (std::map<int, int>{{2026, 1}}));
  // A change of the reduced reservation does not count its own nights twice.
  EXPECT_ACCEPTED(apply(s, change_people(number(2), {1}), kOpen));
  EXPECT_TRUE(has_line(*s.reservation(number(2))->price, PriceCategory::kSenior));
  EXPECT_EQ(s.reduced_nights.at("7"), (std::map<int, int>{{2026, 1}}));
}

// A lapse ends a reservation as a cancellation does: a win changed with a
// reduction gives its reduced nights back when it lapses (else the quote,
// which leaves lapsed stays out, and the booking would price differently).
TEST(BookingPrice, ALapseGivesTheReducedNightsBack) {
  BookingState s = with_facilities({priced_facility()});
  EXPECT_ACCEPTED(
      apply(s, book_guests(number(1), kMonday, {{1, 0, 0}, {1, 0, 0}}, Reduction::kSenior), kOpen));
  ASSERT_EQ(s.reduced_nights.at("7"), (std::map<int, int>{{2026, 2}}));
  evolve(s, WinLapsed{number(1), kOpen});
  EXPECT_EQ(s.reservation(number(1))->status, ReservationStatus::kLapsed);
  EXPECT_FALSE(s.reduced_nights.contains("7"));
}

TEST(BookingPrice, AChangeMayClaimOrDropAReduction) {
  BookingState s = with_facilities({priced_facility()});
  EXPECT_ACCEPTED(apply(s, book_guests(number(1), kFriday, {{2, 0, 0}}), kOpen));
  ChangeReservation c;
  c.user = "7";
  c.number = number(1);
  c.reduction = Reduction::kSenior;
  EXPECT_ACCEPTED(apply(s, {Actor::user("7"), c}, kOpen));
  EXPECT_TRUE(has_line(*s.reservation(number(1))->price, PriceCategory::kSenior));
  EXPECT_EQ(s.reduced_nights.at("7"), (std::map<int, int>{{2026, 1}}));
  c.reduction = Reduction::kNone;
  EXPECT_ACCEPTED(apply(s, {Actor::user("7"), c}, kOpen));
  EXPECT_FALSE(s.reduced_nights.contains("7"));
}

TEST(BookingPrice, OperatorsMarkAReservationPaidOnce) {
  BookingState s = with_facilities({priced_facility()});
  EXPECT_ACCEPTED(apply(s, book_guests(number(1), kFriday, {{2, 0, 0}}), kOpen));
  EXPECT_ACCEPTED(apply(s, book_guests(number(2), kMonday, {{2, 0, 0}}), kOpen));
  const Command mark{Actor::op("alice"), MarkReservationPaid{number(1)}};
  auto paid = apply(s, mark, kOpen);
  EXPECT_ACCEPTED(paid);
  ASSERT_EQ(paid->size(), 1u);
  EXPECT_EQ(std::get<ReservationPaid>(paid->at(0)), (ReservationPaid{number(1), kOpen}));
  EXPECT_TRUE(s.reservation(number(1))->paid);
  EXPECT_FALSE(s.reservation(number(2))->paid);
  auto again = apply(s, mark, kOpen);  // idempotent: nothing more recorded
  EXPECT_ACCEPTED(again);
  EXPECT_TRUE(again->empty());

  EXPECT_REFUSED(decide(s, {Actor::user("7"), MarkReservationPaid{number(2)}}, kOpen),
                 ErrorCode::kForbidden);
  EXPECT_REFUSED(decide(s, {Actor::op("alice"), MarkReservationPaid{number(9)}}, kOpen),
                 ErrorCode::kNotFound);
  EXPECT_ACCEPTED(apply(s, {Actor::user("7"), CancelReservations{"7", {number(2)}}}, kOpen));
  EXPECT_REFUSED(decide(s, {Actor::op("alice"), MarkReservationPaid{number(2)}}, kOpen),
                 ErrorCode::kConflict);
}

}  // namespace
}  // namespace hoyo::domain
