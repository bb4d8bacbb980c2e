// Closing booked dates (issue 17, "Cancellations the centre makes for its
// own reasons (closing a date) never penalise"): CloseDates with
// cancel_bookings cancels every reservation with a night on a closed date,
// whole and waived, in the batch that closes it.
#include <gtest/gtest.h>

#include <algorithm>

#include "base/catalog.h"
#include "penalty_fixture.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Instant kLate = jst(2027, 3, 18, 10);  // inside the late period of 3/20

CloseDates closing(std::vector<Date> dates, std::string reason = "ボイラー故障") {
  CloseDates c{"seaside", std::move(dates)};
  c.cancel_bookings = true;
  c.reason = std::move(reason);
  return c;
}

template <class E>
std::size_t count_of(const std::vector<Event>& events) {
  return static_cast<std::size_t>(std::count_if(
      events.begin(), events.end(), [](const Event& e) { return std::holds_alternative<E>(e); }));
}

TEST_F(Penalties, ClosingABookedDateIsRefusedWithoutTheOption) {
  const std::string num = book_stay(1001);
  const BookingState before = s;
  auto r = apply(s, {kOp, CloseDates{"seaside", {kCheckIn}}}, kLate);
  EXPECT_REFUSED(r, ErrorCode::kConflict);
  EXPECT_EQ(r.error().message, base::MessageId::kDateInUse);
  EXPECT_EQ(s, before);
}

// A 3-night stay (3/19–3/21), closing its middle night only: the refusal
// names the closed date booked, not the stay's check-in; two of its nights:
// both, in order.
TEST_F(Penalties, TheRefusalNamesTheClosedDatesThatAreBooked) {
  s.facilities.at("seaside").rules.max_nights = 3;
  book_stay(1051, day(2027, 3, 19), 3);
  const BookingState before = s;
  auto middle = apply(s, {kOp, CloseDates{"seaside", {day(2027, 3, 20), day(2027, 3, 25)}}}, kLate);
  EXPECT_REFUSED(middle, ErrorCode::kConflict);
  EXPECT_EQ(middle.error().message, base::MessageId::kDateInUse);
  EXPECT_EQ(base::arg_text(middle.error().args, "date"), "2027-03-20");
  EXPECT_EQ(base::render(middle.error(), false),
            "2027-03-20 には予約または抽選用に確保した部屋があります。先に移してください。");
  EXPECT_EQ(s, before);
  auto two = apply(s, {kOp, CloseDates{"seaside", {day(2027, 3, 21), day(2027, 3, 20)}}}, kLate);
  EXPECT_REFUSED(two, ErrorCode::kConflict);
  EXPECT_EQ(base::arg_text(two.error().args, "date"), "2027-03-20");
  EXPECT_EQ(base::render(two.error(), true),
            "There are bookings or held rooms on 2027-03-20, 2027-03-21; move them first.");
  EXPECT_EQ(s, before);
  // With cancelBookings, the stay booked after the caller read whom to seal
  // the reason for (no reason sealed for u1): the closed date again.
  CloseDates late = closing({day(2027, 3, 20)}, "");
  late.sealed_reasons["u9"] = {"unkept-u9", std::string(kSealOverhead + 4, '\x02')};
  auto raced = apply(s, {kOp, late}, kLate);
  EXPECT_REFUSED(raced, ErrorCode::kConflict);
  EXPECT_EQ(raced.error().message, base::MessageId::kDateInUse);
  EXPECT_EQ(base::arg_text(raced.error().args, "date"), "2027-03-20");
  EXPECT_EQ(base::arg_text(raced.error().args, "dates"), "2027-03-20");
  EXPECT_EQ(s, before);
}

TEST_F(Penalties, CancellingOnClosingNeedsAReason) {
  book_stay(1101);
  const BookingState before = s;
  auto r = apply(s, {kOp, closing({kCheckIn}, "")}, kLate);
  EXPECT_REFUSED(r, ErrorCode::kValidation);
  EXPECT_EQ(r.error().fields.at(0).field, "reason");
  EXPECT_EQ(r.error().fields.at(0).message, base::MessageId::kClosureNeedsReason);
  EXPECT_EQ(s, before);
  // Users never close dates, whatever they ask.
  EXPECT_REFUSED(apply(s, {Actor::user("u1"), closing({kCheckIn})}, kLate), ErrorCode::kForbidden);
}

// A late cancellation by the centre would suspend u1 for 30 days; closing the
// date cancels it waived, with the reason and the user's receipt, in the
// batch that closes the date (DatesClosed first).
TEST_F(Penalties, ClosingCancelsALateBookingWithoutASuspension) {
  const std::string num = book_stay(1201);
  auto r = apply(s, {kOp, closing({kCheckIn})}, kLate);
  EXPECT_ACCEPTED(r);
  const std::vector<Event>& events = r.value();
  EXPECT_EQ(std::get<DatesClosed>(events.at(0)), (DatesClosed{"seaside", {kCheckIn}}));
  EXPECT_EQ(std::get<ReservationCancelled>(events.at(1)),
            (ReservationCancelled{num, true, "ボイラー故障"}));
  EXPECT_EQ(suspended_in(events), nullptr);
  EXPECT_EQ(count_of<NoticeIssued>(events), 1u);  // the cancellation receipt
  EXPECT_TRUE(s.suspensions.empty());
  EXPECT_FALSE(s.reservation(num)->active());
  EXPECT_TRUE(s.facilities.at("seaside").closed.count(kCheckIn));
  EXPECT_EQ(s.inventory.at("seaside", kCheckIn, RoomStyle::kStandard).booked, 0);
}

