// The cancellation waitlist (domain/waitlist.h, docs/booking-core.md "The
// cancellation waitlist"): joining at its edges, the hold a freed room
// becomes, the pick by its recorded seed, the answers and the release.
#include "domain/waitlist.h"

#include <gtest/gtest.h>

#include "domain/event_codec.h"
#include "round_trip.h"
#include "waitlist_fixture.h"

namespace hoyo::domain::testing {
namespace {

using testing::expect_round_trips;

TEST(Waitlist, JoiningIsRefusedAtEachRuleAndChangesNothing) {
  BookingState off = with_facilities({standard_facility(1)});
  EXPECT_ACCEPTED(apply(off, book("a", "seaside", kNight, 1, {2}, number(1)), kMonday));
  EXPECT_REFUSED(decide(off, join("b"), kMonday), ErrorCode::kNotEnabled);

  BookingState s = with_facilities({waitlisted(2)});
  EXPECT_ACCEPTED(apply(s, book("a", "seaside", kNight, 1, {2}, number(1)), kMonday));
  EXPECT_REFUSED(decide(s, join("b"), kMonday), ErrorCode::kConflict);  // a room is free: book
  EXPECT_ACCEPTED(apply(s, book("a2", "seaside", kNight, 1, {2}, number(2)), kMonday));
  const BookingState before = s;
  EXPECT_REFUSED(decide(s, join("b", kNight, 1, {5}), kMonday), ErrorCode::kValidation);
  // Before the night's first-come window opens (09:00 on 1 January).
  EXPECT_REFUSED(decide(s, join("b"), jst(2027, 1, 1, 8, 59)), ErrorCode::kNotOpen);
  // Joining closes at 24:00 six days before: 3/14 is the last day.
  EXPECT_ACCEPTED(decide(s, join("b"), jst(2027, 3, 14, 23, 59, 59)));
  EXPECT_REFUSED(decide(s, join("b"), jst(2027, 3, 15)), ErrorCode::kWindowClosed);
  // Suspended.
  BookingState suspended = s;
  evolve(suspended, UserSuspended{"b", SuspensionCause::kNoShow, number(9), day(2027, 1, 30),
                                  day(2027, 2, 28)});
  EXPECT_REFUSED(decide(suspended, join("b"), kMonday), ErrorCode::kSuspended);
  EXPECT_EQ(s, before);
  // Someone else's entry cannot be joined for them.
  EXPECT_REFUSED(decide(s,
                        {Actor::user("c"),
                         JoinWaitlist{"b", "seaside", kNight, 1, {2}, StyleWish::kAny, "w1"}},
                        kMonday),
                 ErrorCode::kForbidden);
}

// The ward's minimum of people per room applies to joining as to a booking:
// an entry below it could be picked and then refused at its acceptance,
// keeping the held room from first-come until the offer lapsed.
TEST(Waitlist, JoiningBelowTheMinimumPerRoomIsRefusedAsABookingIs) {
  BookingState s = sold_out({});
  StayLimits limits;
  limits.min_people_per_room = 2;
  ASSERT_TRUE(apply(s, {Actor::op("centre"), SetStayLimits{limits}}, kMonday).ok());
  const BookingState before = s;
  auto refused = decide(s, join("b", kNight, 2, {2, 1}), kMonday);
  EXPECT_REFUSED(refused, ErrorCode::kValidation);
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "people");
  EXPECT_EQ(refused.error().fields[0].code, "too_few");
  EXPECT_EQ(s, before);
  EXPECT_ACCEPTED(decide(s, join("b", kNight, 1, {2}), kMonday));
}

TEST(Waitlist, EntriesPerStayMonthAtTheLimit) {
  BookingState s = with_facilities({waitlisted(1)});
  for (int d : {20, 21, 22}) {
    EXPECT_ACCEPTED(apply(
        s, book("a" + std::to_string(d), "seaside", day(2027, 3, d), 1, {2}, number(d)), kMonday));
  }
  EXPECT_ACCEPTED(apply(s, book("a", "seaside", day(2027, 4, 2), 1, {2}, number(40)), kMonday));
  EXPECT_ACCEPTED(apply(s, join("b", day(2027, 3, 20)), kMonday));
  EXPECT_REFUSED(decide(s, join("b", day(2027, 3, 20)), kMonday), ErrorCode::kConflict);  // twice
  EXPECT_ACCEPTED(apply(s, join("b", day(2027, 3, 21)), kMonday));
  auto third = decide(s, join("b", day(2027, 3, 22)), kMonday);
  EXPECT_REFUSED(third, ErrorCode::kLimitReached);
  EXPECT_EQ(third.error().message, base::MessageId::kWaitlistEntriesLimit);
  // Another stay month has its own count; leaving gives one back.
  EXPECT_ACCEPTED(decide(s, join("b", day(2027, 4, 2)), kMonday));
  EXPECT_ACCEPTED(apply(s, {Actor::user("b"), LeaveWaitlist{"b", "w-b-2027-03-21-1"}}, kMonday));
  EXPECT_ACCEPTED(decide(s, join("b", day(2027, 3, 22)), kMonday));
  // Only its user deletes an entry: another's is not found, and so is one left.
  EXPECT_REFUSED(decide(s, {Actor::user("c"), LeaveWaitlist{"c", "w-b-2027-03-20-1"}}, kMonday),
                 ErrorCode::kNotFound);
  EXPECT_REFUSED(decide(s, {Actor::user("b"), LeaveWaitlist{"b", "w-b-2027-03-21-1"}}, kMonday),
                 ErrorCode::kNotFound);
}

TEST(Waitlist, AFreedRoomIsHeldForFittingEntriesNotReturnedToFirstCome) {
  BookingState s = sold_out({"b"});
  const Instant at = jst(2027, 2, 10, 12);
  auto out = apply(s, cancel("a0", number(1)), at);
  EXPECT_ACCEPTED(out);
  const auto held = all_of<WaitlistRoomHeld>(*out);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].hold.nights, std::vector<Date>{kNight});
  EXPECT_EQ(held[0].hold.pick_at, jst(2027, 2, 11, 9, 0));  // 09:00 the next day
  EXPECT_EQ(s.inventory.at("seaside", kNight, RoomStyle::kStandard).held, 1);
  EXPECT_REFUSED(decide(s, book("d", "seaside", kNight, 1, {2}, number(7)), at),
                 ErrorCode::kNoVacancy);
  // Nothing is picked before the pick time.
  EXPECT_TRUE(apply(s, run(0), jst(2027, 2, 11, 8, 59, 59))->empty());
}

