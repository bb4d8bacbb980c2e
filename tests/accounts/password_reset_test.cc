// M11: reset by mail, and the outbox that carries it.
#include <gtest/gtest.h>

#include <condition_variable>
#include <thread>

#include "account_fixture.h"
#include "accounts/mail_delivery.h"
#include "accounts/mail_message.h"
#include "eventually.h"
#include "mail_capture.h"

namespace hoyo::accounts::testing {
namespace {

using base::ErrorCode;

class Reset : public AccountTest {
 protected:
  void SetUp() override {
    AccountTest::SetUp();
    number_ = register_resident();
    auto transport = std::make_unique<CaptureTransport>(&mails_);
    transport_ = transport.get();
    DeliveryConfig c;
    c.first_backoff = std::chrono::milliseconds(0);
    c.max_attempts = 3;
    c.background = false;  // the test drives deliver_due()
    delivery_ = std::make_unique<MailDelivery>(*store_, *processor_, service_->vault(), clock_,
                                               std::move(transport), c);
  }
  void TearDown() override {
    delivery_.reset();
    AccountTest::TearDown();
  }
  // Requests a reset, lets the worker and the outbox run, returns the mails sent.
  std::vector<CapturedMail> request(const std::string& number, const std::string& email) {
    service_->request_reset(number, email);
    service_->drain_resets();
    const std::size_t before = mails_.size();
    delivery_->deliver_due();
    return {mails_.begin() + before, mails_.end()};
  }
  std::string token_from(const std::vector<CapturedMail>& sent) {
    for (const auto& m : sent) {
      std::string t = reset_token(mail_body(m.message));
      if (!t.empty()) return t;
    }
    return {};
  }

