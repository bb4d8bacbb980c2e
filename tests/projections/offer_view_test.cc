// Offers to runners-up in the stays view: the result it shows each user
// (offered with the offer, won once accepted, lost after a decline) is the
// one domain::lottery_result gives over the writer's state at every step, and
// a checkpoint keeps the offers.
#include <gtest/gtest.h>

#include "domain/decide.h"
#include "domain/lottery_queries.h"
#include "domain/reservation_number.h"
#include "projections/stay_view.h"

namespace hoyo::projections {
namespace {

using domain::Actor;
using domain::Date;
using domain::Instant;

const Date kCheckIn = Date::from_ymd(2027, 3, 5);
const Instant kPublished = domain::tokyo_time(Date::from_ymd(2026, 12, 12), 10, 0);
const Instant kLapse = domain::tokyo_time(Date::from_ymd(2026, 12, 20), 0, 0);

// A two-room seaside, and its March period.
domain::Facility seaside() {
  domain::Facility f;
  f.id = "seaside";
  f.name = f.name_en = "seaside";
  f.room_types = {{domain::RoomStyle::kStandard, 2, 4}};
  return f;
}
domain::LotteryPeriod march() {
  domain::LotteryPeriod p;
  p.id = "2027-03";
  p.stay_month = Date::from_ymd(2027, 3, 1);
  p.facilities = {"seaside"};
  return p;
}

class OfferView : public ::testing::Test {
 protected:
  // Folds `events` into both the state and the view.
  void fold(const std::vector<domain::Event>& events) {
    for (const domain::Event& e : events) {
      domain::evolve(s, e);
      if (view.wants(e.index())) view.apply({++position, 0, "system"}, e);
    }
  }
  void decide(const Actor& a, domain::CommandBody body, Instant now) {
    auto r = domain::decide(s, {a, std::move(body)}, now);
    ASSERT_TRUE(r.ok()) << r.error().message;
    fold(*r);
  }
  // Every user's result, the view's against the state's.
  void expect_same_results() {
    for (const char* user : {"u1", "l1", "l2"}) {
      const domain::LotteryResult want = domain::lottery_result(s, user, "2027-03");
      const domain::LotteryResult got = view.result_of(user, "2027-03");
      EXPECT_EQ(got.status, want.status) << user;
      EXPECT_EQ(got.offer, want.offer) << user;
      EXPECT_EQ(got.won.has_value(), want.won.has_value()) << user;
      if (got.won && want.won) {
        EXPECT_EQ(got.won->reservation_number, want.won->reservation_number) << user;
      }
    }
  }

  domain::BookingState s;
  StayView view;
  std::uint64_t position = 0;
};

TEST_F(OfferView, TheViewShowsOffersAsTheStateDoesAndACheckpointKeepsThem) {
  const domain::Facility f = seaside();
  domain::LotteryPeriod p = march();
  p.opens_at = domain::tokyo_time(Date::from_ymd(2026, 12, 1), 0, 0);
  p.closes_at = domain::tokyo_time(Date::from_ymd(2026, 12, 10), 0, 0);
  p.draw_at = p.closes_at;
  p.publish_at = kPublished;
  p.release = domain::ReleaseRule::kRunnersUp;
  p.allotment = {{"seaside", kCheckIn, domain::RoomStyle::kStandard, 1}};
  domain::LotteryDrawn d;
  d.lottery = p.id;
  d.order = {"u1", "l1", "l2"};
  std::vector<domain::Event> history{domain::FacilityRegistered{f}, domain::LotteryOpened{p}};
  for (const char* user : {"u1", "l1", "l2"}) {
    domain::LotteryApplication a{std::string("a-") + user,
                                 p.id,
                                 user,
                                 "seaside",
                                 kCheckIn,
                                 1,
                                 {2},
                                 domain::StyleWish::kAny,
                                 1,
                                 domain::ApplicationStatus::kActive,
                                 0};
    history.push_back(domain::LotteryApplied{a});
  }
  d.wins = {{"a-u1", domain::RoomStyle::kStandard}};
  history.push_back(d);
  fold(history);
  decide(Actor::op("alice"), domain::PublishLottery{p.id, {domain::make_number(100, 9)}},
         kPublished);
  decide(Actor::system(), domain::RunScheduled{}, kPublished);  // the result notices
  expect_same_results();
  decide(Actor::system(), domain::RunScheduled{}, kLapse);  // u1's win lapses: l1 is offered
  ASSERT_EQ(view.result_of("l1", p.id).status, domain::LotteryResult::Status::kOffered);
  expect_same_results();
  const std::string first = view.result_of("l1", p.id).offer->id;
  decide(Actor::user("l1"), domain::DeclineOffer{first}, kLapse);  // on to l2
  ASSERT_EQ(view.result_of("l2", p.id).status, domain::LotteryResult::Status::kOffered);
  EXPECT_EQ(view.result_of("l1", p.id).status, domain::LotteryResult::Status::kLost);
  expect_same_results();
  // A checkpoint in the middle of the chain keeps the offers.
  StayView restored;
  ASSERT_TRUE(restored.restore(view.save()));
  EXPECT_TRUE(restored.same_as(view));
  const std::string second = view.result_of("l2", p.id).offer->id;
  decide(Actor::user("l2"), domain::AcceptOffer{second, domain::make_number(200, 9)}, kLapse);
  ASSERT_EQ(view.result_of("l2", p.id).status, domain::LotteryResult::Status::kWon);
  EXPECT_EQ(view.offer(second)->status, domain::OfferStatus::kAccepted);
  expect_same_results();
  ASSERT_TRUE(restored.restore(view.save()));
  EXPECT_TRUE(restored.same_as(view));
}

// Applications' guests and reductions (issue 17): the user's list shows them
// as applied, and a checkpoint keeps them.
TEST_F(OfferView, TheApplicationListShowsGuestsAndReductionsAndACheckpointKeepsThem) {
  const domain::Facility f = seaside();
  const domain::LotteryPeriod p = march();
  std::vector<domain::Event> history{domain::FacilityRegistered{f}, domain::LotteryOpened{p}};
  domain::LotteryApplication plain{"a-1",    p.id,
                                   "u1",     "seaside",
                                   kCheckIn, 1,
                                   {2},      domain::StyleWish::kAny,
                                   1,        domain::ApplicationStatus::kActive,
                                   0};
  domain::LotteryApplication claiming = plain;
  claiming.id = "a-2";
  claiming.preference = 2;
  claiming.guests = {{1, 1, 1}};
  claiming.reduction = domain::Reduction::kDisability;
  history.push_back(domain::LotteryApplied{plain});
  history.push_back(domain::LotteryApplied{claiming});
  fold(history);
  auto listed = [](const StayView& v) {
    std::vector<domain::LotteryApplication> out;
    for (const domain::UserApplication& a : v.applications_of("u1", "2027-03")) {
      out.push_back(a.application);
    }
    return out;
  };
  EXPECT_EQ(listed(view), (std::vector<domain::LotteryApplication>{plain, claiming}));
  StayView restored;
  ASSERT_TRUE(restored.restore(view.save()));
  EXPECT_TRUE(restored.same_as(view));
  EXPECT_EQ(listed(restored), listed(view));
}

}  // namespace
}  // namespace hoyo::projections
