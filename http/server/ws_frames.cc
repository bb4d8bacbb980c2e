#include "http/server/internal/ws_frames.h"

namespace hoyo::http::internal {

void append_server_frame(std::string& out, WsOpcode opcode, std::string_view payload) {
  out.push_back(static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode)));
  const std::size_t n = payload.size();
  if (n < 126) {
    out.push_back(static_cast<char>(n));
  } else if (n <= 0xffff) {
    out.push_back(static_cast<char>(126));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xff));
  } else {
    out.push_back(static_cast<char>(127));
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.push_back(static_cast<char>((static_cast<std::uint64_t>(n) >> shift) & 0xff));
    }
  }
  out.append(payload);
}

FrameError read_client_frame(std::string_view in, std::size_t max_payload, ClientFrame& frame) {
  if (in.size() < 2) return FrameError::kIncomplete;
  const auto* p = reinterpret_cast<const std::uint8_t*>(in.data());
  const bool fin = p[0] & 0x80;
  if (p[0] & 0x70) return FrameError::kProtocol;  // no extension was negotiated
  const std::uint8_t op = p[0] & 0x0f;
  const bool control = op & 0x8;
  if (op != 0x0 && op != 0x1 && op != 0x2 && op != 0x8 && op != 0x9 && op != 0xA) {
    return FrameError::kProtocol;
  }
  if (!(p[1] & 0x80)) return FrameError::kProtocol;  // clients must mask
  std::uint64_t len = p[1] & 0x7f;
  std::size_t at = 2;
  if (len == 126) {
    if (in.size() < 4) return FrameError::kIncomplete;
    len = (static_cast<std::uint64_t>(p[2]) << 8) | p[3];
    at = 4;
  } else if (len == 127) {
    if (in.size() < 10) return FrameError::kIncomplete;
    len = 0;
    for (int i = 0; i < 8; ++i) len = (len << 8) | p[2 + i];
    at = 10;
  }
  if (control && (!fin || len > 125)) return FrameError::kProtocol;
  if (!control && len > max_payload) return FrameError::kTooLarge;
  if (in.size() < at + 4 + len) return FrameError::kIncomplete;
  const std::uint8_t* mask = p + at;
  at += 4;
  frame.fin = fin;
  frame.opcode = static_cast<WsOpcode>(op);
  frame.payload.resize(static_cast<std::size_t>(len));
  for (std::size_t i = 0; i < len; ++i) {
    frame.payload[i] = static_cast<char>(p[at + i] ^ mask[i % 4]);
  }
  frame.size = at + static_cast<std::size_t>(len);
  return FrameError::kNone;
}

std::optional<std::string> WsMessageAssembler::add(const ClientFrame& frame, FrameError& error) {
  error = FrameError::kNone;
  const bool start = frame.opcode == WsOpcode::kText || frame.opcode == WsOpcode::kBinary;
  if (start == in_message_) {  // a start inside a message, or a continuation outside one
    error = FrameError::kProtocol;
    return std::nullopt;
  }
  if (start) message_.clear();
  if (message_.size() + frame.payload.size() > max_) {
    error = FrameError::kTooLarge;
    return std::nullopt;
  }
  message_.append(frame.payload);
  in_message_ = !frame.fin;
  if (!frame.fin) return std::nullopt;
  return std::move(message_);
}

}  // namespace hoyo::http::internal
