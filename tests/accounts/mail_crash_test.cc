// A mail is never sent twice, even across kill -9: the delivery marks (and
// syncs) the moment it asks the relay to take a mail for good, just before
// the end of its data. A sender killed after that mark, or one whose relay
// never answers the end, records the mail as failed for good ("it may have
// arrived") instead of sending it again; one killed before it sends the mail
// once after the restart. Real SMTP: tests/accounts/smtp_sink.py (Debian's
// python3-aiosmtpd) stalls where each test needs it.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "account_fixture.h"
#include "accounts/mail_delivery.h"
#include "child_process.h"
#include "eventstore/fault_injection.h"
#include "eventually.h"
#include "mail_capture.h"

namespace hoyo::accounts::testing {
namespace {

using namespace std::chrono_literals;

// The sink, started on a free port of its choosing.
class Sink {
 public:
  // `after`: the messages it takes normally before it stalls.
  Sink(const std::string& dir, const std::string& name, const std::string& stall, int after = 0)
      : maildir_(dir + "/maildir"), mark_(dir + "/" + name + ".stalled") {
    std::filesystem::create_directories(dir);
    const std::string port_file = dir + "/" + name + ".port";
    process_ = std::make_unique<hoyo::testing::ChildProcess>(
        std::vector<std::string>{"/usr/bin/python3", SMTP_SINK, "--maildir", maildir_,
                                 "--port-file", port_file, "--stall", stall, "--mark", mark_,
                                 "--after", std::to_string(after)},
        dir + "/" + name + ".log");
    if (!hoyo::testing::eventually([&] { return std::filesystem::exists(port_file); }, 30s)) {
      throw std::runtime_error("the SMTP sink did not start (is python3-aiosmtpd installed?): " +
                               process_->log_tail());
    }
    std::ifstream(port_file) >> port_;
  }
  int port() const { return port_; }
  bool stalled() const { return std::filesystem::exists(mark_); }
  // Messages it has stored.
  int messages() const { return static_cast<int>(message_ids().size()); }
  // Each stored message's Message-ID, the outbox mail's id (in store order).
  std::vector<std::string> message_ids() const {
    std::vector<std::string> out;
    const std::string fresh = maildir_ + "/new";
    if (!std::filesystem::exists(fresh)) return out;
    for (const auto& f : std::filesystem::directory_iterator(fresh)) {
      if (!f.is_regular_file()) continue;
      std::ifstream in(f.path());
      std::string line, id = "(none)";
      while (std::getline(in, line) && !line.empty() && line != "\r") {
        if (line.rfind("Message-ID: <", 0) == 0) id = line.substr(13, line.find('@') - 13);
      }
      out.push_back(id);
    }
    return out;
  }

