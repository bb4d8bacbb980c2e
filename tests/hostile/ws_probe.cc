#include "ws_probe.h"

#include <gtest/gtest.h>
#include <poll.h>

#include <cerrno>

namespace hoyo::hostile {

std::string upgrade_request(std::string_view extra) {
  std::string r = std::string("GET ") + kLivePath +
                  " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
  r.append(extra);
  return r + "\r\n";
}

Socket ws_connect(const std::string& source, std::uint16_t port, std::string& leftover) {
  Socket s(source, port);
  if (!s.ok()) {
    ADD_FAILURE() << s.error();
    return s;
  }
  const auto deadline = Clock::now() + std::chrono::seconds(5);
  HttpAnswer a;
  if (!s.send_all(upgrade_request(), deadline)) {
    ADD_FAILURE() << "the upgrade request could not be sent";
    s.close();
    return s;
  }
  a.end = s.read_until(a.raw, deadline, [](const std::string& b) {
    return b.find("\r\n\r\n") != std::string::npos;
  });
  parse_answer(a);
  if (a.status != 101) {
    ADD_FAILURE() << "the upgrade was not accepted: " << a.describe();
    s.close();
    return s;
  }
  leftover = a.raw.substr(a.raw.find("\r\n\r\n") + 4);
  return s;
}

namespace {

void append_header(std::string& out, std::uint8_t first, std::uint64_t length) {
  out.push_back(static_cast<char>(first));
  if (length < 126) {
    out.push_back(static_cast<char>(0x80 | length));
  } else if (length <= 0xffff) {
    out.push_back(static_cast<char>(0x80 | 126));
    out.push_back(static_cast<char>(length >> 8));
    out.push_back(static_cast<char>(length & 0xff));
  } else {
    out.push_back(static_cast<char>(0x80 | 127));
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.push_back(static_cast<char>((length >> shift) & 0xff));
    }
  }
}

constexpr unsigned char kMask[4] = {0x37, 0xfa, 0x21, 0x3d};

}  // namespace

std::string client_frame(std::uint8_t opcode, std::string_view payload, bool fin) {
  std::string out;
  append_header(out, static_cast<std::uint8_t>((fin ? 0x80 : 0) | opcode), payload.size());
  out.append(reinterpret_cast<const char*>(kMask), 4);
  for (std::size_t i = 0; i < payload.size(); ++i) {
    out.push_back(static_cast<char>(payload[i] ^ kMask[i % 4]));
  }
  return out;
}

std::string client_frame_header(std::uint8_t opcode, std::uint64_t length) {
  std::string out;
  append_header(out, static_cast<std::uint8_t>(0x80 | opcode), length);
  out.append(reinterpret_cast<const char*>(kMask), 4);
  return out;
}

int ServerFrame::close_code() const {
  if (payload.size() < 2) return 0;
  return (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]);
}

std::optional<ServerFrame> take_server_frame(std::string& buffer) {
  if (buffer.size() < 2) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(buffer.data());
  std::uint64_t length = p[1] & 0x7f;
  std::size_t at = 2;
  if (length == 126) {
    if (buffer.size() < 4) return std::nullopt;
    length = (p[2] << 8) | p[3];
    at = 4;
  } else if (length == 127) {
    if (buffer.size() < 10) return std::nullopt;
    length = 0;
    for (int i = 0; i < 8; ++i) length = (length << 8) | p[2 + i];
    at = 10;
  }
  if (buffer.size() - at < length) return std::nullopt;
  ServerFrame f;
  f.fin = p[0] & 0x80;
  f.opcode = p[0] & 0x0f;
  f.payload = buffer.substr(at, static_cast<std::size_t>(length));
  buffer.erase(0, at + static_cast<std::size_t>(length));
  return f;
}

End ws_pump(Socket& socket, std::string_view bytes, std::string& buffer,
            std::vector<ServerFrame>& frames, Clock::time_point deadline,
            const std::function<bool(const std::vector<ServerFrame>&)>& done) {
  auto drain = [&] {
    while (auto f = take_server_frame(buffer)) frames.push_back(std::move(*f));
  };
  drain();
  while (!done(frames) && Clock::now() < deadline) {
    pollfd p{socket.fd(), static_cast<short>(POLLIN | (bytes.empty() ? 0 : POLLOUT)), 0};
    if (::poll(&p, 1, 50) < 0) {
      if (errno == EINTR) continue;
      return End::kReset;
    }
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const End e = socket.read_available(buffer, std::chrono::milliseconds(0));
      drain();
      if (e != End::kOpen) return e;
    }
    if (!bytes.empty() && (p.revents & POLLOUT)) {
      const long n = socket.send_some(bytes);
      if (n < 0) {
        bytes = {};  // refused: read what the server says
      } else {
        bytes.remove_prefix(static_cast<std::size_t>(n));
      }
    }
  }
  return End::kOpen;
}

}  // namespace hoyo::hostile
