// What every connection of one server shares: its configuration, the
// application's entry points, the counters and the per-source accounting.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "http/server.h"

namespace hoyo::http::internal {

// Counts open connections per client address against a cap.
class SourceLimiter {
 public:
  explicit SourceLimiter(std::size_t max) : max_(max) {}
  // True (and counted) when `source` is under the cap.
  bool acquire(const std::string& source) {
    std::lock_guard lk(mu_);
    std::size_t& n = counts_[source];
    if (n >= max_) return false;
    ++n;
    return true;
  }
  void release(const std::string& source) {
    std::lock_guard lk(mu_);
    auto it = counts_.find(source);
    if (it != counts_.end() && --it->second == 0) counts_.erase(it);
  }

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::size_t> counts_;
  std::size_t max_;
};

struct ServerShared {
  ServerShared(ServerConfig c, Handler h, WsApp* w)
      : config(std::move(c)),
        handler(std::move(h)),
        ws(w),
        sources(config.max_connections_per_source) {}
  ServerConfig config;
  Handler handler;
  WsApp* ws;
  ServerStats stats;
  SourceLimiter sources;
  std::optional<boost::asio::ssl::context> tls;
};

// One connection's claim on its source's count; released when the last
// holder (the HTTP connection, then its WebSocket) is gone.
class SourceSlot {
 public:
  SourceSlot(ServerShared& shared, std::string source)
      : shared_(shared), source_(std::move(source)) {
    ++shared_.stats.connections;
  }
  ~SourceSlot() {
    shared_.sources.release(source_);
    --shared_.stats.connections;
  }
  SourceSlot(const SourceSlot&) = delete;
  SourceSlot& operator=(const SourceSlot&) = delete;
  const std::string& source() const { return source_; }

 private:
  ServerShared& shared_;
  std::string source_;
};

}  // namespace hoyo::http::internal