TEST(Waitlist, OnlyTheNightsFittingEntriesWantAreHeld) {
  BookingState s = with_facilities({waitlisted(1)});
  EXPECT_ACCEPTED(apply(s, book("a", "seaside", kNight, 2, {2, 2}, number(1)), kMonday));
  EXPECT_ACCEPTED(apply(s, join("b", kNight, 1, {2}), kMonday));
  EXPECT_ACCEPTED(apply(s, join("c", kNight.plus_days(1), 1, {5 - 1}), kMonday));
  // "c" fits (4 people in rooms for 4); a third entry wanting 3 nights could not exist.
  auto out = apply(s, cancel("a", number(1)), jst(2027, 2, 10, 12));
  const auto held = all_of<WaitlistRoomHeld>(*out);
  ASSERT_EQ(held.size(), 1u);
  EXPECT_EQ(held[0].hold.nights, (std::vector<Date>{kNight, kNight.plus_days(1)}));

  // Only the first night is wanted: the second returns to first-come at once.
  BookingState t = with_facilities({waitlisted(1)});
  EXPECT_ACCEPTED(apply(t, book("a", "seaside", kNight, 2, {2, 2}, number(1)), kMonday));
  EXPECT_ACCEPTED(apply(t, join("b", kNight, 1, {2}), kMonday));
  auto out2 = apply(t, cancel("a", number(1)), jst(2027, 2, 10, 12));
  ASSERT_EQ(all_of<WaitlistRoomHeld>(*out2).size(), 1u);
  EXPECT_EQ(all_of<WaitlistRoomHeld>(*out2)[0].hold.nights, std::vector<Date>{kNight});
  EXPECT_EQ(t.inventory.at("seaside", kNight.plus_days(1), RoomStyle::kStandard).held, 0);
  EXPECT_ACCEPTED(decide(t, book("d", "seaside", kNight.plus_days(1), 1, {2}, number(7)),
                         jst(2027, 2, 10, 12)));

  // No entry fits: nothing is held.
  BookingState u = with_facilities({waitlisted(1)});
  EXPECT_ACCEPTED(apply(u, book("a", "seaside", kNight, 1, {2}, number(1)), kMonday));
  EXPECT_ACCEPTED(apply(u, join("b", kNight, 2, {2, 2}), kMonday));  // wants a night not freed
  EXPECT_TRUE(all_of<WaitlistRoomHeld>(*apply(u, cancel("a", number(1)), kMonday)).empty());
}

