// hoyoctl history of the kinds hoyoctl_history_test.cc leaves out: a
// lottery, a registration and an operator, on the fixture's directory (a
// registration added to it here), as a table and as JSON; a malformed id is
// bad usage and an unknown one an empty history.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <sstream>

#include "eventstore/event_store.h"
#include "hoyoctl_fixture.h"
#include "processor/clock.h"
#include "processor/command_processor.h"

namespace hoyo::tools::testing {
namespace {

namespace json = boost::json;
using namespace hoyo::processor::testing;

// The position, type and actor of each line of a JSON history.
std::vector<std::string> lines_of(const std::string& out) {
  std::vector<std::string> lines;
  const json::value all = json::parse(out);
  for (const json::value& l : all.as_array()) {
    lines.push_back(
        json::serialize(l.at("position")) + " " + std::string(l.at("type").as_string()) + " " +
        std::string(l.at("actor").as_string()) + " " + std::string(l.at("at").as_string()));
  }
  return lines;
}

// Each row of a history table up to its event's type (the summary of a
// LotteryOpened runs over a whole month's allotment).
std::vector<std::string> rows_of(const std::string& table) {
  std::vector<std::string> rows;
  const std::size_t event = table.find("EVENT");
  std::istringstream in(table);
  for (std::string line; std::getline(in, line);)
    rows.push_back(line.substr(0, line.find(':', event)));
  return rows;
}

class HistoryKinds : public HoyoctlTest {
 protected:
  // A resident's registration, approved at once (positions 11 and 12).
  void add_registration() {
    auto store = std::move(eventstore::EventStore::open(dir_ + "/events")).value();
    processor::SettableClock clock(kOpen + 3600 * domain::kMicrosPerSecond);
    auto proc = std::move(processor::CommandProcessor::open(*store, clock)).value();
    domain::SubmitRegistration r;
    r.registration.id = "reg-1";
    r.registration.channel = domain::Channel::kOnline;
    r.registration.key_id = "key-reg-1";
    r.registration.sealed = "sealed";
    r.registration.email_given = true;
    r.mail_id = "approval-reg-1";
    auto done = proc->submit({domain::Actor::system(), r}).get();
    ASSERT_TRUE(done.ok()) << done.error().to_string();
  }
};

TEST_F(HistoryKinds, ALotterysHistoryListsItsPeriodCommitmentAndApplications) {
  const auto table = run({"history", "lottery", "2027-03"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_EQ(rows_of(table.out),
            (std::vector<std::string>{
                "POSITION  TIME                       ACTOR            EVENT",
                "2         2026-12-01T09:00:00+09:00  operator:alice   LotteryOpened",
                "5         2026-12-01T09:00:00+09:00  operator:audrey  LotteryAuditorCommitted",
                "8         2026-12-01T09:00:10+09:00  user:10000012    LotteryApplied",
                "9         2026-12-01T09:00:11+09:00  user:=1+2        LotteryApplied"}));
  const std::string tail = golden(table.out).substr(golden(table.out).find("\n5 "));
  EXPECT_EQ(tail,
            "\n5         2026-12-01T09:00:00+09:00  operator:audrey  LotteryAuditorCommitted: "
            "lottery=2027-03 seedHash=HASH at=2026-12-01T09:00:00+09:00\n"
            "8         2026-12-01T09:00:10+09:00  user:10000012    LotteryApplied: id=<APPLIED-1> "
            "lottery=2027-03 user=10000012 facility=seaside checkIn=2027-03-05 nights=1 people=2 "
            "wish=any preference=1\n"
            "9         2026-12-01T09:00:11+09:00  user:=1+2        LotteryApplied: id=<APPLIED-2> "
            "lottery=2027-03 user==1+2 facility=seaside checkIn=2027-03-05 nights=1 people=2 "
            "wish=any preference=1\n");
  const auto j = run({"history", "lottery", "2027-03", "--format", "json"});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_EQ(lines_of(j.out),
            (std::vector<std::string>{
                "2 LotteryOpened operator:alice 2026-12-01T09:00:00+09:00",
                "5 LotteryAuditorCommitted operator:audrey 2026-12-01T09:00:00+09:00",
                "8 LotteryApplied user:10000012 2026-12-01T09:00:10+09:00",
                "9 LotteryApplied user:=1+2 2026-12-01T09:00:11+09:00"}));
}

TEST_F(HistoryKinds, AnOperatorsHistoryListsWhatTheAccountDidAndHadDone) {
  // audrey was added (by the system) and then committed a seed herself.
  const auto table = run({"history", "operator", "audrey"});
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_EQ(golden(table.out),
            "POSITION  TIME                       ACTOR            EVENT\n"
            "3         2026-12-01T09:00:00+09:00  system           OperatorAdded: login=audrey "
            "role=auditor\n"
            "4         2026-12-01T09:00:00+09:00  system           PasswordSet: "
            "account=operator:audrey reason=initial at=2026-12-01T09:00:00+09:00\n"
            "5         2026-12-01T09:00:00+09:00  operator:audrey  LotteryAuditorCommitted: "
            "lottery=2027-03 seedHash=HASH at=2026-12-01T09:00:00+09:00\n");
  // alice (no account here) only acted: the facility and the lottery.
  const auto j = run({"history", "operator", "alice", "--format", "json"});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_EQ(lines_of(j.out), (std::vector<std::string>{
                                 "1 FacilityRegistered operator:alice 2026-12-01T09:00:00+09:00",
                                 "2 LotteryOpened operator:alice 2026-12-01T09:00:00+09:00"}));
}

TEST_F(HistoryKinds, ARegistrationsHistoryListsItsSubmissionAndApproval) {
  add_registration();
  const auto table = run({"history", "registration", "reg-1"});
  ASSERT_EQ(table.status, 0) << table.err;
  std::string text = table.out;
  const std::size_t number = text.find("userNumber=");  // issued at random
  ASSERT_NE(number, std::string::npos) << text;
  text.replace(number + 11, 8, "<N>");
  // No key sealed the test's personal data: it shows as erased.
  EXPECT_EQ(text,
            "POSITION  TIME                       ACTOR   EVENT\n"
            "11        2026-12-01T10:00:00+09:00  system  RegistrationSubmitted: id=reg-1 "
            "channel=online category=resident emailGiven=true proof= at=2026-12-01T10:00:00+09:00 "
            "personal=erased\n"
            "12        2026-12-01T10:00:00+09:00  system  RegistrationApproved: id=reg-1 "
            "userNumber=<N> automatic=true at=2026-12-01T10:00:00+09:00\n"
            "14        2026-12-01T10:00:00+09:00  system  MailQueued: id=approval-reg-1 "
            "registration=reg-1 kind=approved\n");
  const auto j = run({"history", "registration", "reg-1", "--format", "json"});
  ASSERT_EQ(j.status, 0) << j.err;
  EXPECT_EQ(lines_of(j.out),
            (std::vector<std::string>{"11 RegistrationSubmitted system 2026-12-01T10:00:00+09:00",
                                      "12 RegistrationApproved system 2026-12-01T10:00:00+09:00",
                                      "14 MailQueued system 2026-12-01T10:00:00+09:00"}));
}

TEST_F(HistoryKinds, AMalformedIdIsBadUsageAndAnUnknownOneAnEmptyHistory) {
  for (const std::string kind : {"lottery", "registration", "operator"}) {
    for (const std::string id : {std::string(), std::string("a/b"), std::string("a b"),
                                 std::string(65, 'x'), std::string("\x01"), std::string("抽選")}) {
      const auto r = run({"history", kind, id});
      EXPECT_EQ(r.status, 2) << kind << " '" << id << "'";
      EXPECT_EQ(r.out, "");
      EXPECT_NE(r.err.find("no " + kind + " has that id"), std::string::npos) << r.err;
    }
    const auto table = run({"history", kind, "nothing-here"});
    EXPECT_EQ(table.status, 0) << table.err;
    EXPECT_EQ(table.out, "POSITION  TIME  ACTOR  EVENT\n");
    const auto j = run({"history", kind, "nothing-here", "--format", "json"});
    EXPECT_EQ(j.status, 0) << j.err;
    EXPECT_EQ(j.out, "[]\n");
  }
}

}  // namespace
}  // namespace hoyo::tools::testing
