// The HTTP/1.1 server: one io_context and one SO_REUSEPORT acceptor per thread,
// keep-alive connections, timeouts and size limits. It knows sockets and
// nothing of the application: each request goes to a Handler.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "http/message.h"

namespace hoyo::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port (see Server::port())
  int threads = 1;
  std::size_t header_limit = 8 * 1024;
  std::size_t body_limit = 64 * 1024;
  std::chrono::seconds read_timeout{30};  // a request must arrive whole within this
  std::chrono::seconds idle_timeout{60};  // keep-alive connections close after this
};

// Turns a request into a response; called on the connection's thread.
using Handler = std::function<Response(const Request&)>;

class Server {
 public:
  Server(ServerConfig config, Handler handler);
  ~Server();  // stops and joins
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and starts the worker threads. Throws std::system_error if the
  // address cannot be bound.
  void start();
  // Stops accepting, closes connections and joins the threads.
  void stop();
  // The bound port (useful when the configured port was 0).
  std::uint16_t port() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hoyo::http
