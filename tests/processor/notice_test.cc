// Notices at the writer: one result notice per applicant and period at
// publication, receipts for bookings, changes and cancellations, in the
// user's language, never twice (the cause can happen once, and restarts and
// replays re-derive the same state).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/decide.h"
#include "domain/notice_limits.h"
#include "eventually.h"
#include "notice_fixture.h"
#include "processor/scheduler.h"
#include "processor/state_fold.h"
#include "processor/state_snapshot.h"

namespace hoyo::processor {
namespace {

using namespace testing;

const std::string hanako_ = "10000012";    // online, with a mail address
const std::string taro_ = "10000020";      // online, chose English
const std::string postcard_ = "10000038";  // postcard, no mail address

TEST_F(NoticeTest, PublicationIssuesOneResultNoticePerRegisteredApplicant) {
  const auto events = publish();
  const auto issued = notices(events);
  ASSERT_EQ(issued.size(), 3u);  // "9" has no registration: nobody to tell
  // Who won, from the publication's bookings: the one room's holder.
  std::map<std::string, std::string> winners;  // user → reservation number
  for (const auto& e : events) {
    if (const auto* b = std::get_if<domain::ReservationBooked>(&e)) {
      winners[b->reservation.user] = b->reservation.number;
    }
  }
  ASSERT_EQ(winners.size(), 1u);
  std::set<std::string> users;
  for (const auto& n : issued) {
    EXPECT_TRUE(users.insert(n.user).second) << "two notices for " << n.user;
    EXPECT_EQ(n.kind, domain::NoticeKind::kLotteryResult);
    EXPECT_EQ(n.id, "result-2027-03-" + n.user);
    EXPECT_EQ(n.cause, "2027-03");
    // A win's deadline (the period requires confirmation); none for a loss.
    EXPECT_EQ(n.confirm_by != 0, n.body.find("予約番号") != std::string::npos ||
                                     n.body.find("Reservation number") != std::string::npos);
    // The winner is told their reservation; everyone else, the application
    // they lost (the stay, listed under 落選 / Not won).
    const bool en = n.user == taro_;
    if (auto w = winners.find(n.user); w != winners.end()) {
      EXPECT_NE(n.body.find(w->second), std::string::npos) << n.body;
      EXPECT_EQ(n.body.find(en ? "Not won:" : "落選:"), std::string::npos) << n.body;
    } else {
      const std::size_t lost = n.body.find(en ? "\nNot won:\n" : "\n落選:\n");
      ASSERT_NE(lost, std::string::npos) << n.body;
      EXPECT_NE(n.body.find(en ? "Stay: 2027-03" : "宿泊: 2027", lost), std::string::npos)
          << n.body;
      EXPECT_EQ(n.confirm_by, 0);
    }
    if (n.user == taro_) {
      EXPECT_EQ(n.language, domain::Language::kEn);
      EXPECT_EQ(n.subject, "Minato City Resort Facility Reservations: lottery result");
      EXPECT_NE(n.body.find("Seaside Lodge"), std::string::npos) << n.body;
    } else {
      EXPECT_EQ(n.language, domain::Language::kJa);
      EXPECT_EQ(n.subject, "港区区民保養施設予約システム：抽選結果のお知らせ");
      EXPECT_NE(n.body.find("海の家"), std::string::npos) << n.body;
    }
    // The postcard user has no mail address: posted, not mailed.
    EXPECT_EQ(n.mail.empty(), n.user == postcard_);
  }
  const auto mails = notice_mails(events);
  ASSERT_EQ(mails.size(), 2u);
  for (const auto& m : mails) {
    EXPECT_EQ(m.kind, domain::MailKind::kNotice);
    EXPECT_EQ(m.id, "notice-" + m.notice);
  }
  // The outbox holds each mail's text until it is sent.
  const auto s = snapshot();
  const domain::OutboxMail& taro = s.accounts.mails.at("notice-result-2027-03-" + taro_);
  EXPECT_EQ(taro.status, domain::MailStatus::kQueued);
  EXPECT_EQ(taro.language, domain::Language::kEn);
  EXPECT_FALSE(taro.body.empty());
}

TEST_F(NoticeTest, AWokenSchedulerWritesTheResultNoticesAtOnce) {
  SchedulerOptions options;
  options.poll = std::chrono::hours(1);  // it would not look again in this test
  Scheduler scheduler(*processor_, options);
  scheduler.start();
  const auto published = publish(false);
  EXPECT_TRUE(notices(published).empty());
  EXPECT_EQ(snapshot().results_to_tell.at("2027-03").told, 0u);
  scheduler.wake();
  EXPECT_TRUE(::hoyo::testing::eventually([&] { return snapshot().results_to_tell.empty(); }));
}

TEST_F(NoticeTest, NoSecondResultNoticeAfterARestartOrAReplay) {
  ASSERT_EQ(notices(publish()).size(), 3u);
  const domain::BookingState before = snapshot();
  const std::uint64_t head = store_->head();
  // A restart, a second publication refused, then a fold of the log alone.
  close();
  open();
  EXPECT_EQ(snapshot(), before);
  auto again = run({domain::Actor::op("alice"), domain::PublishLottery{"2027-03", {}}});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, base::ErrorCode::kConflict);
  EXPECT_EQ(store_->head(), head);  // nothing written
  close();
  ASSERT_TRUE(store_ == nullptr);
  {
    auto store = std::move(eventstore::EventStore::open(dir_, {})).value();
    FoldedState folded;
    int issued = 0;
    auto read = store->read_all(1, 1'000'000, [&](const eventstore::EventView& v) {
      folded.apply(v, 0);
      issued += v.type == "NoticeIssued";
      return true;
    });
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(folded.state, before);
    EXPECT_EQ(issued, 3);
  }
  open();
}

TEST_F(NoticeTest, TheWritersSnapshotKeepsPreferencesAndQueuedNoticeText) {
  publish();
  const domain::BookingState before = snapshot();
  ASSERT_TRUE(processor_->write_snapshot().ok());
  const domain::Preferences taro = before.accounts.preferences_of(taro_);
  EXPECT_EQ(taro.language, domain::Language::kEn);
  EXPECT_FALSE(taro.reminders);
  close();
  open();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(processor_->rebuild_stats().events, 0u);
  EXPECT_EQ(snapshot(), before);
  EXPECT_EQ(snapshot().accounts.preferences_of(taro_), taro);
}

TEST_F(NoticeTest, ASnapshotOfTheCurrentFormatWithoutItsNoticesSectionIsNotUsed) {
  publish();
  expect_unused_without(kNoticesSection);
}

TEST_F(NoticeTest, ReceiptsForABookingAChangeAndCancellationsByUserAndCentre) {
  auto booked = run(book(hanako_));
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  const auto& r = std::get<domain::ReservationBooked>(booked->events.at(0)).reservation;
  auto b = notices(booked->events);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].kind, domain::NoticeKind::kBookingReceipt);
  EXPECT_EQ(b[0].id, "booked-" + r.number);
  EXPECT_EQ(b[0].subject, "港区区民保養施設予約システム：予約受付のお知らせ");
  EXPECT_NE(b[0].body.find(r.number), std::string::npos);
  EXPECT_EQ(notice_mails(booked->events).size(), 1u);

  // Two changes: two receipts with distinct ids.
  for (int people : {3, 1}) {
    auto changed =
        run({domain::Actor::user(hanako_),
             domain::ChangeReservation{hanako_, r.number, std::vector<int>{people}, {}, {}}});
    ASSERT_TRUE(changed.ok()) << changed.error().message;
    auto c = notices(changed->events);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_EQ(c[0].kind, domain::NoticeKind::kChangeReceipt);
    EXPECT_EQ(c[0].id, "changed-" + r.number + "-" + std::to_string(people == 3 ? 1 : 2));
    EXPECT_NE(c[0].body.find(std::to_string(people) + "名"), std::string::npos) << c[0].body;
  }

  auto cancelled =
      run({domain::Actor::user(hanako_), domain::CancelReservations{hanako_, {r.number}}});
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  ASSERT_TRUE(std::holds_alternative<domain::ReservationCancelled>(cancelled->events.at(0)));
  auto x = notices(cancelled->events);
  ASSERT_EQ(x.size(), 1u);
  EXPECT_EQ(x[0].kind, domain::NoticeKind::kCancellationReceipt);
  EXPECT_EQ(x[0].id, "cancelled-" + r.number);
  EXPECT_EQ(x[0].body.find("予約センター"), std::string::npos);

  // The centre books and cancels for the English-speaking user.
  auto for_taro =
      run({domain::Actor::op("alice"),
           domain::BookRoom{taro_, "seaside", kStay, 1, {2}, domain::StyleWish::kAny, {}}});
  ASSERT_TRUE(for_taro.ok()) << for_taro.error().message;
  const auto& tr = std::get<domain::ReservationBooked>(for_taro->events.at(0)).reservation;
  auto by_centre =
      run({domain::Actor::op("alice"), domain::CancelReservations{taro_, {tr.number}}});
  ASSERT_TRUE(by_centre.ok()) << by_centre.error().message;
  auto y = notices(by_centre->events);
  ASSERT_EQ(y.size(), 1u);
  EXPECT_EQ(y[0].language, domain::Language::kEn);
  EXPECT_EQ(y[0].subject, "Minato City Resort Facility Reservations: cancellation receipt");
  EXPECT_NE(y[0].body.find("on your behalf"), std::string::npos) << y[0].body;
}

