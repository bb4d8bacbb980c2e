// Win confirmation: every deadline at its edge and just past (confirm_by,
// lapse, release, reminder), confirming, and the scheduler's due events.
#include "domain/confirmation.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "domain/event_codec.h"
#include "win_fixture.h"

namespace hoyo::domain {
namespace {

using namespace testing;

const Instant kSecond = kMicrosPerSecond;
const BookingRules kRules{};  // first-come closes 3 days before

TEST(WinConfirmBy, SevenDaysAfterPublicationAtTheDaysLastSecond) {
  EXPECT_EQ(win_confirm_by(7, kRules, day(2027, 3, 5), kPublished), jst(2026, 12, 19, 23, 59, 59));
  // Published at the last second of 12-12 or the first of 12-13: the day counts.
  EXPECT_EQ(win_confirm_by(7, kRules, day(2027, 3, 5), jst(2026, 12, 12, 23, 59, 59)),
            jst(2026, 12, 19, 23, 59, 59));
  EXPECT_EQ(win_confirm_by(7, kRules, day(2027, 3, 5), jst(2026, 12, 13)),
            jst(2026, 12, 20, 23, 59, 59));
  EXPECT_EQ(win_confirm_by(1, kRules, day(2027, 3, 5), kPublished), jst(2026, 12, 13, 23, 59, 59));
}

TEST(WinConfirmBy, TheFirstComeWindowsCloseWhenItComesFirst) {
  // Check-in 12-22: first-come closes at 12-20 00:00, one second after the
  // seven days' deadline: both give 12-19 23:59:59.
  EXPECT_EQ(win_confirm_by(7, kRules, day(2026, 12, 22), kPublished),
            jst(2026, 12, 19, 23, 59, 59));
  // A day earlier the window wins; a day later the seven days do.
  EXPECT_EQ(win_confirm_by(7, kRules, day(2026, 12, 21), kPublished),
            jst(2026, 12, 18, 23, 59, 59));
  EXPECT_EQ(win_confirm_by(7, kRules, day(2026, 12, 23), kPublished),
            jst(2026, 12, 19, 23, 59, 59));
}

TEST(WinDeadlines, LapseReleaseAndReminder) {
  const Instant by = jst(2026, 12, 19, 23, 59, 59);
  EXPECT_EQ(lapse_due(by), jst(2026, 12, 20));
  // By default the next day at 12:00 JST; a given releaseAt when later; never
  // before the lapse.
  EXPECT_EQ(release_due(0, by), jst(2026, 12, 20, 12));
  EXPECT_EQ(release_due(jst(2026, 12, 25, 9), by), jst(2026, 12, 25, 9));
  EXPECT_EQ(release_due(jst(2026, 12, 15), by), jst(2026, 12, 20));
  EXPECT_EQ(reminder_due(by, kDefaultConfirmReminderBefore), jst(2026, 12, 18));
}

TEST(WinDeadlines, AReleaseFreesOnlyNightsWhoseFirstComeWindowIsOpen) {
  // Nights 12-23 and 12-24: first-come for them closes at 12-21 00:00 and
  // 12-22 00:00.
  EXPECT_EQ(nights_to_free(kRules, day(2026, 12, 23), 2, jst(2026, 12, 20, 23, 59, 59)),
            (std::vector<Date>{day(2026, 12, 23), day(2026, 12, 24)}));
  EXPECT_EQ(nights_to_free(kRules, day(2026, 12, 23), 2, jst(2026, 12, 21)),
            (std::vector<Date>{day(2026, 12, 24)}));
  EXPECT_TRUE(nights_to_free(kRules, day(2026, 12, 23), 2, jst(2026, 12, 22)).empty());
}

TEST_F(WinConfirmation, PublicationSetsTheDeadlineAndTheResultNoticeStatesIt) {
  open(ConfirmationRule::kRequired);
  auto r = decide(s, {Actor::op("alice"), PublishLottery{"2027-03", {number(100)}}}, kPublished);
  ASSERT_TRUE(r.ok());
  const auto booked = of<ReservationBooked>(*r);
  ASSERT_EQ(booked.size(), 1u);
  EXPECT_EQ(booked[0].reservation.confirmation, Confirmation::kRequired);
  EXPECT_EQ(booked[0].reservation.confirm_by, jst(2026, 12, 19, 23, 59, 59));
  // The result notice comes from the scheduler, due at publication.
  EXPECT_TRUE(of<NoticeIssued>(*r).empty());
  ASSERT_TRUE(
      apply(s, {Actor::op("alice"), PublishLottery{"2027-03", {number(100)}}}, kPublished).ok());
  auto told = run(kPublished);
  ASSERT_TRUE(told.ok());
  const auto notices = of<NoticeIssued>(*told);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].at, kPublished);
  EXPECT_EQ(notices[0].confirm_by, jst(2026, 12, 19, 23, 59, 59));
  // The deadline as people read it, under a heading that asks for the step.
  EXPECT_NE(notices[0].body.find("確定期限: 2026-12-19 23:59（日本時間）"), std::string::npos)
      << notices[0].body;
  EXPECT_NE(notices[0].body.find("当選（確定の手続きが必要です）"), std::string::npos)
      << notices[0].body;
  EXPECT_EQ(notices[0].body.find("予約が確定しました"), std::string::npos) << notices[0].body;
}

