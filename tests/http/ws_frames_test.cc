// WebSocket framing: server frames of every length form, client frames
// unmasked, fragmented and interleaved with control frames, and the limits.
#include "http/server/internal/ws_frames.h"

#include <gtest/gtest.h>

namespace hoyo::http::internal {
namespace {

// A client frame as a browser sends it: masked with `key`.
std::string client_frame(std::uint8_t first, std::string_view payload,
                         std::string key = std::string("\x12\x34\x56\x78", 4)) {
  std::string f(1, static_cast<char>(first));
  if (payload.size() < 126) {
    f.push_back(static_cast<char>(0x80 | payload.size()));
  } else {
    f.push_back(static_cast<char>(0x80 | 126));
    f.push_back(static_cast<char>(payload.size() >> 8));
    f.push_back(static_cast<char>(payload.size() & 0xff));
  }
  f += key;
  for (std::size_t i = 0; i < payload.size(); ++i) f.push_back(payload[i] ^ key[i % 4]);
  return f;
}

TEST(WsFrames, ServerFramesUseTheShortestLengthForm) {
  std::string out;
  append_server_frame(out, WsOpcode::kText, "hi");
  EXPECT_EQ(out, std::string("\x81\x02hi", 4));
  out.clear();
  append_server_frame(out, WsOpcode::kText, std::string(300, 'a'));
  EXPECT_EQ(out.substr(0, 4), std::string("\x81\x7e\x01\x2c", 4));
  EXPECT_EQ(out.size(), 304u);
  out.clear();
  append_server_frame(out, WsOpcode::kBinary, std::string(70000, 'b'));
  EXPECT_EQ(out.substr(0, 10), std::string("\x82\x7f\x00\x00\x00\x00\x00\x01\x11\x70", 10));
  // Two frames back to back are one buffer: one write for both.
  out.clear();
  append_server_frame(out, WsOpcode::kText, "a");
  append_server_frame(out, WsOpcode::kPing, "");
  EXPECT_EQ(out, std::string("\x81\x01"
                             "a\x89\x00",
                             5));
}

TEST(WsFrames, ClientFramesAreUnmaskedAndReadWhole) {
  const std::string f = client_frame(0x81, R"({"subscribe":["seaside"]})");
  ClientFrame frame;
  EXPECT_EQ(read_client_frame(f.substr(0, 5), 4096, frame), FrameError::kIncomplete);
  ASSERT_EQ(read_client_frame(f + "trailing", 4096, frame), FrameError::kNone);
  EXPECT_EQ(frame.opcode, WsOpcode::kText);
  EXPECT_TRUE(frame.fin);
  EXPECT_EQ(frame.payload, R"({"subscribe":["seaside"]})");
  EXPECT_EQ(frame.size, f.size());
  const std::string big = client_frame(0x81, std::string(1000, 'x'));
  ASSERT_EQ(read_client_frame(big, 4096, frame), FrameError::kNone);
  EXPECT_EQ(frame.payload.size(), 1000u);
}

TEST(WsFrames, ProtocolBreachesAndOversizeAreRefused) {
  ClientFrame frame;
  EXPECT_EQ(read_client_frame(std::string("\x81\x02hi", 4), 4096, frame),
            FrameError::kProtocol);  // not masked
  EXPECT_EQ(read_client_frame(client_frame(0xC1, "x"), 4096, frame),
            FrameError::kProtocol);  // a reserved bit
  EXPECT_EQ(read_client_frame(client_frame(0x83, "x"), 4096, frame),
            FrameError::kProtocol);  // a reserved opcode
  EXPECT_EQ(read_client_frame(client_frame(0x09, "x"), 4096, frame),
            FrameError::kProtocol);  // a fragmented ping
  EXPECT_EQ(read_client_frame(client_frame(0x81, std::string(5000, 'x')), 4096, frame),
            FrameError::kTooLarge);
}

TEST(WsFrames, FragmentsMakeOneMessageAroundControlFrames) {
  WsMessageAssembler assembler(10);
  FrameError e;
  ClientFrame first{false, WsOpcode::kText, "abc", 0};
  ClientFrame more{false, WsOpcode::kContinuation, "def", 0};
  ClientFrame last{true, WsOpcode::kContinuation, "g", 0};
  EXPECT_FALSE(assembler.add(first, e));
  EXPECT_EQ(e, FrameError::kNone);
  EXPECT_FALSE(assembler.add(more, e));
  auto message = assembler.add(last, e);
  ASSERT_TRUE(message);
  EXPECT_EQ(*message, "abcdefg");
  // A continuation with nothing to continue, a new message inside one, too long.
  EXPECT_FALSE(assembler.add(last, e));
  EXPECT_EQ(e, FrameError::kProtocol);
  WsMessageAssembler fresh(10);
  EXPECT_FALSE(fresh.add(first, e));
  EXPECT_FALSE(fresh.add(first, e));
  EXPECT_EQ(e, FrameError::kProtocol);
  WsMessageAssembler small(4);
  EXPECT_FALSE(small.add(first, e));
  EXPECT_FALSE(small.add(more, e));
  EXPECT_EQ(e, FrameError::kTooLarge);
}

}  // namespace
}  // namespace hoyo::http::internal
