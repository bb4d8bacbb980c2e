// WebSocket framing (RFC 6455 section 5) for the live-vacancy connections
// once Beast has done the opening handshake: client frames are read here
// (masked, possibly fragmented, with control frames in between) and server
// frames are written here, so that every message queued for a client while
// the last write was in flight goes out in one write.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hoyo::http::internal {

enum class WsOpcode : std::uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

// Appends an unmasked server frame (FIN set) carrying `payload` to `out`.
void append_server_frame(std::string& out, WsOpcode opcode, std::string_view payload);

// One whole frame at the front of a buffer from a client.
struct ClientFrame {
  bool fin = true;
  WsOpcode opcode = WsOpcode::kText;
  std::string payload;   // unmasked
  std::size_t size = 0;  // bytes the frame took in the buffer
};

enum class FrameError {
  kNone,
  kIncomplete,  // wait for more bytes
  kProtocol,    // unmasked, reserved bits or opcode, a long or fragmented control frame
  kTooLarge,    // over the message limit
};

// Reads the frame at the front of `in`. Data frames longer than `max_payload`
// are kTooLarge.
FrameError read_client_frame(std::string_view in, std::size_t max_payload, ClientFrame& frame);

// Reassembles messages from data frames (text or binary, then continuations).
class WsMessageAssembler {
 public:
  explicit WsMessageAssembler(std::size_t max_message) : max_(max_message) {}
  // Feeds a data frame; returns the message once its last frame came, or
  // sets `error` (a continuation without a start, a new start inside a
  // message, or a message over the limit).
  std::optional<std::string> add(const ClientFrame& frame, FrameError& error);

 private:
  std::size_t max_;
  bool in_message_ = false;
  std::string message_;
};

}  // namespace hoyo::http::internal