// A stay cut in two by a closed night is not the stay the guest booked: it is
// cancelled whole, its other night freed too.
TEST_F(Penalties, AStayWithOneClosedNightIsCancelledWhole) {
  const std::string num = book_stay(1301, kCheckIn, 2);
  const std::string other = book_stay(1302, kCheckIn.plus_days(3), 1);
  auto r = apply(s, {kOp, closing({kCheckIn.plus_days(1)})}, kLate);
  EXPECT_ACCEPTED(r);
  EXPECT_EQ(count_of<ReservationCancelled>(r.value()), 1u);
  EXPECT_EQ(s.reservation(num)->status, ReservationStatus::kCancelled);
  EXPECT_TRUE(s.reservation(other)->active());
  EXPECT_EQ(s.inventory.at("seaside", kCheckIn, RoomStyle::kStandard).booked, 0);
  EXPECT_EQ(s.facilities.at("seaside").closed, (std::set<Date>{kCheckIn.plus_days(1)}));
  EXPECT_TRUE(s.suspensions.empty());
}

// A lottery win awaiting confirmation is a reservation: cancelled the same way.
TEST_F(Penalties, AnUnconfirmedWinOnAClosedDateIsCancelled) {
  const std::string win = book_win(1401, jst(2027, 3, 19, 23, 59, 59));
  auto r = apply(s, {kOp, closing({kCheckIn})}, kLate);
  EXPECT_ACCEPTED(r);
  EXPECT_EQ(s.reservation(win)->status, ReservationStatus::kCancelled);
  EXPECT_EQ(suspended_in(r.value()), nullptr);
  EXPECT_TRUE(s.facilities.at("seaside").closed.count(kCheckIn));
}

// A stay whose check-in day has passed can no longer be cancelled by the
// centre: the close is refused whole.
TEST_F(Penalties, ClosingTheLastNightOfAStayUnderwayIsRefused) {
  book_stay(1501, kCheckIn, 2);
  const BookingState before = s;
  EXPECT_REFUSED(apply(s, {kOp, closing({kCheckIn.plus_days(1)})}, jst(2027, 3, 21, 9)),
                 ErrorCode::kWindowClosed);
  EXPECT_EQ(s, before);
}

// The HTTP layer seals the reason per user it read as booked; a user booked
// after that read has none: the close is refused (try again), nothing changes.
TEST_F(Penalties, ClosingNeedsTheReasonSealedForEveryUserBooked) {
  const std::string num = book_stay(1601);
  CloseDates c = closing({kCheckIn}, "");
  c.sealed_reasons["u9"] = SealedText{"k9", std::string(kSealOverhead + 4, 'x')};
  const BookingState before = s;
  EXPECT_REFUSED(apply(s, {kOp, c}, kLate), ErrorCode::kConflict);
  EXPECT_EQ(s, before);
  const SealedText sealed{"k1", std::string(kSealOverhead + 4, 'x')};
  c.sealed_reasons = {{"u1", sealed}};
  auto r = apply(s, {kOp, c}, kLate);
  EXPECT_ACCEPTED(r);
  EXPECT_EQ(std::get<ReservationCancelled>(r.value().at(1)),
            (ReservationCancelled{num, true, "", sealed}));
}

const Date kNight = day(2027, 3, 20);
const Instant kMonday = jst(2027, 2, 1, 10);

// "seaside" with its one room booked by "a" for kNight, the waitlist on, and
// "b"'s entry w1 for the night.
BookingState booked_with_an_entry() {
  Facility f = standard_facility(1);
  f.waitlist.enabled = true;
  BookingState s = with_facilities({f});
  EXPECT_TRUE(apply(s, book("a", "seaside", kNight, 1, {2}, number(1)), kMonday).ok());
  EXPECT_TRUE(
      apply(s,
            {Actor::user("b"), JoinWaitlist{"b", "seaside", kNight, 1, {2}, StyleWish::kAny, "w1"}},
            kMonday + kMicrosPerSecond)
          .ok());
  return s;
}

// A freed room on a closed date is not held for the waitlist; the entries
// for the date stay as they are (as closing an unbooked date leaves them),
// with nothing to offer while it is closed.
TEST(ClosingDates, EntriesStayAndNoRoomIsHeldOnAClosedDate) {
  BookingState s = booked_with_an_entry();
  auto r = apply(s, {kOp, closing({kNight})}, kMonday + 2 * kMicrosPerSecond);
  EXPECT_ACCEPTED(r);
  EXPECT_EQ(count_of<WaitlistRoomHeld>(r.value()), 0u);
  EXPECT_TRUE(s.waitlist.holds.empty());
  EXPECT_TRUE(s.waitlist.entries.at("w1").active());
  EXPECT_EQ(s.inventory.at("seaside", kNight, RoomStyle::kStandard).held, 0);
}

// A room held for the waitlist (or a lottery) on the date is never cancelled
// by a close: refused as without the option.
TEST(ClosingDates, ARoomHeldForTheWaitlistRefusesTheClose) {
  BookingState s = booked_with_an_entry();
  EXPECT_ACCEPTED(apply(s, {Actor::user("a"), CancelReservations{"a", {number(1)}}},
                        kMonday + 2 * kMicrosPerSecond));
  ASSERT_EQ(s.waitlist.holds.size(), 1u);
  const BookingState before = s;
  auto r = apply(s, {kOp, closing({kNight})}, kMonday + 3 * kMicrosPerSecond);
  EXPECT_REFUSED(r, ErrorCode::kConflict);
  EXPECT_EQ(r.error().message, base::MessageId::kDateInUse);
  EXPECT_EQ(s, before);
}

}  // namespace
}  // namespace hoyo::domain
