// A blocking HTTP/1.1 client for the load generator: one keep-alive
// connection to 127.0.0.1:PORT, reopened when it breaks. A request that gets
// no complete answer (refused, reset, timed out: hoyod killed) has status 0;
// it was never acknowledged, so its write may or may not have happened.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace hoyo::load {

struct Request {
  std::string method;  // GET, POST, PATCH, PUT
  std::string target;  // path and query
  std::string body;    // JSON, or empty
  std::string cookie;  // name=value, or empty
  std::string idempotency_key;
  std::uint64_t min_position = 0;  // X-Min-Position (read your writes), 0: none
  std::string authorization = {};  // the Authorization header (/metrics' bearer token), or empty
  std::string content_type = {};   // of a body; empty: application/json
};

struct Answer {
  int status = 0;  // 0: no answer
  std::string body;
  std::uint64_t position = 0;  // X-Log-Position, 0 when absent
  std::string cookie;          // name=value from Set-Cookie, or empty
  std::string retry_after;     // the Retry-After header, or empty
  std::string error;           // why there was no answer
  bool ok() const { return status >= 200 && status < 300; }
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port,
                      std::chrono::milliseconds timeout = std::chrono::seconds(15));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `r` and waits for its answer. A GET that fails on a connection the
  // server may have closed meanwhile is tried once more on a fresh one;
  // writes never are (a retry is the caller's decision).
  Answer send(const Request& r);
  std::uint16_t port() const { return port_; }

 private:
  struct Impl;
  std::uint16_t port_;
  std::chrono::milliseconds timeout_;
  std::unique_ptr<Impl> impl_;
  Answer attempt(const Request& r, bool& reused);
};

}  // namespace hoyo::load
