// `hoyoctl --data-dir DIR redraw ID` on a real data directory: identical after
// an honest draw (exit 0), the first difference after a forged one (exit 1),
// and exit 2 for a lottery that was never drawn.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>

#include "domain/event_codec.h"
#include "processor_fixture.h"

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
  char pattern[] = "/tmp/hoyo-redraw-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string dir = pattern;
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
    ASSERT_TRUE(
        store->append({"lottery-2027-03", eventstore::ExpectedVersion::any(), {ne}}).is_ok());
  }
  CommandResult forged = run_hoyoctl("--data-dir " + dir + " redraw 2027-03");
  EXPECT_EQ(forged.exit_code, 1) << forged.output;
  EXPECT_NE(forged.output.find("DIFFERENT"), std::string::npos) << forged.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace hoyo::processor
