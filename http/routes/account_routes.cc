// Logins (M1, operators), logout, the user's profile, password change (M10)
// and reset (M11). Password hashing runs on the work pool, never on a
// connection's thread.

#include <boost/json.hpp>

#include "http/app/api.h"
#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/timers.h"
#include "http/codec/json_io.h"
#include "http/codec/me_json.h"
#include "http/codec/staff_json.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::ErrorCode;

Response me_answer(const Request& req, const accounts::UserLogin& u, bool full) {
  return json_answer(req, bhttp::status::ok, me_json(u, full));
}

base::Error too_many_held(domain::Instant wait) {
  base::Error e{ErrorCode::kRateLimited, base::MessageId::kLoginThrottled};
  e.retry_after_seconds = static_cast<int>(wait / domain::kMicrosPerSecond) + 1;
  return e;
}

// Holds a login for `hold` on a timer, then runs `check` on the pool and
// answers with it. False (nothing scheduled) when the source or the server
// holds as many logins as HeldLogins allows, or the timers are full.
bool hold_login(const Call& call, std::chrono::microseconds hold, std::function<Response()> check) {
  if (!call.ctx.timers || !call.ctx.held_logins) return false;
  const std::string source = peer(call.req);
  if (!call.ctx.held_logins->acquire(source)) return false;
  std::shared_ptr<HeldLogins> held = call.ctx.held_logins;
  auto release = std::shared_ptr<void>(nullptr, [held, source](void*) { held->release(source); });
  const Timers::Handle h = call.ctx.timers->after(hold, [call, check, release] {
    auto run = [call, check, release] {
      Response res;
      try {
        res = check();
      } catch (...) {
        res = internal_error_thrown(call.req);
      }
      call.answer(std::move(res));
    };
    if (!call.ctx.pool || !call.ctx.pool->post(run)) {
      call.fail(too_many_held(domain::kMicrosPerSecond));
    }
  });
  return h != 0;
}

void login(Call& call, bool staff) {
  if (base::Status limited = within_rate(call, "login", call.ctx.config.rate.login_per_minute);
      !limited.ok()) {
    return call.fail(limited.error());
  }
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  std::string who, password;
  if (base::Status e =
          strings(*o, {{staff ? "login" : "userNumber", &who}, {"password", &password}});
      !e.ok()) {
    return call.fail(e.error());
  }
  // Staff with a second factor add `totp`: the authenticator's code or a
  // recovery code. Optional; absent and null are the same.
  std::string totp;
  if (const json::value* v = o->if_contains("totp"); staff && v && !v->is_null()) {
    if (!v->is_string()) {
      return call.fail(base::Error::validation("totp", "type", base::MessageId::kFieldNotString,
                                               {{"field", "totp"}}));
    }
    totp = std::string(v->as_string());
  }
  // A new id at every login: an id set before login never becomes a session.
  const std::string old = session_cookie(call.req, call.ctx);
  const std::string device = device_cookie(call.req, call.ctx);
  const std::string account = staff ? domain::operator_account(who) : domain::user_account(who);
  auto check = [call, staff, who, password, totp, old, device, account]() -> Response {
    Services& s = call.services();
    s.sessions().end(old);
    std::string id;
    Response res;
    if (staff) {
      auto login = s.accounts().operator_login(who, password, peer(call.req), totp, device);
      if (!login.ok()) return error_response(call.req, login.error());
      const char* role = domain::role_name(login->role);
      id = s.sessions().create(account, role);
      res = json_answer(call.req, bhttp::status::ok, json::object{{"login", who}, {"role", role}});
    } else {
      auto login = s.accounts().login(who, password, peer(call.req), device);
      if (!login.ok()) return error_response(call.req, login.error());
      id = s.sessions().create(account, "user", login->must_change_password);
      res = me_answer(call.req, login.value(), false);
    }
    if (id.empty()) {
      // A store refusing writes (a full disk) is answered as such: retry later.
      base::Error e{s.store().health().ok() ? ErrorCode::kFailed : ErrorCode::kUnavailable,
                    base::MessageId::kSessionStoreFailed};
      e.retry_after_seconds = 5;
      return error_response(call.req, e);
    }
    res.set(bhttp::field::set_cookie, session_set_cookie(call.ctx, id));
    // This device is now known to the account: an attacker's guesses never
    // hold it back (LoginThrottle).
    const std::string token = s.accounts().issue_device_token(account);
    if (!token.empty()) {
      res.insert(
          bhttp::field::set_cookie,
          device_set_cookie(call.ctx, token, call.services().accounts_config().device_token_days));
    }
    return res;
  };
  // How long the throttle holds this attempt is decided on the pool (it
  // reads the account); the hold itself is a timer, and then the check runs
  // on the pool again. No thread waits meanwhile.
  auto job = [call, account, device, check] {
    Response res;
    try {
      auto hold = call.services().accounts().login_hold(account, peer(call.req), device);
      if (!hold.ok()) {
        res = error_response(call.req, hold.error());
      } else if (hold.value() == 0) {
        res = check();
      } else if (hold_login(call, std::chrono::microseconds(hold.value()), check)) {
        return;  // the held check answers
      } else {
        res = error_response(call.req, too_many_held(hold.value()));
      }
    } catch (...) {
      res = internal_error_thrown(call.req);
    }
    call.answer(std::move(res));
  };
  if (!call.ctx.pool) return job();
  if (!call.ctx.pool->post(job)) call.fail(too_many_held(domain::kMicrosPerSecond));
}

