// The scheduler's notices beyond confirmation: the stay reminder (due at
// 09:00 Tokyo time some days before check-in, once per reservation and
// check-in day, to users with reminders on) and the rooms-freed notice to a
// period's losers at a lapse (only where the period asks for it).
#include "domain/stay_reminder.h"

#include <gtest/gtest.h>

#include "win_fixture.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Date kMarch5 = day(2027, 3, 5);
const Instant kRemindMarch5 = jst(2027, 3, 2, 9);  // three days before, 09:00
const Instant kLapse = jst(2026, 12, 20);          // the wins' lapse (confirm by 12-19)

// Reservation `number` now checks in on `check_in` for one night of 2.
ReservationChanged one_night_from(const std::string& number, Date check_in) {
  ReservationChanged c;
  c.number = number;
  c.check_in = check_in;
  c.people = {2};
  return c;
}

std::vector<NoticeIssued> of_kind(const std::vector<Event>& events, NoticeKind kind) {
  std::vector<NoticeIssued> out;
  for (const NoticeIssued& n : of<NoticeIssued>(events)) {
    if (n.kind == kind) out.push_back(n);
  }
  return out;
}

TEST(StayReminderDue, NineOClockTokyoTimeTheGivenDaysBeforeCheckIn) {
  EXPECT_EQ(stay_reminder_due(kMarch5, 3), kRemindMarch5);
  EXPECT_EQ(stay_reminder_due(kMarch5, 1), jst(2027, 3, 4, 9));
  EXPECT_EQ(stay_reminder_due(day(2027, 3, 1), 3), jst(2027, 2, 26, 9));  // across a month
  EXPECT_EQ(stay_reminder_id("000000100", kMarch5), "stay-000000100-2027-03-05");
}

class StayReminder : public WinConfirmation {};

TEST_F(StayReminder, DueAtItsTimeOnceAndOnlyWithRemindersOn) {
  open(ConfirmationRule::kNone, 2);
  const auto numbers = publish();
  evolve(s, PreferencesSet{"u2", Language::kEn, false});
  auto early = run(kRemindMarch5 - 1);
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
  auto due = run(kRemindMarch5);
  ASSERT_TRUE(due.ok());
  const auto notices = of_kind(*due, NoticeKind::kStayReminder);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].user, "u1");
  EXPECT_EQ(notices[0].id, "stay-" + numbers[0] + "-2027-03-05");
  EXPECT_EQ(notices[0].at, kRemindMarch5);
  EXPECT_EQ(notices[0].cause, numbers[0]);
  EXPECT_EQ(notices[0].confirm_by, 0);
  EXPECT_NE(notices[0].subject.find("ご利用日が近づいています"), std::string::npos);
  for (const char* part : {"海の家", "2027-03-05から1泊", "2名", numbers[0].c_str()}) {
    EXPECT_NE(notices[0].body.find(part), std::string::npos) << part << "\n" << notices[0].body;
  }
  EXPECT_EQ(of<MailQueued>(*due).size(), 1u);
  auto again = run(kRemindMarch5 + kMicrosPerDay);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

TEST_F(StayReminder, AChangedCheckInGetsItsOwnReminderACancelledStayNone) {
  open(ConfirmationRule::kNone, 2, 2);
  const auto numbers = publish();
  auto first = run(kRemindMarch5);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(of_kind(*first, NoticeKind::kStayReminder).size(), 2u);
  // u1 drops the first night (check-in 3-06); u2 cancels.
  evolve(s, one_night_from(numbers[0], day(2027, 3, 6)));
  evolve(s, ReservationCancelled{numbers[1]});
  auto before = run(jst(2027, 3, 3, 9) - 1);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());
  auto changed = run(jst(2027, 3, 3, 9));
  ASSERT_TRUE(changed.ok());
  const auto notices = of_kind(*changed, NoticeKind::kStayReminder);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].id, "stay-" + numbers[0] + "-2027-03-06");
  EXPECT_NE(notices[0].body.find("2027-03-06から1泊"), std::string::npos) << notices[0].body;
}

TEST_F(StayReminder, NoneForAStayThatHasBegunNorWhenTurnedOff) {
  open(ConfirmationRule::kNone, 1);
  publish();
  auto off = run(kRemindMarch5, 256, 0);
  ASSERT_TRUE(off.ok());
  EXPECT_TRUE(off->empty());
  // A run that comes only on the check-in day itself sends nothing.
  auto late = run(jst(2027, 3, 5, 9));
  ASSERT_TRUE(late.ok());
  EXPECT_TRUE(late->empty());
}