// An entry that joined before the ward raised its minimum of people per
// room is not offered (its acceptance would be refused too_few): the pick
// passes to an entry at the minimum, or releases the hold; the audit's
// re-run agrees.
TEST(Waitlist, ThePickSkipsAnEntryBelowTheMinimumSetAfterItJoined) {
  BookingState s = with_facilities({waitlisted(1)});
  EXPECT_ACCEPTED(apply(s, book("a", "seaside", kNight, 1, {2}, number(1)), kMonday));
  EXPECT_ACCEPTED(apply(s, join("b", kNight, 1, {1}), kMonday));
  StayLimits limits;
  limits.min_people_per_room = 2;
  ASSERT_TRUE(apply(s, {Actor::op("centre"), SetStayLimits{limits}}, kMonday).ok());
  BookingState alone = s;
  EXPECT_ACCEPTED(apply(s, join("c", kNight, 1, {2}), kMonday));
  EXPECT_ACCEPTED(apply(s, cancel("a", number(1)), jst(2027, 2, 10, 12)));
  for (std::uint64_t seed : {0u, 1u}) {
    BookingState t = s;
    auto out = apply(t, run(seed), jst(2027, 2, 11, 9, 0));
    EXPECT_ACCEPTED(out);
    const auto offered = all_of<WaitlistOffered>(*out);
    ASSERT_EQ(offered.size(), 1u);
    EXPECT_EQ(offered[0].offer.user, "c") << seed;
    EXPECT_EQ(offered[0].candidates, 1u);
    EXPECT_EQ(waitlist_offer_difference(s, offered[0]), "");
  }
  // The only entry is below the minimum: the hold returns to first-come.
  EXPECT_ACCEPTED(apply(alone, cancel("a", number(1)), jst(2027, 2, 10, 12)));
  auto out = apply(alone, run(7), jst(2027, 2, 11, 9, 0));
  EXPECT_ACCEPTED(out);
  EXPECT_TRUE(all_of<WaitlistOffered>(*out).empty());
  EXPECT_EQ(all_of<WaitlistHoldReleased>(*out).size(), 1u);
}

TEST(Waitlist, ThePickIsTheSeedsCandidateAndAnAuditReRunsIt) {
  for (std::uint64_t seed : {0u, 1u, 2u, 5u}) {
    BookingState s = sold_out({"b", "c", "d"});
    EXPECT_ACCEPTED(apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12)));
    const BookingState before = s;
    auto out = apply(s, run(seed), jst(2027, 2, 11, 9, 0));
    EXPECT_ACCEPTED(out);
    const auto offered = all_of<WaitlistOffered>(*out);
    ASSERT_EQ(offered.size(), 1u);
    const std::string expected[] = {"b", "c", "d"};
    // The recorded seed (the command's, mixed per pick) picks among the entries in join order.
    EXPECT_EQ(offered[0].offer.user, expected[offered[0].seed % 3]) << seed;
    // The same command seed picks the same again.
    BookingState again = before;
    EXPECT_EQ(all_of<WaitlistOffered>(*apply(again, run(seed), jst(2027, 2, 11, 9, 0))), offered);
    EXPECT_EQ(offered[0].candidates, 3u);
    EXPECT_EQ(offered[0].offer.offer_by, jst(2027, 2, 13, 1, 59, 59));
    EXPECT_EQ(waitlist_offer_difference(before, offered[0]), "");
    WaitlistOffered forged = offered[0];
    forged.offer.entry = "w-" + expected[(offered[0].seed + 1) % 3] + "-2027-03-20-1";
    EXPECT_NE(waitlist_offer_difference(before, forged), "");
    forged = offered[0];
    forged.seed = offered[0].seed + 1;
    EXPECT_NE(waitlist_offer_difference(before, forged), "");
  }
}

