// libFuzzer target for the connection code itself: whole byte streams go
// through http::Server (its acceptor, HttpConnection and, after an upgrade,
// WsConnection) over a real loopback socket, with a stub Handler and a stub
// WsApp in place of the application. Each input is written to one
// connection, possibly in several writes, then the client half-closes, reads
// everything, and waits for the server to close. Anything may be refused;
// nothing may crash, hang, or leave a connection, a body reservation or a
// request in flight behind.
//
// Input: byte 0 holds flags (kAsync: the handler answers from another
// thread; kClose: answers carry Connection: close; kBigAnswer: answers of
// 256 KiB; kDelay: the other thread answers after a millisecond). Byte 1 %
// 8 is the number of extra write boundaries, each taken from the next byte
// as a fraction of the rest; what follows is the stream.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "http/server/server.h"

namespace {

namespace bhttp = boost::beast::http;
using namespace hoyo::http;
using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

enum Flags : std::uint8_t { kAsync = 1, kClose = 2, kBigAnswer = 4, kDelay = 8 };
std::atomic<std::uint8_t> flags{0};

// Answers handed to another thread, as a real application's pool would.
class Answerer {
 public:
  Answerer() : thread_([this] { run(); }) { thread_.detach(); }
  void post(Reply reply, Response res, bool delay) {
    std::lock_guard lk(mu_);
    queue_.push_back({std::move(reply), std::move(res), delay});
    cv_.notify_one();
  }

