// Staff accounts on a running server, for administrators only (docs/api.md,
// "Administrators"): the list, adding, disabling, resetting a second factor.
// The commands carry the admin's operator actor, so the log says who did it;
// on a cluster follower they are forwarded to the writer as every write is.
// Password hashing and side-table writes run on the work pool.
#include <boost/json.hpp>

#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/codec/json_io.h"
#include "http/codec/staff_json.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;

// The admin's actor, or the refusal (401, 403).
base::Result<domain::Actor> admin_actor(const Call& call) {
  auto login = require_staff(call, StaffRole::kAdmin);
  if (!login.ok()) return login.error();
  return domain::Actor::op(*login);
}

// Read at the request's X-Min-Position: this node's log holds it by then.
void list_staff(Call& call) {
  if (auto who = admin_actor(call); !who.ok()) return call.fail(who.error());
  after_min_position(call, [call] {
    call.off_thread([call]() -> Response {
      auto staff = call.services().accounts().staff();
      if (!staff.ok()) return error_response(call.req, staff.error());
      json::array items;
      for (const accounts::StaffAccount& a : *staff) items.push_back(staff_json(a));
      return json_answer(call.req, bhttp::status::ok, items);
    });
  });
}

// 201 {login, role}; the password's hash goes to the credential store.
void add_staff(Call& call) {
  auto admin = admin_actor(call);
  if (!admin.ok()) return call.fail(admin.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto body = staff_addition_of(*o);
  if (!body.ok()) return call.fail(body.error());
  call.off_thread([call, admin = *admin, b = *body]() -> Response {
    auto added = call.services().accounts().add_operator(b.login, b.role, b.password, admin,
                                                         idempotency_key(call.req));
    if (!added.ok()) return error_response(call.req, added.error());
    return call.at_head(
        json_answer(call.req, bhttp::status::created,
                    json::object{{"login", b.login}, {"role", domain::role_name(b.role)}}));
  });
}

// 204; the account's sessions end.
void disable_staff(Call& call) {
  auto admin = admin_actor(call);
  if (!admin.ok()) return call.fail(admin.error());
  call.off_thread([call, admin = *admin, login = call.param(0)]() -> Response {
    auto done =
        call.services().accounts().disable_operator(login, admin, idempotency_key(call.req));
    if (!done.ok()) return error_response(call.req, done.error());
    return call.at_head(no_content(call.req));
  });
}

// 204 whether or not the account had a second factor.
void reset_staff_totp(Call& call) {
  auto admin = admin_actor(call);
  if (!admin.ok()) return call.fail(admin.error());
  call.off_thread([call, admin = *admin, login = call.param(0)]() -> Response {
    auto done = call.services().accounts().reset_totp(login, admin);
    if (!done.ok()) return error_response(call.req, done.error());
    return call.at_head(no_content(call.req));
  });
}

}  // namespace

void add_admin_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/admin/staff", list_staff);
  r.add(bhttp::verb::post, "/api/admin/staff", add_staff);
  r.add(bhttp::verb::post, "/api/admin/staff/{login}/disable", disable_staff);
  r.add(bhttp::verb::post, "/api/admin/staff/{login}/totp-reset", reset_staff_totp);
}

}  // namespace hoyo::http
