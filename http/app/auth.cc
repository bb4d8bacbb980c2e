#include "http/app/auth.h"

#include "http/app/api.h"
#include "http/codec/json_io.h"
#include "projections/accounts_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
using base::Error;
using base::ErrorCode;

bool tls(const AppContext& ctx) { return ctx.config.tls; }

std::string cookie_value(const Request& req, const std::string& name) {
  auto it = req.find(bhttp::field::cookie);
  if (it == req.end()) return {};
  const std::string_view all(it->value().data(), it->value().size());
  const std::string prefix = name + "=";
  for (std::size_t at = 0; at < all.size();) {
    while (at < all.size() && (all[at] == ' ' || all[at] == ';')) ++at;
    const auto end = all.find(';', at);
    const std::string_view pair = all.substr(at, end == std::string_view::npos ? end : end - at);
    if (pair.substr(0, prefix.size()) == prefix) return std::string(pair.substr(prefix.size()));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return {};
}

std::string cookie_name(const AppContext& ctx) {
  return tls(ctx) ? kTlsSessionCookie : kSessionCookie;
}

}  // namespace

std::string session_cookie(const Request& req, const AppContext& ctx) {
  return cookie_value(req, cookie_name(ctx));
}

std::string session_set_cookie(const AppContext& ctx, const std::string& id) {
  return cookie_name(ctx) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" +
         (tls(ctx) ? "; Secure" : "");
}

std::string session_clear_cookie(const AppContext& ctx) {
  return session_set_cookie(ctx, "") + "; Max-Age=0";
}

std::string device_cookie(const Request& req, const AppContext& ctx) {
  return cookie_value(req, tls(ctx) ? kTlsDeviceCookie : kDeviceCookie);
}

std::string device_set_cookie(const AppContext& ctx, const std::string& token, int days) {
  // __Host- requires Path=/.
  return std::string(tls(ctx) ? kTlsDeviceCookie : kDeviceCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(days * 86400) +
         (tls(ctx) ? "; Secure" : "");
}

std::optional<Session> session_of(const Call& call) {
  const std::string id = session_cookie(call.req, call.ctx);
  if (id.empty()) return std::nullopt;
  return call.services().sessions().touch(id);
}

base::Result<std::string> require_user(const Call& call, bool allow_initial, Budget budget) {
  auto s = session_of(call);
  if (!s || s->role != "user")
    return Error{ErrorCode::kUnauthorized, base::MessageId::kLoginRequired};
  call.set_actor(s->account);
  if (s->must_change_password && !allow_initial) {
    return Error{ErrorCode::kPasswordChangeRequired, base::MessageId::kInitialPasswordFirst};
  }
  if (budget == Budget::kCounted && call.writes() && call.ctx.limiter != nullptr) {
    int retry_after = 1;
    if (!call.ctx.limiter->allow("user-write", s->account,
                                 call.ctx.config.rate.user_writes_per_minute, retry_after)) {
      Error e{ErrorCode::kRateLimited, base::MessageId::kTryLater};
      e.retry_after_seconds = retry_after;
      return e;
    }
  }
  return s->account.substr(5);  // "user:N"
}

namespace {

// The staff session of the request and its login, or kUnauthorized.
base::Result<std::pair<Session, std::string>> staff_session(const Call& call) {
  auto s = session_of(call);
  if (!s || !staff_session_role(s->role)) {
    return Error{ErrorCode::kUnauthorized, base::MessageId::kLoginRequired};
  }
  call.set_actor(s->account);
  std::string login = s->account.substr(9);  // "operator:L"
  // A disabled account's sessions end at once, even if one was made before.
  auto profile = call.services().accounts().operator_profile(login);
  if (!profile.ok()) {
    call.services().sessions().end_all(s->account);
    return Error{ErrorCode::kUnauthorized, base::MessageId::kLoginRequired};
  }
  return std::make_pair(*s, std::move(login));
}

}  // namespace

bool staff_session_role(const std::string& role) { return domain::role_named(role).has_value(); }

base::Result<std::string> require_any_staff(const Call& call) {
  auto staff = staff_session(call);
  if (!staff.ok()) return staff.status();
  return staff->second;
}

base::Result<std::string> require_staff(const Call& call, StaffRole role) {
  auto staff = staff_session(call);
  if (!staff.ok()) return staff.status();
  const Session& s = staff->first;
  const std::string& login = staff->second;
  if (s.role != domain::role_name(role)) {
    switch (role) {
      case StaffRole::kOperator:
        return Error{ErrorCode::kForbidden, base::MessageId::kOnlyOperators};
      case StaffRole::kAuditor:
        return Error{ErrorCode::kForbidden, base::MessageId::kOnlyAuditors};
      case StaffRole::kAdmin:
        return Error{ErrorCode::kForbidden, base::MessageId::kOnlyAdmins};
    }
  }
  return login;
}

}  // namespace hoyo::http

namespace hoyo::http {

base::Status within_rate(const Call& call, const char* limit, int per_minute) {
  if (!call.ctx.limiter) return {};
  int retry_after = 1;
  if (call.ctx.limiter->allow(limit, peer(call.req), per_minute, retry_after)) return {};
  base::Error e{base::ErrorCode::kRateLimited, base::MessageId::kTryLater};
  e.retry_after_seconds = retry_after;
  return e;
}

}  // namespace hoyo::http
