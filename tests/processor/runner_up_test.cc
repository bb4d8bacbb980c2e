// Offers to runners-up through the writer: a chain of offers moving on as
// each lapses, across a restart from the log and one from the writer's
// snapshot in the middle of it, to first-come at its end; the redraw and the
// whole-log verification check every offer, and find a forged one.
#include <gtest/gtest.h>

#include "domain/decide_internal.h"
#include "processor/chain_at_close.h"
#include "processor/log_audit.h"
#include "processor/redraw_audit.h"
#include "processor/state_snapshot.h"
#include "schedule_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;
using domain::Instant;

class RunnerUpChain : public ScheduleTest {
 protected:
  RunnerUpChain() { runners_up_ = 2; }

  // The runners-up in the draw's order (everyone but the winner).
  std::vector<std::string> runners_up() {
    std::vector<std::string> out;
    state_ = snapshot();
    for (const std::string& user : state_.draws.at("2027-03").order) {
      if (user != winner_) out.push_back(user);
    }
    return out;
  }
  // Closes the writer and appends `e` to the log as a forger would, past the
  // domain's rules; the store, for the audits (open() again after).
  std::unique_ptr<eventstore::EventStore> forge(const domain::Event& e, const std::string& stream,
                                                const std::string& actor, std::uint16_t seq) {
    const domain::EncodedEvent enc = domain::encode_event(e);
    eventstore::NewEvent ne;
    ne.id = eventstore::time_ordered_event_id(clock_.now(), seq);
    ne.type = enc.type;
    ne.payload = enc.payload;
    ne.actor = actor;
    ne.recorded_at_us = clock_.now();
    close();
    auto store = std::move(eventstore::EventStore::open(dir_)).value();
    EXPECT_TRUE(store->append({stream, eventstore::ExpectedVersion::any(), {ne}}).ok());
    return store;
  }
  // The open offer, if any.
  const domain::Offer* open_offer() {
    state_ = snapshot();
    for (const auto& [id, o] : state_.offers) {
      if (o.status == domain::OfferStatus::kOpen) return &state_.offers.at(id);
    }
    return nullptr;
  }
};

TEST_F(RunnerUpChain, OffersMoveOnAcrossRestartsFromTheLogAndFromASnapshot) {
  const std::vector<std::string> order = runners_up();
  ASSERT_EQ(order.size(), 2u);
  EXPECT_EQ(snapshot().draws.at("2027-03").order.size(), 3u);  // recorded at the draw
  ASSERT_GT(at(kLapse), 0u);
  const domain::Offer* first = open_offer();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->user, order[0]);
  const Instant first_lapse = domain::lapse_due(first->offer_by);
  EXPECT_EQ(march1().held, 1);
  EXPECT_EQ(at(kRelease), 0u);  // held for the runner-up, not released

  // A restart from the log in the middle of the chain.
  domain::BookingState folded = snapshot();
  restart();
  EXPECT_FALSE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), folded);
  EXPECT_EQ(at(first_lapse - 1), 0u);
  ASSERT_GT(at(first_lapse), 0u);
  const domain::Offer* second = open_offer();
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(second->user, order[1]);
  EXPECT_EQ(second->id, win_ + "-2");
  const Instant second_lapse = domain::lapse_due(second->offer_by);

  // A restart from the writer's snapshot, the second offer open.
  ASSERT_TRUE(processor_->write_snapshot().ok());
  folded = snapshot();
  EXPECT_EQ(folded.chains.at(win_).next, 3);
  restart();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(snapshot(), folded);
  EXPECT_EQ(at(second_lapse - 1), 0u);
  EXPECT_EQ(march1().held, 1);
  // The last runner-up lets it lapse too: first-come at once (past the release time).
  ASSERT_GT(at(second_lapse), 0u);
  EXPECT_EQ(open_offer(), nullptr);
  EXPECT_EQ(march1().held, 0);
  restart();
  EXPECT_EQ(at(second_lapse + domain::kMicrosPerDay), 0u);

  // Each offer once, each with its notice (mailed); one lapse, one release.
  int offers = 0, offer_notices = 0, lapses = 0, releases = 0;
  for (const auto& e : written_after(0)) {
    if (std::holds_alternative<domain::RoomOffered>(e)) ++offers;
    if (std::holds_alternative<domain::OfferLapsed>(e)) ++lapses;
    if (std::holds_alternative<domain::LapsedRoomReleased>(e)) ++releases;
    if (auto* n = std::get_if<domain::NoticeIssued>(&e)) {
      if (n->kind == domain::NoticeKind::kRunnerUpOffer) {
        ++offer_notices;
        EXPECT_FALSE(n->mail.empty());
      }
    }
  }
  EXPECT_EQ(offers, 2);
  EXPECT_EQ(offer_notices, 2);
  EXPECT_EQ(lapses, 2);
  EXPECT_EQ(releases, 1);
}

