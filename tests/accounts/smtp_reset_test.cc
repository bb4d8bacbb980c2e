// M11 end to end over a real SMTP conversation: a local sink (Debian's
// python3-aiosmtpd) receives the reset mail; the test follows its link, sets a
// new password and logs in with it. A notice (a booking receipt) goes out
// through the same sink once, in the user's language, across a restart.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "account_fixture.h"
#include "accounts/mail_delivery.h"
#include "eventually.h"
#include "mail_capture.h"

namespace hoyo::accounts::testing {
namespace {

int free_port() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  close(fd);
  return ntohs(a.sin_port);
}

bool accepts(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(fd);
  return ok;
}

// Every message file the sink has written.
std::vector<std::string> maildir_messages(const std::string& dir) {
  std::vector<std::string> out;
  if (!std::filesystem::exists(dir + "/new")) return out;
  for (const auto& f : std::filesystem::directory_iterator(dir + "/new")) {
    std::ifstream in(f.path(), std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  return out;
}

class SmtpReset : public AccountTest {
 protected:
  void SetUp() override {
    AccountTest::SetUp();
    maildir_ = dir_ + "/sink";
    port_ = free_port();
    sink_ = fork();
    if (sink_ == 0) {
      const std::string listen = "127.0.0.1:" + std::to_string(port_);
      execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
            "aiosmtpd.handlers.Mailbox", maildir_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    ASSERT_TRUE(hoyo::testing::eventually([&] { return accepts(port_); }))
        << "the SMTP sink did not start (is python3-aiosmtpd installed?)";
  }
  void TearDown() override {
    if (sink_ > 0) {
      kill(sink_, SIGTERM);
      waitpid(sink_, nullptr, 0);
    }
    AccountTest::TearDown();
  }
  std::string maildir_;
  int port_ = 0;
  pid_t sink_ = -1;
};

TEST_F(SmtpReset, TheResetMailArrivesOverSmtpAndItsLinkSetsANewPassword) {
  const std::string number = register_resident();
  SmtpConfig smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(port_);
  DeliveryConfig c;
  c.background = false;
  MailDelivery delivery(*store_, *processor_, service_->vault(), clock_, make_smtp_transport(smtp),
                        c);
  EXPECT_EQ(delivery.deliver_due(), 1);  // the approval mail
  service_->request_reset(number, "hanako@example.jp");
  service_->drain_resets();
  EXPECT_EQ(delivery.deliver_due(), 1);  // the reset mail

  std::string token;
  int arrived = 0;
  for (const std::string& m : maildir_messages(maildir_)) {
    ++arrived;
    EXPECT_NE(m.find("To: hanako@example.jp"), std::string::npos);
    if (std::string t = reset_token(mail_body(m)); !t.empty()) token = t;
  }
  EXPECT_EQ(arrived, 2);
  ASSERT_EQ(token.size(), 64u);
  // Both mails are recorded as sent.
  int sent = 0;
  for (const auto& [id, m] : snapshot().accounts.mails)
    sent += m.status == domain::MailStatus::kSent;
  EXPECT_EQ(sent, 2);

  ASSERT_TRUE(service_->complete_reset(token, "shiba-koen-2026", "shiba-koen-2026").ok());
  auto login = service_->login(number, "shiba-koen-2026", "a");
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(login->name, "港 花子");
}

TEST_F(SmtpReset, ANoticeIsMailedOnceInTheUsersLanguageAcrossARestart) {
  const std::string number = register_resident();
  auto run = [&](domain::Actor a, domain::CommandBody b) {
    return processor_->submit({std::move(a), std::move(b)}).get();
  };
  ASSERT_TRUE(
      run(domain::Actor::user(number), domain::SetPreferences{number, domain::Language::kEn, true})
          .ok());
  domain::Facility f;
  f.id = "seaside";
  f.name = "海の家";
  f.name_en = "Seaside Lodge";
  f.room_types = {{domain::RoomStyle::kStandard, 2, 4}};
  ASSERT_TRUE(run(domain::Actor::op("ops"), domain::RegisterFacility{f}).ok());
  auto booked =
      run(domain::Actor::user(number), domain::BookRoom{number,
                                                        "seaside",
                                                        domain::Date::from_ymd(2027, 1, 10),
                                                        1,
                                                        {2},
                                                        domain::StyleWish::kAny,
                                                        {}});
  ASSERT_TRUE(booked.ok()) << booked.error().message;
  SmtpConfig smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(port_);
  DeliveryConfig c;
  c.background = false;
  {
    MailDelivery delivery(*store_, *processor_, service_->vault(), clock_,
                          make_smtp_transport(smtp), c);
    EXPECT_EQ(delivery.deliver_due(), 2);  // the approval mail and the receipt
    EXPECT_EQ(delivery.deliver_due(), 0);
  }
  close();
  open();
  {
    MailDelivery delivery(*store_, *processor_, service_->vault(), clock_,
                          make_smtp_transport(smtp), c);
    EXPECT_EQ(delivery.deliver_due(), 0);  // sent before the restart: never again
  }
  int receipts = 0;
  for (const std::string& m : maildir_messages(maildir_)) {
    const std::string body = mail_body(m);
    if (body.find("Your booking has been made") == std::string::npos) continue;
    ++receipts;
    EXPECT_EQ(body.rfind("Dear 港 花子,", 0), 0u) << body;
    EXPECT_NE(body.find("Seaside Lodge"), std::string::npos) << body;
    EXPECT_NE(body.find("Minato City Resort Facility Reservations"), std::string::npos);
  }
  EXPECT_EQ(receipts, 1);
  // A copy: snapshot() is a temporary, gone at the end of this statement.
  const auto mail = snapshot().accounts.mails.at(
      "notice-booked-" +
      std::get<domain::ReservationBooked>(booked->events.at(0)).reservation.number);
  EXPECT_EQ(mail.status, domain::MailStatus::kSent);
  EXPECT_TRUE(mail.body.empty());  // the text is not kept once sent
}

TEST_F(SmtpReset, AnUnreachableRelayIsRecordedAsAFailedAttempt) {
  register_resident();
  SmtpConfig smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(free_port());  // nobody listens
  smtp.timeout_seconds = 5;
  DeliveryConfig c;
  c.background = false;
  MailDelivery delivery(*store_, *processor_, service_->vault(), clock_, make_smtp_transport(smtp),
                        c);
  EXPECT_EQ(delivery.deliver_due(), 1);
  const auto mails = snapshot().accounts.mails;
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails.begin()->second.attempts, 1);
  EXPECT_EQ(mails.begin()->second.status, domain::MailStatus::kQueued);  // it will be retried
}

// Reset links and activation codes never cross the network in the clear:
// credentials or a relay off this machine require TLS.
TEST(SmtpTls, RequiredWithCredentialsOrARemoteRelay) {
  EXPECT_FALSE(smtp_requires_tls({"smtp://127.0.0.1:25", "", "", 30}));
  EXPECT_FALSE(smtp_requires_tls({"smtp://localhost", "", "", 30}));
  EXPECT_FALSE(smtp_requires_tls({"smtp://[::1]:2525", "", "", 30}));
  EXPECT_TRUE(smtp_requires_tls({"smtp://relay.example.jp:587", "", "", 30}));
  EXPECT_TRUE(smtp_requires_tls({"smtp://10.0.0.5:25", "", "", 30}));
  EXPECT_TRUE(smtp_requires_tls({"smtp://127.0.0.1:25", "hoyo", "secret", 30}));
  EXPECT_TRUE(smtp_requires_tls({"smtp://hoyo:secret@127.0.0.1:25", "", "", 30}));
  // A name that merely starts like a loopback address is not one.
  EXPECT_TRUE(smtp_requires_tls({"smtp://127.0.0.1.evil.example:25", "", "", 30}));
  EXPECT_FALSE(smtp_requires_tls({"smtp://127.1.2.3", "", "", 30}));
}

// A relay that does not offer STARTTLS gets nothing when credentials are
// configured: the sink on loopback here offers none.
TEST_F(SmtpReset, CredentialsWithoutStarttlsSendNothing) {
  register_resident();
  SmtpConfig smtp;
  smtp.url = "smtp://127.0.0.1:" + std::to_string(port_);
  smtp.username = "hoyo";
  smtp.password = "relay-secret";
  DeliveryConfig c;
  c.background = false;
  MailDelivery delivery(*store_, *processor_, service_->vault(), clock_, make_smtp_transport(smtp),
                        c);
  EXPECT_EQ(delivery.deliver_due(), 1);
  EXPECT_TRUE(maildir_messages(maildir_).empty());  // nothing arrived in the clear
  const auto mails = snapshot().accounts.mails;
  ASSERT_EQ(mails.size(), 1u);
  EXPECT_EQ(mails.begin()->second.status, domain::MailStatus::kQueued);  // retried later
  EXPECT_EQ(mails.begin()->second.attempts, 1);
  // It is TLS that was refused, not the login.
  auto transport = make_smtp_transport(smtp);
  const base::Status sent =
      transport->send("noreply@hoyo.localhost", "x@example.jp", "Subject: t\r\n\r\nt\r\n", "t1");
  ASSERT_FALSE(sent.ok());
  EXPECT_NE(sent.to_string().find("STARTTLS"), std::string::npos) << sent.to_string();
  // The same relay without credentials (a local MTA) takes the mail.
  smtp.username.clear();
  smtp.password.clear();
  EXPECT_TRUE(make_smtp_transport(smtp)
                  ->send("noreply@hoyo.localhost", "x@example.jp", "Subject: t\r\n\r\nt\r\n", "t2")
                  .ok());
}

}  // namespace
}  // namespace hoyo::accounts::testing
