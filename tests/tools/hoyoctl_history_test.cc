// hoyoctl history and replay on a data directory with known events: golden
// tables and JSON (the auditors' console's answers).
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "hoyoctl_fixture.h"

namespace hoyo::tools::testing {
namespace {

namespace json = boost::json;

TEST_F(HoyoctlTest, HistoryOfAUserIsATableInLogOrder) {
  auto r = run({"history", "user", kUser});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, GOLDEN_HISTORY_TABLE);
}

TEST_F(HoyoctlTest, HistoryAsJsonHoldsTheConsolesAuditLines) {
  auto r = run({"history", "reservation", booked_a_, "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  const json::array lines = json::parse(r.out).as_array();
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0].at("position"), 3);
  EXPECT_EQ(lines[0].at("type"), "ReservationBooked");
  EXPECT_EQ(lines[0].at("actor"), "user:" + kUser);
  EXPECT_EQ(lines[1].at("position"), 7);
  EXPECT_EQ(lines[1].at("type"), "ReservationsCancelled");
  EXPECT_EQ(lines[1].at("at"), "2026-12-01T09:30:00+09:00");
  EXPECT_EQ(r.out, GOLDEN_HISTORY_JSON);
  // A subject without events: an empty list, not an error.
  auto none = run({"history", "user", "99999999", "--format", "json"});
  EXPECT_EQ(none.status, 0);
  EXPECT_EQ(none.out, "[]\n");
}

TEST_F(HoyoctlTest, ReplayShowsAReservationBeforeAndAfterItsCancellation) {
  auto before = run({"replay", "--at", "6", "reservation", booked_a_, "--format", "json"});
  ASSERT_EQ(before.status, 0) << before.err;
  EXPECT_EQ(json::parse(before.out).at("reservation").at("status"), "booked");
  auto after = run({"replay", "--at", "7", "reservation", booked_a_, "--format", "json"});
  EXPECT_EQ(json::parse(after.out).at("reservation").at("status"), "cancelled");
  auto gone = run({"replay", "--at", "2", "reservation", booked_a_});
  EXPECT_EQ(gone.status, 0);
  EXPECT_NE(gone.out.find("no such reservation at that position"), std::string::npos) << gone.out;
  EXPECT_EQ(run({"replay", "--at", "8", "reservation", booked_a_}).status, 1) << "past the head";
}

TEST_F(HoyoctlTest, ReplayAtATimeTakesTheLastPositionRecordedByThen) {
  // 09:20: the bookings and applications (09:00:10) are in, the cancellation (09:30) is not.
  auto r = run({"replay", "--at", "2026-12-01T09:20:00+09:00", "user", kUser, "--format", "json"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, GOLDEN_REPLAY_USER_JSON);
  auto early = run({"replay", "--at", "2026-11-30T00:00:00+09:00", "user", kUser});
  EXPECT_EQ(early.status, 1);
  EXPECT_EQ(early.err, "hoyoctl: No event was recorded at or before 2026-11-30T00:00:00+09:00.\n");
}

TEST_F(HoyoctlTest, ReplayOfVacancyShowsTheMonth) {
  auto r = run({"replay", "--at", "6", "vacancy", "seaside", "2027-02"});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, GOLDEN_VACANCY_TABLE);
  auto j = run({"replay", "--at", "6", "vacancy", "seaside", "2027-02", "--format", "json"});
  EXPECT_EQ(json::parse(j.out).at("vacancy").at("days").as_array().size(), 28u);
}

}  // namespace
}  // namespace hoyo::tools::testing
