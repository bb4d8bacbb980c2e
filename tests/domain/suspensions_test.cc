// A user's suspensions kept one by one and lifted one by one (issue 17):
// lifting a mistaken one leaves the others barring the user; a lift naming
// none, and every lift written before it could name one, lifts them all.
#include <gtest/gtest.h>

#include "base/hex.h"
#include "domain/event_codec.h"
#include "penalty_fixture.h"

namespace hoyo::domain {
namespace {

using namespace testing;

class Suspensions : public Penalties {
 protected:
  // A stay cancelled late on 3/18 (suspended 3/18–4/16), then another not
  // attended (a no-show of 3/20: suspended 3/20–5/18).
  void SetUp() override {
    Penalties::SetUp();
    late_ = book_stay(1);
    absent_ = book_stay(2);
    EXPECT_ACCEPTED(cancel(late_, jst(2027, 3, 18, 10)));
    auto no_show =
        apply(s, {kOp, RecordAttendance{absent_, Attendance::kNoShow}}, jst(2027, 3, 21, 10));
    EXPECT_ACCEPTED(no_show);
  }

  Result<std::vector<Event>> lift(const std::string& which, Instant at) {
    return apply(s, {kOp, LiftSuspension{"u1", "誤登録", which}}, at);
  }

  Result<std::vector<Event>> book_on(Instant at) {
    return apply(s, book("u1", "seaside", day(2027, 5, 10), 1, {2}, number(++booked_)), at);
  }

  static std::string id_of(const std::string& number, const char* cause, Date from) {
    return std::string(cause) + "-" + number + "-" + from.to_string();
  }

  std::string late_, absent_;
  std::uint64_t booked_ = 100;
};

TEST_F(Suspensions, EachSuspensionIsKeptWithItsName) {
  ASSERT_EQ(s.suspensions.at("u1").size(), 2u);
  const Suspension& first = s.suspensions.at("u1").at(0);
  const Suspension& second = s.suspensions.at("u1").at(1);
  EXPECT_EQ(first, (Suspension{day(2027, 3, 18), day(2027, 4, 16),
                               SuspensionCause::kLateCancellation, late_}));
  EXPECT_EQ(first.id(), id_of(late_, "late_cancellation", day(2027, 3, 18)));
  EXPECT_EQ(second.id(), id_of(absent_, "no_show", day(2027, 3, 20)));
  // Refusals name the latest end among those in force.
  EXPECT_EQ(s.suspension_on("u1", day(2027, 3, 22))->until, day(2027, 5, 18));
}

// The defect: lifting the mistaken no-show dropped the late cancellation too.
TEST_F(Suspensions, LiftingTheLaterOneLeavesTheEarlierBarring) {
  const std::string no_show = id_of(absent_, "no_show", day(2027, 3, 20));
  auto lifted = lift(no_show, jst(2027, 3, 22));
  EXPECT_ACCEPTED(lifted);
  EXPECT_EQ(std::get<SuspensionLifted>(lifted.value().front()).suspension, no_show);
  // The user is told the lift, and until when they stay suspended.
  const auto& notice = std::get<NoticeIssued>(lifted.value().back());
  EXPECT_EQ(notice.kind, NoticeKind::kSuspensionLifted);
  EXPECT_NE(notice.body.find("2027-04-16"), std::string::npos) << notice.body;

  auto refused = book_on(jst(2027, 4, 16, 23, 59));
  EXPECT_REFUSED(refused, ErrorCode::kSuspended);
  EXPECT_EQ(base::arg_text(refused.error().args, "until"), "2027-04-16");
  EXPECT_ACCEPTED(book_on(jst(2027, 4, 17)));
}

TEST_F(Suspensions, AnUnknownOrEndedSuspensionIsNotFound) {
  EXPECT_REFUSED(lift("no_show-" + late_ + "-2027-03-18", jst(2027, 3, 22)), ErrorCode::kNotFound);
  // The late cancellation has ended by 4/17: nothing of that name is in force.
  EXPECT_REFUSED(lift(id_of(late_, "late_cancellation", day(2027, 3, 18)), jst(2027, 4, 17)),
                 ErrorCode::kNotFound);
  EXPECT_EQ(s.suspensions.at("u1").size(), 2u);  // refusals change nothing
}

TEST_F(Suspensions, ALiftNamingNoneLiftsThemAll) {
  auto lifted = lift("", jst(2027, 3, 22));
  EXPECT_ACCEPTED(lifted);
  EXPECT_EQ(s.suspensions.count("u1"), 0u);
  const auto& notice = std::get<NoticeIssued>(lifted.value().back());
  EXPECT_EQ(notice.body.find("2027-"), std::string::npos) << notice.body;  // no end remains
  EXPECT_ACCEPTED(book_on(jst(2027, 3, 22)));
}

// A SuspensionLifted as written before it had the field (the old schema's
// bytes: user "u1", reason "誤登録", at 1.8e15) lifts every suspension.
TEST_F(Suspensions, ALiftWrittenBeforeTheFieldLiftsThemAll) {
  const auto old = base::from_hex(
      "000000000700000000000000010002000080982817650600050000001a00000005000000520000007531000000"
      "000000e8aaa4e799bbe98cb200000000000000");
  ASSERT_TRUE(old.has_value());
  auto e = decode_event("SuspensionLifted", *old);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(std::get<SuspensionLifted>(*e),
            (SuspensionLifted{"u1", "誤登録", 1'800'000'000'000'000, {}}));
  evolve(s, *e);
  EXPECT_EQ(s.suspensions.count("u1"), 0u);
}

// Ended suspensions are pruned by the user's next suspension or lift.
TEST_F(Suspensions, EndedOnesArePrunedByTheNextEventOfTheUser) {
  EXPECT_ACCEPTED(lift(id_of(absent_, "no_show", day(2027, 3, 20)), jst(2027, 3, 22)));
  ASSERT_EQ(s.suspensions.at("u1").size(), 1u);
  // 4/18: the late cancellation (through 4/16) has ended; a new one starts.
  const std::string next = book_stay(3, day(2027, 4, 20));
  EXPECT_ACCEPTED(cancel(next, jst(2027, 4, 18)));
  ASSERT_EQ(s.suspensions.at("u1").size(), 1u);
  EXPECT_EQ(s.suspensions.at("u1").front().number, next);
}

}  // namespace
}  // namespace hoyo::domain
