#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "domain/decide.h"
#include "domain/event_codec.h"
#include "domain/lottery_draw.h"
#include "domain/reservation_number.h"
#include "processor/log_audit.h"
#include "processor/redraw_audit.h"
#include "processor_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;
using base::ErrorCode;

const domain::ReservationBooked& booked(const Outcome& o) {
  return std::get<domain::ReservationBooked>(o.events.at(0));
}

TEST_F(ProcessorTest, ABookingIsAnsweredOnceDurableWithAFreshCheckedNumber) {
  register_seaside(2);
  auto r = run(book("100"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  const domain::Reservation& res = booked(r.value()).reservation;
  EXPECT_TRUE(domain::valid_check_digit(res.number));
  EXPECT_EQ(res.number.size(), 10u);
  EXPECT_GE(store_->head(), r->last_position);
  auto stored = store_->read_at(r->last_position);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->type, "ReservationBooked");
  EXPECT_EQ(stored->stream_id, "reservation-" + res.number);
  EXPECT_EQ(stored->actor, "user:100");
  EXPECT_EQ(stored->recorded_at_us, kOpen);
  EXPECT_EQ(snapshot().reservation(res.number)->user, "100");
}

TEST_F(ProcessorTest, RefusalsWriteNothing) {
  register_seaside(1);
  ASSERT_TRUE(run(book("100")).ok());
  const auto head = store_->head();
  auto r = run(book("101"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kNoVacancy);
  EXPECT_EQ(store_->head(), head);
}

TEST_F(ProcessorTest, AnIdempotencyKeyReturnsTheFirstAnswerAndWritesNothing) {
  register_seaside(5);
  auto first = run(book("100"), "key-1");
  ASSERT_TRUE(first.ok());
  const auto head = store_->head();
  auto again = run(book("100"), "key-1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(booked(again.value()).reservation.number, booked(first.value()).reservation.number);
  EXPECT_EQ(store_->head(), head);
  // Keys are scoped to the actor: another user's same key is another request.
  auto other = run(book("101"), "key-1");
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->replayed);
  // The same key on another kind of command is refused.
  auto misuse = run({domain::Actor::user("100"),
                     domain::CancelReservations{"100", {booked(first.value()).reservation.number}}},
                    "key-1");
  ASSERT_FALSE(misuse.ok());
  EXPECT_EQ(misuse.error().code, ErrorCode::kConflict);
}

TEST_F(ProcessorTest, IdempotencyKeysSurviveARestart) {
  register_seaside(5);
  auto first = run(book("100"), "key-1");
  ASSERT_TRUE(first.ok());
  close();
  open();
  const auto head = store_->head();
  auto again = run(book("100"), "key-1");
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(booked(again.value()).reservation.number, booked(first.value()).reservation.number);
  EXPECT_EQ(again->last_position, first->last_position);
  EXPECT_EQ(store_->head(), head);
}

TEST_F(ProcessorTest, ARefusedKeyedCommandIsDecidedAfreshOnRetry) {
  register_seaside(1);
  ASSERT_TRUE(run(book("100")).ok());
  auto refused = run(book("101"), "k");
  ASSERT_FALSE(refused.ok());
  ASSERT_TRUE(run({domain::Actor::user("100"),
                   domain::CancelReservations{"100", {snapshot().by_user.at("100").at(0)}}})
                  .ok());
  auto retried = run(book("101"), "k");
  ASSERT_TRUE(retried.ok()) << retried.error().message;
  EXPECT_FALSE(retried->replayed);
}

TEST_F(ProcessorTest, ConcurrentRetriesOfOneKeyBookOnce) {
  register_seaside(5);
  std::vector<std::future<base::Result<Outcome>>> answers;
  for (int i = 0; i < 20; ++i) answers.push_back(processor_->submit(book("100"), "same"));
  std::set<std::string> numbers;
  for (auto& a : answers) {
    auto r = a.get();
    ASSERT_TRUE(r.ok()) << r.error().message;
    numbers.insert(booked(r.value()).reservation.number);
  }
  EXPECT_EQ(numbers.size(), 1u);
  EXPECT_EQ(snapshot().reservations.size(), 1u);
}

TEST_F(ProcessorTest, AThousandConcurrentBookingsForTenRooms) {
  register_seaside(10);
  std::atomic<int> ok{0}, no_vacancy{0}, other{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 20; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::future<base::Result<Outcome>>> mine;
      for (int i = 0; i < 50; ++i) {
        mine.push_back(processor_->submit(book(std::to_string(1000 + t * 50 + i))));
      }
      for (auto& f : mine) {
        auto r = f.get();
        if (r.ok()) {
          ++ok;
        } else if (r.error().code == ErrorCode::kNoVacancy) {
          ++no_vacancy;
        } else {
          ++other;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 10);
  EXPECT_EQ(no_vacancy.load(), 990);
  EXPECT_EQ(other.load(), 0);
  int bookings_in_log = 0;
  ASSERT_TRUE(store_
                  ->read_all(1, UINT64_MAX,
                             [&](const eventstore::EventView& e) {
                               bookings_in_log += e.type == "ReservationBooked";
                               return true;
                             })
                  .ok());
  EXPECT_EQ(bookings_in_log, 10);
}

TEST_F(ProcessorTest, RestartRebuildsTheSameStateFromTheLog) {
  register_seaside(3);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(run(book(std::to_string(i))).ok());
  const std::string number = snapshot().by_user.at("1").at(0);
  ASSERT_TRUE(run({domain::Actor::user("1"), domain::CancelReservations{"1", {number}}}).ok());
  ASSERT_TRUE(
      run({domain::Actor::op("alice"), domain::CloseDates{"seaside", {kStay.plus_days(5)}}}).ok());
  const domain::BookingState before = snapshot();
  close();
  open();
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(processor_->rebuild_stats().events, 6u);
}

TEST_F(ProcessorTest, AFailedAppendStopsDecidingUntilRestart) {
  close();
  auto faults = std::make_shared<eventstore::FaultInjector>();
  open(faults);
  register_seaside(3);
  faults->fail_syncs(true);
  auto r = run(book("100"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kUnavailable);
  EXPECT_GT(r.error().retry_after_seconds, 0);
  EXPECT_FALSE(processor_->deciding());
  faults->fail_syncs(false);
  auto after = run(book("101"));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(processor_->deciding()) << "a failed sync cannot be trusted: only a restart";
  close();
  open();
  auto fresh = run(book("101"));
  EXPECT_TRUE(fresh.ok()) << fresh.error().message;
}

TEST_F(ProcessorTest, LotteryApplicationsGetFreshIdsAndSurviveARestart) {
  register_seaside(2);
  const domain::LotteryPeriod p = march_lottery("any secret");
  open_with_commitments(p);
  auto applied =
      run({domain::Actor::user("5"),
           domain::ApplyToLottery{
               "5", "2027-03", "seaside", p.stay_month, 1, {2}, domain::StyleWish::kAny, 1, {}}});
  ASSERT_TRUE(applied.ok()) << applied.error().message;
  const std::string id = std::get<domain::LotteryApplied>(applied->events.at(0)).application.id;
  EXPECT_TRUE(domain::valid_check_digit(id));
  const domain::BookingState before = snapshot();
  close();
  open();
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(snapshot().applications.at(id).user, "5");
}

TEST_F(ProcessorTest, ConcurrentOpensWithoutAnIdGetDistinctIdsFromTheWriter) {
  const domain::Actor op = domain::Actor::op("alice");
  std::vector<std::future<base::Result<Outcome>>> answers;
  for (int i = 0; i < 4; ++i) {
    domain::Facility f = seaside(2);
    f.id = "lodge-" + std::to_string(i);
    ASSERT_TRUE(run({op, domain::RegisterFacility{f}}).ok());
  }
  for (int i = 0; i < 4; ++i) {
    domain::LotteryPeriod p = march_lottery("secret");
    p.id.clear();
    p.facilities = {"lodge-" + std::to_string(i)};
    answers.push_back(
        processor_->submit({op, domain::OpenLottery{p}}, "open-" + std::to_string(i)));
  }
  std::set<std::string> ids;
  for (auto& a : answers) {
    auto r = a.get();
    ASSERT_TRUE(r.ok()) << r.error().message;
    ids.insert(std::get<domain::LotteryOpened>(r->events.at(0)).period.id);
  }
  EXPECT_EQ(ids, (std::set<std::string>{"2027-03", "2027-03-2", "2027-03-3", "2027-03-4"}));
  // A retry with the same key answers with the id first given.
  domain::LotteryPeriod p = march_lottery("secret");
  p.id.clear();
  p.facilities = {"lodge-2"};
  auto retried = run({op, domain::OpenLottery{p}}, "open-2");
  ASSERT_TRUE(retried.ok()) << retried.error().message;
  EXPECT_TRUE(retried->replayed);
  EXPECT_TRUE(ids.count(std::get<domain::LotteryOpened>(retried->events.at(0)).period.id));
  EXPECT_EQ(snapshot().lotteries.size(), 4u);
}

TEST_F(ProcessorTest, APutOfANewIdRegistersAndOfAKnownIdChanges) {
  const domain::Actor op = domain::Actor::op("alice");
  auto first = run({op, domain::PutFacility{seaside(2), {}, {}}});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(std::holds_alternative<domain::FacilityRegistered>(first->events.at(0)));
  domain::PutFacility larger{seaside(3), {}, {}};
  larger.rules.max_upcoming = 4;
  auto second = run({op, larger});
  ASSERT_TRUE(second.ok()) << second.error().message;
  ASSERT_TRUE(std::holds_alternative<domain::FacilityChanged>(second->events.at(0)));
  const domain::Facility& changed =
      std::get<domain::FacilityChanged>(second->events.at(0)).facility;
  EXPECT_EQ(changed.rooms(domain::RoomStyle::kStandard), 3);
  EXPECT_EQ(changed.rules.max_upcoming, 4);
  EXPECT_EQ(snapshot().facilities.at("seaside"), changed);
}

TEST_F(ProcessorTest, TheDrawSeedUsesBothSecretsAndTheChainHashWhenTheWindowClosed) {
  register_seaside(2);
  const domain::LotteryPeriod p = march_lottery("s3cret");
  open_with_commitments(p);
  for (const char* user : {"5", "6", "7"}) apply_as(user, p);
  const auto chain_at_close = store_->head_hash();
  clock_.set(p.closes_at);
  // An event after the close must not change the seed.
  auto other = seaside(1);
  other.id = "forest";
  ASSERT_TRUE(run({domain::Actor::op("alice"), domain::RegisterFacility{other}}).ok());
  auto early = run({domain::Actor::op("alice"), domain::DrawLottery{"2027-03", "s3cret", {}}});
  ASSERT_FALSE(early.ok());
  EXPECT_EQ(early.error().code, ErrorCode::kRevealMissing);
  ASSERT_TRUE(run(reveal_auditor("2027-03")).ok());
  auto wrong = run({domain::Actor::op("alice"), domain::DrawLottery{"2027-03", "guess", {}}});
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kSeedMismatch);
  auto drawn = run({domain::Actor::op("alice"), domain::DrawLottery{"2027-03", "s3cret", {}}});
  ASSERT_TRUE(drawn.ok()) << drawn.error().message;
  const auto& d = std::get<domain::LotteryDrawn>(drawn->events.at(0));
  EXPECT_EQ(d.seed, domain::draw_seed("s3cret", kAuditorSecret, chain_at_close));
  EXPECT_EQ(d.wins.size(), 2u);  // two rooms, three applicants

  clock_.set(p.publish_at);
  auto published = run({domain::Actor::op("alice"), domain::PublishLottery{"2027-03", {}}});
  ASSERT_TRUE(published.ok()) << published.error().message;
  ASSERT_EQ(published->events.size(), 3u);  // LotteryPublished + two bookings
  const auto& won = std::get<domain::ReservationBooked>(published->events.at(1)).reservation;
  EXPECT_EQ(won.origin, domain::Origin::kLottery);
  EXPECT_TRUE(domain::valid_check_digit(won.number));
  // After a restart the redraw still gives the same winners, and the log alone
  // re-derives the whole draw, both reveals included.
  close();
  open();
  processor_->inspect([&](const domain::BookingState& s) {
    EXPECT_EQ(domain::redraw(s, "2027-03")->wins, d.wins);
    EXPECT_EQ(domain::redraw(s, "2027-03")->inputs, d.inputs);
  });
  const RedrawReport again = redraw_from_log(*store_, "2027-03");
  EXPECT_TRUE(again.found);
  EXPECT_TRUE(again.identical) << again.difference;
  const LogAuditReport audit = audit_log(*store_);
  EXPECT_TRUE(audit.ok) << audit.first_fault;
  EXPECT_EQ(audit.draws, std::vector<std::string>{"2027-03"});
}

TEST_F(ProcessorTest, TheRedrawChecksTheAuditorsRevealAgainstTheirCommitment) {
  register_seaside(1);
  const domain::LotteryPeriod p = march_lottery("s3cret");
  open_with_commitments(p);
  apply_as("5", p);
  apply_as("6", p);
  clock_.set(p.closes_at);
  ASSERT_TRUE(run(reveal_auditor("2027-03")).ok());
  ASSERT_TRUE(run({domain::Actor::op("alice"), domain::DrawLottery{"2027-03", "s3cret", {}}}).ok());
  const domain::BookingState s = snapshot();
  std::array<std::uint8_t, 32> chain{};
  ASSERT_TRUE(store_
                  ->read_all(1, UINT64_MAX,
                             [&](const eventstore::EventView& v) {
                               if (v.recorded_at_us < p.closes_at) chain = v.chain_hash;
                               return true;
                             })
                  .ok());
  EXPECT_TRUE(check_draw(s, "2027-03", chain).identical);
  // A state whose auditor's secret is not the committed one fails the check.
  domain::BookingState forged = s;
  forged.lotteries.at("2027-03").auditor_secret = "another secret";
  EXPECT_NE(check_draw(forged, "2027-03", chain).difference.find("auditor"), std::string::npos);
  // The one-party formula does not re-derive a two-party seed.
  domain::BookingState one_party = s;
  one_party.lotteries.at("2027-03").draw_rule = domain::DrawRule::kOperatorOnly;
  EXPECT_FALSE(check_draw(one_party, "2027-03", chain).identical);
}

TEST_F(ProcessorTest, AReadErrorWhileFindingTheChainHashFailsTheDrawAndWritesNothing) {
  close();
  auto faults = std::make_shared<eventstore::FaultInjector>();
  open(faults);
  register_seaside(1);
  const domain::LotteryPeriod p = march_lottery("s3cret");
  open_with_commitments(p);
  apply_as("5", p);
  apply_as("6", p);
  clock_.set(p.closes_at);
  ASSERT_TRUE(run(reveal_auditor("2027-03")).ok());
  const std::uint64_t head = store_->head();
  faults->fail_reads(true);
  auto failed = run({domain::Actor::op("alice"), domain::DrawLottery{"2027-03", "s3cret", {}}});
  ASSERT_FALSE(failed.ok()) << "drawn from a guessed chain hash";
  EXPECT_EQ(failed.error().code, ErrorCode::kFailed);
  EXPECT_STREQ(base::error_code_name(failed.error().code), "failed");
  EXPECT_EQ(failed.error().message, base::MessageId::kLogUnreadable);
  EXPECT_NE(failed.error().to_string().find("kStoreInjectedReadFailure"), std::string::npos)
      << failed.error();
  EXPECT_EQ(store_->head(), head);
  EXPECT_FALSE(snapshot().draws.count("2027-03"));
  // A refusal of this kind does not stop the processor: once reads work, the
  // same draw goes through with the real chain hash.
  faults->fail_reads(false);
  auto drawn = run({domain::Actor::op("alice"), domain::DrawLottery{"2027-03", "s3cret", {}}});
  ASSERT_TRUE(drawn.ok()) << drawn.error().message;
  EXPECT_TRUE(redraw_from_log(*store_, "2027-03").identical);
}

TEST(SettableClock, MovesOnlyForward) {
  SettableClock c(100);
  EXPECT_TRUE(c.set(200));
  EXPECT_FALSE(c.set(150));
  EXPECT_EQ(c.now(), 200);
  EXPECT_TRUE(c.set(200));
}

}  // namespace
}  // namespace hoyo::processor
