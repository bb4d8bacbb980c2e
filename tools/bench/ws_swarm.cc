// The swarm is written on raw sockets and epoll rather than Beast: with ten
// thousand clients on one core, the client's own cost per message must stay
// far below the servers' or it would be what the benchmark measures.
#include "bench/ws_swarm.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

#include "bench/process.h"

namespace hoyo::bench {

std::int64_t steady_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

namespace {

// The number after "position": in a vacancy message; 0 for other messages.
std::uint64_t vacancy_position(std::string_view text) {
  if (text.find("\"type\":\"vacancy\"") == std::string_view::npos) return 0;
  const auto at = text.find("\"position\":");
  if (at == std::string_view::npos) return 0;
  std::uint64_t v = 0;
  for (std::size_t i = at + 11; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    v = v * 10 + static_cast<std::uint64_t>(text[i] - '0');
  }
  return v;
}

// A client frame: masked (with a zero key, which leaves the bytes as they are).
std::string client_frame(std::uint8_t opcode, std::string_view payload) {
  std::string f;
  f.push_back(static_cast<char>(0x80 | opcode));
  if (payload.size() < 126) {
    f.push_back(static_cast<char>(0x80 | payload.size()));
  } else {
    f.push_back(static_cast<char>(0x80 | 126));
    f.push_back(static_cast<char>(payload.size() >> 8));
    f.push_back(static_cast<char>(payload.size() & 0xff));
  }
  f.append(4, '\0');
  f.append(payload);
  return f;
}

void write_all(int fd, const std::string& bytes) {
  for (std::size_t at = 0; at < bytes.size();) {
    const ssize_t n = ::send(fd, bytes.data() + at, bytes.size() - at, MSG_NOSIGNAL);
    if (n > 0) {
      at += static_cast<std::size_t>(n);
    } else if (n < 0 && errno != EAGAIN && errno != EINTR) {
      return;
    }
  }
}

struct Conn {
  int fd = -1;
  bool upgraded = false;
  bool counted = false;
  std::string in;
  std::vector<WsSwarm::Arrival> arrivals;
};

}  // namespace

struct WsSwarm::Impl {
  std::vector<Conn> conns;
  std::string subscribe;
  int epoll = -1;
  std::atomic<bool> stop{false};
  std::mutex mu;  // guards every Conn's arrivals
  std::thread thread;

  // Parses what arrived on `c` at `now`; false when the connection is over.
  bool consume(Conn& c, std::int64_t now, std::atomic<int>& subscribed) {
    if (!c.upgraded) {
      const auto end = c.in.find("\r\n\r\n");
      if (end == std::string::npos) return true;
      if (c.in.compare(0, 12, "HTTP/1.1 101") != 0) return false;
      c.in.erase(0, end + 4);
      c.upgraded = true;
      write_all(c.fd, client_frame(0x1, subscribe));
    }
    std::size_t at = 0;
    for (;;) {
      if (c.in.size() - at < 2) break;
      const auto* p = reinterpret_cast<const std::uint8_t*>(c.in.data() + at);
      const std::uint8_t opcode = p[0] & 0x0f;
      std::size_t len = p[1] & 0x7f, head = 2;
      if (len == 126) {
        if (c.in.size() - at < 4) break;
        len = (static_cast<std::size_t>(p[2]) << 8) | p[3];
        head = 4;
      } else if (len == 127) {
        return false;  // never this large here
      }
      if (c.in.size() - at < head + len) break;
      const std::string_view payload(c.in.data() + at + head, len);
      if (opcode == 0x1) {
        if (!c.counted) {
          c.counted = true;
          ++subscribed;
        }
        if (const std::uint64_t position = vacancy_position(payload)) {
          c.arrivals.push_back({position, now});
        }
      } else if (opcode == 0x9) {
        write_all(c.fd, client_frame(0xA, payload));
      } else if (opcode == 0x8) {
        return false;
      }
      at += head + len;
    }
    c.in.erase(0, at);
    return true;
  }
};

WsSwarm::WsSwarm(std::uint16_t port, int clients, const std::string& subscribe, int cpu)
    : impl_(std::make_unique<Impl>()) {
  impl_->subscribe = subscribe;
  impl_->epoll = ::epoll_create1(0);
  impl_->conns.resize(static_cast<std::size_t>(clients));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const std::string upgrade =
      "GET /api/vacancy/live HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n";
  for (std::size_t i = 0; i < impl_->conns.size(); ++i) {
    Conn& c = impl_->conns[i];
    c.fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (c.fd < 0 || ::connect(c.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ++failed_;
      if (c.fd >= 0) ::close(c.fd);
      c.fd = -1;
      continue;
    }
    const int one = 1;
    ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    write_all(c.fd, upgrade);
    ::fcntl(c.fd, F_SETFL, ::fcntl(c.fd, F_GETFL) | O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(impl_->epoll, EPOLL_CTL_ADD, c.fd, &ev);
  }
  impl_->thread = std::thread([this, cpu] {
    if (cpu >= 0) pin_thread(cpu);
    std::vector<epoll_event> events(1024);
    char buf[65536];
    while (!impl_->stop.load()) {
      const int n = ::epoll_wait(impl_->epoll, events.data(), static_cast<int>(events.size()), 50);
      std::lock_guard lk(impl_->mu);
      for (int e = 0; e < n; ++e) {
        Conn& c = impl_->conns[events[static_cast<std::size_t>(e)].data.u64];
        if (c.fd < 0) continue;
        bool open = true;
        for (;;) {
          const ssize_t got = ::read(c.fd, buf, sizeof buf);
          if (got > 0) {
            c.in.append(buf, static_cast<std::size_t>(got));
            if (static_cast<std::size_t>(got) < sizeof buf) break;
          } else if (got < 0 && (errno == EAGAIN || errno == EINTR)) {
            break;
          } else {
            open = false;
            break;
          }
        }
        if (open) open = impl_->consume(c, steady_ns(), subscribed_);
        if (!open) {
          ::close(c.fd);
          c.fd = -1;
        }
      }
    }
  });
}

WsSwarm::~WsSwarm() {
  impl_->stop = true;
  impl_->thread.join();
  for (Conn& c : impl_->conns) {
    if (c.fd >= 0) ::close(c.fd);
  }
  ::close(impl_->epoll);
}

bool WsSwarm::wait_subscribed(std::chrono::seconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (subscribed_.load() + failed_.load() >= static_cast<int>(impl_->conns.size())) {
      return failed_.load() == 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::vector<std::vector<WsSwarm::Arrival>> WsSwarm::arrivals() const {
  std::lock_guard lk(impl_->mu);
  std::vector<std::vector<Arrival>> out;
  out.reserve(impl_->conns.size());
  for (const Conn& c : impl_->conns) out.push_back(c.arrivals);
  return out;
}

void WsSwarm::clear() {
  std::lock_guard lk(impl_->mu);
  for (Conn& c : impl_->conns) c.arrivals.clear();
}

}  // namespace hoyo::bench
