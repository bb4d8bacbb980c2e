// Penalties (利用停止, issue 17) and limits on stays. The operators' side: the
// ward's penalty rules and limits, a user's suspension and its lifting.
// Attendance is recorded with the reservations (operator_reservation_routes.cc).
// The user's side: their limits, what they hold against them and their
// suspension (GET /api/me/limits).
#include <boost/json.hpp>

#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/sealed_reason.h"
#include "http/app/submit.h"
#include "http/codec/penalty_json.h"
#include "http/codec/stay_body.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using projections::StayView;

void get_rules(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok()) {
    return call.fail(who.error());
  }
  read_view<StayView>(call, StayView::kName, 0, [call](const StayView& v) {
    return json_answer(call.req, bhttp::status::ok, penalty_rules_json(v.penalties()));
  });
}

// The whole rules: a field left out takes its default (penalties.h).
void put_rules(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto patch = penalty_patch_of(json::value(*o), "");
  if (!patch.ok()) return call.fail(patch.error());
  const domain::PenaltyRules rules = patch->over(domain::PenaltyRules{});
  submit_command(call, domain::Actor::op(*op), domain::SetPenaltyRules{rules}, false,
                 [rules](const Call& call, const processor::Outcome& out) {
                   call.json(bhttp::status::ok, penalty_rules_json(rules), out.last_position);
                 });
}

void get_limits(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok()) {
    return call.fail(who.error());
  }
  read_view<StayView>(call, StayView::kName, 0, [call](const StayView& v) {
    return json_answer(call.req, bhttp::status::ok, stay_limits_json(v.limits()));
  });
}

// The whole limits: a field left out is 0 (off).
void put_limits(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto limits = stay_limits_of(*o);
  if (!limits.ok()) return call.fail(limits.error());
  submit_command(call, domain::Actor::op(*op), domain::SetStayLimits{*limits}, false,
                 [l = *limits](const Call& call, const processor::Outcome& out) {
                   call.json(bhttp::status::ok, stay_limits_json(l), out.last_position);
                 });
}

// {userNumber, suspended, and while suspended the fields of
// add_suspension_json; suspensions: each one in force (suspensions_json)}.
void get_suspension(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok()) {
    return call.fail(who.error());
  }
  const domain::Date today = domain::tokyo_date(call.services().clock().now());
  read_view<StayView>(call, StayView::kName, 0,
                      [call, user = call.param(0), today](const StayView& v) {
                        const domain::Suspensions list = v.suspensions(user);
                        json::object o{{"userNumber", user}};
                        add_suspended_json(o, list, today);
                        o["suspensions"] = suspensions_json(list, today);
                        return json_answer(call.req, bhttp::status::ok, o);
                      });
}

void lift(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto reason = optional_string(*o, "reason");
  if (!reason.ok()) return call.fail(reason.error());
  auto which = optional_string(*o, "suspension");  // absent or null: every suspension
  if (!which.ok()) return call.fail(which.error());
  if (which->empty() && o->contains("suspension") && !o->at("suspension").is_null()) {
    // "" names no suspension: it must not lift them all.
    return call.fail(base::Error::validation("suspension", "required",
                                             base::MessageId::kFieldRequired,
                                             {{"field", std::string("suspension")}}));
  }
  domain::LiftSuspension lift{call.param(0), std::move(reason).value(), *which};
  call.off_thread([call, op = *op, lift]() mutable -> std::optional<Response> {
    if (base::Status e = seal_reason(call, lift.user, lift.reason, lift.sealed_reason); !e.ok()) {
      return error_response(call.req, e.error());
    }
    submit_command(call, domain::Actor::op(op), std::move(lift), false,
                   [](const Call& call, const processor::Outcome& out) {
                     Response res = no_content(call.req);
                     res.set("X-Log-Position", std::to_string(out.last_position));
                     call.answer(std::move(res));
                   });
    return std::nullopt;
  });
}

// GET /api/me/limits: {limits, usage, suspended, and while suspended the
// fields of add_suspension_json}, read from the stays view (usage as
// domain::limit_usage_ahead counts it).
void my_limits(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  const domain::Instant now = call.services().clock().now();
  read_view<StayView>(call, StayView::kName, 0, [call, user = *user, now](const StayView& v) {
    const domain::Date today = domain::tokyo_date(now);
    const std::vector<projections::MenuReservation> mine = v.reservations_of(user, now);
    std::vector<const domain::Reservation*> stays;
    for (const projections::MenuReservation& m : mine) stays.push_back(&m.reservation);
    json::object o{
        {"limits", stay_limits_json(v.limits())},
        {"usage", limit_usage_json(domain::limit_usage_ahead(v.limits(), stays, today))}};
    add_suspended_json(o, v.suspensions(user), today);
    return json_answer(call.req, bhttp::status::ok, o);
  });
}

}  // namespace

void add_penalty_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/operator/settings/penalties", get_rules);
  r.add(bhttp::verb::put, "/api/operator/settings/penalties", put_rules);
  r.add(bhttp::verb::get, "/api/operator/settings/limits", get_limits);
  r.add(bhttp::verb::put, "/api/operator/settings/limits", put_limits);
  r.add(bhttp::verb::get, "/api/operator/users/{userNumber}/suspension", get_suspension);
  r.add(bhttp::verb::post, "/api/operator/users/{userNumber}/suspension/lift", lift);
  r.add(bhttp::verb::get, "/api/me/limits", my_limits);
}

}  // namespace hoyo::http
