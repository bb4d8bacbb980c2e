#include "http/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "http/internal/http_connection.h"

namespace hoyo::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using internal::ServerShared;
using internal::SourceSlot;

// The answer to a connection over its source's cap: written whole, then closed.
void refuse_over_limit(tcp::socket socket) {
  static const std::string body =
      R"({"status":429,"code":"rate_limited","title":"too many connections","detail":"too many connections from one source"})";
  auto text = std::make_shared<std::string>(
      "HTTP/1.1 429 Too Many Requests\r\nContent-Type: application/problem+json\r\n"
      "Retry-After: 1\r\nConnection: close\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body);
  auto sock = std::make_shared<tcp::socket>(std::move(socket));
  asio::async_write(*sock, asio::buffer(*text), [sock, text](beast::error_code, std::size_t) {
    beast::error_code ec;
    sock->shutdown(tcp::socket::shutdown_send, ec);
  });
}

// One worker: its own io_context and acceptor on the shared (SO_REUSEPORT) port.
class Worker {
 public:
  Worker(ServerShared& shared, const tcp::endpoint& endpoint) : shared_(shared), acceptor_(io_) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(asio::socket_base::reuse_address(true));
    int one = 1;
    ::setsockopt(acceptor_.native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
    acceptor_.bind(endpoint);
    acceptor_.listen(asio::socket_base::max_listen_connections);
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void run() {
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }

  void stop_accepting() {
    asio::post(io_, [this] {
      beast::error_code ec;
      acceptor_.close(ec);
    });
  }

  void stop() {
    stop_accepting();
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void accept() {
    acceptor_.async_accept(io_, [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) admit(std::move(socket));
      accept();
    });
  }

  void admit(tcp::socket socket) {
    beast::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    const std::string source = ec ? std::string("unknown") : peer.address().to_string();
    if (!shared_.sources.acquire(source)) {
      ++shared_.stats.refused_source;
      return refuse_over_limit(std::move(socket));
    }
    auto slot = std::make_shared<SourceSlot>(shared_, source);
    if (shared_.tls) {
      std::make_shared<internal::HttpConnection<internal::TlsStream>>(
          shared_, std::move(slot), std::move(socket), *shared_.tls)
          ->start();
    } else {
      std::make_shared<internal::HttpConnection<internal::PlainStream>>(shared_, std::move(slot),
                                                                        std::move(socket))
          ->start();
    }
  }

  ServerShared& shared_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_;
  std::thread thread_;
};

asio::ssl::context tls_context(const ServerConfig& c) {
  asio::ssl::context ctx(asio::ssl::context::tls_server);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  beast::error_code ec;
  ctx.use_certificate_chain_file(c.tls_cert_file, ec);
  if (ec) throw std::runtime_error("cannot load TLS certificate " + c.tls_cert_file);
  ctx.use_private_key_file(c.tls_key_file, asio::ssl::context::pem, ec);
  if (ec) throw std::runtime_error("cannot load TLS key " + c.tls_key_file);
  return ctx;
}

}  // namespace

struct Server::Impl {
  Impl(ServerConfig c, Handler h, WsApp* ws) : shared(std::move(c), std::move(h), ws) {}
  ServerShared shared;
  std::vector<std::unique_ptr<Worker>> workers;
  std::uint16_t port = 0;
};

Server::Server(ServerConfig config, Handler handler, WsApp* ws)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(handler), ws)) {}

Server::~Server() { stop(); }

void Server::start() {
  const ServerConfig& c = impl_->shared.config;
  if (!c.tls_cert_file.empty() || !c.tls_key_file.empty())
    impl_->shared.tls.emplace(tls_context(c));
  const auto address = asio::ip::make_address(c.host);
  std::uint16_t port = c.port;
  const int threads = std::max(1, c.threads);
  for (int i = 0; i < threads; ++i) {
    auto w = std::make_unique<Worker>(impl_->shared, tcp::endpoint(address, port));
    port = w->port();  // later workers join the port the first one got
    impl_->workers.push_back(std::move(w));
  }
  impl_->port = port;
  for (auto& w : impl_->workers) w->run();
}

void Server::stop() {
  for (auto& w : impl_->workers) w->stop_accepting();
  // Answers the handlers still owe are written before the threads stop.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (impl_->shared.stats.in_flight.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  for (auto& w : impl_->workers) w->stop();
  impl_->workers.clear();
}

std::uint16_t Server::port() const { return impl_->port; }
bool Server::tls() const { return impl_->shared.tls.has_value(); }
const ServerStats& Server::stats() const { return impl_->shared.stats; }

}  // namespace hoyo::http