  std::string number_;
  std::vector<CapturedMail> mails_;
  CaptureTransport* transport_ = nullptr;
  std::unique_ptr<MailDelivery> delivery_;
};

TEST_F(Reset, TheApprovalMailTellsTheUserNumber) {
  delivery_->deliver_due();
  ASSERT_EQ(mails_.size(), 1u);
  EXPECT_EQ(mails_[0].to, "hanako@example.jp");
  const std::string body = mail_body(mails_[0].message);
  EXPECT_NE(body.find("利用者番号: " + number_), std::string::npos);
  EXPECT_NE(body.find("港 花子 様"), std::string::npos);
  EXPECT_NE(mails_[0].message.find("Subject: =?UTF-8?B?"), std::string::npos);
}

// Cluster mode: a follower's store is a replica, and the writer node sends
// the mail (docs/cluster.md); the follower neither sends nor records it.
TEST_F(Reset, AReplicaSendsNothingAndTheWriterSendsItOnce) {
  const std::uint64_t head = store_->head();
  ASSERT_TRUE(store_->set_role(eventstore::StoreRole::kReplica).ok());
  EXPECT_EQ(delivery_->deliver_due(), 0);
  EXPECT_TRUE(mails_.empty());
  EXPECT_EQ(store_->head(), head);
  EXPECT_EQ(delivery_->stats().passes, 0u);  // a follower's passes are not the writer's
  ASSERT_TRUE(store_->set_role(eventstore::StoreRole::kWriter).ok());
  delivery_->deliver_due();
  EXPECT_EQ(mails_.size(), 1u);
  EXPECT_EQ(delivery_->stats().passes, 1u);
}

TEST_F(Reset, AMatchingPairGetsASingleUseLinkThatSetsANewPassword) {
  delivery_->deliver_due();                           // the approval mail
  auto sent = request(number_, "Hanako@Example.jp");  // the address matches without case
  ASSERT_EQ(sent.size(), 1u);
  const std::string token = token_from(sent);
  ASSERT_EQ(token.size(), 64u);
  std::vector<std::string> revoked;
  service_->on_sessions_revoked([&](const std::string& a) { revoked.push_back(a); });
  auto done = service_->complete_reset(token, "shiba-koen-2026", "shiba-koen-2026");
  ASSERT_TRUE(done.ok()) << done.error().message;
  EXPECT_EQ(revoked, std::vector<std::string>{"user:" + number_});
  auto login = service_->login(number_, "shiba-koen-2026", "a");
  ASSERT_TRUE(login.ok());
  EXPECT_FALSE(login->must_change_password);
  EXPECT_FALSE(service_->login(number_, "19800401", "a").ok());
  // Used once: the same link is gone.
  EXPECT_EQ(service_->complete_reset(token, "another-one-2026", "another-one-2026").error().code,
            ErrorCode::kGone);
  // And the user is told by mail that the password changed.
  delivery_->deliver_due();
  EXPECT_NE(mail_body(mails_.back().message).find("パスワードが変更されました"), std::string::npos);
}

// Only the latest link works: a new request, a completed reset and a
// password change each revoke every earlier one still in a mailbox.
TEST_F(Reset, EveryEarlierLinkIsRevoked) {
  delivery_->deliver_due();
  const std::string first = token_from(request(number_, "hanako@example.jp"));
  const std::string second = token_from(request(number_, "hanako@example.jp"));
  ASSERT_EQ(first.size(), 64u);
  ASSERT_EQ(second.size(), 64u);
  // The new request revoked the first link.
  EXPECT_EQ(service_->complete_reset(first, "shiba-koen-2026", "shiba-koen-2026").error().code,
            ErrorCode::kGone);
  // A password change revokes the second.
  ASSERT_TRUE(
      service_->change_password(number_, "19800401", "umi-no-ie-2026", "umi-no-ie-2026").ok());
  EXPECT_EQ(service_->complete_reset(second, "shiba-koen-2026", "shiba-koen-2026").error().code,
            ErrorCode::kGone);
  EXPECT_TRUE(service_->login(number_, "umi-no-ie-2026", "a").ok());
  // A completed reset leaves no link behind either.
  const std::string third = token_from(request(number_, "hanako@example.jp"));
  ASSERT_TRUE(service_->complete_reset(third, "shiba-koen-2026", "shiba-koen-2026").ok());
  EXPECT_EQ(service_->complete_reset(third, "tamachi-2026!", "tamachi-2026!").error().code,
            ErrorCode::kGone);
}

TEST_F(Reset, ANonMatchingPairSendsNothingAndLooksTheSame) {
  delivery_->deliver_due();
  const std::uint64_t head = store_->head();
  EXPECT_TRUE(request(number_, "someone@else.jp").empty());
  EXPECT_TRUE(request("99999994", "hanako@example.jp").empty());
  EXPECT_EQ(store_->head(), head);  // nothing recorded that could tell them apart
}

TEST_F(Reset, ALinkExpiresAfterThirtyMinutes) {
  const std::string token = token_from(request(number_, "hanako@example.jp"));
  ASSERT_FALSE(token.empty());
  clock_.advance(30 * 60 * domain::kMicrosPerSecond);
  EXPECT_EQ(service_->complete_reset(token, "shiba-koen-2026", "shiba-koen-2026").error().code,
            ErrorCode::kGone);
  EXPECT_TRUE(service_->login(number_, "19800401", "a").ok());
}

TEST_F(Reset, TheNewPasswordFollowsThePolicyAndABadOneKeepsTheLink) {
  const std::string token = token_from(request(number_, "hanako@example.jp"));
  auto weak = service_->complete_reset(token, "password1", "password1");
  EXPECT_EQ(weak.error().code, ErrorCode::kValidation);
  EXPECT_TRUE(service_->complete_reset(token, "shiba-koen-2026", "shiba-koen-2026").ok());
}

TEST_F(Reset, AnUnknownOrMalformedTokenIsGone) {
  EXPECT_EQ(service_->complete_reset("abc", "shiba-koen-2026", "shiba-koen-2026").error().code,
            ErrorCode::kGone);
  EXPECT_EQ(service_->complete_reset(std::string(64, 'a'), "shiba-koen-2026", "shiba-koen-2026")
                .error()
                .code,
            ErrorCode::kGone);
}

TEST_F(Reset, ThreeMailsAnHourPerAccountThenSilence) {
  delivery_->deliver_due();  // the approval mail
  for (int i = 0; i < 3; ++i) EXPECT_EQ(request(number_, "hanako@example.jp").size(), 1u);
  EXPECT_TRUE(request(number_, "hanako@example.jp").empty());
  clock_.advance(3600 * domain::kMicrosPerSecond);
  EXPECT_EQ(request(number_, "hanako@example.jp").size(), 1u);
}

TEST_F(Reset, TheTokenNeverEntersTheLogAndLeavesTheOutboxOnceSent) {
  const std::string token = token_from(request(number_, "hanako@example.jp"));
  ASSERT_FALSE(token.empty());
  EXPECT_EQ(whole_log().find(token), std::string::npos);
  bool outbox_empty = true;
  (void)store_->side_scan(eventstore::SideTable::kOutbox, "", [&](auto, auto) {
    outbox_empty = false;
    return false;
  });
  EXPECT_TRUE(outbox_empty);
}

TEST_F(Reset, AFailingRelayIsRetriedThenGivenUp) {
  transport_->fail_next = 1;
  EXPECT_EQ(delivery_->deliver_due(), 1);  // the approval mail fails once
  EXPECT_TRUE(mails_.empty());
  EXPECT_EQ(delivery_->deliver_due(), 1);  // and is sent on the retry
  ASSERT_EQ(mails_.size(), 1u);
  transport_->fail_next = 100;
  (void)request(number_, "hanako@example.jp");
  (void)delivery_->deliver_due();
  (void)delivery_->deliver_due();
  EXPECT_EQ(delivery_->deliver_due(), 0);  // three attempts: failed for good
  int failed = 0;
  for (const auto& [id, m] : snapshot().accounts.mails)
    failed += m.status == domain::MailStatus::kFailed;
  EXPECT_EQ(failed, 1);
  // What /metrics reports of it: one sent, four failed attempts (one retried
  // into a success, three for the reset mail), one abandoned, none waiting.
  const DeliveryStats st = delivery_->stats();
  EXPECT_EQ(st.sent, 1u);
  EXPECT_EQ(st.failures, 4u);
  EXPECT_EQ(st.abandoned, 1u);
  EXPECT_EQ(st.queued, 0u);
  EXPECT_EQ(st.passes, 6u);  // every deliver_due() above, request()'s included
}

TEST_F(Reset, QueuedMailIsSentAfterARestart) {
  delivery_.reset();  // the approval mail is queued, not sent
  close();
  open();
  DeliveryConfig c;
  c.background = false;
  MailDelivery again(*store_, *processor_, service_->vault(), clock_,
                     std::make_unique<CaptureTransport>(&mails_), c);
  again.deliver_due();
  ASSERT_EQ(mails_.size(), 1u);
}

TEST(MailMessage, EveryKindIsRenderedInJapaneseWithTheManualsSubject) {
  MailFacts f{"港 花子", "12345675", "理由", "http://x/password-reset/abc", "http://x"};
  for (auto kind : {domain::MailKind::kApproved, domain::MailKind::kRejected,
                    domain::MailKind::kResetLink, domain::MailKind::kPasswordChanged}) {
    MailMessage m = render_mail(kind, "a@example.jp", f);
    EXPECT_EQ(m.subject, "港区区民保養施設予約システムからのお知らせ");
    EXPECT_NE(m.body.find("港 花子 様"), std::string::npos);
    const std::string wire = to_rfc5322(m, "noreply@x", 0, "id@x");
    EXPECT_EQ(mail_body(wire), m.body);
  }
}

}  // namespace
}  // namespace hoyo::accounts::testing

