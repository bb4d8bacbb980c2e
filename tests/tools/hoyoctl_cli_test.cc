// hoyoctl's command line: --help on every command, the exit codes of bad
// usage, and the pieces its outputs are made of (tables, event summaries;
// progress lines in progress_test.cc).
#include "tools/hoyoctl_cli.h"

#include <gtest/gtest.h>

#include "hoyoctl_fixture.h"
#include "tools/event_summary.h"

namespace hoyo::tools::testing {
namespace {

TEST_F(HoyoctlTest, EveryCommandHasHelpAndExitsZero) {
  for (const char* command : {"verify", "head", "history", "replay", "export", "redraw", "rebuild",
                              "operator", "demo-data", "backup", "restore", "leave-cluster"}) {
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
  EXPECT_EQ(run({"backup"}).status, 2) << "no DEST";
  EXPECT_EQ(bare({"backup", tmp_.path() + "/b", "--server", "http://127.0.0.1:1"}).status, 2)
      << "no --staff";
  EXPECT_EQ(
      bare({"backup", tmp_.path() + "/b", "--server", "http://127.0.0.1:1", "--login", "a"}).status,
      2)
      << "--login is --staff";
  EXPECT_EQ(run({"backup", tmp_.path() + "/b", "--format", "csv"}).status, 2);
  EXPECT_EQ(bare({"restore", tmp_.path() + "/b"}).status, 2) << "no DIR";
  EXPECT_EQ(run({"restore", tmp_.path() + "/b", tmp_.path() + "/r"}).status, 2)
      << "restore takes its directories as arguments";
  EXPECT_EQ(bare({"leave-cluster"}).status, 2) << "no DIR";
  EXPECT_EQ(bare({"leave-cluster", dir_, "--format", "csv"}).status, 2);
  EXPECT_EQ(bare({"leave-cluster", tmp_.path() + "/nowhere"}).status, 1) << "no data directory";
  auto both = run({"history", "user", "1", "--server", "http://127.0.0.1:1", "--staff", "a"});
  EXPECT_EQ(both.status, 2) << "--data-dir and --server together";
}

TEST_F(HoyoctlTest, BackupOfAStoppedDirectoryPrintsItsManifestAsJson) {
  auto r = run({"backup", tmp_.path() + "/copy", "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const auto v = boost::json::parse(r.out).as_object();
  EXPECT_EQ(v.at("position").as_int64(), 10);
  EXPECT_EQ(v.at("directory").as_string(), tmp_.path() + "/copy");
  EXPECT_EQ(v.at("chainHash").as_string().size(), 64u);
  EXPECT_EQ(run({"backup", tmp_.path() + "/copy"}).status, 1) << "DEST exists";
}

TEST_F(HoyoctlTest, ACommandOnAMissingDataDirectoryFailsWithoutMakingOne) {
  auto r = bare({"--data-dir", tmp_.path() + "/nowhere", "verify"});
  EXPECT_EQ(r.status, 1);
  EXPECT_EQ(r.err, "hoyoctl: There is no data directory at " + tmp_.path() + "/nowhere.\n");
  auto ja = bare({"--lang", "ja", "--data-dir", tmp_.path() + "/nowhere", "head"});
  EXPECT_EQ(ja.err, "hoyoctl: " + tmp_.path() + "/nowhere にデータディレクトリがありません。\n");
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
