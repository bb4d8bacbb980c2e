// Offers to runners-up through the writer: a chain of offers moving on as
// each lapses, across a restart from the log and one from the writer's
// snapshot in the middle of it, to first-come at its end; the redraw and the
// whole-log verification check every offer, and find a forged one.
#include <gtest/gtest.h>

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
  const domain::EncodedEvent enc = domain::encode_event(domain::RoomOffered{forged});
  eventstore::NewEvent ne;
  ne.id = eventstore::time_ordered_event_id(clock_.now(), 7);
  ne.type = enc.type;
  ne.payload = enc.payload;
  ne.actor = "system";
  ne.recorded_at_us = clock_.now();
  close();
  {
    auto store = std::move(eventstore::EventStore::open(dir_)).value();
    ASSERT_TRUE(
        store->append({"offer-" + forged.id, eventstore::ExpectedVersion::any(), {ne}}).ok());
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

TEST_F(RunnerUpChain, ASnapshotOfTheCurrentFormatWithoutItsOffersSectionIsNotUsed) {
  ASSERT_GT(at(kLapse), 0u);
  expect_unused_without(kOffersSection);
}

}  // namespace
}  // namespace hoyo::processor
