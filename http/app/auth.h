// Who is asking: the session cookie (HttpOnly, SameSite=Strict; Secure and
// the __Host- prefix under TLS), and the checks every logged-in route makes
// first. Each check answers the request itself (401, 403) when it fails.
#pragma once

#include <optional>
#include <string>

#include "domain/account_events.h"
#include "http/app/call.h"
#include "http/app/session_store.h"

namespace hoyo::http {

inline constexpr const char* kSessionCookie = "hoyo_session";
inline constexpr const char* kTlsSessionCookie = "__Host-hoyo_session";

// The session id in the request's cookie ("" when none).
std::string session_cookie(const Request& req, const AppContext& ctx);
// Set-Cookie values that set and clear the session cookie.
std::string session_set_cookie(const AppContext& ctx, const std::string& id);
std::string session_clear_cookie(const AppContext& ctx);

// The device cookie (AccountService::issue_device_token): HttpOnly,
// SameSite=Strict, sent only to the login routes under /api/, kept 180 days;
// __Host- and Secure under TLS.
inline constexpr const char* kDeviceCookie = "hoyo_device";
inline constexpr const char* kTlsDeviceCookie = "__Host-hoyo_device";
std::string device_cookie(const Request& req, const AppContext& ctx);
std::string device_set_cookie(const AppContext& ctx, const std::string& token, int days);
// The live session of the request, if any (its idle time restarts).
std::optional<Session> session_of(const Call& call);

// The user number of a logged-in user, or kUnauthorized. While the initial
// password must be changed, only routes with `allow_initial` pass
// (docs/api.md); others get kPasswordChangeRequired. A write (Call::writes:
// a route of Effect::kWrite) past the account's budget (rate.user_writes_per_minute)
// gets kRateLimited with its Retry-After, before any work, unless the route
// is `unbudgeted` (the password change: whoever loops writes with a stolen
// session must not keep the owner from ending it). A handler answers a
// failure with call.fail(r.error()).
enum class Budget { kCounted, kUnbudgeted };
base::Result<std::string> require_user(const Call& call, bool allow_initial = false,
                                       Budget budget = Budget::kCounted);

// A staff session's role is the account's (its name, domain::role_name).
using StaffRole = domain::OperatorRole;
// The login of a staff member with `role` whose account is not disabled;
// kUnauthorized (401) without such a session, kForbidden (403) for another
// role (each route serves one role: separation of duties).
base::Result<std::string> require_staff(const Call& call, StaffRole role);
// The login of a staff member, any role (their own account's routes), whose
// account is not disabled; kUnauthorized otherwise.
base::Result<std::string> require_any_staff(const Call& call);
// True when a session of `role` ("user", "operator", ...) is a staff member's.
bool staff_session_role(const std::string& role);

}  // namespace hoyo::http

namespace hoyo::http {

// Per-source request limits (docs/api.md): ok when the request's source is
// within `per_minute` for `limit`; otherwise kRateLimited (429 with
// Retry-After).
base::Status within_rate(const Call& call, const char* limit, int per_minute);

}  // namespace hoyo::http