TEST(Waitlist, AcceptingBooksTheHeldRoomAsAWaitlistReservation) {
  BookingState s = sold_out({"b"});
  EXPECT_ACCEPTED(apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12)));
  auto out = apply(s, run(7), jst(2027, 2, 11, 9, 0));
  const std::string offer = all_of<WaitlistOffered>(*out).at(0).offer.id;
  // Someone else cannot answer it.
  EXPECT_REFUSED(decide(s, {Actor::user("c"), AcceptOffer{offer, number(5)}}, jst(2027, 2, 11, 10)),
                 ErrorCode::kNotFound);
  const BookingState before = s;
  auto accepted = apply(s, {Actor::user("b"), AcceptOffer{offer, number(5)}}, jst(2027, 2, 12));
  EXPECT_ACCEPTED(accepted);
  EXPECT_EQ(waitlist_acceptance_difference(before, all_of<WaitlistOfferAccepted>(*accepted)[0]),
            "");
  const Reservation* r = s.reservation(number(5));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->origin, Origin::kWaitlist);
  EXPECT_EQ(r->user, "b");
  EXPECT_EQ(s.inventory.at("seaside", kNight, RoomStyle::kStandard), (Inventory::Count{1, 0}));
  EXPECT_EQ(s.upcoming_first_come("b", day(2027, 2, 12)), 1);  // counts against K
  EXPECT_FALSE(s.waitlist.entries.at("w-b-2027-03-20-1").active());
  // Accepting again writes nothing; the hold was used once.
  EXPECT_TRUE(
      apply(s, {Actor::user("b"), AcceptOffer{offer, number(6)}}, jst(2027, 2, 12))->empty());
  EXPECT_NE(waitlist_acceptance_difference(s, all_of<WaitlistOfferAccepted>(*accepted)[0]), "");
}

TEST(Waitlist, AcceptingIsRefusedPastK) {
  BookingState s = sold_out({"b"});
  EXPECT_ACCEPTED(apply(s, book("b", "seaside", day(2027, 3, 25), 1, {2}, number(20)), kMonday));
  EXPECT_ACCEPTED(apply(s, book("b", "seaside", day(2027, 3, 26), 1, {2}, number(21)), kMonday));
  EXPECT_ACCEPTED(apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12)));
  auto out = apply(s, run(0), jst(2027, 2, 11, 9, 0));
  const std::string offer = all_of<WaitlistOffered>(*out).at(0).offer.id;
  EXPECT_REFUSED(decide(s, {Actor::user("b"), AcceptOffer{offer, number(5)}}, jst(2027, 2, 12)),
                 ErrorCode::kLimitReached);
}

// The rules of any booking hold at the acceptance: a suspension since the
// offer was made, and the nights limits (docs/booking-core.md, "Penalties",
// "Limits").
TEST(Waitlist, AcceptingIsRefusedToAUserSuspendedSinceTheOffer) {
  BookingState s = sold_out({"b"});
  EXPECT_ACCEPTED(apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12)));
  auto out = apply(s, run(0), jst(2027, 2, 11, 9, 0));
  const std::string offer = all_of<WaitlistOffered>(*out).at(0).offer.id;
  evolve(s, UserSuspended{"b", SuspensionCause::kNoShow, number(30), day(2027, 2, 11),
                          day(2027, 4, 11)});
  auto refused = decide(s, {Actor::user("b"), AcceptOffer{offer, number(5)}}, jst(2027, 2, 12));
  EXPECT_REFUSED(refused, ErrorCode::kSuspended);
  EXPECT_EQ(base::arg_text(refused.error().args, "until"), "2027-04-11");
}

