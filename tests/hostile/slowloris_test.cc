// Slowloris: fifty connections at once, each dribbling one byte every 500 ms
// of a header that never ends or of a body that never completes, and one
// that does so on a kept-alive connection's second request. The read timeout
// (2 s here) closes every one of them, unanswered; the normal client is
// served while they dribble and after.
#include <thread>

#include "hostile_fixture.h"

namespace hoyo::hostile {
namespace {

using namespace std::chrono_literals;

class Slowloris : public HostileTest {};

struct Dribbler {
  Socket socket;
  std::string bytes;  // what is left to dribble
  std::string got;    // what the server sent
  End end = End::kOpen;
  Clock::time_point started;
  Clock::duration lasted{};
};

TEST_F(Slowloris, FiftyDribblingConnectionsAreClosedByTheReadTimeout) {
  std::vector<Dribbler> d(50);
  const std::string endless_header =
      "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " + std::string(4000, 'a');
  for (std::size_t i = 0; i < d.size(); ++i) {
    d[i].socket = attacker();
    d[i].started = Clock::now();
    if (i % 2 == 0) {
      d[i].bytes = endless_header;
    } else {
      // The whole header at once, then a body that crawls.
      ASSERT_TRUE(d[i].socket.send_all(
          "POST /api/reservations HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Requested-With: t\r\n"
          "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
          in(1s)));
      d[i].bytes = std::string(1000, ' ');
    }
  }
  // The attacker dribbles until every connection is closed, for at most 10 s.
  std::thread attack([&] {
    const auto give_up = Clock::now() + 10s;
    while (Clock::now() < give_up) {
      bool open = false;
      for (Dribbler& x : d) {
        if (x.end != End::kOpen) continue;
        x.end = x.socket.read_available(x.got, 0ms);
        if (x.end == End::kOpen && x.socket.send_some(x.bytes.substr(0, 1)) < 0) {
          x.end = End::kReset;
        }
        x.bytes.erase(0, 1);
        if (x.end != End::kOpen) {
          x.lasted = Clock::now() - x.started;
        } else {
          open = true;
        }
      }
      if (!open) return;
      std::this_thread::sleep_for(500ms);
    }
  });
  std::this_thread::sleep_for(700ms);
  expect_normal_client_served("fifty slowloris connections, while they dribble");
  attack.join();
  for (std::size_t i = 0; i < d.size(); ++i) {
    SCOPED_TRACE((i % 2 == 0 ? "header dribbler " : "body dribbler ") + std::to_string(i));
    EXPECT_NE(d[i].end, End::kOpen) << "still open after 10 s";
    EXPECT_EQ(d[i].got, "") << "answered";
    // The read timeout is 2 s (once for a header, once more for a body).
    EXPECT_GE(d[i].lasted, 1500ms);
    EXPECT_LT(d[i].lasted, 4500ms);
  }
  expect_normal_client_served("fifty slowloris connections");
}

TEST_F(Slowloris, ASecondRequestDribbledOnAKeptAliveConnectionIsClosedByTheIdleTimeout) {
  Socket s = attacker();
  const HttpAnswer first = send_and_read(s, request_bytes("GET", "/api/health"), in(2s));
  ASSERT_EQ(first.status, 200) << first.describe();
  const auto t0 = Clock::now();
  std::string got;
  End end = End::kOpen;
  const std::string header = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: aaaaaaaaaaaa";
  for (std::size_t i = 0; end == End::kOpen && Clock::now() - t0 < 8s; ++i) {
    if (s.send_some(header.substr(i % header.size(), 1)) < 0) end = End::kReset;
    if (end == End::kOpen) end = s.read_available(got, 500ms);
  }
  EXPECT_NE(end, End::kOpen);
  EXPECT_EQ(got, "");
  EXPECT_LT(Clock::now() - t0, 4000ms);  // idle timeout 2 s
  expect_normal_client_served("a dribbled second request");
}

}  // namespace
}  // namespace hoyo::hostile