void user_login(Call& call) { login(call, false); }
void staff_login(Call& call) { login(call, true); }

void logout(Call& call) {
  call.services().sessions().end(session_cookie(call.req, call.ctx));
  Response res = no_content(call.req);
  res.set(bhttp::field::set_cookie, session_clear_cookie(call.ctx));
  call.answer(std::move(res));
}

// Who the session belongs to, answered 200 whether or not there is one (the
// pages ask it on every load; a 401 there would be noise).
void session_status(Call& call) {
  auto s = session_of(call);
  if (!s) return call.json(bhttp::status::ok, json::object{{"loggedIn", false}});
  json::object body{{"loggedIn", true}, {"role", s->role}};
  if (s->role == "user") {
    body["userNumber"] = s->account.substr(5);
    body["mustChangePassword"] = s->must_change_password;
  } else {
    body["login"] = s->account.substr(9);
  }
  call.json(bhttp::status::ok, body);
}

void staff_me(Call& call) {
  auto s = session_of(call);
  if (!s || !staff_session_role(s->role) ||
      !call.services().accounts().operator_profile(s->account.substr(9)).ok()) {
    return call.fail({ErrorCode::kUnauthorized, base::MessageId::kLoginRequired});
  }
  const std::string login = s->account.substr(9);
  auto factor = call.services().accounts().second_factor_status(login);
  if (!factor.ok()) return call.fail(factor.error());
  call.json(bhttp::status::ok,
            json::object{
                {"login", login}, {"role", s->role}, {"totp", second_factor_name(factor.value())}});
}

void me(Call& call) {
  auto user = require_user(call, true);
  if (!user.ok()) return call.fail(user.error());
  auto me = call.services().accounts().profile(*user);
  if (!me.ok()) return call.fail(me.error());
  call.answer(me_answer(call.req, me.value(), true));
}

void change_password(Call& call) {
  auto user = require_user(call, true, Budget::kUnbudgeted);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto body = password_change_of(*o);
  if (!body.ok()) return call.fail(body.error());
  call.off_thread([call, number = *user, c = *body]() -> Response {
    auto changed = call.services().accounts().change_password(number, c.current, c.next, c.confirm);
    if (!changed.ok()) return error_response(call.req, changed.error());
    Response res = no_content(call.req);
    res.set(bhttp::field::set_cookie, session_clear_cookie(call.ctx));
    return res;
  });
}

void request_reset(Call& call) {
  if (base::Status limited = within_rate(call, "reset", call.ctx.config.rate.reset_per_minute);
      !limited.ok()) {
    return call.fail(limited.error());
  }
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  std::string number, email;
  if (base::Status e = strings(*o, {{"userNumber", &number}, {"email", &email}}); !e.ok())
    return call.fail(e.error());
  call.services().accounts().request_reset(number, email);
  call.json(bhttp::status::accepted, json::object{{"status", "accepted"}});
}

void complete_reset(Call& call) {
  if (base::Status limited = within_rate(call, "reset", call.ctx.config.rate.reset_per_minute);
      !limited.ok()) {
    return call.fail(limited.error());
  }
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  std::string next, confirm;
  if (base::Status e = strings(*o, {{"newPassword", &next}, {"newPasswordConfirm", &confirm}});
      !e.ok()) {
    return call.fail(e.error());
  }
  call.off_thread([call, token = call.param(0), next, confirm]() -> Response {
    auto done = call.services().accounts().complete_reset(token, next, confirm);
    if (!done.ok()) return error_response(call.req, done.error());
    return no_content(call.req);
  });
}

}  // namespace

void add_account_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/session", session_status);
  r.add(bhttp::verb::post, "/api/session", user_login);
  r.add(bhttp::verb::delete_, "/api/session", logout);
  r.add(bhttp::verb::get, "/api/me", me);
  r.add(bhttp::verb::post, "/api/me/password", change_password);
  r.add(bhttp::verb::post, "/api/password-resets", request_reset);
  r.add(bhttp::verb::post, "/api/password-resets/{token}", complete_reset);
  r.add(bhttp::verb::post, "/api/operator/session", staff_login);
  r.add(bhttp::verb::delete_, "/api/operator/session", logout);
  r.add(bhttp::verb::get, "/api/operator/me", staff_me);
}

}  // namespace hoyo::http
