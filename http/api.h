// The application's routes: a pure function from request to response over the
// services in AppContext. Knows nothing of sockets.
#pragma once

#include <string>

#include "eventstore/event_store.h"
#include "http/message.h"
#include "http/services.h"

namespace hoyo::http {

struct AppContext {
  eventstore::EventStore* store = nullptr;  // not owned
  Services* services = nullptr;             // not owned; null serves only /api/health
  std::string web_root;                     // where index.html, app.js and app.css are
};

// Answers one request. Adds the security headers to every answer.
Response handle_request(const Request& req, AppContext& ctx);

}  // namespace hoyo::http
