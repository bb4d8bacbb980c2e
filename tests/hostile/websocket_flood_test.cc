// WebSocket floods on /api/vacancy/live: thousands of small masked text
// frames (each answered with a malformed error), thousands of pings (each
// answered with its pong), pings from a client that never reads (dropped
// once its queue is full and its write is not taken), frames over the 4 KiB message limit and
// frames claiming 2^63 bytes (closed with 1009), and protocol violations
// (1002). A live connection also outlives the HTTP read timeout.
#include <thread>

#include "hostile_fixture.h"
#include "ws_probe.h"

namespace hoyo::hostile {
namespace {

using namespace std::chrono_literals;

constexpr std::uint8_t kText = 0x1, kContinuation = 0x0, kClose = 0x8, kPing = 0x9, kPong = 0xA;

class WebSocketFloods : public HostileTest {};

bool closes(const std::vector<ServerFrame>& frames) {
  return !frames.empty() && frames.back().opcode == kClose;
}

std::size_t count(const std::vector<ServerFrame>& frames, std::uint8_t opcode,
                  std::string_view containing = {}) {
  std::size_t n = 0;
  for (const ServerFrame& f : frames) {
    n += f.opcode == opcode && f.payload.find(containing) != std::string::npos;
  }
  return n;
}

TEST_F(WebSocketFloods, ThousandsOfSmallTextFramesAreEachAnswered) {
  std::string buffer;
  Socket s = ws_connect(kAttacker, port(), buffer);
  ASSERT_TRUE(s.ok());
  constexpr std::size_t kFrames = 5000;
  std::string flood;
  for (std::size_t i = 0; i < kFrames; ++i) flood += client_frame(kText, "x");
  std::vector<ServerFrame> frames;
  const End end = ws_pump(s, flood, buffer, frames, in(10s),
                          [&](const auto& f) { return count(f, kText) >= kFrames || closes(f); });
  EXPECT_EQ(end, End::kOpen);
  EXPECT_EQ(count(frames, kText, "\"code\":\"malformed\""), kFrames);
  // Still a working connection: a clean close handshake.
  frames.clear();
  ws_pump(s, client_frame(kClose, "\x03\xe8"), buffer, frames, in(3s), closes);
  ASSERT_TRUE(closes(frames));
  EXPECT_EQ(frames.back().close_code(), 1000);
  expect_normal_client_served("five thousand text frames");
}

TEST_F(WebSocketFloods, ThousandsOfPingsAreEachPonged) {
  std::string buffer;
  Socket s = ws_connect(kAttacker, port(), buffer);
  ASSERT_TRUE(s.ok());
  constexpr std::size_t kPings = 5000;
  std::string flood;
  for (std::size_t i = 0; i < kPings; ++i) flood += client_frame(kPing, "p" + std::to_string(i));
  std::vector<ServerFrame> frames;
  ws_pump(s, flood, buffer, frames, in(10s),
          [&](const auto& f) { return count(f, kPong) >= kPings || closes(f); });
  std::size_t next = 0;
  for (const ServerFrame& f : frames) {
    if (f.opcode != kPong) continue;
    EXPECT_EQ(f.payload, "p" + std::to_string(next)) << "pongs out of order";
    if (f.payload != "p" + std::to_string(next)) break;
    ++next;
  }
  EXPECT_EQ(next, kPings);
  expect_normal_client_served("five thousand pings");
}

TEST_F(WebSocketFloods, AClientThatNeverReadsItsPongsIsDropped) {
  std::string buffer;
  Socket s = ws_connect(kAttacker, port(), buffer);
  ASSERT_TRUE(s.ok());
  // 150,000 pongs of 125 bytes are more than the socket buffers hold: the
  // server's queue fills (4,096 messages) and the client is dropped.
  const std::string ping = client_frame(kPing, std::string(125, 'p'));
  std::string flood;
  for (int i = 0; i < 1000; ++i) flood += ping;
  const auto t0 = Clock::now();
  for (int i = 0; i < 150 && Clock::now() - t0 < 10s; ++i) {
    if (!s.send_all(flood, t0 + 10s)) break;  // a dropped client's sends may fail
  }
  // Without the client reading a byte, the server lets go of it: its queue
  // is full, and the write it is stuck in is not taken within the write
  // timeout (3 s here), so not even the close frame can be sent.
  const auto deadline = in(8s);
  while (metric("hoyo_websockets") != 0 && Clock::now() < deadline) {
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_EQ(metric("hoyo_websockets"), 0) << "a client that never reads is held";
  EXPECT_EQ(metric("hoyo_websocket_dropped_total"), 1);
  // The client then reads some pongs and the end of the connection.
  std::vector<ServerFrame> frames;
  const End end = ws_pump(s, {}, buffer, frames, in(5s), [](const auto&) { return false; });
  EXPECT_NE(end, End::kOpen) << "not dropped";
  EXPECT_LT(count(frames, kPong), 150000u);
  if (closes(frames)) {
    EXPECT_EQ(frames.back().close_code(), 1013);
  }
  expect_normal_client_served("a ping flood that never reads");
}

TEST_F(WebSocketFloods, OversizedAndLyingFramesAreClosedWithTheRightCode) {
  const std::string big(5000, 'b');
  const std::string part(2000, 'p');
  const struct {
    const char* what;
    std::string bytes;
    int code;
  } cases[] = {
      {"a 5,000-byte text frame", client_frame(kText, big), 1009},
      {"a 6,000-byte message in three fragments",
       client_frame(kText, part, false) + client_frame(kContinuation, part, false) +
           client_frame(kContinuation, part),
       1009},
      {"a text frame claiming 2^63 bytes", client_frame_header(kText, 1ull << 63) + "xxxx", 1009},
      {"a text frame claiming 2^64-1 bytes", client_frame_header(kText, ~0ull) + "xxxx", 1009},
      {"a ping claiming 2^63 bytes", client_frame_header(kPing, 1ull << 63) + "xxxx", 1002},
      {"a ping of 126 bytes", client_frame(kPing, std::string(126, 'p')), 1002},
      {"an unmasked frame", std::string("\x81\x01x", 3), 1002},
      {"a reserved opcode", client_frame(0x3, "x"), 1002},
      {"a continuation out of a message", client_frame(kContinuation, "x"), 1002},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    std::string buffer;
    Socket s = ws_connect(kAttacker, port(), buffer);
    ASSERT_TRUE(s.ok());
    std::vector<ServerFrame> frames;
    ws_pump(s, c.bytes, buffer, frames, in(3s), closes);
    ASSERT_TRUE(closes(frames)) << "no close frame";
    EXPECT_EQ(frames.back().close_code(), c.code);
    // Then the server ends the connection.
    const HttpAnswer rest = read_to_end(s, in(3s));
    EXPECT_NE(rest.end, End::kOpen);
  }
  expect_normal_client_served("oversized and lying frames");
}

// hoyod runs here with a 2 s HTTP read timeout: a WebSocket is not an HTTP
// request, and lives on past it as long as it talks.
TEST_F(WebSocketFloods, ALiveConnectionOutlivesTheHttpReadTimeout) {
  std::string buffer;
  Socket s = ws_connect(kAttacker, port(), buffer);
  ASSERT_TRUE(s.ok());
  std::vector<ServerFrame> frames;
  ws_pump(s, client_frame(kText, R"({"subscribe":[")" + facility_ + R"("]})"), buffer, frames,
          in(3s), [](const auto& f) { return count(f, kText, "subscribed") > 0; });
  ASSERT_EQ(count(frames, kText, "subscribed"), 1u);
  for (int i = 0; i < 4; ++i) {
    std::this_thread::sleep_for(1000ms);
    frames.clear();
    const End end = ws_pump(s, client_frame(kPing, "still here"), buffer, frames, in(2s),
                            [](const auto& f) { return count(f, kPong) > 0 || closes(f); });
    ASSERT_EQ(end, End::kOpen) << "closed " << i + 1 << " s after the upgrade";
    ASSERT_EQ(count(frames, kPong, "still here"), 1u) << i + 1 << " s after the upgrade";
  }
}

}  // namespace
}  // namespace hoyo::hostile
