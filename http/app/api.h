// The application's front door: from a request to its answer over the
// services in AppContext. Knows nothing of sockets. Every answer carries the
// security headers; every request is counted and logged; state-changing
// requests pass the CSRF check first; the route table (router.h) does the rest.
#pragma once

#include <memory>
#include <string>

#include "eventstore/event_store.h"
#include "http/app/app_config.h"
#include "http/app/held_logins.h"
#include "http/app/metrics.h"
#include "http/app/rate_limiter.h"
#include "http/app/rebuilds.h"
#include "http/app/router.h"
#include "http/app/services.h"
#include "http/app/work_pool.h"
#include "http/server/message.h"
#include "http/server/server.h"

namespace hoyo::http {

class Backups;
class LiveHub;
class Timers;

struct AppContext {
  eventstore::EventStore* store = nullptr;  // not owned
  Services* services = nullptr;             // not owned; null serves only /api/health
  std::string web_root;                     // the web pages (http/web)
  WorkPool* pool = nullptr;                 // blocking work; null runs it on the calling thread
  // Decoding uploaded images, apart so that uploads cannot starve logins;
  // null: the work pool.
  WorkPool* image_pool = nullptr;
  RateLimiter* limiter = nullptr;       // per-source limits; null: none
  Metrics* metrics = nullptr;           // null: not counted
  RequestLog* log = nullptr;            // null: not logged
  const ServerStats* server = nullptr;  // for /metrics; may be null
  LiveHub* hub = nullptr;               // for /metrics; may be null
  Timers* timers = nullptr;             // waits without a thread; null: waits block (tests)
  AppConfig config;                     // rules for new facilities and lotteries, limits, TLS
  std::shared_ptr<HeldLogins> held_logins = std::make_shared<HeldLogins>();
  // Online projection rebuilds (O5); null: not offered.
  std::shared_ptr<Rebuilds> rebuilds = std::make_shared<Rebuilds>();
  // Backups while serving (POST /api/operator/backups); null: not offered.
  std::shared_ptr<Backups> backups;
  // Cluster mode: takes a request that goes to the writer (forwarding.h)
  // while this node follows, and answers it through `reply` with the
  // writer's answer; false (reply untouched): handled here, this node being
  // the writer. Null on a single node.
  std::function<bool(const Request& req, Reply& reply)> to_writer;
  // Cluster mode: whether this node decides state changes itself now (the
  // writer, not stepping down); a position past the head of a node that
  // does not is waited for (read_view.h). Null: the store's role says.
  std::function<bool()> writes_here;
};

// ServerConfig::admit for hoyod: from a request's header, its body limit (the
// registration upload's, or the server's), and for the upload the per-source
// rate limit, checked before its body is read; an admitted upload carries
// kAdmittedHeader so the route does not count it twice.
Admission admit_request(Request& head, const std::string& source, AppContext& ctx);
inline constexpr const char* kAdmittedHeader = "X-Hoyo-Admitted";

// Answers one request through `reply` (now, or later from another thread).
void handle_request_async(const Request& req, AppContext& ctx, Reply reply);
// The same, waiting for the answer (tests and tools).
Response handle_request(const Request& req, AppContext& ctx);

// Every route the API serves (for the OpenAPI test and the metrics labels).
const Router& api_router();

// The Prometheus exposition of `ctx`'s metrics (GET /metrics, and the
// metrics.listen address).
Response render_metrics(const Request& req, AppContext& ctx);

// 500 `internal`: for a failure no route expected.
Response internal_error(const Request& req);
// internal_error for a handler that threw, called in its catch block: what it
// threw is logged first, so that no failure goes unseen.
Response internal_error_thrown(const Request& req);

// True when the request passes the CSRF rule of docs/api.md (or changes nothing).
bool csrf_ok(const Request& req, const AppContext& ctx);

}  // namespace hoyo::http
