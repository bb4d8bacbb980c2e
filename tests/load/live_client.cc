#include "live_client.h"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace hoyo::load {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace json = boost::json;

struct LiveSubscriber::Impl {
  asio::io_context io;
  websocket::stream<asio::ip::tcp::socket> ws{io};
  std::thread reader;
  mutable std::mutex mu;
  std::condition_variable changed;
  std::vector<json::value> messages;  // guarded by mu
  bool closed = false;                // guarded by mu

  void read_all() {
    for (;;) {
      beast::flat_buffer buffer;
      beast::error_code ec;
      ws.read(buffer, ec);
      std::lock_guard lk(mu);
      if (ec) {
        closed = true;
        changed.notify_all();
        return;
      }
      json::error_code jec;
      json::value v = json::parse(beast::buffers_to_string(buffer.data()), jec);
      if (!jec) messages.push_back(std::move(v));
      changed.notify_all();
    }
  }
};

LiveSubscriber::LiveSubscriber(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

std::unique_ptr<LiveSubscriber> LiveSubscriber::open(std::uint16_t port,
                                                     const std::vector<std::string>& facilities,
                                                     std::uint64_t since, std::string* error) {
  auto impl = std::make_unique<Impl>();
  beast::error_code ec;
  impl->ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), port}, ec);
  // A node that accepts but never answers (frozen) fails the handshake after
  // 10 s; the reading thread's reads then wait as long as the test wants.
  const int fd = impl->ws.next_layer().native_handle();
  auto wait_at_most = [fd](int seconds) {
    const timeval tv{seconds, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  };
  if (!ec) wait_at_most(10);
  if (!ec) impl->ws.handshake("127.0.0.1:" + std::to_string(port), "/api/vacancy/live", ec);
  json::object subscribe{{"subscribe", json::array(facilities.begin(), facilities.end())}};
  if (since > 0) subscribe["since"] = since;
  if (!ec) {
    impl->ws.text(true);
    impl->ws.write(asio::buffer(json::serialize(subscribe)), ec);
  }
  if (ec) {
    if (error) *error = ec.message();
    return nullptr;
  }
  wait_at_most(0);  // no timeout
  Impl* raw = impl.get();
  impl->reader = std::thread([raw] { raw->read_all(); });
  return std::unique_ptr<LiveSubscriber>(new LiveSubscriber(std::move(impl)));
}

LiveSubscriber::~LiveSubscriber() {
  // Ends the reading thread's blocking read (the socket itself is not
  // touched from this thread otherwise).
  ::shutdown(impl_->ws.next_layer().native_handle(), SHUT_RDWR);
  impl_->reader.join();
}

std::optional<json::value> LiveSubscriber::wait_for(
    const std::function<bool(const json::value&)>& match, std::chrono::milliseconds timeout) {
  std::unique_lock lk(impl_->mu);
  std::size_t seen = 0;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    for (; seen < impl_->messages.size(); ++seen) {
      if (match(impl_->messages[seen])) return impl_->messages[seen];
    }
    if (impl_->closed || impl_->changed.wait_until(lk, deadline) == std::cv_status::timeout) {
      for (; seen < impl_->messages.size(); ++seen) {
        if (match(impl_->messages[seen])) return impl_->messages[seen];
      }
      return std::nullopt;
    }
  }
}

bool LiveSubscriber::closed() const {
  std::lock_guard lk(impl_->mu);
  return impl_->closed;
}

}  // namespace hoyo::load
