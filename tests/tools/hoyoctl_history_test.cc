// hoyoctl history and replay on a data directory with known events: golden
// tables and JSON (the auditors' console's answers).
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>

#include "hoyoctl_fixture.h"

namespace hoyo::tools::testing {
namespace {

namespace json = boost::json;

const std::string GOLDEN_HISTORY_JSON =
    "[\n"
    "{\"position\":6,\"streamId\":\"reservation-<A>\",\"version\":1,\"type\":\"ReservationBooked\","
    "\"at\":\"2026-12-01T09:00:10+09:00\",\"actor\":\"user:10000012\",\"hash\":\"HASH\",\"data\":{"
    "\"reservation\":{\"number\":\"<A>\",\"user\":\"10000012\",\"facility\":\"seaside\","
    "\"checkIn\":\"2027-02-10\",\"nights\":1,\"people\":[2],\"style\":\"standard\",\"wish\":"
    "\"any\",\"origin\":\"first_come\",\"bookedAt\":\"2026-12-01T09:00:10+09:00\"}}},\n"
    "{\"position\":10,\"streamId\":\"reservation-<A>\",\"version\":2,\"type\":"
    "\"ReservationCancelled\",\"at\":\"2026-12-01T09:30:00+09:00\",\"actor\":\"user:10000012\","
    "\"hash\":\"HASH\",\"data\":{\"number\":\"<A>\"}}\n"
    "]\n";
const std::string GOLDEN_HISTORY_TABLE =
    "POSITION  TIME                       ACTOR          EVENT\n"
    "6         2026-12-01T09:00:10+09:00  user:10000012  ReservationBooked: number=<A> "
    "user=10000012 facility=seaside checkIn=2027-02-10 nights=1 people=2 style=standard wish=any "
    "origin=first_come bookedAt=2026-12-01T09:00:10+09:00\n"
    "8         2026-12-01T09:00:10+09:00  user:10000012  LotteryApplied: id=<APPLIED-1> "
    "lottery=2027-03 user=10000012 facility=seaside checkIn=2027-03-05 nights=1 people=2 wish=any "
    "preference=1\n"
    "10        2026-12-01T09:30:00+09:00  user:10000012  ReservationCancelled: number=<A>\n";
const std::string GOLDEN_REPLAY_USER_JSON =
    "{\"position\":9,\"at\":\"2026-12-01T09:00:11+09:00\",\"user\":{\"userNumber\":\"10000012\","
    "\"reservations\":[{\"reservationNumber\":\"<A>\",\"facilityId\":\"seaside\",\"checkIn\":"
    "\"2027-02-10\",\"nights\":1,\"people\":[2],\"roomStyle\":\"standard\",\"roomStyleWish\":"
    "\"any\",\"status\":\"booked\",\"changeable\":true,\"cancellable\":true,\"origin\":\"first_"
    "come\",\"guests\":[{\"adults\":2,\"children\":0,\"infants\":0}],\"reduction\":\"none\","
    "\"price\":null,\"confirmation\":\"none\"}],\"applications\":[{\"applicationId\":\"<APPLIED-1>\",\"lotteryId\":\"2027-03\","
    "\"facilityId\":\"seaside\",\"checkIn\":\"2027-03-05\",\"nights\":1,\"people\":[2],"
    "\"roomStyle\":\"any\",\"preference\":1,\"guests\":[{\"adults\":2,\"children\":0,"
    "\"infants\":0}],\"reduction\":\"none\",\"status\":\"active\"}]}}\n";
const std::string GOLDEN_VACANCY_TABLE =
    "as of position 9 (2026-12-01T09:00:11+09:00)\n"
    "\n"
    "vacancy of seaside\n"
    "DATE        FREE  ROOMS  MARK\n"
    "2027-02-01  2     2      ●\n"
    "2027-02-02  2     2      ●\n"
    "2027-02-03  2     2      ●\n"
    "2027-02-04  2     2      ●\n"
    "2027-02-05  2     2      ●\n"
    "2027-02-06  2     2      ●\n"
    "2027-02-07  2     2      ●\n"
    "2027-02-08  2     2      ●\n"
    "2027-02-09  2     2      ●\n"
    "2027-02-10  1     2      ▲\n"
    "2027-02-11  1     2      ▲\n"
    "2027-02-12  2     2      ●\n"
    "2027-02-13  2     2      ●\n"
    "2027-02-14  2     2      ●\n"
    "2027-02-15  2     2      ●\n"
    "2027-02-16  2     2      ●\n"
    "2027-02-17  2     2      ●\n"
    "2027-02-18  2     2      ●\n"
    "2027-02-19  2     2      ●\n"
    "2027-02-20  2     2      ●\n"
    "2027-02-21  2     2      ●\n"
    "2027-02-22  2     2      ●\n"
    "2027-02-23  2     2      ●\n"
    "2027-02-24  2     2      ●\n"
    "2027-02-25  2     2      ●\n"
    "2027-02-26  2     2      ●\n"
    "2027-02-27  2     2      ●\n"
    "2027-02-28  2     2      ●\n";

TEST_F(HoyoctlTest, HistoryOfAUserIsATableInLogOrder) {
  auto r = run({"history", "user", kUser});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(golden(r.out), GOLDEN_HISTORY_TABLE);
}

TEST_F(HoyoctlTest, HistoryAsJsonHoldsTheConsolesAuditLines) {
  auto r = run({"history", "reservation", booked_a_, "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json::array lines = json::parse(r.out).as_array();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].at("position"), 6);
  EXPECT_EQ(lines[0].at("type"), "ReservationBooked");
  EXPECT_EQ(lines[0].at("actor").as_string(), "user:" + kUser);
  EXPECT_EQ(lines[1].at("position"), 10);
  EXPECT_EQ(lines[1].at("type"), "ReservationCancelled");
  EXPECT_EQ(lines[1].at("at"), "2026-12-01T09:30:00+09:00");
  EXPECT_EQ(golden(r.out), GOLDEN_HISTORY_JSON);
  // A subject without events: an empty list, not an error.
  auto none = run({"history", "user", "99999999", "--format", "json"});
  EXPECT_EQ(none.status, 0);
  EXPECT_EQ(none.out, "[]\n");
}

TEST_F(HoyoctlTest, ReplayShowsAReservationBeforeAndAfterItsCancellation) {
  auto before = run({"replay", "--at", "9", "reservation", booked_a_, "--format", "json"});
  ASSERT_EQ(before.status, 0) << before.err;
  EXPECT_EQ(json::parse(before.out).at("reservation").at("status"), "booked");
  auto after = run({"replay", "--at", "10", "reservation", booked_a_, "--format", "json"});
  EXPECT_EQ(json::parse(after.out).at("reservation").at("status"), "cancelled");
  auto gone = run({"replay", "--at", "5", "reservation", booked_a_});
  EXPECT_EQ(gone.status, 0);
  EXPECT_NE(gone.out.find("no such reservation at that position"), std::string::npos) << gone.out;
  EXPECT_EQ(run({"replay", "--at", "11", "reservation", booked_a_}).status, 1) << "past the head";
}

TEST_F(HoyoctlTest, ReplayAtATimeTakesTheLastPositionRecordedByThen) {
  // 09:20: the bookings and applications (09:00:10) are in, the cancellation (09:30) is not.
  auto r = run({"replay", "--at", "2026-12-01T09:20:00+09:00", "user", kUser, "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(golden(r.out), GOLDEN_REPLAY_USER_JSON);
  auto early = run({"replay", "--at", "2026-11-30T00:00:00+09:00", "user", kUser});
  EXPECT_EQ(early.status, 1);
  EXPECT_EQ(early.err, "hoyoctl: No event was recorded at or before 2026-11-30T00:00:00+09:00.\n");
}

TEST_F(HoyoctlTest, ReplayOfVacancyShowsTheMonth) {
  auto r = run({"replay", "--at", "9", "vacancy", "seaside", "2027-02"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(golden(r.out), GOLDEN_VACANCY_TABLE);
  auto j = run({"replay", "--at", "9", "vacancy", "seaside", "2027-02", "--format", "json"});
  EXPECT_EQ(json::parse(j.out).at("vacancy").at("days").as_array().size(), 28u);
}

}  // namespace
}  // namespace hoyo::tools::testing