TEST(Waitlist, AcceptingIsRefusedPastANightsLimit) {
  BookingState s = sold_out({"b"});
  StayLimits l;
  l.nights_per_month = 1;
  EXPECT_ACCEPTED(apply(s, {Actor::op("centre"), SetStayLimits{l}}, kMonday));
  EXPECT_ACCEPTED(apply(s, book("b", "seaside", day(2027, 3, 25), 1, {2}, number(20)), kMonday));
  EXPECT_ACCEPTED(apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12)));
  auto out = apply(s, run(0), jst(2027, 2, 11, 9, 0));
  const std::string offer = all_of<WaitlistOffered>(*out).at(0).offer.id;
  auto refused = decide(s, {Actor::user("b"), AcceptOffer{offer, number(5)}}, jst(2027, 2, 12));
  EXPECT_REFUSED(refused, ErrorCode::kLimitReached);
  EXPECT_EQ(refused.error().message, base::MessageId::kNightsPerMonthLimit);
}

TEST(Waitlist, ADeclineOrALapseMovesToTheNextPickAndTheLastReleases) {
  BookingState s = sold_out({"b", "c"});
  EXPECT_ACCEPTED(apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12)));
  auto first = all_of<WaitlistOffered>(*apply(s, run(0), jst(2027, 2, 11, 9, 0))).at(0);
  const std::string u1 = first.offer.user, u2 = u1 == "b" ? "c" : "b";
  EXPECT_EQ(first.candidates, 2u);
  EXPECT_ACCEPTED(apply(s, {Actor::user(u1), DeclineOffer{first.offer.id}}, jst(2027, 2, 11, 12)));
  // The next pick is due at once: u1 is still waiting, but this room was offered to them.
  auto second = all_of<WaitlistOffered>(*apply(s, run(0), jst(2027, 2, 11, 12, 0, 1))).at(0);
  EXPECT_EQ(second.candidates, 1u);
  EXPECT_EQ(second.offer.user, u2);
  EXPECT_TRUE(s.waitlist.entries.at(first.offer.entry).active());
  EXPECT_EQ(second.offer.id, first.offer.hold + "-2");
  // u2 lets it lapse: the lapse first, the pick in the scheduler's next command.
  const Instant lapse = second.offer.offer_by + kMicrosPerSecond;
  auto lapsed = apply(s, run(0), lapse);
  ASSERT_EQ(all_of<WaitlistOfferClosed>(*lapsed).size(), 1u);
  EXPECT_EQ(all_of<WaitlistOfferClosed>(*lapsed)[0].status, WaitlistOfferStatus::kLapsed);
  EXPECT_TRUE(all_of<WaitlistOffered>(*lapsed).empty());
  EXPECT_REFUSED(decide(s, {Actor::user(u2), AcceptOffer{second.offer.id, number(5)}}, lapse),
                 ErrorCode::kWindowClosed);
  // Both were offered this room: the next pick finds nobody and releases it to first-come.
  auto released = apply(s, run(0), lapse);
  ASSERT_EQ(all_of<WaitlistHoldReleased>(*released).size(), 1u);
  EXPECT_EQ(s.inventory.at("seaside", kNight, RoomStyle::kStandard).held, 0);
  EXPECT_ACCEPTED(decide(s, book("d", "seaside", kNight, 1, {2}, number(7)), lapse));
  EXPECT_TRUE(apply(s, run(0), lapse)->empty());  // nothing is due twice
}

TEST(Waitlist, DeletingAnEntryWithdrawsItsOffer) {
  BookingState s = sold_out({"b", "c"});
  EXPECT_ACCEPTED(apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12)));
  auto first = all_of<WaitlistOffered>(*apply(s, run(0), jst(2027, 2, 11, 9, 0))).at(0);
  const std::string u1 = first.offer.user, u2 = u1 == "b" ? "c" : "b";
  auto left =
      apply(s, {Actor::user(u1), LeaveWaitlist{u1, first.offer.entry}}, jst(2027, 2, 11, 10));
  ASSERT_EQ(all_of<WaitlistOfferClosed>(*left).size(), 1u);
  EXPECT_EQ(all_of<WaitlistOfferClosed>(*left)[0].status, WaitlistOfferStatus::kWithdrawn);
  auto next = all_of<WaitlistOffered>(*apply(s, run(0), jst(2027, 2, 11, 10)));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].offer.user, u2);
}

