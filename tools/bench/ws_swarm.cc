#include "bench/ws_swarm.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <mutex>

#include "bench/process.h"

namespace hoyo::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

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

struct Client : std::enable_shared_from_this<Client> {
  Client(asio::io_context& io, std::atomic<int>& subscribed, std::atomic<int>& failed)
      : ws(io), subscribed_count(subscribed), failed_count(failed) {}

  void start(const tcp::endpoint& ep, const std::string& subscribe) {
    message = subscribe;
    beast::get_lowest_layer(ws).async_connect(
        ep, [self = shared_from_this()](beast::error_code ec) {
          if (ec) return self->fail();
          beast::get_lowest_layer(self->ws).socket().set_option(tcp::no_delay(true));
          self->ws.async_handshake("127.0.0.1", "/api/vacancy/live", [self](beast::error_code ec) {
            if (ec) return self->fail();
            self->ws.async_write(asio::buffer(self->message),
                                 [self](beast::error_code ec, std::size_t) {
                                   if (ec) return self->fail();
                                   self->read();
                                 });
          });
        });
  }

  void read() {
    ws.async_read(buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return;
      const auto data = self->buffer.cdata();
      const std::string_view text(static_cast<const char*>(data.data()), data.size());
      const std::int64_t now = steady_ns();
      if (!self->counted) {
        self->counted = true;
        ++self->subscribed_count;
      }
      if (const std::uint64_t p = vacancy_position(text)) {
        std::lock_guard lk(self->mu);
        self->arrivals.push_back({p, now});
      }
      self->buffer.consume(self->buffer.size());
      self->read();
    });
  }

  void fail() { ++failed_count; }

  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  std::string message;
  std::atomic<int>& subscribed_count;
  std::atomic<int>& failed_count;
  bool counted = false;
  std::mutex mu;
  std::vector<WsSwarm::Arrival> arrivals;
};

}  // namespace

struct WsSwarm::Impl {
  asio::io_context io{1};
  std::vector<std::shared_ptr<Client>> clients;
  std::thread thread;
};

WsSwarm::WsSwarm(std::uint16_t port, int clients, const std::string& subscribe, int cpu)
    : impl_(std::make_unique<Impl>()) {
  const tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), port);
  for (int i = 0; i < clients; ++i) {
    auto c = std::make_shared<Client>(impl_->io, subscribed_, failed_);
    impl_->clients.push_back(c);
    c->start(ep, subscribe);
  }
  impl_->thread = std::thread([this, cpu] {
    if (cpu >= 0) pin_thread(cpu);
    auto guard = asio::make_work_guard(impl_->io);
    impl_->io.run();
  });
}

WsSwarm::~WsSwarm() {
  impl_->io.stop();
  impl_->thread.join();
}

bool WsSwarm::wait_subscribed(std::chrono::seconds timeout) const {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (subscribed_.load() + failed_.load() >= static_cast<int>(impl_->clients.size())) {
      return failed_.load() == 0;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::vector<std::vector<WsSwarm::Arrival>> WsSwarm::arrivals() const {
  std::vector<std::vector<Arrival>> out;
  for (const auto& c : impl_->clients) {
    std::lock_guard lk(c->mu);
    out.push_back(c->arrivals);
  }
  return out;
}

void WsSwarm::clear() {
  for (const auto& c : impl_->clients) {
    std::lock_guard lk(c->mu);
    c->arrivals.clear();
  }
}

}  // namespace hoyo::bench
