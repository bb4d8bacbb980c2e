#include "bench/change_driver.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <deque>
#include <thread>

#include "bench/ws_swarm.h"

namespace hoyo::bench {
namespace {

struct Lane {
  int fd = -1;
  bool busy = false;
  std::int64_t due = 0;
  std::string in;
};

std::string request(const DriverTarget& t, std::size_t lane, bool close) {
  if (t.node) {
    return "POST /change HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n";
  }
  const std::string body = R"({"dates":[")" + t.dates[lane] + R"("]})";
  return "POST /api/operator/facilities/" + t.facility + (close ? "/closures" : "/reopenings") +
         " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Requested-With: hoyo-bench\r\nCookie: " + t.cookie +
         "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
}

// A whole response at the front of `in`: its length, status and position
// (0 when incomplete).
std::size_t parse_response(const std::string& in, int& status, std::uint64_t& position) {
  const auto end = in.find("\r\n\r\n");
  if (end == std::string::npos) return 0;
  status = std::atoi(in.c_str() + 9);
  std::size_t length = 0;
  position = 0;
  std::size_t at = in.find("\r\n") + 2;
  while (at < end) {
    const std::size_t eol = in.find("\r\n", at);
    std::string line = in.substr(at, eol - at);
    for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (line.rfind("content-length:", 0) == 0) length = std::stoul(line.substr(15));
    if (line.rfind("x-log-position:", 0) == 0) position = std::stoull(line.substr(15));
    at = eol + 2;
  }
  if (in.size() < end + 4 + length) return 0;
  return end + 4 + length;
}

}  // namespace

DriverResult drive_changes(DriverTarget& t, double rate, std::size_t count) {
  DriverResult r;
  const std::size_t lanes = t.node ? 16 : t.dates.size();
  t.closed.resize(lanes, false);
  std::vector<Lane> lane(lanes);
  const int ep = ::epoll_create1(0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(t.port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (std::size_t i = 0; i < lanes; ++i) {
    lane[i].fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (::connect(lane[i].fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      r.failed = count;
      return r;
    }
    const int one = 1;
    ::setsockopt(lane[i].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    ::fcntl(lane[i].fd, F_SETFL, ::fcntl(lane[i].fd, F_GETFL) | O_NONBLOCK);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = i;
    ::epoll_ctl(ep, EPOLL_CTL_ADD, lane[i].fd, &ev);
  }
  const std::int64_t start = steady_ns();
  const double interval = 1e9 / rate;
  std::size_t sent = 0, answered = 0;
  std::deque<std::size_t> free_lanes;
  for (std::size_t i = 0; i < lanes; ++i) free_lanes.push_back(i);
  std::vector<epoll_event> events(64);
  char buf[16384];
  while (answered < count) {
    const std::int64_t now = steady_ns();
    while (sent < count && !free_lanes.empty() &&
           start + static_cast<std::int64_t>(sent * interval) <= now) {
      const std::size_t i = free_lanes.front();
      free_lanes.pop_front();
      Lane& l = lane[i];
      l.due = start + static_cast<std::int64_t>(sent * interval);
      if (now - l.due > 1'000'000) ++r.late;
      const std::string req = request(t, i, !t.closed[i]);
      t.closed[i] = !t.closed[i];
      l.busy = true;
      (void)::send(l.fd, req.data(), req.size(), MSG_NOSIGNAL);
      ++sent;
    }
    const std::int64_t next_due = start + static_cast<std::int64_t>(sent * interval);
    int timeout_ms = sent < count ? static_cast<int>((next_due - steady_ns()) / 1'000'000) : 10;
    timeout_ms = std::max(0, std::min(timeout_ms, 10));
    const int n = ::epoll_wait(ep, events.data(), static_cast<int>(events.size()), timeout_ms);
    for (int e = 0; e < n; ++e) {
      const std::size_t i = events[static_cast<std::size_t>(e)].data.u64;
      Lane& l = lane[i];
      for (;;) {
        const ssize_t got = ::read(l.fd, buf, sizeof buf);
        if (got <= 0) break;
        l.in.append(buf, static_cast<std::size_t>(got));
      }
      int status = 0;
      std::uint64_t position = 0;
      while (const std::size_t used = parse_response(l.in, status, position)) {
        l.in.erase(0, used);
        if (status < 300 && position) {
          r.due[position] = l.due;
        } else {
          ++r.failed;
        }
        l.busy = false;
        free_lanes.push_back(i);
        ++answered;
      }
    }
  }
  for (Lane& l : lane) ::close(l.fd);
  ::close(ep);
  return r;
}

}  // namespace hoyo::bench
