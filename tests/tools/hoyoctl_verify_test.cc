// hoyoctl verify (whole and --from a position) and head on a data
// directory with known events: exit 0 intact, 1 a fault.
#include <gtest/gtest.h>

#include "hoyoctl_fixture.h"
#include "raw_db.h"

namespace hoyo::tools::testing {
namespace {

TEST_F(HoyoctlTest, VerifyAndHeadOnAnIntactLog) {
  auto r = run({"verify"});
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, "ok: 10 events, chain intact\n");
  auto j = run({"verify", "--from", "5", "--format", "json"});
  EXPECT_EQ(j.status, 0);
  EXPECT_EQ(j.out, "{\"ok\":true,\"from\":5,\"checked\":6}\n");
  auto head = run({"head", "--format", "json"});
  EXPECT_EQ(head.status, 0);
  EXPECT_EQ(head.out.rfind("{\"position\":10,\"hash\":\"", 0), 0u) << head.out;
  // Not a terminal: plain progress lines on stderr, the last one always.
  EXPECT_EQ(r.err.rfind("verify: 10 events of 10 events (100%), ", 0), 0u) << r.err;
}

TEST_F(HoyoctlTest, VerifyFromAPositionFindsACorruptionAfterIt) {
  eventstore::testing::alter_event(dir_ + "/events", 9, "seaside");
  auto whole = run({"verify"});
  EXPECT_EQ(whole.status, 1);
  EXPECT_EQ(whole.out,
            "FAULT at position 9: chain hash does not match the event's bytes (8 events verified "
            "before it)\n");
  auto from = run({"verify", "--from", "5"});
  EXPECT_EQ(from.status, 1);
  EXPECT_EQ(from.out,
            "FAULT at position 9: chain hash does not match the event's bytes (4 events verified "
            "before it)\n");
  auto json = run({"verify", "--from", "5", "--format", "json"});
  EXPECT_EQ(json.status, 1);
  EXPECT_EQ(json.out,
            "{\"ok\":false,\"from\":5,\"checked\":4,\"firstFault\":{\"position\":9,\"reason\":"
            "\"chain hash does not match the event's bytes\"}}\n");
  // After the corruption, --from trusts what lies before it.
  EXPECT_EQ(run({"verify", "--from", "10"}).status, 0);
}

}  // namespace
}  // namespace hoyo::tools::testing
