// The notices' fixture: three registered users (online with a mail address,
// online in English without reminders, postcard), an operator and a
// one-room facility; publish() runs the March lottery to its publication.
#pragma once

#include <tuple>
#include <vector>

#include "processor_fixture.h"

namespace hoyo::processor::testing {

// A resident's registration, approved at once (the writer issues the number).
inline domain::Command registration(const std::string& id, bool postcard) {
  domain::SubmitRegistration r;
  r.registration.id = id;
  r.registration.channel = postcard ? domain::Channel::kPostcard : domain::Channel::kOnline;
  r.registration.key_id = "key-" + id;
  r.registration.sealed = "sealed";
  r.registration.email_given = !postcard;
  r.registration.identity[0] = static_cast<std::uint8_t>(id.back());
  r.mail_id = postcard ? "" : "approval-" + id;
  return {postcard ? domain::Actor::op("alice") : domain::Actor::system(), r};
}

inline std::vector<domain::NoticeIssued> notices(const std::vector<domain::Event>& events) {
  std::vector<domain::NoticeIssued> out;
  for (const auto& e : events) {
    if (const auto* n = std::get_if<domain::NoticeIssued>(&e)) out.push_back(*n);
  }
  return out;
}

inline std::vector<domain::MailQueued> notice_mails(const std::vector<domain::Event>& events) {
  std::vector<domain::MailQueued> out;
  for (const auto& e : events) {
    if (const auto* m = std::get_if<domain::MailQueued>(&e)) out.push_back(*m);
  }
  return out;
}

class NoticeTest : public ProcessorTest {
 protected:
  void SetUp() override {
    ProcessorTest::SetUp();
    ASSERT_TRUE(run({domain::Actor::system(), domain::AddOperator{"alice", {}}}).ok());
    for (auto [id, number, postcard] :
         {std::tuple{"r1", &hanako_, false}, {"r2", &taro_, false}, {"r3", &postcard_, true}}) {
      auto r = run(registration(id, postcard));
      ASSERT_TRUE(r.ok()) << r.error().message;
      *number = std::get<domain::RegistrationApproved>(r->events.at(1)).user_number;
    }
    auto en = run(
        {domain::Actor::user(taro_), domain::SetPreferences{taro_, domain::Language::kEn, false}});
    ASSERT_TRUE(en.ok()) << en.error().message;
    register_seaside(1);
  }

  std::string hanako_;    // online, with a mail address
  std::string taro_;      // online, chose English
  std::string postcard_;  // postcard, no mail address

  // Opens, fills, draws and publishes the March lottery (one room; every
  // registered user and an unregistered "9" apply, or `applicants`); the publication's events
  // and, with `tell`, those of the scheduler's commands that follow it (the
  // result notices).
  // `applicants`: those who apply instead of everyone.
  std::vector<domain::Event> publish(bool tell = true, std::vector<std::string> applicants = {}) {
    const domain::LotteryPeriod p = march_lottery("s3cret");
    open_with_commitments(p);
    if (applicants.empty()) applicants = {hanako_, taro_, postcard_, std::string("9")};
    for (const std::string& user : applicants) apply_as(user, p);
    clock_.set(p.closes_at);
    EXPECT_TRUE(run(reveal_auditor(p.id)).ok());
    EXPECT_TRUE(run({domain::Actor::op("alice"), domain::DrawLottery{p.id, "s3cret", {}}}).ok());
    clock_.set(p.publish_at);
    auto published = run({domain::Actor::op("alice"), domain::PublishLottery{p.id, {}}});
    EXPECT_TRUE(published.ok()) << published.error().message;
    if (!published.ok()) return {};
    std::vector<domain::Event> events = published->events;
    if (!tell) return events;
    for (domain::Event& e : run_scheduled()) events.push_back(std::move(e));
    return events;
  }
};

}  // namespace hoyo::processor::testing
