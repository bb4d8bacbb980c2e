#include "http/account_routes.h"

#include <boost/json.hpp>

#include "http/errors.h"
#include "http/json_io.h"
#include "http/problem.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using domain::DomainError;
using domain::ErrorCode;

std::string cookie(const std::string& id, bool clear) {
  return std::string(kSessionCookie) + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" +
         (clear ? "; Max-Age=0" : "");
}

Response me_answer(const Request& req, const accounts::UserLogin& u, bool with_category) {
  json::object body{{"userNumber", u.user_number},
                    {"name", u.name},
                    {"mustChangePassword", u.must_change_password}};
  if (with_category) body["category"] = domain::category_name(u.category);
  return json_answer(req, bhttp::status::ok, body);
}

}  // namespace

std::string session_cookie(const Request& req) {
  auto it = req.find(bhttp::field::cookie);
  if (it == req.end()) return {};
  const std::string_view all(it->value().data(), it->value().size());
  const std::string name = std::string(kSessionCookie) + "=";
  for (std::size_t at = 0; at < all.size();) {
    while (at < all.size() && (all[at] == ' ' || all[at] == ';')) ++at;
    const auto end = all.find(';', at);
    const std::string_view pair = all.substr(at, end == std::string_view::npos ? end : end - at);
    if (pair.substr(0, name.size()) == name) return std::string(pair.substr(name.size()));
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return {};
}

std::optional<Session> session_of(const Request& req, Services& services) {
  const std::string id = session_cookie(req);
  if (id.empty()) return std::nullopt;
  return services.sessions().touch(id);
}

std::optional<Response> account_route(const Request& req, std::string_view path,
                                      Services& services) {
  accounts::AccountService& accounts = services.accounts();
  const auto verb = req.method();
  if (path == "/api/session" || path == "/api/operator/session") {
    const bool op = path == "/api/operator/session";
    if (verb == bhttp::verb::delete_ && !op) {
      services.sessions().end(session_cookie(req));
      Response res = no_content(req);
      res.set(bhttp::field::set_cookie, cookie("", true));
      return res;
    }
    if (verb != bhttp::verb::post) return method_not_allowed(req, op ? "POST" : "POST, DELETE");
    auto parsed = body_object(req);
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    const json::object& o = std::get<json::object>(parsed);
    std::string who, password;
    if (auto e = strings(o, {{op ? "login" : "userNumber", &who}, {"password", &password}})) {
      return error_response(req, *e);
    }
    // A new id at every login: an id set before login never becomes a session.
    services.sessions().end(session_cookie(req));
    std::string id;
    Response res;
    if (op) {
      auto login = accounts.operator_login(who, password, peer(req));
      if (!login.ok()) return error_response(req, login.error());
      const char* role = domain::role_name(login->role);
      id = services.sessions().create(domain::operator_account(who), role);
      res = json_answer(req, bhttp::status::ok, json::object{{"login", who}, {"role", role}});
    } else {
      auto login = accounts.login(who, password, peer(req));
      if (!login.ok()) return error_response(req, login.error());
      id = services.sessions().create(domain::user_account(who), "user");
      res = me_answer(req, login.value(), false);
    }
    if (id.empty()) return error_response(req, {ErrorCode::kFailed, "session store failed", {}});
    res.set(bhttp::field::set_cookie, cookie(id, false));
    return res;
  }
  if (path == "/api/me" || path == "/api/me/password") {
    auto s = session_of(req, services);
    if (!s || s->role != "user") {
      return error_response(req, {ErrorCode::kUnauthorized, "ログインしてください", {}});
    }
    const std::string number = s->account.substr(5);
    if (path == "/api/me") {
      if (verb != bhttp::verb::get) return method_not_allowed(req, "GET");
      auto me = accounts.profile(number);
      if (!me.ok()) return error_response(req, me.error());
      return me_answer(req, me.value(), true);
    }
    if (verb != bhttp::verb::post) return method_not_allowed(req, "POST");
    auto parsed = body_object(req);
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    std::string current, next, confirm;
    if (auto e = strings(std::get<json::object>(parsed), {{"currentPassword", &current},
                                                          {"newPassword", &next},
                                                          {"newPasswordConfirm", &confirm}})) {
      return error_response(req, *e);
    }
    auto changed = accounts.change_password(number, current, next, confirm);
    if (!changed.ok()) return error_response(req, changed.error());
    Response res = no_content(req);
    res.set(bhttp::field::set_cookie, cookie("", true));
    return res;
  }
  if (path == "/api/password-resets" || path.rfind("/api/password-resets/", 0) == 0) {
    if (verb != bhttp::verb::post) return method_not_allowed(req, "POST");
    auto parsed = body_object(req);
    if (auto* r = std::get_if<Response>(&parsed)) return std::move(*r);
    const json::object& o = std::get<json::object>(parsed);
    if (path == "/api/password-resets") {
      std::string number, email;
      if (auto e = strings(o, {{"userNumber", &number}, {"email", &email}})) {
        return error_response(req, *e);
      }
      accounts.request_reset(number, email);
      return json_answer(req, bhttp::status::accepted, json::object{{"status", "accepted"}});
    }
    const std::string token(path.substr(std::string_view("/api/password-resets/").size()));
    std::string next, confirm;
    if (auto e = strings(o, {{"newPassword", &next}, {"newPasswordConfirm", &confirm}})) {
      return error_response(req, *e);
    }
    auto done = accounts.complete_reset(token, next, confirm);
    if (!done.ok()) return error_response(req, done.error());
    return no_content(req);
  }
  return std::nullopt;
}

}  // namespace hoyo::http
