// A staff member's own account, operators and auditors alike: the second
// factor (TOTP enrolment, confirmation, disabling) and the password change.
// Password checks and side-table writes run on the work pool.
#include <boost/json.hpp>

#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/codec/json_io.h"
#include "http/routes/routes.h"
#include "http/codec/stay_json.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;

// POST /api/operator/me/totp: a new secret and recovery codes, shown once;
// not required until confirmed.
void start_totp(Call& call) {
  auto login = require_any_staff(call);
  if (!login.ok()) return call.fail(login.error());
  call.off_thread([call, login = *login]() -> Response {
    auto e = call.services().accounts().start_totp_enrolment(login);
    if (!e.ok()) return error_response(call.req, e.error());
    json::array codes;
    for (const std::string& c : e->recovery_codes) codes.emplace_back(c);
    return json_answer(call.req, bhttp::status::ok,
                       json::object{{"secret", e->secret},
                                    {"otpauthUri", e->otpauth_uri},
                                    {"recoveryCodes", std::move(codes)}});
  });
}

void confirm_totp(Call& call) {
  auto login = require_any_staff(call);
  if (!login.ok()) return call.fail(login.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  std::string code;
  if (base::Status e = strings(*o, {{"totp", &code}}); !e.ok()) return call.fail(e.error());
  call.off_thread([call, login = *login, code]() -> Response {
    auto done = call.services().accounts().confirm_totp(login, code);
    if (!done.ok()) return error_response(call.req, done.error());
    return call.at_head(no_content(call.req));
  });
}

void disable_totp(Call& call) {
  auto login = require_any_staff(call);
  if (!login.ok()) return call.fail(login.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  std::string password, code;
  if (base::Status e = strings(*o, {{"password", &password}, {"totp", &code}}); !e.ok())
    return call.fail(e.error());
  call.off_thread([call, login = *login, password, code]() -> Response {
    auto done = call.services().accounts().disable_totp(login, password, code);
    if (!done.ok()) return error_response(call.req, done.error());
    return call.at_head(no_content(call.req));
  });
}

// Every session of the account ends, this one too: the cookie is cleared.
void change_password(Call& call) {
  auto login = require_any_staff(call);
  if (!login.ok()) return call.fail(login.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto body = password_change_of(*o);
  if (!body.ok()) return call.fail(body.error());
  call.off_thread([call, login = *login, c = *body]() -> Response {
    auto changed =
        call.services().accounts().change_operator_password(login, c.current, c.next, c.confirm);
    if (!changed.ok()) return error_response(call.req, changed.error());
    Response res = no_content(call.req);
    res.set(bhttp::field::set_cookie, session_clear_cookie(call.ctx));
    return res;
  });
}

}  // namespace

void add_staff_routes(Router& r) {
  r.add(bhttp::verb::post, "/api/operator/me/totp", start_totp);
  r.add(bhttp::verb::delete_, "/api/operator/me/totp", disable_totp);
  r.add(bhttp::verb::post, "/api/operator/me/totp/confirmation", confirm_totp);
  r.add(bhttp::verb::post, "/api/operator/me/password", change_password);
}

}  // namespace hoyo::http
