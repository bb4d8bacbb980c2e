// hoyoctl's command line: --help on every command, the exit codes of bad
// usage, and the pieces its outputs are made of (progress lines, tables,
// event summaries).
#include "tools/hoyoctl_cli.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "hoyoctl_fixture.h"
#include "tools/event_summary.h"
#include "tools/progress.h"

namespace hoyo::tools::testing {
namespace {

TEST_F(HoyoctlTest, EveryCommandHasHelpAndExitsZero) {
  for (const char* command : {"verify", "head", "history", "replay", "export", "redraw", "rebuild",
                              "operator", "demo-data"}) {
    auto r = bare({command, "--help"});
    EXPECT_EQ(r.status, 0) << command << r.err;
    EXPECT_NE(r.out.find(std::string("usage: hoyoctl")), std::string::npos) << command;
    EXPECT_NE(r.out.find("--help"), std::string::npos) << command;
  }
  auto top = bare({"--help"});
  EXPECT_EQ(top.status, 0);
  EXPECT_NE(top.out.find("replay --at POSITION|TIME"), std::string::npos) << top.out;
}

TEST_F(HoyoctlTest, BadUsageExitsTwo) {
  EXPECT_EQ(bare({}).status, 2);
  EXPECT_EQ(run({"frobnicate"}).status, 2);
  EXPECT_EQ(run({"verify", "--frobnicate"}).status, 2);
  EXPECT_EQ(run({"verify", "--from", "x"}).status, 2);
  EXPECT_EQ(run({"verify", "--from", "0"}).status, 2);
  EXPECT_EQ(run({"verify", "--format", "xml"}).status, 2);
  EXPECT_EQ(bare({"verify"}).status, 2) << "no --data-dir";
  EXPECT_EQ(run({"history", "user"}).status, 2) << "no id";
  EXPECT_EQ(run({"history", "planet", "1"}).status, 2);
  EXPECT_EQ(run({"replay", "user", "1"}).status, 2) << "no --at";
  EXPECT_EQ(run({"replay", "--at", "yesterday", "user", "1"}).status, 2);
  EXPECT_EQ(run({"replay", "--at", "3", "vacancy", "seaside", "2027-13"}).status, 2);
  EXPECT_EQ(run({"export", "guests"}).status, 2);
  EXPECT_EQ(run({"export", "events", "--format", "table"}).status, 2);
  EXPECT_EQ(run({"export", "events", "--format", "jsonl", "--bom"}).status, 2);
  EXPECT_EQ(run({"export", "reservations", "--from", "2027-02-30"}).status, 2);
  EXPECT_EQ(run({"export", "reservations", "--from", "2027-01-01", "--to", "2028-06-01"}).status,
            2);
  EXPECT_EQ(run({"export", "events", "--from", "-3"}).status, 2);
  EXPECT_EQ(run({"rebuild", "nonsense"}).status, 2);
  EXPECT_EQ(run({"operator", "add", "--login", "kato"}).status, 2) << "no role";
  EXPECT_EQ(run({"head", "--server", "http://127.0.0.1:1", "--staff", "a"}).status, 2)
      << "head is for a data directory";
  EXPECT_EQ(run({"--lang", "fr", "head"}).status, 2);
  auto both = run({"history", "user", "1", "--server", "http://127.0.0.1:1", "--staff", "a"});
  EXPECT_EQ(both.status, 2) << "--data-dir and --server together";
}

TEST_F(HoyoctlTest, ACommandOnAMissingDataDirectoryFailsWithoutMakingOne) {
  auto r = bare({"--data-dir", tmp_.path() + "/nowhere", "verify"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "hoyoctl: There is no data directory at " + tmp_.path() + "/nowhere.\n");
  auto ja = bare({"--lang", "ja", "--data-dir", tmp_.path() + "/nowhere", "head"});
  EXPECT_EQ(ja.err, "hoyoctl: " + tmp_.path() + "/nowhere にデータディレクトリがありません。\n");
}

TEST(HoyoctlProgress, PlainLinesSayEventsPerSecondAndTimeLeft) {
  EXPECT_EQ(Progress::line("verify", 4096, 10000, 2.0),
            "verify: 4096/10000 events, 2048 events/s, ETA 3 s");
  EXPECT_EQ(Progress::line("export", 10, 0, 1.0), "export: 10 events, 10 events/s");
  std::ostringstream plain;
  Progress p("rebuild", plain, false);
  p.update(5, 10);  // within the first second: not written yet
  p.update(10, 10);
  p.finish();  // the last state, once
  const std::string lines = plain.str();
  EXPECT_EQ(lines.rfind("rebuild: 10/10 events, ", 0), 0u) << lines;
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 1);
  std::ostringstream bar;
  Progress t("verify", bar, true);
  t.update(15, 30);
  t.finish();
  EXPECT_EQ(bar.str().rfind("\r[###############...............] verify: 15/30 events", 0), 0u)
      << bar.str();
  EXPECT_EQ(bar.str().back(), '\n');
}

TEST(HoyoctlTable, AlignsColumnsCountingWideCharactersTwice) {
  Table t;
  t.add({"ID", "NAME", "X"});
  t.add({"1", "海の家", "y"});
  EXPECT_EQ(t.str(), "ID  NAME    X\n1   海の家  y\n");
}

TEST(HoyoctlSummary, FlattensTheEventsData) {
  const auto line =
      boost::json::parse(R"({"position":3,"type":"ReservationBooked","data":{"reservation":)"
                         R"({"number":"R1","people":[2,1],"application":null},"tags":[]}})")
          .as_object();
  EXPECT_EQ(event_summary(line), "ReservationBooked: number=R1 people=2,1 application=-");
}

}  // namespace
}  // namespace hoyo::tools::testing