TEST_F(NoticeTest, APostcardUsersReceiptIsPostedNotMailed) {
  auto booked = run(book(postcard_));
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  auto n = notices(booked->events);
  ASSERT_EQ(n.size(), 1u);
  EXPECT_TRUE(n[0].mail.empty());
  EXPECT_TRUE(notice_mails(booked->events).empty());
}

// A choice left out keeps the one the writer holds: two changes of
// different choices (two PATCH /api/me at once) both take effect.
TEST_F(NoticeTest, APreferenceLeftOutKeepsTheOneHeld) {
  auto language = run({domain::Actor::user(hanako_),
                       domain::SetPreferences{hanako_, domain::Language::kEn, std::nullopt}});
  ASSERT_TRUE(language.ok()) << language.error().message;
  auto reminders =
      run({domain::Actor::user(hanako_), domain::SetPreferences{hanako_, std::nullopt, false}});
  ASSERT_TRUE(reminders.ok()) << reminders.error().message;
  ASSERT_EQ(reminders->events.size(), 1u);
  EXPECT_EQ(std::get<domain::PreferencesSet>(reminders->events[0]),
            (domain::PreferencesSet{hanako_, domain::Language::kEn, false}));
  // What is held already writes nothing.
  auto same = run({domain::Actor::user(hanako_),
                   domain::SetPreferences{hanako_, domain::Language::kEn, std::nullopt}});
  ASSERT_TRUE(same.ok()) << same.error().message;
  EXPECT_TRUE(same->events.empty());
}

