#include "http/server/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <stdexcept>
#include <thread>
#include <vector>

#include "base/log.h"
#include "base/thread.h"
#include "http/server/internal/http_connection.h"

namespace hoyo::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;
using internal::ServerShared;
using internal::SourceSlot;
using internal::Verdict;

// The answer to a connection over its source's cap (429) or the server's
// (503): written whole, then closed.
void refuse_over_limit(tcp::socket socket, Verdict why) {
  static const std::string source_body =
      R"({"status":429,"code":"rate_limited","title":"too many connections","detail":"too many connections from one source"})";
  static const std::string server_body =
      R"({"status":503,"code":"unavailable","title":"too many connections","detail":"the server has too many connections open"})";
  const bool source = why == Verdict::kSourceFull;
  const std::string& body = source ? source_body : server_body;
  auto text = std::make_shared<std::string>(
      std::string(source ? "HTTP/1.1 429 Too Many Requests" : "HTTP/1.1 503 Service Unavailable") +
      "\r\nContent-Type: application/problem+json\r\n"
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

  // Serves on a thread of its own. An exception escaping a connection's
  // handler (a bug, or memory running out) costs that connection, whose
  // pending operation is dropped with it, and is logged; the thread goes on
  // serving every other connection.
  void run() {
    accept();
    thread_ = base::start_thread("hoyo-http", [this] {
      for (;;) {
        try {
          io_.run();
          return;
        } catch (...) {
          ++shared_.stats.io_failures;
          base::log_line("error", "connection failed",
                         {{"error", base::describe_current_exception()}});
        }
      }
    });
  }

  void stop_accepting() {
    asio::post(io_, [this] {
      beast::error_code ec;
      acceptor_.close(ec);
      backoff_.cancel();
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
      if (!ec) {
        admit(std::move(socket));
        return accept();
      }
      // Out of descriptors (or another passing failure): pause rather than
      // spin, and let open connections finish meanwhile.
      backoff_.expires_after(std::chrono::milliseconds(50));
      backoff_.async_wait([this](beast::error_code e) {
        if (e != asio::error::operation_aborted) accept();
      });
    });
  }

  void admit(tcp::socket socket) {
    beast::error_code ec;
    const auto peer = socket.remote_endpoint(ec);
    const std::string source = ec ? std::string("unknown") : peer.address().to_string();
    const bool proxy = shared_.proxies.trusts(source);
    if (const Verdict v = shared_.sources.acquire(source, !proxy); v != Verdict::kAdmitted) {
      ++(v == Verdict::kSourceFull ? shared_.stats.refused_source : shared_.stats.refused_total);
      return refuse_over_limit(std::move(socket), v);
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
  // Keeps the thread running until stop(): once the acceptor is closed, the
  // connections waiting for their handlers' answers have no operation
  // pending, and the answers are posted to this io_context later.
  asio::executor_work_guard<asio::io_context::executor_type> work_{io_.get_executor()};
  tcp::acceptor acceptor_;
  asio::steady_timer backoff_{io_};
  std::thread thread_;
};

// Mozilla's "intermediate" profile: TLS 1.3, and TLS 1.2 with ECDHE key
// exchange and AEAD ciphers only (no CBC, no static RSA, no DHE), in the
// server's order of preference.
constexpr const char* kTls12Ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

asio::ssl::context tls_context(const ServerConfig& c) {
  asio::ssl::context ctx(asio::ssl::context::tls_server);
  ctx.set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                  asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                  asio::ssl::context::no_tlsv1_1 | asio::ssl::context::single_dh_use);
  SSL_CTX* native = ctx.native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(
      native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION | SSL_OP_NO_COMPRESSION);
  if (SSL_CTX_set_cipher_list(native, kTls12Ciphers) != 1) {
    throw std::runtime_error("cannot set the TLS 1.2 cipher list");
  }
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
  std::string bad;
  auto proxies = TrustedProxies::parse(c.trusted_proxies, &bad);
  if (!proxies) throw std::invalid_argument("trusted_proxies: not an address: " + bad);
  impl_->shared.proxies = std::move(*proxies);
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
  // No connection starts another request: those waiting for one end now, and
  // the others close after their answer.
  impl_->shared.idle.drain();
  // Answers the handlers still owe are written before the threads stop.
  const auto deadline = std::chrono::steady_clock::now() + impl_->shared.config.stop_grace;
  while (impl_->shared.stats.requests_open.load() > 0 &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  for (auto& w : impl_->workers) w->stop();
  // Answers that come later find the gate closed; the connections still
  // waiting for one end now, before their io_contexts.
  impl_->shared.replies->close().clear();
  impl_->workers.clear();
}

std::uint16_t Server::port() const { return impl_->port; }
bool Server::tls() const { return impl_->shared.tls.has_value(); }
const ServerStats& Server::stats() const { return impl_->shared.stats; }

}  // namespace hoyo::http