TEST_F(RunnerUpChain, AnAcceptedOfferIsARunnerUpReservationThatSurvivesARestart) {
  ASSERT_GT(at(kLapse), 0u);
  const domain::Offer first = *open_offer();
  auto accepted = run({domain::Actor::user(first.user), domain::AcceptOffer{first.id, {}}});
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  std::string number;
  for (const auto& e : accepted->events) {
    if (auto* b = std::get_if<domain::ReservationBooked>(&e)) number = b->reservation.number;
  }
  ASSERT_FALSE(number.empty());
  auto again = run({domain::Actor::user(first.user), domain::AcceptOffer{first.id, {}}});
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->events.empty());
  EXPECT_EQ(march1().booked, 1);
  EXPECT_EQ(march1().held, 0);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const domain::BookingState folded = snapshot();
  restart();
  EXPECT_EQ(snapshot(), folded);
  EXPECT_EQ(snapshot().reservations.at(number).origin, domain::Origin::kRunnerUp);
  EXPECT_EQ(at(kRelease + 10 * domain::kMicrosPerDay), 0u);
}

TEST_F(RunnerUpChain, RedrawAndVerifyCheckTheOffersAndFindAForgedOne) {
  ASSERT_GT(at(kLapse), 0u);
  const domain::Offer first = *open_offer();
  ASSERT_GT(at(domain::lapse_due(first.offer_by)), 0u);
  {
    const RedrawReport redraw = redraw_from_log(*store_, "2027-03");
    EXPECT_TRUE(redraw.identical) << redraw.difference;
    const LogAuditReport audit = audit_log(*store_);
    EXPECT_TRUE(audit.ok) << audit.first_fault;
    // A recorded order of the runners-up that the re-run does not give.
    domain::BookingState tampered = snapshot();
    auto chain = chain_hash_before(store_->head(), tampered.lotteries.at("2027-03").closes_at,
                                   [&](std::uint64_t p) { return store_->read_at(p); });
    ASSERT_TRUE(chain.ok());
    EXPECT_TRUE(check_draw(tampered, "2027-03", *chain).identical);
    std::vector<std::string>& order = tampered.draws.at("2027-03").order;
    std::swap(order[0], order[2]);
    const RedrawReport wrong = check_draw(tampered, "2027-03", *chain);
    EXPECT_FALSE(wrong.identical);
    EXPECT_NE(wrong.difference.find("order"), std::string::npos) << wrong.difference;
  }
  // A forged offer: the open one's nights offered again, to the first runner-up.
  const domain::Offer* second = open_offer();
  ASSERT_NE(second, nullptr);
  ASSERT_TRUE(run({domain::Actor::user(second->user), domain::DeclineOffer{second->id}}).ok());
  domain::Offer forged = first;
  forged.id = win_ + "-9";
  {
    auto store = forge(domain::RoomOffered{forged}, "offer-" + forged.id, "system", 7);
    const RedrawReport redraw = redraw_from_log(*store, "2027-03");
    EXPECT_FALSE(redraw.identical);
    EXPECT_NE(redraw.difference.find(forged.id), std::string::npos) << redraw.difference;
    const LogAuditReport audit = audit_log(*store);
    EXPECT_FALSE(audit.ok);
    EXPECT_EQ(audit.fault_position, store->head());
    EXPECT_NE(audit.first_fault.find(forged.id), std::string::npos) << audit.first_fault;
  }
  open();
}

