// hoyoctl export on a data directory with known events: CSV that Excel in
// Japan opens (BOM on request, CRLF, a formula cell neutralised) and JSON lines.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "hoyoctl_fixture.h"

namespace hoyo::tools::testing {
namespace {

namespace json = boost::json;

TEST_F(HoyoctlTest, ReservationsAsCsvWithABomCrlfAndNeutralisedCells) {
  auto r = run({"export", "reservations", "--from", "2027-02-01", "--to", "2027-02-28", "--bom"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(r.out, GOLDEN_RESERVATIONS_CSV);
  EXPECT_NE(r.out.find(",'=1+2,"), std::string::npos) << "the formula is text";
  // Without --bom, the same bytes after it; every line ends with CRLF.
  auto plain = run({"export", "reservations", "--from", "2027-02-01", "--to", "2027-02-28"});
  EXPECT_EQ("\xEF\xBB\xBF" + plain.out, r.out);
  EXPECT_EQ(std::count(plain.out.begin(), plain.out.end(), '\n'),
            std::count(plain.out.begin(), plain.out.end(), '\r'));
}

TEST_F(HoyoctlTest, ReservationsOfOneUserAsJsonLines) {
  auto r = run({"export", "reservations", "--user", kFormulaUser, "--format", "jsonl"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, GOLDEN_RESERVATIONS_JSONL);
}

TEST_F(HoyoctlTest, ApplicationsAsCsvToAFile) {
  const std::string file = tmp_.path() + "/applications.csv";
  auto r = run({"export", "applications", "--lottery", "2027-03", "-o", file});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), GOLDEN_APPLICATIONS_CSV);
  EXPECT_EQ(run({"export", "applications", "--lottery", "2099-01"}).status, 1);
}

TEST_F(HoyoctlTest, EventsAsJsonLinesAndCsvBetweenPositions) {
  auto all = run({"export", "events", "--format", "jsonl"});
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 7);
  auto some = run({"export", "events", "--from", "3", "--to", "4"});
  ASSERT_EQ(some.status, 0) << some.err;
  EXPECT_EQ(some.out, GOLDEN_EVENTS_CSV);
}

}  // namespace
}  // namespace hoyo::tools::testing
