// Catch-up floods on /api/vacancy/live: {"subscribe":[F],"since":0} sent
// hundreds of times on one connection, and once each on a hundred
// connections. A catch-up reads the log, so they are rationed (one at a time
// and six a minute per connection, sixty a minute per source): every request
// is answered "subscribed", the ones past the ration get a rate_limited error,
// and the normal client does not notice.
#include "hostile_fixture.h"
#include "ws_probe.h"

namespace hoyo::hostile {
namespace {

using namespace std::chrono_literals;

constexpr std::uint8_t kText = 0x1;

class CatchUpFloods : public HostileTest {
 protected:
  std::string catch_up() const {
    return client_frame(kText, R"({"subscribe":[")" + facility_ + R"("],"since":0})");
  }
};

std::size_t count(const std::vector<ServerFrame>& frames, std::string_view type,
                  std::string_view code = {}) {
  std::size_t n = 0;
  for (const ServerFrame& f : frames) {
    n += f.opcode == kText &&
         f.payload.find("\"type\":\"" + std::string(type) + "\"") != std::string::npos &&
         (code.empty() ||
          f.payload.find("\"code\":\"" + std::string(code) + "\"") != std::string::npos);
  }
  return n;
}

TEST_F(CatchUpFloods, HundredsOnOneConnectionAreRationed) {
  std::string buffer;
  Socket s = ws_connect(kAttacker, port(), buffer);
  ASSERT_TRUE(s.ok());
  constexpr std::size_t kRequests = 300;
  std::string flood;
  for (std::size_t i = 0; i < kRequests; ++i) flood += catch_up();
  std::vector<ServerFrame> frames;
  const End end = ws_pump(s, flood, buffer, frames, in(10s), [&](const auto& f) {
    return count(f, "subscribed") >= kRequests &&
           count(f, "error", "rate_limited") >= kRequests - 6 && count(f, "vacancy") > 0;
  });
  EXPECT_EQ(end, End::kOpen);
  EXPECT_EQ(count(frames, "subscribed"), kRequests);
  // At most six catch-ups a minute on one connection.
  EXPECT_GE(count(frames, "error", "rate_limited"), kRequests - 6);
  EXPECT_EQ(count(frames, "error"), count(frames, "error", "rate_limited"));
  // The first was caught up: vacancy messages came.
  EXPECT_GT(count(frames, "vacancy"), 0u);
  expect_normal_client_served("three hundred catch-ups on one connection");
}

TEST_F(CatchUpFloods, OneEachOnAHundredConnectionsIsRationedPerSource) {
  constexpr std::size_t kConnections = 100;
  std::vector<Socket> sockets;
  std::vector<std::string> buffers(kConnections);
  for (std::size_t i = 0; i < kConnections; ++i) {
    sockets.push_back(ws_connect(kAttacker, port(), buffers[i]));
    ASSERT_TRUE(sockets.back().ok()) << i;
  }
  const std::string request = catch_up();
  for (Socket& s : sockets) ASSERT_TRUE(s.send_all(request, in(2s)));
  std::size_t subscribed = 0, limited = 0, errors = 0, caught_up = 0;
  for (std::size_t i = 0; i < kConnections; ++i) {
    std::vector<ServerFrame> frames;
    // Each is answered "subscribed", then either vacancy or rate_limited.
    ws_pump(sockets[i], {}, buffers[i], frames, in(5s), [](const auto& f) {
      return count(f, "subscribed") == 1 && (count(f, "error") > 0 || count(f, "vacancy") > 0);
    });
    subscribed += count(frames, "subscribed");
    limited += count(frames, "error", "rate_limited");
    errors += count(frames, "error");
    caught_up += count(frames, "vacancy") > 0;
  }
  EXPECT_EQ(subscribed, kConnections);
  EXPECT_EQ(errors, limited);
  // Sixty catch-ups a minute per source.
  EXPECT_GE(limited, kConnections - 60);
  EXPECT_LE(caught_up, 60u);
  EXPECT_EQ(limited + caught_up, kConnections);
  expect_normal_client_served("a catch-up on each of a hundred connections");
}

TEST_F(CatchUpFloods, PositionsOutsideUint64AreMalformed) {
  std::string buffer;
  Socket s = ws_connect(kAttacker, port(), buffer);
  ASSERT_TRUE(s.ok());
  const char* odd[] = {"-1", "-0.5", "1e300", "18446744073709551616", "-1e300", "\"0\"", "null"};
  std::string requests;
  for (const char* since : odd) {
    requests += client_frame(
        kText, R"({"subscribe":[")" + facility_ + R"("],"since":)" + std::string(since) + "}");
  }
  std::vector<ServerFrame> frames;
  ws_pump(s, requests, buffer, frames, in(5s),
          [&](const auto& f) { return f.size() >= std::size(odd); });
  ASSERT_EQ(frames.size(), std::size(odd));
  EXPECT_EQ(count(frames, "error", "malformed"), std::size(odd));
  // The largest position there is is still one.
  frames.clear();
  ws_pump(
      s,
      client_frame(kText, R"({"subscribe":[")" + facility_ + R"("],"since":18446744073709551615})"),
      buffer, frames, in(5s), [](const auto& f) { return !f.empty(); });
  EXPECT_EQ(count(frames, "subscribed"), 1u);
  expect_normal_client_served("positions outside uint64");
}

}  // namespace
}  // namespace hoyo::hostile
