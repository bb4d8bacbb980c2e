// What every connection of one server shares: its configuration, the
// application's entry points, the counters and the per-source accounting.
#pragma once

#include <boost/asio/ssl/context.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "http/server/server.h"
#include "http/server/trusted_proxies.h"

namespace hoyo::http::internal {

enum class Verdict { kAdmitted, kSourceFull, kServerFull };

// Counts open connections per client address and in all, against caps.
class SourceLimiter {
 public:
  SourceLimiter(std::size_t per_source, std::size_t total)
      : per_source_(per_source), total_(total) {}
  // kAdmitted (and counted) when `source` and the server are under their
  // caps; `capped` false (a trusted proxy) checks the server's cap only.
  Verdict acquire(const std::string& source, bool capped) {
    base::MutexLock lk(mu_);
    if (open_ >= total_) return Verdict::kServerFull;
    std::size_t& n = counts_[source];
    if (capped && n >= per_source_) {
      if (n == 0) counts_.erase(source);
      return Verdict::kSourceFull;
    }
    ++n;
    ++open_;
    return Verdict::kAdmitted;
  }
  void release(const std::string& source) {
    base::MutexLock lk(mu_);
    auto it = counts_.find(source);
    if (it == counts_.end()) return;
    --open_;
    if (--it->second == 0) counts_.erase(it);
  }

 private:
  base::Mutex mu_;
  std::unordered_map<std::string, std::size_t> counts_ HOYO_GUARDED_BY(mu_);
  std::size_t open_ HOYO_GUARDED_BY(mu_) = 0;
  std::size_t per_source_, total_;
};

// Body bytes held in memory, per client address and in all, against budgets.
class BodyBudget {
 public:
  BodyBudget(std::size_t per_source, std::size_t total) : per_source_(per_source), total_(total) {}
  Verdict reserve(const std::string& source, std::size_t bytes) {
    base::MutexLock lk(mu_);
    if (bytes > total_ - std::min(total_, used_)) return Verdict::kServerFull;
    auto it = by_source_.find(source);
    const std::size_t held = it == by_source_.end() ? 0 : it->second;
    if (bytes > per_source_ - std::min(per_source_, held)) return Verdict::kSourceFull;
    by_source_[source] = held + bytes;
    used_ += bytes;
    return Verdict::kAdmitted;
  }
  void release(const std::string& source, std::size_t bytes) {
    base::MutexLock lk(mu_);
    auto it = by_source_.find(source);
    if (it == by_source_.end()) return;
    const std::size_t n = std::min(bytes, it->second);
    used_ -= std::min(used_, n);
    if ((it->second -= n) == 0) by_source_.erase(it);
  }

 private:
  base::Mutex mu_;
  std::unordered_map<std::string, std::size_t> by_source_ HOYO_GUARDED_BY(mu_);
  std::size_t used_ HOYO_GUARDED_BY(mu_) = 0;
  std::size_t per_source_, total_;
};

// Connections waiting for their handler's answer are held here, not by the
// answer's closure, which may live on (in a pool's job) after the server has
// stopped. An answer passes the gate while it is open: under its lock the
// connection is taken out and handed to its io_context (or written at once on
// its own thread), so nothing reaches an io_context after Server::stop()
// closed the gate, and a connection is never destroyed after its io_context.
// Shared by the closures, so an answer after the server is gone touches only
// the gate.
class ReplyGate {
 public:
  // Holds `connection` (waiting for its answer) under `key`, its address.
  void hold(const void* key, std::shared_ptr<void> connection) {
    base::MutexLock lk(mu_);
    if (!closed_) held_[key] = std::move(connection);
  }
  // Takes the connection at `key` out and runs `deliver` with it, under the
  // lock; false when the gate is closed or holds nothing at `key`.
  bool pass(const void* key, const std::function<void(std::shared_ptr<void>)>& deliver) {
    base::MutexLock lk(mu_);
    if (closed_) return false;
    auto it = held_.find(key);
    if (it == held_.end()) return false;
    std::shared_ptr<void> c = std::move(it->second);
    held_.erase(it);
    deliver(std::move(c));  // still under the lock: the io_context is alive
    return true;
  }
  // Closes the gate and hands over what it held, for the caller to destroy
  // before the io_contexts go.
  std::vector<std::shared_ptr<void>> close() {
    base::MutexLock lk(mu_);
    closed_ = true;
    std::vector<std::shared_ptr<void>> out;
    for (auto& [key, c] : held_) out.push_back(std::move(c));
    held_.clear();
    return out;
  }

