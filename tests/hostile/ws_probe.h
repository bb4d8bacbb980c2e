// WebSocket (RFC 6455) over a raw Socket, as a client that may misbehave:
// the opening handshake, masked client frames of any claimed length, and the
// server's frames as they come.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http_probe.h"

namespace hoyo::hostile {

// The live-vacancy path.
inline constexpr const char* kLivePath = "/api/vacancy/live";

// The upgrade request for kLivePath, with `extra` header lines (each ending in \r\n).
std::string upgrade_request(std::string_view extra = {});

// Connects from `source` and performs the opening handshake; the socket is
// open and upgraded when ok() (the test fails otherwise). Bytes that came
// after the 101 answer are left in `leftover`.
Socket ws_connect(const std::string& source, std::uint16_t port, std::string& leftover);

// A masked client frame: FIN as given, `opcode`, `payload`.
std::string client_frame(std::uint8_t opcode, std::string_view payload, bool fin = true);
// Only the header of a masked client frame claiming `length` payload bytes
// (64-bit length form when over 65535), mask key included.
std::string client_frame_header(std::uint8_t opcode, std::uint64_t length);

// One frame from the server (servers never mask).
struct ServerFrame {
  std::uint8_t opcode = 0;
  bool fin = true;
  std::string payload;
  // The status code of a close frame (0 when it carries none).
  int close_code() const;
};

// The whole frame that begins at `at` in `buffer`, if there is one; `at`
// then moves past it. Reading a buffer of many frames this way and erasing
// what was read once keeps a large backlog linear to read.
std::optional<ServerFrame> read_server_frame(std::string_view buffer, std::size_t& at);

// Sends `bytes` while collecting the server's frames into `frames` (partial
// ones wait in `buffer`), until `done(frames)`, the server ends the
// connection, or the deadline passes; how the connection was left.
End ws_pump(Socket& socket, std::string_view bytes, std::string& buffer,
            std::vector<ServerFrame>& frames, Clock::time_point deadline,
            const std::function<bool(const std::vector<ServerFrame>&)>& done);

}  // namespace hoyo::hostile
