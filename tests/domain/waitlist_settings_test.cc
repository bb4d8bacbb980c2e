// The waitlist's settings at values other than the defaults
// (domain/facility.h WaitlistSettings, docs/booking-core.md "The cancellation
// waitlist"): each one set is the one enforced, not its default.
#include <gtest/gtest.h>

#include "domain/waitlist.h"
#include "waitlist_fixture.h"

namespace hoyo::domain::testing {
namespace {

// "seaside" (one room) with every waitlist setting away from its default:
// one entry per stay month (default 2), joining closes 3 days before (6),
// the pick at 10:30 (09:00), offers open 1 day until 18:00 (2 days, 01:59).
Facility tight() {
  Facility f = waitlisted(1);
  f.waitlist.entries_per_month = 1;
  f.waitlist.close_days_before = 3;
  f.waitlist.pick_minute = 10 * 60 + 30;
  f.waitlist.offer_days = 1;
  f.waitlist.offer_by_minute = 18 * 60;
  return f;
}

// kNight and the next night sold out at `f`, for "a0" and "a1".
BookingState two_nights_sold_out(const Facility& f) {
  BookingState s = with_facilities({f});
  EXPECT_TRUE(apply(s, book("a0", "seaside", kNight, 1, {2}, number(1)), kMonday).ok());
  EXPECT_TRUE(
      apply(s, book("a1", "seaside", kNight.plus_days(1), 1, {2}, number(2)), kMonday).ok());
  return s;
}

TEST(WaitlistSettings, OneEntryPerStayMonthRefusesTheSecond) {
  BookingState s = two_nights_sold_out(tight());
  EXPECT_ACCEPTED(apply(s, join("b", kNight), kMonday));
  auto second = decide(s, join("b", kNight.plus_days(1)), kMonday);
  EXPECT_REFUSED(second, ErrorCode::kLimitReached);
  EXPECT_EQ(second.error().message, base::MessageId::kWaitlistEntriesLimit);
  EXPECT_EQ(base::arg_text(second.error().args, "max"), "1");
  // At the default (2) the same second entry is taken.
  BookingState defaults = two_nights_sold_out(waitlisted(1));
  EXPECT_ACCEPTED(apply(defaults, join("b", kNight), kMonday));
  EXPECT_ACCEPTED(decide(defaults, join("b", kNight.plus_days(1)), kMonday));
}

TEST(WaitlistSettings, JoiningClosesTheSetNumberOfDaysBefore) {
  // kNight is 3/20. Closing 3 days before: 3/17 (3 days before) is the last day.
  BookingState s = sold_out(tight(), {});
  EXPECT_ACCEPTED(decide(s, join("b"), jst(2027, 3, 16, 12)));  // 4 days before
  EXPECT_ACCEPTED(decide(s, join("b"), jst(2027, 3, 17, 23, 59, 59)));
  EXPECT_REFUSED(decide(s, join("b"), jst(2027, 3, 18)), ErrorCode::kWindowClosed);
  // At the default (6) 4 days before is already closed.
  BookingState defaults = sold_out({});
  EXPECT_REFUSED(decide(defaults, join("b"), jst(2027, 3, 16, 12)), ErrorCode::kWindowClosed);
}

TEST(WaitlistSettings, ThePickTimeAndTheOfferDeadlineAreTheSetOnes) {
  BookingState s = sold_out(tight(), {"b"});
  auto freed = apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12));
  EXPECT_ACCEPTED(freed);
  const auto held = all_of<WaitlistRoomHeld>(*freed);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].hold.pick_at, jst(2027, 2, 11, 10, 30));  // not 09:00
  EXPECT_TRUE(all_of<WaitlistOffered>(*apply(s, run(0), jst(2027, 2, 11, 10, 29, 59))).empty());

  auto picked = all_of<WaitlistOffered>(*apply(s, run(0), jst(2027, 2, 11, 10, 30)));
  ASSERT_EQ(picked.size(), 1u);
  // One day on, until 18:00 (its last second), not 01:59 two days on.
  const Instant offer_by = jst(2027, 2, 12, 18, 0, 59);
  EXPECT_EQ(picked[0].offer.offer_by, offer_by);
  EXPECT_EQ(waitlist_offer_by(tight().waitlist, tight().rules, kNight, jst(2027, 2, 11, 10, 30)),
            offer_by);

  // The offer lapses after that deadline: answered later, it is closed.
  BookingState late = s;
  auto lapsed = apply(late, run(0), offer_by + kMicrosPerSecond);
  ASSERT_EQ(all_of<WaitlistOfferClosed>(*lapsed).size(), 1u);
  EXPECT_EQ(all_of<WaitlistOfferClosed>(*lapsed)[0].status, WaitlistOfferStatus::kLapsed);
  EXPECT_REFUSED(decide(late, {Actor::user("b"), AcceptOffer{picked[0].offer.id, number(5)}},
                        offer_by + kMicrosPerSecond),
                 ErrorCode::kWindowClosed);
  // Until then it is accepted.
  EXPECT_ACCEPTED(
      decide(s, {Actor::user("b"), AcceptOffer{picked[0].offer.id, number(5)}}, offer_by));
}

}  // namespace
}  // namespace hoyo::domain::testing