TEST_F(WinConfirmation, APeriodWithoutConfirmationPublishesFinalWins) {
  open(ConfirmationRule::kNone);
  const auto numbers = publish();
  EXPECT_EQ(s.reservation(numbers[0])->confirmation, Confirmation::kNone);
  EXPECT_TRUE(s.awaiting_confirmation.empty());
  EXPECT_ACCEPTED(run(jst(2027, 1, 30)));
  EXPECT_TRUE(s.reservation(numbers[0])->active());
}

TEST_F(WinConfirmation, ConfirmingUntilTheDeadlinesLastSecondOnceOnly) {
  open(ConfirmationRule::kRequired);
  const std::string n = publish()[0];
  const Instant by = s.reservation(n)->confirm_by;
  EXPECT_REFUSED(decide(s, {Actor::user("u2"), ConfirmWin{n}}, by), ErrorCode::kNotFound);
  EXPECT_REFUSED(decide(s, {Actor::user("u1"), ConfirmWin{"000000000"}}, by), ErrorCode::kNotFound);
  // The deadline's second runs to its end, when the lapse is due.
  EXPECT_REFUSED(decide(s, {Actor::user("u1"), ConfirmWin{n}}, by + kMicrosPerSecond),
                 ErrorCode::kWindowClosed);
  EXPECT_TRUE(decide(s, {Actor::user("u1"), ConfirmWin{n}}, by + kMicrosPerSecond - 1).ok());
  auto first = apply(s, {Actor::user("u1"), ConfirmWin{n}}, by);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first, (std::vector<Event>{ReservationConfirmed{n}}));
  EXPECT_EQ(s.reservation(n)->confirmation, Confirmation::kConfirmed);
  auto again = apply(s, {Actor::user("u1"), ConfirmWin{n}}, by);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
  // Confirmed: nothing lapses.
  EXPECT_ACCEPTED(run(jst(2027, 1, 1)));
  EXPECT_TRUE(s.reservation(n)->active());
}

TEST_F(WinConfirmation, AnOperatorConfirmsOnTheUsersBehalf) {
  open(ConfirmationRule::kRequired);
  const std::string n = publish()[0];
  EXPECT_REFUSED(decide(s, {Actor::system(), ConfirmWin{n}}, kPublished), ErrorCode::kForbidden);
  auto r = apply(s, {Actor::op("alice"), ConfirmWin{n}}, kPublished);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->size(), 1u);
}

TEST_F(WinConfirmation, TheReminderIsDueTwoDaysBeforeTheLapseOnceAndOnlyWithRemindersOn) {
  open(ConfirmationRule::kRequired, 2);
  const auto numbers = publish();
  evolve(s, PreferencesSet{"u2", Language::kEn, false});
  const Instant remind = jst(2026, 12, 18);
  auto early = run(remind - 1);
  ASSERT_TRUE(early.ok());
  EXPECT_TRUE(early->empty());
  auto due = run(remind);
  ASSERT_TRUE(due.ok());
  const auto notices = of<NoticeIssued>(*due);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].kind, NoticeKind::kConfirmationReminder);
  EXPECT_EQ(notices[0].user, "u1");
  EXPECT_EQ(notices[0].id, "reminder-" + numbers[0]);
  EXPECT_EQ(notices[0].at, remind);
  EXPECT_EQ(of<MailQueued>(*due).size(), 1u);
  auto again = run(remind + kSecond);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->empty());
}

