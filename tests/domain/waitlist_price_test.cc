// Guests and reductions on waitlist entries (issue 17): joining takes the
// booking form's guests per night and reduction claim, checked as a
// booking's are; the accepted offer is priced with them at the rates and
// caps of the acceptance (a cap used up since: priced without the reduced
// rate; a reduction no longer offered: dropped); an entry without guests
// (joined before they were asked) is priced as adults.
#include <gtest/gtest.h>

#include "domain/event_codec.h"
#include "domain/waitlist.h"
#include "fixtures.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Date kNight = day(2027, 3, 8);          // a Monday, no holiday near
const Instant kJoin = jst(2027, 2, 1, 10);    // first-come opened on 1/1
const Instant kFreed = jst(2027, 2, 10, 12);  // the room frees
const Instant kPick = jst(2027, 2, 11, 9);    // the next 09:00
const Instant kAccept = jst(2027, 2, 12, 10);

class WaitlistPrice : public ::testing::Test {
 protected:
  // One room at "seaside", booked by "a" for kNight.
  void SetUp() override {
    Facility f = standard_facility(1);
    f.waitlist.enabled = true;
    f.rates = {minato_rates()};
    s = with_facilities({f});
    ASSERT_TRUE(apply(s, book("a", "seaside", kNight, 1, {2}, number(1)), kJoin).ok());
  }

  static Command join(std::vector<Guests> guests, Reduction reduction) {
    JoinWaitlist j;
    j.user = "b";
    j.facility = "seaside";
    j.check_in = kNight;
    j.nights = static_cast<int>(guests.size());
    for (const Guests& g : guests) j.people.push_back(g.people());
    j.guests = std::move(guests);
    j.reduction = reduction;
    j.id = "w1";
    return {Actor::user("b"), j};
  }

  // "a" cancels, the pick offers the room to "b", who accepts: b's booking
  // (null if refused).
  const Reservation* accepted() {
    auto cancelled = apply(s, {Actor::user("a"), CancelReservations{"a", {number(1)}}}, kFreed);
    EXPECT_TRUE(cancelled.ok()) << (cancelled.ok() ? "" : cancelled.error().to_string());
    RunScheduled run;
    run.seed = 3;
    auto picked = apply(s, {Actor::system(), run}, kPick);
    EXPECT_TRUE(picked.ok());
    std::string offer;
    for (const Event& e : *picked) {
      if (auto* o = std::get_if<WaitlistOffered>(&e)) offer = o->offer.id;
    }
    EXPECT_FALSE(offer.empty());
    auto out = apply(s, {Actor::user("b"), AcceptOffer{offer, number(5)}}, kAccept);
    EXPECT_TRUE(out.ok());
    return s.reservation(number(5));
  }

  BookingState s;
};

TEST_F(WaitlistPrice, AnEntryRecordsItsGuestsAndClaimThroughTheCodec) {
  auto joined = apply(s, join({{1, 1, 1}}, Reduction::kSenior), kJoin);
  EXPECT_ACCEPTED(joined);
  const WaitlistEntry& e = s.waitlist.entries.at("w1");
  EXPECT_EQ(e.guests, (std::vector<Guests>{{1, 1, 1}}));
  EXPECT_EQ(e.people, std::vector<int>{2});
  EXPECT_EQ(e.reduction, Reduction::kSenior);
  const auto encoded = encode_event(joined->front());
  auto decoded = decode_event(encoded.type, encoded.payload);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(std::get<WaitlistJoined>(*decoded).entry, e);
}

TEST_F(WaitlistPrice, GuestsAndReductionsAreCheckedAsABookingsAre) {
  const BookingState before = s;
  // A reduction the facility's rates do not offer.
  auto disability = decide(s, join({{1, 0, 0}}, Reduction::kDisability), kJoin);
  EXPECT_REFUSED(disability, ErrorCode::kValidation);
  EXPECT_EQ(disability.error().fields.at(0).field, "reduction");
  // A night with infants only; a list that is not one per night.
  EXPECT_REFUSED(decide(s, join({{0, 0, 2}}, Reduction::kNone), kJoin), ErrorCode::kValidation);
  Command two = join({{2, 0, 0}}, Reduction::kNone);
  std::get<JoinWaitlist>(two.body).guests.push_back({2, 0, 0});
  EXPECT_REFUSED(decide(s, two, kJoin), ErrorCode::kValidation);
  // Guests that disagree with people.
  Command c = join({{2, 0, 0}}, Reduction::kNone);
  std::get<JoinWaitlist>(c.body).people = {3};
  auto mismatch = decide(s, c, kJoin);
  EXPECT_REFUSED(mismatch, ErrorCode::kValidation);
  EXPECT_EQ(mismatch.error().fields.at(0).field, "people");
  EXPECT_EQ(s, before);
}

