// The notice mails' link (accounts::notice_mail, docs/lottery.md "Notices"):
// a win to confirm links to 当選の確定 under the configured public base URL,
// a loss links nowhere, and without a base URL no mail links; the kind and
// deadline the link follows survive the writer's snapshot (section 18).
#include <gtest/gtest.h>

#include "accounts/mail_message.h"
#include "notice_fixture.h"

namespace hoyo::processor {
namespace {

using namespace testing;

class NoticeMailLink : public NoticeTest {
 protected:
  // The queued mail of `user`'s result notice, as the writer holds it.
  domain::OutboxMail result_mail(const std::string& user) {
    const domain::BookingState s = snapshot();
    auto m = s.accounts.mails.find("notice-result-2027-03-" + user);
    EXPECT_NE(m, s.accounts.mails.end()) << user;
    return m == s.accounts.mails.end() ? domain::OutboxMail{} : m->second;
  }
  // The winner (the one room's holder) and the loser of the March lottery
  // that only the two users with a mail address applied to.
  std::pair<std::string, std::string> winner_and_loser() {
    std::string winner;
    for (const auto& e : publish(true, {hanako_, taro_})) {
      if (const auto* b = std::get_if<domain::ReservationBooked>(&e)) winner = b->reservation.user;
    }
    return {winner, winner == hanako_ ? taro_ : hanako_};
  }
};

TEST_F(NoticeMailLink, AWinsResultMailLinksToTheConfirmationScreenALossDoesNot) {
  const auto [winner, loser] = winner_and_loser();
  ASSERT_TRUE(winner == hanako_ || winner == taro_) << winner;
  const domain::OutboxMail won = result_mail(winner);
  ASSERT_NE(won.confirm_by, 0);
  const std::string url = "https://yoyaku.example.jp/confirmations\n";
  // A trailing slash in the configuration does not double the path's.
  for (const std::string base : {"https://yoyaku.example.jp", "https://yoyaku.example.jp/"}) {
    const accounts::MailMessage m = accounts::notice_mail("a@example.jp", "区民", won, base);
    EXPECT_NE(m.body.find(won.body), std::string::npos) << m.body;
    EXPECT_NE(m.body.find("\n" + url), std::string::npos) << m.body;
    EXPECT_EQ(m.body.find("//confirmations"), std::string::npos) << m.body;
  }
  const accounts::MailMessage lost = accounts::notice_mail(
      "b@example.jp", "区民", result_mail(loser), "https://yoyaku.example.jp");
  EXPECT_EQ(lost.body.find("/confirmations"), std::string::npos) << lost.body;
  EXPECT_EQ(lost.body.find("https://"), std::string::npos) << lost.body;
  // No public base URL configured: no link at all (never a relative one).
  const accounts::MailMessage bare = accounts::notice_mail("a@example.jp", "区民", won, "");
  EXPECT_EQ(bare.body.find("/confirmations"), std::string::npos) << bare.body;
}

TEST_F(NoticeMailLink, TheLinkFollowsTheNoticeAcrossTheWritersSnapshot) {
  const auto [winner, loser] = winner_and_loser();
  const domain::OutboxMail before = result_mail(winner);
  ASSERT_TRUE(processor_->write_snapshot().ok());
  reopen();
  EXPECT_TRUE(processor_->rebuild_stats().from_snapshot);
  EXPECT_EQ(result_mail(winner), before);
  EXPECT_NE(accounts::notice_mail("a@example.jp", "", result_mail(winner), "https://h.example")
                .body.find("https://h.example/confirmations"),
            std::string::npos);
  expect_unused_without(kNoticeMailsSection);
}

// The one mapping: a deadline makes a result or reminder one to answer; an
// offer always is; nothing else is.
TEST(NoticeScreen, OnlyNoticesToAnswerHaveAScreen) {
  using domain::NoticeKind;
  EXPECT_STREQ(domain::notice_screen(NoticeKind::kLotteryResult, 1), "/confirmations");
  EXPECT_EQ(domain::notice_screen(NoticeKind::kLotteryResult, 0), nullptr);
  EXPECT_STREQ(domain::notice_screen(NoticeKind::kConfirmationReminder, 1), "/confirmations");
  EXPECT_STREQ(domain::notice_screen(NoticeKind::kRunnerUpOffer, 1), "/confirmations");
  EXPECT_STREQ(domain::notice_screen(NoticeKind::kWaitlistOffer, 1), "/waitlist");
  for (NoticeKind k :
       {NoticeKind::kBookingReceipt, NoticeKind::kChangeReceipt, NoticeKind::kCancellationReceipt,
        NoticeKind::kWinLapsed, NoticeKind::kStayReminder, NoticeKind::kRoomsFreed,
        NoticeKind::kSuspended, NoticeKind::kSuspensionLifted}) {
    EXPECT_EQ(domain::notice_screen(k, 1), nullptr) << domain::notice_kind_name(k);
  }
}

}  // namespace
}  // namespace hoyo::processor