 private:
  struct Job {
    Reply reply;
    Response res;
    bool delay;
  };
  void run() {
    for (;;) {
      Job job;
      {
        std::unique_lock lk(mu_);
        cv_.wait(lk, [this] { return !queue_.empty(); });
        job = std::move(queue_.front());
        queue_.pop_front();
      }
      if (job.delay) std::this_thread::sleep_for(1ms);
      job.reply(std::move(job.res));
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  std::thread thread_;
};

Answerer* answerer;

void handle(const Request& req, Reply reply) {
  const std::uint8_t f = flags.load();
  Response res{bhttp::status::ok, req.version()};
  res.set(bhttp::field::content_type, "text/plain");
  res.body() = (f & kBigAnswer) ? std::string(256 * 1024, 'a')
                                : std::to_string(req.body().size()) + " bytes\n";
  res.keep_alive(req.keep_alive() && !(f & kClose));
  res.prepare_payload();
  if (f & kAsync) return answerer->post(std::move(reply), std::move(res), f & kDelay);
  reply(std::move(res));
}

// Echoes each message; "many..." is echoed forty times (past the queue
// limit), "close" closes from the application's side.
class EchoApp : public WsApp {
 public:
  void on_open(const std::shared_ptr<WsPeer>& peer) override {
    peer->send(std::make_shared<const std::string>("hello"));
  }
  void on_message(const std::shared_ptr<WsPeer>& peer, std::string_view text) override {
    if (text == "close") return peer->close();
    auto copy = std::make_shared<const std::string>(text);
    const int times = text.substr(0, 4) == "many" ? 40 : 1;
    for (int i = 0; i < times; ++i) peer->send(copy);
    if (text.substr(0, 4) == "fan!") {
      // The fan-out path the live hub uses.
      peer->run_on_thread([peer, copy] {
        peer->queue_here(*copy);
        peer->queue_here(*copy);
        peer->flush_here();
      });
    }
  }
  void on_close(WsPeer*) override {}
};

EchoApp* app;
Server* server;

[[noreturn]] void die(const char* what) {
  std::fprintf(stderr, "connection_fuzz: %s\n", what);
  std::abort();
}

// Waits until the server holds nothing for past connections.
void expect_quiet() {
  const ServerStats& s = server->stats();
  const auto deadline = Clock::now() + 3s;
  while (Clock::now() < deadline) {
    if (s.connections == 0 && s.websockets == 0 && s.in_flight == 0 && s.body_bytes == 0) return;
    std::this_thread::sleep_for(1ms);
  }
  std::fprintf(stderr, "connections %lu websockets %lu in_flight %ld body_bytes %lu\n",
               static_cast<unsigned long>(s.connections.load()),
               static_cast<unsigned long>(s.websockets.load()),
               static_cast<long>(s.in_flight.load()),
               static_cast<unsigned long>(s.body_bytes.load()));
  die("the server still holds a finished connection's resources 3 s later");
}

// The server closes first on most inputs, leaving its side of each
// connection in TIME_WAIT: connections come from rotating loopback addresses
// so that no new one meets an old one's 4-tuple.
int connect_to_server() {
  static unsigned next = 0;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in from{};
  from.sin_family = AF_INET;
  from.sin_addr.s_addr = htonl(0x7f000001 + (next++ % 250) * 256 + 1);  // 127.0.N.2
  if (fd >= 0) ::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(server->port());
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  int err = fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0 ? 0 : errno;
  if (err == EINTR) {
    // libFuzzer's alarm came in the middle: the connection goes on being made.
    pollfd p{fd, POLLOUT, 0};
    while (::poll(&p, 1, 5000) < 0 && errno == EINTR) {
    }
    socklen_t len = sizeof err;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
  }
  if (fd < 0 || err != 0) {
    std::fprintf(stderr, "connection_fuzz: connect: %s\n", std::strerror(fd < 0 ? errno : err));
    die("cannot connect to the server");
  }
  return fd;
}

// poll() that goes on after a signal (libFuzzer's alarm comes every few
// seconds, to any thread).
int poll_one(pollfd& p, int millis) {
  for (;;) {
    const int r = ::poll(&p, 1, millis);
    if (r >= 0 || errno != EINTR) return r;
  }
}

// What a conversation came to (for diagnosing one that did not end).
struct Conversation {
  bool closed = false;  // the server closed within the deadline
  std::size_t sent = 0, received = 0;
  bool half_closed = false;
};

// Writes the pieces in order (a short pause between them, so the server
// sees them apart) while reading whatever comes; then half-closes and reads
// until the server closes, for at most 5 s.
Conversation converse(int fd, const std::vector<std::string_view>& pieces) {
  Conversation c;
  const auto deadline = Clock::now() + 5s;
  std::size_t piece = 0, at = 0;
  bool writing = true;
  char buf[65536];
  while (Clock::now() < deadline) {
    if (writing && piece == pieces.size()) {
      c.half_closed = ::shutdown(fd, SHUT_WR) == 0;
      writing = false;
    }
    pollfd p{fd, static_cast<short>(POLLIN | (writing ? POLLOUT : 0)), 0};
    if (poll_one(p, 10) < 0) return c;
    if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n > 0) c.received += static_cast<std::size_t>(n);
      // Closed, or reset (closed too).
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        c.closed = true;
        return c;
      }
    }
    if (writing && (p.revents & POLLOUT)) {
      const std::string_view rest = pieces[piece].substr(at);
      const ssize_t n =
          rest.empty() ? 0 : ::send(fd, rest.data(), rest.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
      if (n < 0 && errno != EAGAIN && errno != EINTR) {
        piece = pieces.size();  // the server stopped reading: read what it says
      } else if (n >= 0 && static_cast<std::size_t>(n) == rest.size()) {
        c.sent += static_cast<std::size_t>(n);
        ++piece;
        at = 0;
        if (piece < pieces.size()) std::this_thread::sleep_for(200us);
      } else if (n > 0) {
        at += static_cast<std::size_t>(n);
        c.sent += static_cast<std::size_t>(n);
      }
    }
  }
  return c;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  ServerConfig c;
  c.host = "127.0.0.1";
  c.port = 0;
  c.threads = 2;
  c.read_timeout = std::chrono::seconds(2);
  c.write_timeout = std::chrono::seconds(2);
  c.idle_timeout = std::chrono::seconds(2);
  c.ws_queue_max = 16;
  c.ws_message_max = 1024;
  c.body_budget_per_source = 1024 * 1024;
  // Uploads may be larger; "/refuse" is refused from its header.
  c.admit = [](Request& head, const std::string&) {
    Admission a{16 * 1024, std::nullopt};
    const std::string_view target(head.target().data(), head.target().size());
    if (target.substr(0, 7) == "/upload") a.body_limit = 512 * 1024;
    if (target.substr(0, 7) == "/refuse") {
      Response r{bhttp::status::too_many_requests, head.version()};
      r.body() = "no";
      r.prepare_payload();
      a.refusal = std::move(r);
    }
    return a;
  };
  answerer = new Answerer;
  app = new EchoApp;
  server = new Server(c, handle, app);
  server->start();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  flags = data[0];
  std::size_t boundaries = data[1] % 8;
  std::size_t at = 2;
  std::vector<std::uint8_t> cuts;
  while (boundaries-- > 0 && at < size) cuts.push_back(data[at++]);
  const std::string_view stream(reinterpret_cast<const char*>(data) + at, size - at);
  // Each cut is a fraction (of 256) of what is left.
  std::vector<std::string_view> pieces;
  std::string_view rest = stream;
  for (std::uint8_t cut : cuts) {
    const std::size_t n = rest.size() * cut / 256;
    pieces.push_back(rest.substr(0, n));
    rest.remove_prefix(n);
  }
  pieces.push_back(rest);

  const int fd = connect_to_server();
  const Conversation c = converse(fd, pieces);
  if (!c.closed) {
    const ServerStats& st = server->stats();
    std::fprintf(stderr, "sent %zu of %zu, half-closed %d, received %zu\n", c.sent, stream.size(),
                 c.half_closed, c.received);
    std::fprintf(stderr, "connections %lu websockets %lu in_flight %ld\n",
                 static_cast<unsigned long>(st.connections.load()),
                 static_cast<unsigned long>(st.websockets.load()),
                 static_cast<long>(st.in_flight.load()));
    // Slow, or stuck? A diagnosis for the report.
    const auto t0 = Clock::now();
    char buf[4096];
    pollfd p{fd, POLLIN, 0};
    while (Clock::now() - t0 < 10s && poll_one(p, 100) >= 0) {
      if (!(p.revents & POLLIN)) continue;
      const ssize_t n = ::recv(fd, buf, sizeof buf, MSG_DONTWAIT);
      if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) break;
    }
    std::fprintf(
        stderr, "closed %ld ms later (10000: not at all)\n",
        static_cast<long>(
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count()));
    die("the server kept the connection 5 s after the client half-closed");
  }
  linger hard{1, 0};  // no TIME_WAIT on this side
  ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  ::close(fd);
  expect_quiet();
  return 0;
}