 private:
  std::string maildir_, mark_;
  std::unique_ptr<hoyo::testing::ChildProcess> process_;
  int port_ = 0;
};

class MailCrash : public AccountTest {
 protected:
  ::hoyo::testing::TempDir sinks_;  // the sinks' Maildir, ports and logs
  // The only mail in the outbox.
  domain::OutboxMail only_mail() {
    const auto mails = snapshot().accounts.mails;
    EXPECT_EQ(mails.size(), 1u);
    return mails.empty() ? domain::OutboxMail{} : mails.begin()->second;
  }
  // One delivery pass in this process through the relay on `port`.
  int deliver(int port, long reply_timeout_seconds = 600) {
    SmtpConfig smtp;
    smtp.url = "smtp://127.0.0.1:" + std::to_string(port);
    smtp.reply_timeout_seconds = reply_timeout_seconds;
    DeliveryConfig c;
    c.background = false;
    MailDelivery delivery(*store_, *processor_, service_->vault(), clock_,
                          make_smtp_transport(smtp), c);
    return delivery.deliver_due();
  }
  // Closes the store, runs a sender in its own process against `sink` until
  // the sink stalls, and kills it there; then opens the store again.
  void kill_sender_at_the_stall(const Sink& sink) {
    close();
    hoyo::testing::ChildProcess sender({MAIL_SEND_CHILD, dir_, std::to_string(sink.port())},
                                       sinks_.path() + "/sender.log");
    ASSERT_TRUE(hoyo::testing::eventually([&] { return sink.stalled(); }, 30s))
        << "the sender never reached the stall: " << sender.log_tail();
    ASSERT_TRUE(sender.kill9()) << "the sender ended by itself: " << sender.exit_description()
                                << "\n"
                                << sender.log_tail();
    open();
  }
};

TEST_F(MailCrash, AMailTheRelayTookBeforeTheSenderWasKilledIsNotSentAgain) {
  register_resident();  // queues the approval mail
  Sink lost(sinks_.path(), "lost", "data");
  kill_sender_at_the_stall(lost);
  ASSERT_EQ(lost.messages(), 1);  // the relay has it; the sender never heard

  Sink after(sinks_.path(), "after", "none");
  deliver(after.port());
  EXPECT_EQ(after.messages(), 1) << "sent again after the restart";  // the same Maildir: still one
  const domain::OutboxMail m = only_mail();
  EXPECT_EQ(m.status, domain::MailStatus::kFailed);  // for good, saying why
  EXPECT_NE(whole_log().find("may have arrived"), std::string::npos);
  EXPECT_EQ(deliver(after.port()), 0);
  EXPECT_EQ(after.messages(), 1);
}

TEST_F(MailCrash, AMailKilledBeforeItsEndIsSentOnceAfterTheRestart) {
  register_resident();
  Sink early(sinks_.path(), "early", "rcpt");
  kill_sender_at_the_stall(early);
  ASSERT_EQ(early.messages(), 0);

  Sink after(sinks_.path(), "after", "none");
  EXPECT_EQ(deliver(after.port()), 1);
  EXPECT_EQ(after.messages(), 1);
  EXPECT_EQ(only_mail().status, domain::MailStatus::kSent);
  EXPECT_EQ(deliver(after.port()), 0);
  EXPECT_EQ(after.messages(), 1);
}

TEST_F(MailCrash, ARelayThatNeverAnswersTheEndIsNotAskedAgain) {
  register_resident();
  Sink silent(sinks_.path(), "silent", "data");
  EXPECT_EQ(deliver(silent.port(), 5), 1);  // gives up waiting for a reply after 5 s
  EXPECT_EQ(silent.messages(), 1);
  const domain::OutboxMail m = only_mail();
  EXPECT_EQ(m.status, domain::MailStatus::kFailed);  // for good, saying why
  EXPECT_NE(whole_log().find("may have arrived"), std::string::npos);

  Sink after(sinks_.path(), "after", "none");
  EXPECT_EQ(deliver(after.port()), 0);
  EXPECT_EQ(after.messages(), 1);
}

// Notices go through the same outbox: a sender killed in the middle of a run
// of notice mails (four receipts) sends none of them twice. The two
// the relay took are not sent again, the one it took as the sender was killed
// is failed for good ("it may have arrived"), and the fourth is sent once.
class NoticeMailCrash : public MailCrash {
 protected:
  std::string only_approval_;
};

TEST_F(NoticeMailCrash, NoticeMailsKilledInTheMiddleOfARunAreEachSentOnce) {
  const std::string user = register_resident();
  Sink first(sinks_.path(), "approval", "none");
  ASSERT_EQ(deliver(first.port()), 1);  // the approval mail, out of the way
  only_approval_ = only_mail().mail.id;
  domain::Facility f;
  f.id = "seaside";
  f.name = "海の家";
  f.name_en = "Seaside Lodge";
  f.room_types = {{domain::RoomStyle::kStandard, 4, 4}};
  auto put = processor_->submit({domain::Actor::op("alice"), domain::RegisterFacility{f}}).get();
  ASSERT_TRUE(put.ok()) << put.error().message;
  const domain::Date first_night = domain::tokyo_date(clock_.now()).plus_days(20);
  // Two bookings (the most a user may hold), a change and a cancellation:
  // four receipts, each with its mail.
  std::set<std::string> notices;
  std::vector<std::string> numbers;
  auto decided = [&](domain::Command c) {
    auto r = processor_->submit(std::move(c)).get();
    ASSERT_TRUE(r.ok()) << r.error().message;
    for (const auto& e : r->events) {
      if (const auto* b = std::get_if<domain::ReservationBooked>(&e)) {
        numbers.push_back(b->reservation.number);
      }
      if (const auto* n = std::get_if<domain::NoticeIssued>(&e)) {
        ASSERT_FALSE(n->mail.empty());
        notices.insert(n->mail);
      }
    }
  };
  for (int i = 0; i < 2; ++i) {
    decided(
        {domain::Actor::user(user),
         domain::BookRoom{
             user, "seaside", first_night.plus_days(2 * i), 1, {2}, domain::StyleWish::kAny, {}}});
  }
  ASSERT_EQ(numbers.size(), 2u);
  domain::ChangeReservation change;
  change.user = user;
  change.number = numbers[0];
  change.people = std::vector<int>{3};
  decided({domain::Actor::user(user), change});
  decided({domain::Actor::user(user), domain::CancelReservations{user, {numbers[1]}, {}}});
  ASSERT_EQ(notices.size(), 4u);

  Sink middle(sinks_.path(), "middle", "data", 2);
  kill_sender_at_the_stall(middle);
  ASSERT_EQ(middle.messages(), 1 + 3);  // the approval, two receipts, the third as killed

  Sink after(sinks_.path(), "after", "none");
  // The fourth is sent; the third is recorded as failed without an attempt.
  EXPECT_EQ(deliver(after.port()), 1);
  EXPECT_EQ(deliver(after.port()), 0);
  std::vector<std::string> sent = after.message_ids();  // the same Maildir
  std::sort(sent.begin(), sent.end());
  std::vector<std::string> expected(notices.begin(), notices.end());
  expected.push_back(only_approval_);
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(sent, expected) << "a mail sent twice, or never";
  std::map<domain::MailStatus, int> by_status;
  for (const std::string& id : notices) {
    ++by_status[snapshot().accounts.mails.at(id).status];
  }
  EXPECT_EQ(by_status[domain::MailStatus::kSent], 3);
  EXPECT_EQ(by_status[domain::MailStatus::kFailed], 1);
  EXPECT_NE(whole_log().find("may have arrived"), std::string::npos);
}

// An erasure whose removal of the .eml files never ran (a crash between the
// erasure and its hook) is completed by the next start's first pass.
TEST_F(MailCrash, TheNextStartRemovesTheMailFilesOfAnErasureThatDidNotFinish) {
  const std::string number = register_resident();
  const std::string mail_dir = sinks_.path() + "/eml";
  DeliveryConfig c;
  c.background = false;
  {
    MailDelivery delivery(*store_, *processor_, service_->vault(), clock_,
                          make_eml_transport(mail_dir), c);
    ASSERT_EQ(delivery.deliver_due(), 1);
  }
  ASSERT_FALSE(std::filesystem::is_empty(mail_dir));
  // No delivery registered the erasure hook here, as after a crash.
  ASSERT_TRUE(service_->erase(domain::Actor::op("ops"), number, "", "request").ok());
  ASSERT_FALSE(std::filesystem::is_empty(mail_dir));
  MailDelivery restarted(*store_, *processor_, service_->vault(), clock_,
                         make_eml_transport(mail_dir), c);
  restarted.deliver_due();
  EXPECT_TRUE(std::filesystem::is_empty(mail_dir)) << "an erased user's mail file is still there";
}

}  // namespace
}  // namespace hoyo::accounts::testing
