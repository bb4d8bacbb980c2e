// The X-Min-Position flood: 200 concurrent reads asking for a log position
// the server will never reach (99999999), then for one just past the head.
// Nothing waits for a position past the head: each is answered 409
// position_ahead at once, and the normal client's login is not held up.
#include "hostile_fixture.h"

namespace hoyo::hostile {
namespace {

using namespace std::chrono_literals;

class MinPositionFlood : public HostileTest {
 protected:
  void flood(const std::string& position) {
    SCOPED_TRACE("X-Min-Position: " + position);
    constexpr std::size_t kReads = 200;
    std::vector<Socket> sockets;
    for (std::size_t i = 0; i < kReads; ++i) sockets.push_back(attacker());
    const std::vector<std::string> requests(
        kReads, request_bytes("GET", "/api/facilities", {{"X-Min-Position", position}}));
    const auto answers = exchange_all(sockets, requests, in(5s));
    std::size_t ahead = 0;
    for (const HttpAnswer& a : answers) {
      ahead += a.status == 409 && a.code() == "position_ahead";
      EXPECT_LT(a.elapsed, 1000ms) << a.describe();
    }
    EXPECT_EQ(ahead, kReads) << answers.front().describe();
    expect_normal_client_served("200 reads with X-Min-Position: " + position);
  }
};

TEST_F(MinPositionFlood, TwoHundredReadsOfAFarPositionAre409AtOnce) { flood("99999999"); }

TEST_F(MinPositionFlood, TwoHundredReadsJustPastTheHeadAre409AtOnce) {
  const std::uint64_t head = log_head();
  ASSERT_GT(head, 0u);
  flood(std::to_string(head + 1));
  // -1 reads as 2^64-1: as far ahead as it gets.
  flood("-1");
  // The head itself is there already: an ordinary read.
  const HttpAnswer at_head =
      exchange(kAttacker, port(),
               request_bytes("GET", "/api/facilities", {{"X-Min-Position", std::to_string(head)}}));
  EXPECT_EQ(at_head.status, 200) << at_head.describe();
}

}  // namespace
}  // namespace hoyo::hostile