namespace hoyo::accounts::testing {
namespace {

class BackgroundDelivery : public AccountTest {};

TEST_F(BackgroundDelivery, TheWorkerThreadSendsQueuedMailOnItsOwn) {
  std::vector<CapturedMail> mails;
  std::mutex mu;  // the worker appends while the test reads
  class Locked : public MailTransport {
   public:
    Locked(std::vector<CapturedMail>* out, std::mutex* mu) : out_(out), mu_(mu) {}
    base::Status send(const std::string&, const std::string& to, const std::string& message,
                      const std::string&) override {
      std::lock_guard lk(*mu_);
      out_->push_back({to, message});
      return base::ok_status();
    }

   private:
    std::vector<CapturedMail>* out_;
    std::mutex* mu_;
  };
  DeliveryConfig c;
  c.poll = std::chrono::milliseconds(20);
  MailDelivery delivery(*store_, *processor_, service_->vault(), clock_,
                        std::make_unique<Locked>(&mails, &mu), c);
  register_resident();
  delivery.wake();
  // Bounded only to catch a worker that never sends.
  EXPECT_TRUE(hoyo::testing::eventually([&] {
    std::lock_guard lk(mu);
    return !mails.empty();
  }));
  std::lock_guard lk(mu);
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails[0].to, "hanako@example.jp");
}

// A stop during a pass waits for the mail in hand only: the rest stay
// queued for the next start (a stop behind a long outbox held SIGTERM for
// more than 20 s under load).
TEST_F(BackgroundDelivery, AStopFinishesTheMailInHandAndLeavesTheRestQueued) {
  // What the transport saw, kept by the test: the transport itself ends with
  // the delivery, before the test reads how many sends it took.
  struct Gate {
    std::mutex mu;
    std::condition_variable entered, released;
    int sends = 0;
    bool release = false;
  };
  class Held : public MailTransport {
   public:
    explicit Held(Gate& gate) : gate_(gate) {}
    base::Status send(const std::string&, const std::string&, const std::string&,
                      const std::string&) override {
      std::unique_lock lk(gate_.mu);
      ++gate_.sends;
      gate_.entered.notify_all();
      gate_.released.wait_for(lk, std::chrono::seconds(5), [&] { return gate_.release; });
      return base::ok_status();
    }

   private:
    Gate& gate_;
  };
  const char* names[] = {"港 花子", "港 一郎", "港 二郎", "港 三郎"};
  for (int i = 0; i < 4; ++i) {
    register_resident(resident_form(names[i], "r" + std::to_string(i) + "@example.jp"));
  }
  Gate gate;  // outlives the delivery and its transport
  auto delivery = std::make_unique<MailDelivery>(*store_, *processor_, service_->vault(), clock_,
                                                 std::make_unique<Held>(gate));
  delivery->wake();
  {
    std::unique_lock lk(gate.mu);
    ASSERT_TRUE(
        gate.entered.wait_for(lk, std::chrono::seconds(10), [&] { return gate.sends > 0; }));
  }
  std::thread releaser([&gate] {
    std::this_thread::sleep_for(std::chrono::seconds(1));  // after the stop began
    std::lock_guard lk(gate.mu);
    gate.release = true;
    gate.released.notify_all();
  });
  delivery.reset();  // stops while the first mail is in hand
  releaser.join();
  EXPECT_EQ(gate.sends, 1);
  int queued = 0;
  processor_->inspect([&](const domain::BookingState& s) {
    for (const auto& [id, m] : s.accounts.mails) queued += m.status == domain::MailStatus::kQueued;
  });
  EXPECT_EQ(queued, 3);
}

}  // namespace
}  // namespace hoyo::accounts::testing
