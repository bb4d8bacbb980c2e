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

std::optional<ServerFrame> read_server_frame(std::string_view buffer, std::size_t& at) {
  const std::string_view rest = buffer.substr(at);
  if (rest.size() < 2) return std::nullopt;
  const auto* p = reinterpret_cast<const unsigned char*>(rest.data());
  std::uint64_t length = p[1] & 0x7f;
  std::size_t header = 2;
  if (length == 126) {
    if (rest.size() < 4) return std::nullopt;
    length = (p[2] << 8) | p[3];
    header = 4;
  } else if (length == 127) {
    if (rest.size() < 10) return std::nullopt;
    length = 0;
    for (int i = 0; i < 8; ++i) length = (length << 8) | p[2 + i];
    header = 10;
  }
  if (rest.size() - header < length) return std::nullopt;
  ServerFrame f;
  f.fin = p[0] & 0x80;
  f.opcode = p[0] & 0x0f;
  f.payload = std::string(rest.substr(header, static_cast<std::size_t>(length)));
  at += header + static_cast<std::size_t>(length);
  return f;
}

End ws_pump(Socket& socket, std::string_view bytes, std::string& buffer,
            std::vector<ServerFrame>& frames, Clock::time_point deadline,
            const std::function<bool(const std::vector<ServerFrame>&)>& done) {
  // Erasing each frame off the front would make a backlog of pongs
  // quadratic to read (minutes under ThreadSanitizer): one erase per read.
  auto drain = [&] {
    std::size_t at = 0;
    while (auto f = read_server_frame(buffer, at)) frames.push_back(std::move(*f));
    buffer.erase(0, at);
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
