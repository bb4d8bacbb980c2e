#include "http/server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>
#include <vector>

#include "http/problem.h"

namespace hoyo::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

// A problem answer on a connection that is closed after it.
Response error_response(bhttp::status status, unsigned version, std::string_view code,
                        std::string_view title) {
  Response res = problem(status, code, title, title, version);
  res.keep_alive(false);
  return res;
}

// One connection: reads a request, hands it to the handler, writes the answer,
// and repeats while the client keeps the connection alive.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, const ServerConfig& config, const Handler& handler)
      : stream_(std::move(socket)), config_(config), handler_(handler) {}

  void start() {
    beast::error_code ec;
    stream_.socket().set_option(tcp::no_delay(true), ec);
    read_next();
  }

 private:
  void read_next() {
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(config_.header_limit));
    parser_->body_limit(config_.body_limit);
    stream_.expires_after(first_request_ ? config_.read_timeout : config_.idle_timeout);
    bhttp::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    first_request_ = false;
    if (ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted) {
      return close();
    }
    if (ec == bhttp::error::body_limit) {
      return write(error_response(bhttp::status::payload_too_large, 11, "payload_too_large",
                                  "request body too large"));
    }
    if (ec == bhttp::error::header_limit) {
      return write(error_response(bhttp::status::request_header_fields_too_large, 11,
                                  "header_too_large", "request header too large"));
    }
    if (ec) {
      if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category()) {
        return write(
            error_response(bhttp::status::bad_request, 11, "malformed", "malformed request"));
      }
      return close();
    }
    Request req = parser_->release();
    // The client's address for per-source limits; a value the client sent is
    // replaced, never trusted.
    req.erase(kPeerHeader);
    beast::error_code peer_ec;
    const auto peer = stream_.socket().remote_endpoint(peer_ec);
    req.set(kPeerHeader, peer_ec ? std::string("unknown") : peer.address().to_string());
    Response res = handler_(req);
    res.version(req.version());
    res.keep_alive(res.keep_alive() && req.keep_alive());
    write(std::move(res));
  }

  void write(Response res) {
    response_ = std::make_shared<Response>(std::move(res));
    stream_.expires_after(config_.read_timeout);
    bhttp::async_write(stream_, *response_,
                       [self = shared_from_this()](beast::error_code ec, std::size_t) {
                         const bool keep = self->response_->keep_alive();
                         self->response_.reset();
                         if (ec || !keep) return self->close();
                         self->read_next();
                       });
  }

  void close() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  beast::tcp_stream stream_;
  const ServerConfig& config_;
  const Handler& handler_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::shared_ptr<Response> response_;
  bool first_request_ = true;
};

// One worker: its own io_context and acceptor on the shared (SO_REUSEPORT) port.
class Worker {
 public:
  Worker(const ServerConfig& config, const Handler& handler, const tcp::endpoint& endpoint)
      : config_(config), handler_(handler), acceptor_(io_) {
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

  void stop() {
    asio::post(io_, [this] {
      beast::error_code ec;
      acceptor_.close(ec);
    });
    io_.stop();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void accept() {
    acceptor_.async_accept(io_, [this](beast::error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted) return;
      if (!ec) std::make_shared<Session>(std::move(socket), config_, handler_)->start();
      accept();
    });
  }

  const ServerConfig& config_;
  const Handler& handler_;
  asio::io_context io_{1};
  tcp::acceptor acceptor_;
  std::thread thread_;
};

}  // namespace

struct Server::Impl {
  ServerConfig config;
  Handler handler;
  std::vector<std::unique_ptr<Worker>> workers;
  std::uint16_t port = 0;
};

Server::Server(ServerConfig config, Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->config = std::move(config);
  impl_->handler = std::move(handler);
}

Server::~Server() { stop(); }

void Server::start() {
  const auto address = asio::ip::make_address(impl_->config.host);
  std::uint16_t port = impl_->config.port;
  const int threads = std::max(1, impl_->config.threads);
  for (int i = 0; i < threads; ++i) {
    auto w = std::make_unique<Worker>(impl_->config, impl_->handler, tcp::endpoint(address, port));
    port = w->port();  // later workers join the port the first one got
    impl_->workers.push_back(std::move(w));
  }
  impl_->port = port;
  for (auto& w : impl_->workers) w->run();
}

void Server::stop() {
  for (auto& w : impl_->workers) w->stop();
  impl_->workers.clear();
}

std::uint16_t Server::port() const { return impl_->port; }

}  // namespace hoyo::http