// Reminders can be turned off; results and deadlines cannot: a winner with
// reminders off is told the result and the lapse, and only the reminder is
// left out.
TEST_F(WinConfirmation, RemindersOffStillTellTheResultAndTheLapse) {
  open(ConfirmationRule::kRequired);
  evolve(s, PreferencesSet{"u1", Language::kJa, false});
  auto r = decide(s, {Actor::op("alice"), PublishLottery{"2027-03", {number(100)}}}, kPublished);
  ASSERT_TRUE(r.ok());
  const std::string n = of<ReservationBooked>(*r).at(0).reservation.number;
  ASSERT_EQ(of<ReservationBooked>(*r).at(0).reservation.user, "u1");
  ASSERT_TRUE(
      apply(s, {Actor::op("alice"), PublishLottery{"2027-03", {number(100)}}}, kPublished).ok());
  auto told = run(kPublished);
  ASSERT_TRUE(told.ok());
  const auto results = of<NoticeIssued>(*told);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].user, "u1");
  EXPECT_EQ(results[0].kind, NoticeKind::kLotteryResult);
  EXPECT_EQ(of<MailQueued>(*told).size(), 1u);
  // The deadline is 12-19 23:59:59: the reminder would be due at 12-18 00:00.
  auto reminder = run(jst(2026, 12, 18));
  ASSERT_TRUE(reminder.ok());
  EXPECT_TRUE(of<NoticeIssued>(*reminder).empty());
  auto lapse = run(jst(2026, 12, 20));
  ASSERT_TRUE(lapse.ok());
  ASSERT_EQ(of<WinLapsed>(*lapse).size(), 1u);
  const auto lapsed = of<NoticeIssued>(*lapse);
  ASSERT_EQ(lapsed.size(), 1u);
  EXPECT_EQ(lapsed[0].kind, NoticeKind::kWinLapsed);
  EXPECT_EQ(lapsed[0].id, "lapsed-" + n);
  EXPECT_EQ(of<MailQueued>(*lapse).size(), 1u);
}

TEST_F(WinConfirmation, AnUnconfirmedWinLapsesAtItsDeadlineAndItsRoomIsHeldUntilTheRelease) {
  open(ConfirmationRule::kRequired, 1, 2, day(2027, 3, 5));
  const std::string n = publish()[0];
  ASSERT_EQ(count(day(2027, 3, 5)).booked, 1);
  ASSERT_EQ(count(day(2027, 3, 5)).held, 0);
  const Instant lapse = jst(2026, 12, 20);
  {
    auto r = run(lapse - 1);  // the reminder only
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(of<WinLapsed>(*r).empty());
  }
  auto r = run(lapse);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(of<WinLapsed>(*r), (std::vector<WinLapsed>{{n, lapse}}));
  const auto notices = of<NoticeIssued>(*r);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].kind, NoticeKind::kWinLapsed);
  EXPECT_EQ(notices[0].id, "lapsed-" + n);
  EXPECT_EQ(s.reservation(n)->status, ReservationStatus::kLapsed);
  EXPECT_REFUSED(decide(s, {Actor::user("u1"), ConfirmWin{n}}, lapse), ErrorCode::kWindowClosed);
  for (Date d : {day(2027, 3, 5), day(2027, 3, 6)}) {
    EXPECT_EQ(count(d).booked, 0);
    EXPECT_EQ(count(d).held, 1);
  }
  // Released at 12:00 JST the next day, not a microsecond before.
  const Instant release = jst(2026, 12, 20, 12);
  auto before = run(release - 1);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->empty());
  auto released = run(release);
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(
      *released,
      (std::vector<Event>{LapsedRoomReleased{n, release, {day(2027, 3, 5), day(2027, 3, 6)}}}));
  for (Date d : {day(2027, 3, 5), day(2027, 3, 6)}) EXPECT_EQ(count(d).held, 0);
  auto after = run(release + kMicrosPerDay);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->empty());
}

