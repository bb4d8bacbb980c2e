// Thousands of idle connections from one address: the first 256 are held
// (the per-source cap), every one past them is answered 429 rate_limited and
// closed at once; another address (the normal client's) still gets in, and
// the attacker's slots come back when its connections close. hoyod runs here
// with long timeouts, so that none of the 256 is cut while the test counts.
#include <thread>

#include "hostile_fixture.h"
#include "eventually.h"

namespace hoyo::hostile {
namespace {

using namespace std::chrono_literals;

class ConnectionFlood : public HostileTest {
 protected:
  ConnectionFlood() {
    config_ = R"({"server": {"threads": 2, "work_threads": 2, "read_timeout_seconds": 60,
                  "idle_timeout_seconds": 60}, "metrics": {"token": "hostile-metrics"}})";
  }
};

TEST_F(ConnectionFlood, ThreeThousandIdleConnectionsMeetThePerSourceCap) {
  constexpr std::size_t kConnections = 3000, kCap = 256;
  ASSERT_GE(raise_open_file_limit(), kConnections + 200);
  std::vector<Socket> idle;
  idle.reserve(kConnections);
  for (std::size_t i = 0; i < kConnections; ++i) {
    idle.push_back(attacker());
    ASSERT_TRUE(idle.back().ok()) << i;
  }
  // Each connection past the cap gets its 429 and is closed; the held ones
  // hear nothing.
  std::vector<std::string> got(kConnections);
  std::vector<End> ends(kConnections, End::kOpen);
  std::size_t refused = 0;
  const auto deadline = in(10s);
  while (refused < kConnections - kCap && Clock::now() < deadline) {
    for (std::size_t i = 0; i < kConnections; ++i) {
      if (ends[i] != End::kOpen) continue;
      ends[i] = idle[i].read_available(got[i], 0ms);
      if (ends[i] != End::kOpen) refused += whole_answer_size(got[i]) > 0;
    }
    std::this_thread::sleep_for(20ms);
  }
  // A moment for any refusal beyond the expected count to show.
  std::this_thread::sleep_for(300ms);
  std::size_t held = 0, answered_429 = 0, other = 0;
  for (std::size_t i = 0; i < kConnections; ++i) {
    if (ends[i] == End::kOpen) ends[i] = idle[i].read_available(got[i], 0ms);
    HttpAnswer a;
    a.raw = got[i];
    parse_answer(a);
    if (ends[i] == End::kOpen && got[i].empty()) {
      ++held;
    } else if (a.status == 429 && a.code() == "rate_limited" && ends[i] != End::kOpen) {
      ++answered_429;
    } else {
      ++other;
      if (other < 5) ADD_FAILURE() << "connection " << i << ": " << a.describe();
    }
  }
  EXPECT_EQ(held, kCap);
  EXPECT_EQ(answered_429, kConnections - kCap);
  EXPECT_EQ(other, 0u);
  EXPECT_EQ(metric("hoyo_connections_refused_total"), kConnections - kCap);
  // Another address is not this one's cap.
  expect_normal_client_served("three thousand idle connections, while they are held");
  // One more from the attacker is still refused.
  const HttpAnswer more = exchange(kAttacker, port(), request_bytes("GET", "/api/health"));
  EXPECT_EQ(more.status, 429) << more.describe();
  // Closing them gives the attacker's slots back.
  idle.clear();
  HttpAnswer back;
  EXPECT_TRUE(hoyo::testing::eventually([&] {
    back = exchange(kAttacker, port(), request_bytes("GET", "/api/health"));
    return back.status == 200;
  })) << back.describe();
  expect_normal_client_served("three thousand idle connections");
}

}  // namespace
}  // namespace hoyo::hostile
