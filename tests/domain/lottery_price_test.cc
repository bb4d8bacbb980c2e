// Guests and reductions on lottery applications (issue 17): an application
// records its guests per night and the reduction claimed, checked as a
// booking's are; the publication prices each win with them at the rates then
// in force, counting the reduction caps across a user's wins; a reduction no
// longer offered at publication is dropped, never refused; a runner-up's
// accepted offer is priced for the nights it takes.
#include <gtest/gtest.h>

#include "domain/event_codec.h"
#include "domain/stay_price.h"
#include "fixtures.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Instant kOpens = jst(2026, 12, 1);
const Instant kPublish = jst(2026, 12, 12, 10);
const Date kMonday = day(2027, 3, 8);  // no holiday near: nothing excluded
const Actor kOp = Actor::op("alice");

class LotteryPrice : public ::testing::Test {
 protected:
  void SetUp() override {
    Facility f = standard_facility(3);
    f.rates = {minato_rates()};
    s = with_facilities({f});
    LotteryPeriod p = march_period("2027-03");
    p.publish_at = kPublish;
    p.confirmation = ConfirmationRule::kNone;
    p.seed_hash.fill(0xab);
    ASSERT_TRUE(apply(s, {kOp, OpenLottery{p}}, kOpens - kMicrosPerSecond).ok());
    ASSERT_TRUE(commit_auditor(s, "2027-03", kOpens - kMicrosPerSecond).ok());
  }

  static Command application(std::string id, Date check_in, std::vector<Guests> guests,
                             Reduction reduction, int preference = 1) {
    ApplyToLottery a;
    a.user = "7";
    a.lottery = "2027-03";
    a.facility = "seaside";
    a.check_in = check_in;
    a.nights = static_cast<int>(guests.size());
    for (const Guests& g : guests) a.people.push_back(g.people());
    a.guests = std::move(guests);
    a.reduction = reduction;
    a.preference = preference;
    a.id = std::move(id);
    return {Actor::user("7"), a};
  }

  // Draws the given applications as wins (in that order) and publishes.
  std::vector<Reservation> publish(const std::vector<std::string>& winners) {
    LotteryDrawn d;
    d.lottery = "2027-03";
    std::vector<std::string> numbers;
    for (const std::string& id : winners) {
      d.wins.push_back({id, RoomStyle::kStandard});
      numbers.push_back(number(100 + numbers.size()));
    }
    evolve(s, d);
    auto out = apply(s, {kOp, PublishLottery{"2027-03", numbers}}, kPublish);
    EXPECT_TRUE(out.ok());
    std::vector<Reservation> booked;
    for (const std::string& n : numbers) booked.push_back(*s.reservation(n));
    return booked;
  }

  BookingState s;
};

int reduced_count(const Price& p) {
  int n = 0;
  for (const PriceLine& l : p.lines) {
    if (l.category == PriceCategory::kSenior) n += l.count;
  }
  return n;
}

TEST_F(LotteryPrice, AnApplicationRecordsItsGuestsAndTheReductionClaimed) {
  auto applied =
      apply(s, application("a1", kMonday, {{2, 1, 1}, {1, 1, 0}}, Reduction::kSenior), kOpens);
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  const LotteryApplication& a = s.applications.at("a1");
  EXPECT_EQ(a.guests, (std::vector<Guests>{{2, 1, 1}, {1, 1, 0}}));
  EXPECT_EQ(a.people, (std::vector<int>{3, 2}));
  EXPECT_EQ(a.reduction, Reduction::kSenior);
  // The event carries them through the codec.
  const Event& e = applied->front();
  auto decoded = decode_event(encode_event(e).type, encode_event(e).payload);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(std::get<LotteryApplied>(*decoded).application, a);
}

TEST_F(LotteryPrice, GuestsAndReductionsAreCheckedAsABookingsAre) {
  // A reduction the facility's rates do not offer.
  auto disability =
      decide(s, application("a1", kMonday, {{1, 0, 0}}, Reduction::kDisability), kOpens);
  EXPECT_REFUSED(disability, ErrorCode::kValidation);
  EXPECT_EQ(disability.error().fields.at(0).field, "reduction");
  // A night with infants only.
  EXPECT_REFUSED(decide(s, application("a1", kMonday, {{0, 0, 2}}, Reduction::kNone), kOpens),
                 ErrorCode::kValidation);
  // Guests that disagree with people.
  Command c = application("a1", kMonday, {{2, 0, 0}}, Reduction::kNone);
  std::get<ApplyToLottery>(c.body).people = {3};
  EXPECT_REFUSED(decide(s, c, kOpens), ErrorCode::kValidation);
  EXPECT_TRUE(s.applications.empty());
}