TEST_F(WaitlistPrice, TheAcceptanceIsPricedWithAChildAndTheSeniorReduction) {
  ASSERT_TRUE(apply(s, join({{1, 1, 1}}, Reduction::kSenior), kJoin).ok());
  const Reservation* booked = accepted();
  ASSERT_NE(booked, nullptr);
  const Reservation& r = *booked;
  EXPECT_EQ(r.origin, Origin::kWaitlist);
  EXPECT_EQ(r.guests, (std::vector<Guests>{{1, 1, 1}}));
  EXPECT_EQ(r.reduction, Reduction::kSenior);
  ASSERT_TRUE(r.price.has_value());
  // The holder at the senior rate, a child, a free infant, one bathing tax.
  EXPECT_EQ(r.price->total, 2200 + 2500 + 0 + 150);
  EXPECT_EQ(s.reduced_nights.at("b"), (std::map<int, int>{{2026, 1}}));
}

TEST_F(WaitlistPrice, ACapUsedUpBeforeTheAcceptanceIsPricedWithoutTheReducedRate) {
  ASSERT_TRUE(apply(s, join({{1, 1, 0}}, Reduction::kSenior), kJoin).ok());
  // Meanwhile "b" books two other nights at the senior rate: the cap of 2.
  Command other = book("b", "seaside", kNight.plus_days(1), 2, {1, 1}, number(9));
  std::get<BookRoom>(other.body).reduction = Reduction::kSenior;
  ASSERT_TRUE(apply(s, other, kJoin).ok());
  ASSERT_EQ(s.reduced_nights.at("b"), (std::map<int, int>{{2026, 2}}));
  const Reservation* booked = accepted();
  ASSERT_NE(booked, nullptr);
  const Reservation& r = *booked;
  ASSERT_TRUE(r.price.has_value());
  EXPECT_EQ(r.price->total, 3200 + 2500 + 150);
  for (const PriceLine& l : r.price->lines) EXPECT_NE(l.category, PriceCategory::kSenior);
  EXPECT_EQ(s.reduced_nights.at("b"), (std::map<int, int>{{2026, 2}}));
}

TEST_F(WaitlistPrice, AReductionNoLongerOfferedAtTheAcceptanceIsDropped) {
  ASSERT_TRUE(apply(s, join({{2, 0, 0}}, Reduction::kSenior), kJoin).ok());
  Facility changed = s.facilities.at("seaside");
  changed.rates = {minato_rates(false)};
  evolve(s, FacilityChanged{changed});
  const Reservation* booked = accepted();
  ASSERT_NE(booked, nullptr);
  const Reservation& r = *booked;
  EXPECT_EQ(r.reduction, Reduction::kNone);
  ASSERT_TRUE(r.price.has_value());
  EXPECT_EQ(r.price->total, 2 * (3200 + 150));
}

TEST_F(WaitlistPrice, AnEntryWithoutGuestsIsPricedAsAdults) {
  Command plain = join({{2, 0, 0}}, Reduction::kNone);
  std::get<JoinWaitlist>(plain.body).guests.clear();
  ASSERT_TRUE(apply(s, plain, kJoin).ok());
  EXPECT_TRUE(s.waitlist.entries.at("w1").guests.empty());
  const Reservation* booked = accepted();
  ASSERT_NE(booked, nullptr);
  const Reservation& r = *booked;
  EXPECT_TRUE(r.guests.empty());
  ASSERT_TRUE(r.price.has_value());
  EXPECT_EQ(r.price->total, 2 * (3200 + 150));
}

}  // namespace
}  // namespace hoyo::domain