TEST_F(StayReminder, AStateRebuiltFromItsReservationsFindsTheSameStays) {
  open(ConfirmationRule::kNone, 2, 2);
  const auto numbers = publish();
  evolve(s, one_night_from(numbers[0], day(2027, 3, 6)));
  evolve(s, ReservationCancelled{numbers[1]});
  BookingState rebuilt = s;
  index_stays(rebuilt);
  EXPECT_EQ(rebuilt.stays_by_check_in, s.stays_by_check_in);
  EXPECT_EQ(s.stays_by_check_in,
            (std::set<std::pair<std::int32_t, std::string>>{{day(2027, 3, 6).days, numbers[0]}}));
}

class RoomsFreed : public WinConfirmation {};

TEST_F(RoomsFreed, AtTheLapseTheLosersWithRemindersOnLearnWhichRoomsAndWhen) {
  open(ConfirmationRule::kRequired, 2, 1, kMarch5, 0, 2, true);
  const auto numbers = publish();
  evolve(s, PreferencesSet{"l2", Language::kJa, false});
  // One lapse per run: the first records the rooms both lapses free, once.
  auto r = run(kLapse, 1);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(of<WinLapsed>(*r).size(), 1u);
  EXPECT_TRUE(of_kind(*r, NoticeKind::kRoomsFreed).empty());
  const auto freed = of<LosersToTell>(*r);
  ASSERT_EQ(freed.size(), 1u);
  EXPECT_EQ(freed[0].lottery, "2027-03");
  EXPECT_EQ(freed[0].due, kLapse);
  EXPECT_EQ(freed[0].rooms.size(), 2u);
  EXPECT_EQ(of<MailQueued>(*r).size(), 1u);  // the winner's lapse notice
  auto second = run(kLapse, 1);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(of<WinLapsed>(*second).size(), 1u);
  EXPECT_TRUE(of<LosersToTell>(*second).empty());
  EXPECT_EQ(s.losers_told, (std::set<std::pair<std::string, Instant>>{{"2027-03", kLapse}}));
  // Then the losers, in a command of their own: l1 only (l2 turned reminders off).
  auto third = run(kLapse);
  ASSERT_TRUE(third.ok());
  const auto told = of_kind(*third, NoticeKind::kRoomsFreed);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].user, "l1");
  EXPECT_EQ(told[0].id, "freed-2027-03-" + std::to_string(kLapse / kMicrosPerSecond) + "-l1");
  EXPECT_EQ(told[0].cause, "2027-03");
  EXPECT_EQ(told[0].at, kLapse);
  // Both lapsing rooms, and when they join first-come (12:00 the next day).
  EXPECT_NE(told[0].body.find("2026-12-20 12:00（日本時間）"), std::string::npos) << told[0].body;
  std::size_t lines = 0;
  for (std::size_t at = told[0].body.find("海の家　2027-03-05から1泊"); at != std::string::npos;
       at = told[0].body.find("海の家　2027-03-05から1泊", at + 1)) {
    ++lines;
  }
  EXPECT_EQ(lines, 2u) << told[0].body;
  EXPECT_EQ(of<MailQueued>(*third).size(), 1u);  // l1's
  EXPECT_EQ(of<LosersTold>(*third), (std::vector<LosersTold>{{"2027-03", kLapse, 2, true}}));
  EXPECT_TRUE(s.losers_to_tell.empty());
  auto fourth = run(kLapse, 1);
  ASSERT_TRUE(fourth.ok());
  EXPECT_TRUE(fourth->empty());
}

TEST_F(RoomsFreed, NotToldUnlessThePeriodAsks) {
  open(ConfirmationRule::kRequired, 1, 1, kMarch5, 0, 1, false);
  publish();
  auto r = run(kLapse);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(of<WinLapsed>(*r).size(), 1u);
  EXPECT_TRUE(of<LosersToTell>(*r).empty());
  EXPECT_TRUE(run(kLapse)->empty());
}

TEST_F(RoomsFreed, NothingWhenNoNightWillBeFreed) {
  // Check-in 12-22: its first-come window closes 12-19 24:00, before the release.
  open(ConfirmationRule::kRequired, 1, 1, day(2026, 12, 22), 0, 1, true);
  publish();
  auto r = run(kLapse);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(of<WinLapsed>(*r).size(), 1u);
  EXPECT_TRUE(of<LosersToTell>(*r).empty());
  EXPECT_TRUE(s.losers_to_tell.empty());
}

}  // namespace
}  // namespace hoyo::domain