TEST_F(LotteryPrice, AWinIsPricedWithItsGuestsAndTheCapCountsAcrossTheUsersWins) {
  ASSERT_TRUE(
      apply(s, application("a1", kMonday, {{2, 1, 1}, {2, 1, 1}}, Reduction::kSenior, 1), kOpens)
          .ok());
  ASSERT_TRUE(
      apply(s, application("a2", kMonday.plus_days(7), {{1, 0, 0}}, Reduction::kSenior, 2), kOpens)
          .ok());
  const std::vector<Reservation> booked = publish({"a1", "a2"});
  // The first win takes the 2-night cap: per night a senior, an adult, a
  // child and a free infant, and the bathing tax of the two adults.
  ASSERT_TRUE(booked[0].price.has_value());
  EXPECT_EQ(booked[0].guests, (std::vector<Guests>{{2, 1, 1}, {2, 1, 1}}));
  EXPECT_EQ(booked[0].reduction, Reduction::kSenior);
  EXPECT_EQ(reduced_count(*booked[0].price), 2);
  EXPECT_EQ(booked[0].price->total, 2 * (2200 + 3200 + 2500 + 0 + 2 * 150));
  // The second, in the same publication, finds the cap used: full price.
  ASSERT_TRUE(booked[1].price.has_value());
  EXPECT_EQ(reduced_count(*booked[1].price), 0);
  EXPECT_EQ(booked[1].price->total, 3200 + 150);
  EXPECT_EQ(s.reduced_nights.at("7"), (std::map<int, int>{{2026, 2}}));
}

TEST_F(LotteryPrice, AReductionNoLongerOfferedAtPublicationIsDroppedNotRefused) {
  ASSERT_TRUE(apply(s, application("a1", kMonday, {{1, 0, 0}}, Reduction::kSenior), kOpens).ok());
  // The centre withdraws the senior rate before the publication.
  Facility changed = s.facilities.at("seaside");
  changed.rates = {minato_rates(false)};
  evolve(s, FacilityChanged{changed});
  const std::vector<Reservation> booked = publish({"a1"});
  EXPECT_EQ(booked[0].reduction, Reduction::kNone);
  ASSERT_TRUE(booked[0].price.has_value());
  EXPECT_EQ(booked[0].price->total, 3200 + 150);
}

TEST_F(LotteryPrice, AWinAtAFacilityWithoutRatesIsUnpricedAndWithoutGuestsEveryoneIsAnAdult) {
  Command plain = application("a1", kMonday, {{2, 0, 0}}, Reduction::kNone);
  std::get<ApplyToLottery>(plain.body).guests.clear();
  ASSERT_TRUE(apply(s, plain, kOpens).ok());
  const std::vector<Reservation> booked = publish({"a1"});
  ASSERT_TRUE(booked[0].price.has_value());
  EXPECT_EQ(booked[0].price->total, 2 * (3200 + 150));
  EXPECT_TRUE(booked[0].guests.empty());

  Facility bare = s.facilities.at("seaside");
  bare.rates.clear();
  LotteryApplication app = s.applications.at("a1");
  const PricedWin unpriced = price_win(bare, app, app.check_in, app.nights, app.people, {});
  EXPECT_FALSE(unpriced.price.has_value());
}

TEST_F(LotteryPrice, AnOfferOfPartOfAStayIsPricedWithTheGuestsOfThoseNights) {
  ASSERT_TRUE(
      apply(s, application("a1", kMonday, {{2, 0, 0}, {1, 1, 0}}, Reduction::kSenior), kOpens)
          .ok());
  const LotteryApplication& app = s.applications.at("a1");
  const PricedWin second =
      price_win(s.facilities.at("seaside"), app, kMonday.plus_days(1), 1, {2}, {});
  EXPECT_EQ(second.guests, (std::vector<Guests>{{1, 1, 0}}));
  ASSERT_TRUE(second.price.has_value());
  EXPECT_EQ(second.price->total, 2200 + 2500 + 150);
}

}  // namespace
}  // namespace hoyo::domain