TEST_F(NoticeTest, PreferencesAreTheUsersOwnAndReadMarksTheirOwn) {
  auto other = run(
      {domain::Actor::user(hanako_), domain::SetPreferences{taro_, domain::Language::kJa, true}});
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.error().code, base::ErrorCode::kForbidden);
  auto unknown = run({domain::Actor::op("alice"),
                      domain::SetPreferences{"55555555", domain::Language::kJa, true}});
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().code, base::ErrorCode::kNotFound);
  auto read = run({domain::Actor::user(hanako_), domain::MarkNoticesRead{taro_, {"x"}}});
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, base::ErrorCode::kForbidden);
  auto own = run({domain::Actor::user(hanako_), domain::MarkNoticesRead{hanako_, {"x"}}});
  ASSERT_TRUE(own.ok()) << own.error().message;
  // One event stays small: at most 500 ids (a client could send millions).
  std::vector<std::string> many(domain::kMaxNoticesMarkedAtOnce + 1, "x");
  auto too_many = run({domain::Actor::user(hanako_), domain::MarkNoticesRead{hanako_, many}});
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code, base::ErrorCode::kValidation);
  many.pop_back();
  EXPECT_TRUE(run({domain::Actor::user(hanako_), domain::MarkNoticesRead{hanako_, many}}).ok());
}

}  // namespace
}  // namespace hoyo::processor
