// The HTTP/1.1 and WebSocket server: one io_context and one SO_REUSEPORT
// acceptor per thread, keep-alive connections, TLS when a certificate is
// configured, timeouts, size limits and a cap on connections per source. It
// knows sockets and nothing of the application: each request goes to a
// Handler, each WebSocket to a WsApp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "http/server/message.h"

namespace hoyo::http {

// What the application decides from a request's header alone, before any of
// its body is read (see ServerConfig::admit).
struct Admission {
  std::size_t body_limit = 0;       // the most body bytes the request may carry
  std::optional<Response> refusal;  // set: answered at once, and the connection closes
};

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (see Server::port())
  int threads = 1;
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 64 * 1024;  // for every request `admit` does not raise
  // Runs on the connection's thread once a request's header is read (it must
  // not block): the request's body limit (e.g. the registration upload), or a
  // refusal such as a per-source rate limit, so no body is read for a request
  // that will be refused. The header may be changed (it becomes the
  // request's). Null: body_limit for all. A Content-Length over the limit is
  // refused with 413 before any of the body is read; a chunked body is cut off
  // at it while streaming.
  std::function<Admission(Request& head, const std::string& source)> admit;
  // Bodies in memory: every request with a body reserves its Content-Length
  // (its limit when chunked) before the body is read, until its answer is
  // written. Past the per-source budget: 429 rate_limited; past the total:
  // 503 unavailable; both with Retry-After, and nothing of the body is read.
  std::size_t body_budget_total = 256 * 1024 * 1024;
  std::size_t body_budget_per_source = 24 * 1024 * 1024;
  std::chrono::seconds read_timeout{30};   // a request's header and body must arrive within this
  std::chrono::seconds write_timeout{30};  // an answer must be taken within this
  std::chrono::seconds idle_timeout{60};   // a keep-alive connection with no request closes
  // How long stop() waits for answers handlers still owe before it ends the
  // connections waiting for them.
  std::chrono::milliseconds stop_grace{10000};
  // Open connections per TCP peer, counted when a connection is accepted.
  // A trusted proxy's connections (it holds many clients') count only
  // against max_connections.
  std::size_t max_connections_per_source = 256;
  // The reverse proxies in front of the server (trusted_proxies.h): IPv4 and
  // IPv6 addresses and CIDR prefixes, separated by commas or blanks. Only on
  // a connection from one of them is the client's address taken from
  // X-Forwarded-For; empty (the default): the header is ignored and the
  // client is the TCP peer. start() throws std::invalid_argument on an entry
  // that is not an address.
  std::string trusted_proxies;
  // Open connections in all (HTTP and WebSocket); past it a new connection
  // gets 503 unavailable and is closed.
  std::size_t max_connections = 10000;
  // TLS: both set serves HTTPS only (TLS 1.2 or later).
  std::string tls_cert_file;  // PEM certificate chain
  std::string tls_key_file;   // PEM private key
  // WebSocket
  std::string websocket_path = "/api/vacancy/live";
  std::size_t ws_message_max = 4096;         // the largest message a client may send
  std::chrono::seconds ws_idle_timeout{60};  // pings at half of it; no answer closes
  std::size_t ws_queue_max = 4096;           // messages queued for a client before it is dropped
};

// Turns a request into an answer on any thread, now or later (see Reply).
using Handler = std::function<void(const Request&, Reply)>;

// One WebSocket client as the application sees it.
class WsPeer {
 public:
  virtual ~WsPeer() = default;
  // Queues a text message; the same payload may be shared by many peers. A
  // peer whose queue is full (it cannot keep up) is closed instead.
  virtual void send(std::shared_ptr<const std::string> text) = 0;
  virtual void close() = 0;
  // The client's IP address (see client_address() in trusted_proxies.h).
  virtual const std::string& source() const = 0;

  // For fanning one message out to many peers with one hand-off per thread
  // rather than one per peer: peers with the same thread() share a thread;
  // run_on_thread() runs `fn` there, where queue_here() and flush_here() may
  // be called. queue_here() only queues; flush_here() starts writing what is
  // queued (run it from a task posted after the queuing ones, and messages
  // queued meanwhile by later tasks go out in the same write).
  virtual const void* thread() const = 0;
  virtual void run_on_thread(std::function<void()> fn) = 0;
  virtual void queue_here(const std::string& text) = 0;
  virtual void flush_here() = 0;
};

// The application behind WebSocket connections. Callbacks run on the
// connection's thread.
class WsApp {
 public:
  virtual ~WsApp() = default;
  virtual void on_open(const std::shared_ptr<WsPeer>& peer) = 0;
  virtual void on_message(const std::shared_ptr<WsPeer>& peer, std::string_view text) = 0;
  // The peer is closed; the application drops its references.
  virtual void on_close(WsPeer* peer) = 0;
};

// Counters for /metrics.
struct ServerStats {
  std::atomic<std::uint64_t> connections{0};     // open now (HTTP and WebSocket)
  std::atomic<std::uint64_t> websockets{0};      // open now
  std::atomic<std::uint64_t> refused_source{0};  // over the per-source limit
  std::atomic<std::uint64_t> refused_total{0};   // over the server's connection cap
  std::atomic<std::uint64_t> refused_body{0};    // bodies refused by the memory budgets
  std::atomic<std::uint64_t> io_failures{0};     // exceptions caught on I/O threads
  std::atomic<std::uint64_t> body_bytes{0};      // body bytes reserved now
  std::atomic<std::uint64_t> timeouts{0};        // connections dropped by a timeout
  std::atomic<std::uint64_t> ws_dropped{0};      // WebSocket clients dropped for falling behind
  std::atomic<std::int64_t> in_flight{0};        // requests handed to the handler, not yet answered
  // Requests from their header until their answer is written (or their
  // connection ends): what a stop waits for.
  std::atomic<std::int64_t> requests_open{0};
};

class Server {
 public:
  // `ws` may be null (no WebSocket route); it must outlive the server.
  Server(ServerConfig config, Handler handler, WsApp* ws = nullptr);
  ~Server();  // stops and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the worker threads. Throws std::system_error if the
  // address cannot be bound, std::runtime_error if TLS files cannot be loaded,
  // std::invalid_argument if trusted_proxies is not a list of addresses.
  void start();
  // Stops accepting, closes connections and joins the threads.
  void stop();
  // The bound port (useful when the configured port was 0).
  std::uint16_t port() const;
  bool tls() const;
  const ServerStats& stats() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoyo::http
