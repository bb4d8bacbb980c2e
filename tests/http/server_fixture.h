// The application served over real sockets on loopback: a Server with the
// route handlers, the live hub, and raw and Beast clients to talk to it.
#pragma once

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <cstdio>
#include <thread>

#include "eventually.h"
#include "http/live/live_hub.h"
#include "http/server/server.h"
#include "self_signed_cert.h"
#include "tests/http/app_fixture.h"

namespace hoyo::http::testing {

using namespace std::chrono_literals;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using hoyo::testing::eventually;

class ServerFixture : public AppFixture {
 protected:
  void start(ServerConfig config = {}) {
    config.host = "127.0.0.1";
    config.port = 0;
    config.threads = 2;
    ctx_.config.tls = !config.tls_cert_file.empty();
    ctx_.config.body_limit = config.body_limit;
    config.admit = [this](Request& head, const std::string& source) {
      return admit_request(head, source, ctx_);
    };
    hub_ = std::make_unique<LiveHub>(*services_);
    ctx_.hub = hub_.get();
    server_ = std::make_unique<Server>(
        config,
        [this](const Request& r, Reply reply) { handle_request_async(r, ctx_, std::move(reply)); },
        hub_.get());
    server_->start();
  }
  void TearDown() override {
    if (hub_) hub_->stop();
    if (server_) server_->stop();
    server_.reset();
    hub_.reset();
    AppFixture::TearDown();
  }
  tcp::endpoint endpoint() const { return {asio::ip::make_address("127.0.0.1"), server_->port()}; }
  // Sends raw bytes and reads whatever comes back until the peer closes or
  // `wait` passes.
  std::string raw(const std::string& bytes, std::chrono::milliseconds wait = 3000ms) {
    asio::io_context io;
    beast::tcp_stream s(io);
    s.connect(endpoint());
    beast::error_code ec;
    // The server may answer and close before it has read everything.
    asio::write(s.socket(), asio::buffer(bytes), ec);
    // A plain blocking read that ends after `wait` without data (Beast's
    // expiry covers asynchronous operations only, and Asio's own blocking
    // read would poll past SO_RCVTIMEO).
    const int fd = s.socket().native_handle();
    timeval tv{static_cast<time_t>(wait.count() / 1000),
               static_cast<suseconds_t>((wait.count() % 1000) * 1000)};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    std::string out;
    char buf[4096];
    for (;;) {
      const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
  }
  Response http(Request req) {
    asio::io_context io;
    beast::tcp_stream s(io);
    s.connect(endpoint());
    req.set(bhttp::field::host, "127.0.0.1");
    req.prepare_payload();
    bhttp::write(s, req);
    beast::flat_buffer b;
    Response res;
    s.expires_after(5s);
    bhttp::read(s, b, res);
    return res;
  }

  std::unique_ptr<LiveHub> hub_;
  std::unique_ptr<Server> server_;
};

using ::hoyo::testing::write_self_signed;

}  // namespace hoyo::http::testing