// April gives priority to who lost March (priority_lost_periods 1), with
// one room. March's first runner-up is offered the lapsed win's room; its
// second is offered nothing. Both apply to April.
class RunnerUpPriority : public RunnerUpChain {
 protected:
  void SetUp() override {
    RunnerUpChain::SetUp();
    const std::vector<std::string> order = runners_up();
    ASSERT_GT(at(kLapse), 0u);
    offer_ = *open_offer();
    ASSERT_EQ(offer_.user, order[0]);
    offered_ = order[0];
    not_offered_ = order[1];
    april_ = march_lottery("apr1l");
    april_.id = "2027-04";
    april_.stay_month = Date::from_ymd(2027, 4, 1);
    april_.priority_lost_periods = 1;
    april_.opens_at = kLapse + 60 * domain::kMicrosPerSecond;
    april_.closes_at = april_.opens_at + 3600 * domain::kMicrosPerSecond;
    april_.draw_at = april_.closes_at;
    april_.publish_at = april_.closes_at + 60 * domain::kMicrosPerSecond;
    ASSERT_GT(offer_.offer_by, april_.closes_at) << "the offer is still open at April's draw";
    open_with_commitments(april_);
    apply_as(offered_, april_);
    apply_as(not_offered_, april_);
  }
  void accept() {
    auto accepted = run({domain::Actor::user(offered_), domain::AcceptOffer{offer_.id, {}}});
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  }
  // April's draw, as the operator; its winner.
  std::string draw_april() {
    clock_.set(april_.closes_at);
    EXPECT_TRUE(run(reveal_auditor(april_.id)).ok());
    auto drawn = run({domain::Actor::op("alice"), domain::DrawLottery{april_.id, "apr1l", {}}});
    EXPECT_TRUE(drawn.ok()) << drawn.error().message;
    const domain::BookingState s = snapshot();
    return s.applications.at(s.draws.at(april_.id).wins.at(0).application).user;
  }
  // The priority tier each April applicant would draw in now.
  std::map<std::string, int> april_tiers() {
    const domain::BookingState s = snapshot();
    return domain::internal::draw_input(s, s.lotteries.at(april_.id), {}).tiers;
  }
  void expect_audits_agree() {
    const RedrawReport redraw = redraw_from_log(*store_, april_.id);
    EXPECT_TRUE(redraw.identical) << redraw.difference;
    const LogAuditReport audit = audit_log(*store_);
    EXPECT_TRUE(audit.ok) << audit.first_fault;
    EXPECT_EQ(audit.draws, (std::vector<std::string>{"2027-03", "2027-04"}));
  }

  domain::Offer offer_;
  std::string offered_, not_offered_;
  domain::LotteryPeriod april_;
};

TEST_F(RunnerUpPriority, AnAcceptedOfferCountsAsAWinOfItsPeriod) {
  EXPECT_EQ(april_tiers(), (std::map<std::string, int>{{offered_, 1}, {not_offered_, 0}}))
      << "an open offer counts too: else its holder could draw first, then accept";
  accept();
  EXPECT_EQ(april_tiers(), (std::map<std::string, int>{{offered_, 1}, {not_offered_, 0}}));
  EXPECT_EQ(draw_april(), not_offered_) << "April's one room goes to who lost March";
  expect_audits_agree();
}

// The offer is declined before April's draw: its holder lost March after all,
// and the room is offered on, to the other runner-up, who now holds it.
// Declined after the draw: the draw read the first as holding it, and the
// audits re-run it on the log as it stood then.
TEST_F(RunnerUpPriority, AnOfferDeclinedBeforeTheNextDrawLeavesItsHolderALoser) {
  ASSERT_TRUE(run({domain::Actor::user(offered_), domain::DeclineOffer{offer_.id}}).ok());
  ASSERT_NE(open_offer(), nullptr);
  ASSERT_EQ(open_offer()->user, not_offered_);
  EXPECT_EQ(april_tiers(), (std::map<std::string, int>{{offered_, 0}, {not_offered_, 1}}));
}

TEST_F(RunnerUpPriority, AnOfferDeclinedAfterTheNextDrawLeavesThatDrawAuditable) {
  draw_april();
  ASSERT_TRUE(run({domain::Actor::user(offered_), domain::DeclineOffer{offer_.id}}).ok());
  EXPECT_EQ(april_tiers().at(offered_), 0) << "a re-run on the whole log would read otherwise";
  expect_audits_agree();
}

// An application added after the draw (the domain never writes one: the
// window has closed) would be offered the lapsed room first; both audits
// report it where it is.
TEST_F(RunnerUpChain, AnApplicationForgedAfterTheDrawIsReported) {
  // A copy: snapshot() is a temporary, gone at the end of this statement.
  const domain::LotteryApplication real = snapshot().applications.begin()->second;
  domain::LotteryApplication forged = real;
  forged.id = "forged";
  forged.user = "666";
  forged.preference = 1;
  {
    auto store = forge(domain::LotteryApplied{forged}, "application-forged", "user:666", 9);
    const RedrawReport redraw = redraw_from_log(*store, "2027-03");
    EXPECT_FALSE(redraw.identical);
    EXPECT_NE(redraw.difference.find("after the draw"), std::string::npos) << redraw.difference;
    const LogAuditReport audit = audit_log(*store);
    EXPECT_FALSE(audit.ok);
    EXPECT_EQ(audit.fault_position, store->head());
    EXPECT_NE(audit.first_fault.find("after the draw"), std::string::npos) << audit.first_fault;
  }
  open();
}

TEST_F(RunnerUpChain, ASnapshotOfTheCurrentFormatWithoutItsOffersSectionIsNotUsed) {
  ASSERT_GT(at(kLapse), 0u);
  expect_unused_without(kOffersSection);
}

}  // namespace
}  // namespace hoyo::processor