TEST_F(WinConfirmation, ALateRunWritesEveryDueEventInDueOrderInBatches) {
  // Check-in 12-23 (2 nights): confirm by 12-19 23:59:59 (seven days), lapse
  // 12-20 00:00, release 12-20 12:00; from 12-21 00:00 the first night's
  // first-come window is closed: a release after that frees the second night only.
  open(ConfirmationRule::kRequired, 2, 2, day(2026, 12, 23), jst(2026, 12, 21, 6));
  const auto numbers = publish();
  std::vector<Event> all;
  for (int i = 0; i < 10; ++i) {
    auto r = run(jst(2026, 12, 22), 1);  // one item per command
    ASSERT_TRUE(r.ok());
    if (r->empty()) break;
    all.insert(all.end(), r->begin(), r->end());
  }
  const auto lapsed = of<WinLapsed>(all);
  const auto released = of<LapsedRoomReleased>(all);
  ASSERT_EQ(lapsed.size(), 2u);
  ASSERT_EQ(released.size(), 2u);
  EXPECT_TRUE(of<NoticeIssued>(all).size() == 2u);  // two lapse notices, no late reminders
  // Lapses (12-20 00:00) before releases (12-21 06:00), each with its due time.
  Instant last = 0;
  for (const Event& e : all) {
    Instant due = 0;
    if (auto* l = std::get_if<WinLapsed>(&e)) due = l->due;
    if (auto* x = std::get_if<LapsedRoomReleased>(&e)) due = x->due;
    if (due == 0) continue;
    EXPECT_GE(due, last);
    last = due;
  }
  EXPECT_EQ(lapsed[0].due, jst(2026, 12, 20));
  EXPECT_EQ(released[0].due, jst(2026, 12, 21, 6));
  EXPECT_EQ(released[0].freed, (std::vector<Date>{day(2026, 12, 24)}));
  EXPECT_EQ(count(day(2026, 12, 23)).held, 2);  // stays held: first-come closed
  EXPECT_EQ(count(day(2026, 12, 24)).held, 0);
  (void)numbers;
}

TEST_F(WinConfirmation, OnlyTheSchedulerRunsDueEvents) {
  open(ConfirmationRule::kRequired);
  publish();
  EXPECT_REFUSED(decide(s, {Actor::op("alice"), RunScheduled{}}, jst(2027, 1, 1)),
                 ErrorCode::kForbidden);
}

TEST_F(WinConfirmation, ACancelledWinNeverLapses) {
  open(ConfirmationRule::kRequired);
  const std::string n = publish()[0];
  ASSERT_TRUE(apply(s, {Actor::user("u1"), CancelReservations{"u1", {n}}}, kPublished).ok());
  auto r = run(jst(2027, 1, 1));
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  EXPECT_EQ(s.reservation(n)->status, ReservationStatus::kCancelled);
}

TEST_F(WinConfirmation, EventsRoundTripAndReplayToTheSameState) {
  open(ConfirmationRule::kRequired, 2, 2);
  BookingState before = s;
  std::vector<Event> log;
  auto keep = [&](const Result<std::vector<Event>>& r) {
    ASSERT_TRUE(r.ok());
    log.insert(log.end(), r->begin(), r->end());
  };
  const std::vector<std::string> numbers{number(100), number(101)};
  keep(apply(s, {Actor::op("alice"), PublishLottery{"2027-03", numbers}}, kPublished));
  keep(apply(s, {Actor::user("u1"), ConfirmWin{numbers[0]}}, kPublished));
  keep(run(jst(2026, 12, 18)));
  keep(run(jst(2027, 1, 1)));
  expect_replays_to(before, log, s);
  if (::testing::Test::HasFatalFailure()) return;
  EXPECT_EQ(s.reservation(numbers[0])->confirmation, Confirmation::kConfirmed);
  EXPECT_EQ(s.reservation(numbers[1])->status, ReservationStatus::kLapsed);
  // The indexes rebuilt from the reservations are the folded ones.
  BookingState reindexed = s;
  index_confirmations(reindexed);
  EXPECT_EQ(reindexed, s);
}

TEST_F(WinConfirmation, APeriodReadsItsSettingsBackAndOldPeriodsReadAsNone) {
  LotteryPeriod p;
  p.id = "x";
  p.confirmation = ConfirmationRule::kRequired;
  p.confirm_days = 12;
  p.release_at = jst(2027, 1, 2, 12);
  p.seed_hash.fill(1);
  const EncodedEvent enc = encode_event(LotteryOpened{p});
  auto back = decode_event(enc.type, enc.payload);
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(std::get<LotteryOpened>(*back).period, p);
  p.confirmation = ConfirmationRule::kNone;  // what an absent field reads as
  p.confirm_days = 0;
  p.release_at = 0;
  EXPECT_EQ(std::get<LotteryOpened>(
                *decode_event("LotteryOpened", encode_event(LotteryOpened{p}).payload))
                .period.confirmation,
            ConfirmationRule::kNone);
}

}  // namespace
}  // namespace hoyo::domain