 private:
  base::Mutex mu_;
  bool closed_ HOYO_GUARDED_BY(mu_) = false;
  std::unordered_map<const void*, std::shared_ptr<void>> held_ HOYO_GUARDED_BY(mu_);
};

// Connections waiting for a request (a new one before its first, or a
// keep-alive one between requests), so that stop() ends them at once instead
// of waiting out their idle timeout; and the stop's drain, after which no
// connection starts another request.
class IdleConnections {
 public:
  // Registers the connection at `key` as waiting; `end` must only post to the
  // connection's own thread (it runs under this set's lock). False once the
  // server is draining: the caller closes instead of waiting.
  bool enter(const void* key, std::function<void()> end) {
    base::MutexLock lk(mu_);
    if (draining_) return false;
    waiting_[key] = std::move(end);
    return true;
  }
  // The connection at `key` has a request, or is gone.
  void leave(const void* key) {
    base::MutexLock lk(mu_);
    waiting_.erase(key);
  }
  // From now on no connection waits for another request; those waiting now are ended.
  void drain() {
    base::MutexLock lk(mu_);
    draining_ = true;
    for (auto& [key, end] : waiting_) end();
    waiting_.clear();
  }
  bool draining() const {
    base::MutexLock lk(mu_);
    return draining_;
  }

 private:
  mutable base::Mutex mu_;
  bool draining_ HOYO_GUARDED_BY(mu_) = false;
  std::unordered_map<const void*, std::function<void()>> waiting_ HOYO_GUARDED_BY(mu_);
};

struct ServerShared {
  ServerShared(ServerConfig c, Handler h, WsApp* w)
      : config(std::move(c)),
        handler(std::move(h)),
        ws(w),
        sources(config.max_connections_per_source, config.max_connections),
        bodies(config.body_budget_per_source, config.body_budget_total) {}
  ServerConfig config;
  Handler handler;
  WsApp* ws;
  ServerStats stats;
  SourceLimiter sources;
  BodyBudget bodies;
  TrustedProxies proxies;  // from config.trusted_proxies, set by Server::start()
  std::optional<boost::asio::ssl::context> tls;
  std::shared_ptr<ReplyGate> replies = std::make_shared<ReplyGate>();
  IdleConnections idle;
};

// A request under way, from its header until its answer is written or its
// connection ends: Server::stop() waits for none to be left.
class OpenRequest {
 public:
  explicit OpenRequest(ServerStats& stats) : stats_(stats) { ++stats_.requests_open; }
  ~OpenRequest() { --stats_.requests_open; }
  OpenRequest(const OpenRequest&) = delete;
  OpenRequest& operator=(const OpenRequest&) = delete;

 private:
  ServerStats& stats_;
};

// A request body's claim on the budgets, from its header until its answer is written.
class BodyReservation {
 public:
  BodyReservation(ServerShared& shared, const std::string& source, std::size_t bytes)
      : shared_(shared), source_(source), bytes_(bytes) {
    shared_.stats.body_bytes += bytes_;
  }
  ~BodyReservation() {
    shared_.bodies.release(source_, bytes_);
    shared_.stats.body_bytes -= bytes_;
  }
  BodyReservation(const BodyReservation&) = delete;
  BodyReservation& operator=(const BodyReservation&) = delete;

 private:
  ServerShared& shared_;
  std::string source_;
  std::size_t bytes_;
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