TEST(Waitlist, NoPickAfterTheFirstComeWindowClosedTheRoomIsReleased) {
  // First-come for 3/20 closes at 24:00 on 3/17. Cancelled by the user on
  // their last day: held, but the pick at 09:00 on 3/18 comes after the close.
  BookingState s = sold_out({"b"});
  EXPECT_ACCEPTED(apply(s, cancel("a0", number(1)), jst(2027, 3, 17, 10)));
  EXPECT_EQ(s.inventory.at("seaside", kNight, RoomStyle::kStandard).held, 1);
  auto picked = apply(s, run(0), jst(2027, 3, 18, 9));
  EXPECT_TRUE(all_of<WaitlistOffered>(*picked).empty());
  ASSERT_EQ(all_of<WaitlistHoldReleased>(*picked).size(), 1u);
  EXPECT_EQ(s.inventory.at("seaside", kNight, RoomStyle::kStandard).held, 0);

  // Cancelled by the centre after the close: nothing can be offered, nothing is held.
  BookingState t = sold_out({"b"});
  auto out = apply(
      t,
      {Actor::op("centre"), CancelReservations{"a0", {number(1)}, PenaltyWaiver{true, "weather"}}},
      jst(2027, 3, 18, 10));
  EXPECT_ACCEPTED(out);
  EXPECT_TRUE(all_of<WaitlistRoomHeld>(*out).empty());
}

TEST(Waitlist, TheEventsRoundTripTheirStoredForm) {
  BookingState s = sold_out({"b", "c"});
  std::vector<Event> all;
  auto add = [&](const Result<std::vector<Event>>& r) {
    ASSERT_TRUE(r.ok());
    all.insert(all.end(), r->begin(), r->end());
  };
  add(apply(s, cancel("a0", number(1)), jst(2027, 2, 10, 12)));
  auto picked = apply(s, run(99), jst(2027, 2, 11, 9, 0));
  add(picked);
  const WaitlistOffered o = all_of<WaitlistOffered>(*picked).at(0);
  add(apply(s, {Actor::user(o.offer.user), AcceptOffer{o.offer.id, number(5)}},
            jst(2027, 2, 11, 10)));
  add(apply(s, {Actor::user("b"), LeaveWaitlist{"b", "w-b-2027-03-20-1"}}, jst(2027, 2, 11, 11)));
  expect_round_trips(all);
  // A facility's settings too, and its revision is unchanged while they are the defaults.
  Facility f = waitlisted();
  f.waitlist.pick_minute = 10 * 60 + 30;
  const EncodedEvent enc = encode_event(FacilityRegistered{f});
  EXPECT_EQ(std::get<FacilityRegistered>(*decode_event(enc.type, enc.payload)).facility, f);
}

TEST(Waitlist, SettingsAreValidatedAtTheirEdges) {
  WaitlistSettings w;
  EXPECT_TRUE(validate_waitlist_settings(w).ok());
  w.entries_per_month = 0;
  w.close_days_before = 61;
  w.offer_days = 15;
  w.pick_minute = 24 * 60;
  const base::Status bad = validate_waitlist_settings(w);
  ASSERT_FALSE(bad.ok());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields,
            (std::vector<std::string>{"waitlist.entriesPerMonth", "waitlist.closeDaysBefore",
                                      "waitlist.offerDays", "waitlist.pickAt"}));
  w = {};
  w.entries_per_month = 31;
  w.close_days_before = 0;
  w.offer_days = 14;
  w.pick_minute = 24 * 60 - 1;
  EXPECT_TRUE(validate_waitlist_settings(w).ok());
}

}  // namespace
}  // namespace hoyo::domain::testing
