// `hoyoctl --data-dir DIR redraw ID` on a real data directory: identical after
// an honest draw (exit 0), the first difference after a forged one (exit 1),
// and exit 2 for a lottery that was never drawn.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <utility>

#include "domain/event_codec.h"
#include "processor/log_audit.h"
#include "processor_fixture.h"
#include "temp_dir.h"

namespace hoyo::processor {
namespace {

using namespace testing;

struct CommandResult {
  int exit_code;
  std::string output;
};

CommandResult run_hoyoctl(const std::string& args) {
  const std::string command = std::string(HOYOCTL) + " " + args + " 2>&1";
  FILE* p = popen(command.c_str(), "r");
  std::string out;
  char buf[512];
  while (p && fgets(buf, sizeof buf, p)) out += buf;
  const int status = p ? pclose(p) : -1;
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

TEST(HoyoctlRedraw, IdenticalAfterAnHonestDrawDifferentAfterAForgedOne) {
  const ::hoyo::testing::TempDir tmp;
  const std::string dir = tmp.path();
  domain::LotteryDrawn drawn;
  {
    auto store = std::move(eventstore::EventStore::open(dir + "/events")).value();
    SettableClock clock(kOpen);
    auto proc = std::move(CommandProcessor::open(*store, clock)).value();
    ASSERT_TRUE(proc->submit({domain::Actor::op("alice"), domain::RegisterFacility{seaside(1)}})
                    .get()
                    .ok());
    const domain::LotteryPeriod p = march_lottery("secret");
    ASSERT_TRUE(proc->submit({domain::Actor::op("alice"), domain::OpenLottery{p}}).get().ok());
    ASSERT_TRUE(proc->submit(add_auditor()).get().ok());
    ASSERT_TRUE(proc->submit(commit_auditor(p.id)).get().ok());
    clock.set(p.opens_at);
    for (const char* user : {"1", "2", "3"}) {
      ASSERT_TRUE(
          proc->submit({domain::Actor::user(user), domain::ApplyToLottery{user,
                                                                          p.id,
                                                                          "seaside",
                                                                          p.stay_month,
                                                                          1,
                                                                          {2},
                                                                          domain::StyleWish::kAny,
                                                                          1,
                                                                          {}}})
              .get()
              .ok());
    }
    clock.set(p.closes_at);
    ASSERT_TRUE(proc->submit(reveal_auditor(p.id)).get().ok());
    auto r =
        proc->submit({domain::Actor::op("alice"), domain::DrawLottery{p.id, "secret", {}}}).get();
    ASSERT_TRUE(r.ok()) << r.error().message;
    drawn = std::get<domain::LotteryDrawn>(r->events.at(0));
  }
  // (hoyoctl needs the data directory to itself: RocksDB locks it.)
  EXPECT_EQ(run_hoyoctl("--data-dir " + dir + " redraw 2099-01").exit_code, 2) << "never drawn";
  CommandResult honest = run_hoyoctl("--data-dir " + dir + " redraw 2027-03");
  EXPECT_EQ(honest.exit_code, 0) << honest.output;
  EXPECT_NE(honest.output.find("identical"), std::string::npos) << honest.output;

  {
    // Someone with write access to the log rewrites the outcome.
    auto store = std::move(eventstore::EventStore::open(dir + "/events")).value();
    drawn.wins[0].application = "forged";
    const domain::EncodedEvent enc = domain::encode_event(drawn);
    eventstore::NewEvent ne;
    ne.id = eventstore::time_ordered_event_id(kOpen + 7200 * domain::kMicrosPerSecond, 5);
    ne.type = enc.type;
    ne.payload = enc.payload;
    ne.actor = "operator:mallory";
    ASSERT_TRUE(store->append({"lottery-2027-03", eventstore::ExpectedVersion::any(), {ne}}).ok());
  }
  CommandResult forged = run_hoyoctl("--data-dir " + dir + " redraw 2027-03");
  EXPECT_EQ(forged.exit_code, 1) << forged.output;
  EXPECT_NE(forged.output.find("DIFFERENT"), std::string::npos) << forged.output;
}

// A log that holds a period opened under the one-party rule (stored before
// the rule was recorded, so read as rule 1) and one under the two-party rule:
// each draws and redraws under its own rule, and the whole-log audit agrees.
TEST(HoyoctlRedraw, EachPeriodIsRedrawnUnderItsOwnRule) {
  const ::hoyo::testing::TempDir tmp;
  const std::string dir = tmp.path();
  std::array<std::uint8_t, 32> legacy_chain{};
  domain::LotteryDrawn legacy_drawn, two_party_drawn;
  {
    auto store = std::move(eventstore::EventStore::open(dir + "/events")).value();
    SettableClock clock(kOpen);
    {
      auto proc = std::move(CommandProcessor::open(*store, clock)).value();
      ASSERT_TRUE(proc->submit({domain::Actor::op("alice"), domain::RegisterFacility{seaside(2)}})
                      .get()
                      .ok());
    }
    // February's period, as an older hoyod wrote it: no draw rule recorded.
    domain::LotteryPeriod feb = march_lottery("legacy secret");
    feb.id = "2027-02";
    feb.stay_month = domain::Date::from_ymd(2027, 2, 1);
    feb.draw_rule = domain::DrawRule::kOperatorOnly;
    feb.allotment = {{"seaside", feb.stay_month, domain::RoomStyle::kStandard, 1}};
    const domain::EncodedEvent enc = domain::encode_event(domain::LotteryOpened{feb});
    eventstore::NewEvent ne;
    ne.id = eventstore::time_ordered_event_id(kOpen, 9);
    ne.type = enc.type;
    ne.payload = enc.payload;
    ne.actor = "operator:alice";
    ne.recorded_at_us = kOpen;
    ASSERT_TRUE(store->append({"lottery-2027-02", eventstore::ExpectedVersion::any(), {ne}}).ok());

    auto proc = std::move(CommandProcessor::open(*store, clock)).value();
    auto submit = [&](domain::Command c) {
      auto r = proc->submit(std::move(c)).get();
      EXPECT_TRUE(r.ok()) << r.error().message;
      return r;
    };
    auto must = [&](domain::Command c) { (void)submit(std::move(c)); };
    const domain::LotteryPeriod mar = march_lottery("secret");
    must({domain::Actor::op("alice"), domain::OpenLottery{mar}});
    must(add_auditor());
    must(commit_auditor(mar.id));
    clock.set(mar.opens_at);
    for (const char* user : {"1", "2", "3"}) {
      for (const domain::LotteryPeriod* p : {&std::as_const(feb), &mar}) {
        must({domain::Actor::user(user),
              domain::ApplyToLottery{
                  user, p->id, "seaside", p->stay_month, 1, {2}, domain::StyleWish::kAny, 1, {}}});
      }
    }
    legacy_chain = store->head_hash();
    clock.set(mar.closes_at);
    // The legacy period needs no auditor; the other waits for the reveal.
    auto feb_drawn =
        submit({domain::Actor::op("alice"), domain::DrawLottery{feb.id, "legacy secret", {}}});
    ASSERT_TRUE(feb_drawn.ok());
    legacy_drawn = std::get<domain::LotteryDrawn>(feb_drawn->events.at(0));
    must(reveal_auditor(mar.id));
    auto mar_drawn =
        submit({domain::Actor::op("alice"), domain::DrawLottery{mar.id, "secret", {}}});
    ASSERT_TRUE(mar_drawn.ok());
    two_party_drawn = std::get<domain::LotteryDrawn>(mar_drawn->events.at(0));
  }
  EXPECT_EQ(legacy_drawn.seed, domain::draw_seed("legacy secret", legacy_chain));
  EXPECT_EQ(two_party_drawn.seed, domain::draw_seed("secret", kAuditorSecret, legacy_chain));
  for (const char* id : {"2027-02", "2027-03"}) {
    CommandResult r = run_hoyoctl("--data-dir " + dir + " redraw " + id);
    EXPECT_EQ(r.exit_code, 0) << id << ": " << r.output;
    EXPECT_NE(r.output.find("identical"), std::string::npos) << r.output;
  }
  {
    auto store = std::move(eventstore::EventStore::open(dir + "/events")).value();
    const LogAuditReport audit = audit_log(*store);
    EXPECT_TRUE(audit.ok) << audit.first_fault;
    EXPECT_EQ(audit.draws.size(), 2u);
  }
}

}  // namespace
}  // namespace hoyo::processor
