// Operators' reasons sealed under the user's data key (issue 17): the rules
// take a sealed reason for a given one, judge its length by the text sealed,
// record it in the event and keep none of it in the writer's state; the
// sealed fields round-trip through the codec, and an event without them (as
// written before sealing) decodes with its plain reason.
#include <gtest/gtest.h>

#include "domain/event_codec.h"
#include "penalty_fixture.h"
#include "round_trip.h"

namespace hoyo::domain {
namespace {

using namespace testing;

// Bytes as the vault seals a text of `n` bytes (their content does not
// matter to the rules).
SealedText sealed_of(std::size_t n) { return {"k1", std::string(kSealOverhead + n, '\x02')}; }

TEST_F(Penalties, ASealedWaiverIsAReasonJudgedByTheLengthOfItsText) {
  const std::string num = book_stay(1401);
  PenaltyWaiver w{true, "", sealed_of(501)};
  auto too_long = cancel(num, jst(2027, 3, 18), w);
  EXPECT_REFUSED(too_long, ErrorCode::kValidation);
  EXPECT_EQ(too_long.error().fields.at(0).code, "too_long");
  w.sealed_reason = {"k1", std::string(kSealOverhead, '\x02')};  // an empty text sealed
  auto empty = cancel(num, jst(2027, 3, 18), w);
  EXPECT_REFUSED(empty, ErrorCode::kValidation);
  EXPECT_EQ(empty.error().fields.at(0).code, "required");
  w.sealed_reason = sealed_of(500);
  auto waived = cancel(num, jst(2027, 3, 18), w);
  EXPECT_ACCEPTED(waived);
  EXPECT_EQ(suspended_in(waived.value()), nullptr);
  EXPECT_EQ(std::get<ReservationCancelled>(waived.value().front()),
            (ReservationCancelled{num, true, "", sealed_of(500)}));
}

TEST_F(Penalties, ASealedOverrideIsRecordedInTheEventNotInTheWritersState) {
  EXPECT_ACCEPTED(cancel(book_stay(1501), jst(2027, 3, 18)));
  BookRoom for_user;
  for_user.user = "u1";
  for_user.facility = "seaside";
  for_user.check_in = day(2027, 4, 10);
  for_user.people = {2};
  for_user.number = number(1502);
  for_user.sealed_override_reason = sealed_of(12);
  auto booked = apply(s, {kOp, for_user}, jst(2027, 3, 20));
  EXPECT_ACCEPTED(booked);
  EXPECT_EQ(std::get<ReservationBooked>(booked.value().front()).reservation.sealed_override_reason,
            sealed_of(12));
  EXPECT_TRUE(s.reservations.at(number(1502)).sealed_override_reason.empty());

  auto lifted = apply(s, {kOp, LiftSuspension{"u1", "", {}, sealed_of(3)}}, jst(2027, 3, 20));
  EXPECT_ACCEPTED(lifted);
  EXPECT_EQ(std::get<SuspensionLifted>(lifted.value().front()).sealed_reason, sealed_of(3));
}

// The writer takes a reason sealed for the command's user only: under their
// registration's key, or under a key never stored when they have none (no
// registration, or erased). Text sealed under another key, which erasing
// this user would not erase, is refused before anything is decided.
TEST_F(Penalties, AReasonSealedUnderAnotherKeyIsRefused) {
  const std::string num = book_stay(1601);
  const SealedText others{"k2", sealed_of(20).bytes};
  const SealedText unkept{"unkept-00ff", sealed_of(20).bytes};
  auto sealed_key_refused = [](const Result<std::vector<Event>>& r, const char* field) {
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kValidation);
    ASSERT_EQ(r.error().fields.size(), 1u);
    EXPECT_EQ(r.error().fields[0].field, field);
    EXPECT_EQ(r.error().fields[0].code, "sealed_key");
  };
  for (const SealedText& bad : {others, unkept}) {  // u1 has a live key: k1
    sealed_key_refused(cancel(num, jst(2027, 3, 18), {true, "", bad}), "reason");
    sealed_key_refused(apply(s, {kOp, drop(num, 1, {true, "", bad})}, jst(2027, 3, 18)), "reason");
    sealed_key_refused(apply(s, {kOp, LiftSuspension{"u1", "", {}, bad}}, jst(2027, 3, 18)),
                       "reason");
    BookRoom for_user =
        std::get<BookRoom>(book("u1", "seaside", day(2027, 4, 10), 1, {2}, "").body);
    for_user.sealed_override_reason = bad;
    sealed_key_refused(apply(s, {kOp, for_user}, jst(2027, 3, 18)), "overrideReason");
  }
  // u2 has no registration: only a key never stored will do.
  sealed_key_refused(apply(s, {kOp, LiftSuspension{"u2", "", {}, sealed_of(3)}}, jst(2027, 3, 18)),
                     "reason");
  EXPECT_REFUSED(apply(s, {kOp, LiftSuspension{"u2", "", {}, unkept}}, jst(2027, 3, 18)),
                 ErrorCode::kConflict);  // past the key: u2 is not suspended
  // Once u1 is erased, the reasons about them are sealed under a key never
  // stored (seal_note), and their own key still names them.
  evolve(s, PersonalDataErased{"r-u1", "退会"});
  EXPECT_ACCEPTED(cancel(num, jst(2027, 3, 18), {true, "", unkept}));
  EXPECT_ACCEPTED(cancel(book_stay(1603), jst(2027, 3, 18), {true, "", sealed_of(20)}));
}

TEST(SealedReasonCodec, SealedFieldsRoundTripAndOldEventsKeepTheirPlainReason) {
  Reservation r;
  r.number = "1234567890";
  r.user = "u1";
  r.facility = "seaside";
  r.check_in = day(2027, 3, 20);
  r.people = {2};
  r.sealed_override_reason = sealed_of(7);
  ReservationChanged changed{"1234567890", day(2027, 3, 21),     1,
                             {2},          RoomStyle::kStandard, StyleWish::kAny};
  changed.waived = true;
  changed.sealed_reason = sealed_of(4);
  SuspensionLifted lifted{"u1", "", 1'700'000'000'000'001, {}, sealed_of(9)};
  const std::vector<Event> events = {ReservationBooked{r}, changed,
                                     ReservationCancelled{"1234567890", true, "", sealed_of(5)},
                                     lifted, ReservationCancelled{"1234567890", true, "旧形式"}};
  expect_round_trips(events);
}

}  // namespace
}  // namespace hoyo::domain
