// Session and account routes: POST/DELETE /api/session, GET /api/me,
// POST /api/me/password, POST /api/password-resets[/{token}] and
// POST /api/operator/session. CSRF is checked before these run (api.cc).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/services.h"
#include "http/session_store.h"

namespace hoyo::http {

inline constexpr const char* kSessionCookie = "hoyo_session";

// The session id in the request's cookie ("" when none).
std::string session_cookie(const Request& req);
// The live session of the request, if any.
std::optional<Session> session_of(const Request& req, Services& services);

// The answer for one of the routes above, or nullopt for any other path.
std::optional<Response> account_route(const Request& req, std::string_view path,
                                      Services& services);

}  // namespace hoyo::http
