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

const std::string GOLDEN_APPLICATIONS_CSV =
    "申込番号,利用者番号,施設,チェックイン,泊数,1泊目人数,2泊目人数,和洋室希望,希望順位,状態,"
    "予約番号\r\n"
    "<APPLIED-1>,10000012,seaside,2027-03-05,1,2,,any,1,active,\r\n"
    "<APPLIED-2>,'=1+2,seaside,2027-03-05,1,2,,any,1,active,\r\n";
const std::string GOLDEN_EVENTS_CSV =
    "position,streamId,version,type,at,actor,hash,data\r\n"
    "6,reservation-<A>,1,ReservationBooked,2026-12-01T09:00:10+09:00,user:10000012,HASH,\"{"
    "\"\"reservation\"\":{\"\"number\"\":\"\"<A>\"\",\"\"user\"\":\"\"10000012\"\","
    "\"\"facility\"\":\"\"seaside\"\",\"\"checkIn\"\":\"\"2027-02-10\"\",\"\"nights\"\":1,"
    "\"\"people\"\":[2],\"\"style\"\":\"\"standard\"\",\"\"wish\"\":\"\"any\"\",\"\"origin\"\":"
    "\"\"first_come\"\",\"\"bookedAt\"\":\"\"2026-12-01T09:00:10+09:00\"\"}}\"\r\n"
    "7,reservation-<B>,1,ReservationBooked,2026-12-01T09:00:10+09:00,user:=1+2,HASH,\"{"
    "\"\"reservation\"\":{\"\"number\"\":\"\"<B>\"\",\"\"user\"\":\"\"=1+2\"\",\"\"facility\"\":"
    "\"\"seaside\"\",\"\"checkIn\"\":\"\"2027-02-11\"\",\"\"nights\"\":1,\"\"people\"\":[2],"
    "\"\"style\"\":\"\"standard\"\",\"\"wish\"\":\"\"any\"\",\"\"origin\"\":\"\"first_come\"\","
    "\"\"bookedAt\"\":\"\"2026-12-01T09:00:10+09:00\"\"}}\"\r\n";
const std::string GOLDEN_RESERVATIONS_CSV =
    "\xEF\xBB\xBF"
    "予約番号,利用者番号,氏名,施設,チェックイン,泊数,1泊目人数,2泊目人数,部屋,状態,区分,"
    "予約日時,料金,支払,利用\r\n"
    "<B>,'=1+2,,seaside,2027-02-11,1,2,,standard,booked,first_come,2026-12-01T09:00:10+09:00,"
    ",unpaid,unknown\r\n";
const std::string GOLDEN_RESERVATIONS_JSONL =
    "{\"reservationNumber\":\"<B>\",\"facilityId\":\"seaside\",\"checkIn\":\"2027-02-11\","
    "\"nights\":1,\"people\":[2],\"roomStyle\":\"standard\",\"roomStyleWish\":\"any\",\"status\":"
    "\"booked\",\"changeable\":true,\"cancellable\":true,\"origin\":\"first_come\",\"guests\":"
    "[{\"adults\":2,\"children\":0,\"infants\":0}],\"reduction\":\"none\",\"price\":null,"
    "\"confirmation\":\"none\",\"userNumber\":\"=1+2\",\"bookedAt\":\"2026-12-01T09:00:10+09:00\","
    "\"paid\":false,\"attendance\":\"unknown\"}\n";

TEST_F(HoyoctlTest, ReservationsAsCsvWithABomCrlfAndNeutralisedCells) {
  auto r = run({"export", "reservations", "--from", "2027-02-01", "--to", "2027-02-28", "--bom"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_EQ(golden(r.out), GOLDEN_RESERVATIONS_CSV);
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
  EXPECT_EQ(golden(r.out), GOLDEN_RESERVATIONS_JSONL);
}

TEST_F(HoyoctlTest, ApplicationsAsCsvToAFile) {
  const std::string file = tmp_.path() + "/applications.csv";
  auto r = run({"export", "applications", "--lottery", "2027-03", "-o", file});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "");
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(golden(text.str()), GOLDEN_APPLICATIONS_CSV);
  EXPECT_EQ(run({"export", "applications", "--lottery", "2099-01"}).status, 1);
}

TEST_F(HoyoctlTest, EventsAsJsonLinesAndCsvBetweenPositions) {
  auto all = run({"export", "events", "--format", "jsonl"});
  ASSERT_EQ(all.status, 0) << all.err;
  EXPECT_EQ(std::count(all.out.begin(), all.out.end(), '\n'), 10);
  auto some = run({"export", "events", "--from", "6", "--to", "7"});
  ASSERT_EQ(some.status, 0) << some.err;
  EXPECT_EQ(golden(some.out), GOLDEN_EVENTS_CSV);
}

}  // namespace
}  // namespace hoyo::tools::testing
