// The operators' routes (an operator's login): registrations and their proofs
// (O1), postcard applicants and erasure (O4), the facility catalogue (O2),
// lottery periods, the draw and publication (O3), projection rebuilds (O5).
// Reservations on a user's behalf and the exports are in
// operator_reservation_routes.cc.
#include <boost/json.hpp>
#include <set>

#include "accounts/personal_data.h"
#include "accounts/personal_data_json.h"
#include "base/hex.h"
#include "domain/lottery_draw.h"
#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/rebuilds.h"
#include "http/app/sealed_reason.h"
#include "http/app/submit.h"
#include "http/codec/applicant_form.h"
#include "http/codec/facility_json.h"
#include "http/codec/operator_json.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"
#include "projections/operator_index.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using projections::OperatorIndex;
using projections::StayView;

base::Result<domain::Actor> operator_actor(const Call& call) {
  auto login = require_staff(call, StaffRole::kOperator);
  if (!login.ok()) return login.status();
  return domain::Actor::op(*login);
}

// The `reason` of a rejection or an erasure: 1 to 1,500 bytes.
base::Result<std::string> reason_of(const json::object& o) {
  std::string reason;
  if (base::Status e = strings(o, {{"reason", &reason}}); !e.ok()) return e;
  if (base::Status e = domain::check_reason_text("reason", reason, base::MessageId::kReasonRequired,
                                                 domain::kMaxAccountReasonBytes);
      !e.ok()) {
    return e.error();
  }
  return reason;
}

// --- O1: registrations ------------------------------------------------------

json::object registration_json(const accounts::RegistrationView& v) {
  const domain::Registration& r = v.registration;
  json::object o{{"registrationId", r.submitted.id},
                 {"status", domain::registration_status_name(r.status)},
                 {"category", domain::category_name(r.submitted.category)},
                 {"channel", domain::channel_name(r.submitted.channel)},
                 {"submittedAt", domain::format_rfc3339_tokyo(r.submitted.at)},
                 {"hasProof", !r.submitted.proof.empty()},
                 {"duplicates", json::value_from(r.submitted.duplicates)},
                 {"erased", r.erased || !v.data}};
  if (!r.user_number.empty()) o["userNumber"] = r.user_number;
  if (r.status == domain::RegistrationStatus::kApproved) {
    o["approvedAt"] = domain::format_rfc3339_tokyo(r.approved_at);
    o["automatic"] = r.automatic;
  }
  if (!r.reject_reason.empty()) o["rejectReason"] = r.reject_reason;
  if (v.data) {
    json::value personal = json::value_from(*v.data);
    o["name"] = v.data->name_kanji;
    for (auto& [k, val] : personal.as_object()) o[k] = val;
  }
  return o;
}

void list_registrations(Call& call) {
  if (auto who = operator_actor(call); !who.ok()) return call.fail(who.error());
  std::optional<domain::RegistrationStatus> status;
  if (auto s = call.query("status")) {
    if (*s == "pending") {
      status = domain::RegistrationStatus::kPending;
    } else if (*s == "approved") {
      status = domain::RegistrationStatus::kApproved;
    } else if (*s == "rejected") {
      status = domain::RegistrationStatus::kRejected;
    } else {
      return call.fail(Error::validation("status", "invalid", base::MessageId::kStatusChoice));
    }
  }
  call.off_thread([call, status]() -> Response {
    json::array list;
    for (const auto& v : call.services().accounts().registrations(status)) {
      list.push_back(registration_json(v));
    }
    return call.at_head(json_answer(call.req, bhttp::status::ok, list));
  });
}

void proof(Call& call) {
  if (auto who = operator_actor(call); !who.ok()) return call.fail(who.error());
  call.off_thread([call, id = call.param(0)]() -> Response {
    auto doc = call.services().accounts().proof(id);
    if (!doc.ok()) return error_response(call.req, doc.error());
    Response res{bhttp::status::ok, call.req.version()};
    res.set(bhttp::field::content_type, doc->media_type);
    res.set(bhttp::field::content_disposition, "inline");
    res.set(bhttp::field::cache_control, "no-store");
    res.body() = std::move(doc->bytes);
    res.prepare_payload();
    return res;
  });
}

void approve(Call& call) {
  auto op = operator_actor(call);
  if (!op.ok()) return call.fail(op.error());
  call.off_thread([call, op = *op, id = call.param(0)]() -> Response {
    auto approved = call.services().accounts().approve(op, id);
    if (!approved.ok()) return error_response(call.req, approved.error());
    json::object body{
        {"registrationId", id}, {"status", "approved"}, {"userNumber", approved->user_number}};
    // A postcard applicant's code, this once, for the notice letter.
    if (!approved->activation_code.empty()) body["activationCode"] = approved->activation_code;
    return call.at_head(json_answer(call.req, bhttp::status::ok, body));
  });
}

void reject(Call& call) {
  auto op = operator_actor(call);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto reason = reason_of(*o);
  if (!reason.ok()) return call.fail(reason.error());
  call.off_thread([call, op = *op, id = call.param(0), reason = *reason]() -> Response {
    auto r = call.services().accounts().reject(op, id, reason);
    if (!r.ok()) return error_response(call.req, r.error());
    return call.at_head(json_answer(call.req, bhttp::status::ok,
                                    json::object{{"registrationId", id}, {"status", "rejected"}}));
  });
}

// --- O4: postcard applicants and erasure --------------------------------------

void register_postcard(Call& call) {
  auto op = operator_actor(call);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto application = postcard_application_of(*o);
  if (!application.ok()) return call.fail(application.error());
  call.off_thread([call, op = *op, a = *application]() -> Response {
    auto r = call.services().accounts().register_postcard(op, a.form, idempotency_key(call.req),
                                                          a.user_number);
    if (!r.ok()) return error_response(call.req, r.error());
    if (r->user_number.empty()) {  // flagged as a possible duplicate: waits for approval
      json::object body{{"registrationId", r->registration_id},
                        {"status", "pending"},
                        {"duplicates", json::value_from(r->duplicates)}};
      return call.at_head(json_answer(call.req, bhttp::status::accepted, body));
    }
    json::object body{{"userNumber", r->user_number},
                      {"registrationId", r->registration_id},
                      {"duplicates", json::value_from(r->duplicates)}};
    // The code this once, for the notice letter the operator prints (null
    // under the birth-date rule, and on a retry with the same Idempotency-Key:
    // the code is never stored in the clear).
    body["activationCode"] =
        r->activation_code.empty() ? json::value(nullptr) : json::value(r->activation_code);
    return call.at_head(json_answer(call.req, bhttp::status::created, body));
  });
}

void erase(Call& call, bool by_user) {
  auto op = operator_actor(call);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto reason = reason_of(*o);
  if (!reason.ok()) return call.fail(reason.error());
  call.off_thread([call, op = *op, id = call.param(0), reason = *reason, by_user]() -> Response {
    auto r = call.services().accounts().erase(op, by_user ? id : std::string(),
                                              by_user ? std::string() : id, reason);
    if (!r.ok()) return error_response(call.req, r.error());
    return call.at_head(json_answer(
        call.req, bhttp::status::ok,
        json::object{{by_user ? "userNumber" : "registrationId", id}, {"erased", true}}));
  });
}

void erase_user(Call& call) { erase(call, true); }
void erase_registration(Call& call) { erase(call, false); }

// --- O2: the catalogue --------------------------------------------------------

void list_facilities(Call& call) {
  if (auto who = operator_actor(call); !who.ok()) return call.fail(who.error());
  read_view<StayView>(call, StayView::kName, 0, [call](const StayView& v) {
    json::array list;
    for (const domain::Facility* f : v.facilities()) list.push_back(operator_facility_json(*f));
    return json_answer(call.req, bhttp::status::ok, list);
  });
}

void put_facility(Call& call) {
  auto op = operator_actor(call);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  // The processor registers a new id and changes a known one; the answer is
  // the facility as recorded.
  auto put = facility_of(*o, call.param(0), call.ctx.config.rules);
  if (!put.ok()) return call.fail(put.error());
  if (base::Status pre = facility_preconditions(call.req, *put); !pre.ok()) {
    return call.fail(pre.error());
  }
  submit_command(
      call, *op, std::move(*put), false, [](const Call& call, const processor::Outcome& out) {
        if (auto* r = std::get_if<domain::FacilityRegistered>(&out.events.front())) {
          return call.json(bhttp::status::created, operator_facility_json(r->facility),
                           out.last_position);
        }
        const auto& changed = std::get<domain::FacilityChanged>(out.events.front());
        call.json(bhttp::status::ok, operator_facility_json(changed.facility), out.last_position);
      });
}

// A closure's or reopening's request: the operator, its body and its
// {dates: [1..50 days]}.
struct DatesRequest {
  domain::Actor op;
  json::object body;
  std::vector<domain::Date> days;
};

base::Result<DatesRequest> dates_request(const Call& call) {
  auto op = operator_actor(call);
  if (!op.ok()) return op.error();
  auto o = json_object(call);
  if (!o.ok()) return o.error();
  auto list = id_list(*o, "dates");
  std::vector<domain::Date> days;
  for (const std::string& d : list.value_or(std::vector<std::string>{})) {
    auto day = domain::Date::parse(d);
    if (!day) break;
    days.push_back(*day);
  }
  if (!list || days.size() != list->size()) {
    return Error::validation("dates", "invalid", base::MessageId::kDatesArray, {{"max", 50}});
  }
  return DatesRequest{std::move(*op), std::move(*o), std::move(days)};
}

// {closed: [the dates], cancelled: [the reservations cancelled]}.
void answer_closure(const Call& call, const std::vector<domain::Date>& days,
                    const processor::Outcome& out) {
  json::array closed, cancelled;
  for (domain::Date d : days) closed.emplace_back(d.to_string());
  for (const domain::Event& e : out.events) {
    if (auto* c = std::get_if<domain::ReservationCancelled>(&e)) cancelled.emplace_back(c->number);
  }
  call.json(bhttp::status::ok, json::object{{"closed", closed}, {"cancelled", cancelled}},
            out.last_position);
}

// O2: {dates, cancelBookings?: bool, reason?: string}. With cancelBookings,
// the reason is required (422 validation `reason`); the reservations with a
// night on a date, read from the projections, are those whose users the
// reason is sealed for (domain::CloseDates: one booked after the read
// refuses the close, 409 conflict).
void close_dates(Call& call) {
  auto req = dates_request(call);
  if (!req.ok()) return call.fail(req.error());
  const domain::Actor& op = req->op;
  const json::object* o = &req->body;
  domain::CloseDates c{call.param(0), req->days};
  if (const json::value* v = o->if_contains("cancelBookings"); v && !v->is_null()) {
    if (!v->is_bool()) {
      return call.fail(Error::validation("cancelBookings", "type", base::MessageId::kFieldBool,
                                         {{"field", "cancelBookings"}}));
    }
    c.cancel_bookings = v->as_bool();
  }
  auto reason = optional_string(*o, "reason");
  if (!reason.ok()) return call.fail(reason.error());
  // The rules' check, here because the rules see the reason only sealed.
  if (c.cancel_bookings || !reason->empty()) {
    if (base::Status e =
            domain::check_reason_text("reason", *reason, base::MessageId::kClosureNeedsReason);
        !e.ok()) {
      return call.fail(e.error());
    }
  }
  const auto submit = [](const Call& call, const domain::Actor& op, domain::CloseDates c) {
    const std::vector<domain::Date> days = c.dates;
    // A retry with the request's Idempotency-Key answers the first outcome
    // (its cancellations with it), not a plain close of dates now empty.
    submit_command(call, op, std::move(c), true,
                   [days](const Call& call, const processor::Outcome& out) {
                     answer_closure(call, days, out);
                   });
  };
  if (!c.cancel_bookings) return submit(call, op, std::move(c));
  // The projections at the log's head (or the client's X-Min-Position if
  // later): every booking acknowledged before this request is seen.
  const std::uint64_t at = std::max(min_position(call.req), call.services().store().head());
  after_position(call, at, [call, op, c = std::move(c), plain = *reason, submit]() mutable {
    // The users booked on the dates, in one read of each projection.
    std::set<std::string> numbers, users;
    call.services().projections().read_as<OperatorIndex>(
        OperatorIndex::kName, 0, kNoWait, [&](const OperatorIndex& index) {
          for (domain::Date d : c.dates) {
            for (std::string& n : index.guests(c.facility, d)) numbers.insert(std::move(n));
          }
        });
    call.services().projections().read_as<StayView>(StayView::kName, 0, kNoWait,
                                                    [&](const StayView& v) {
                                                      for (const std::string& n : numbers) {
                                                        if (auto r = v.reservation(n))
                                                          users.insert(r->user);
                                                      }
                                                    });
    // Nothing booked: closed as without the option (a booking made since
    // refuses it, 409 conflict, as it would be refused then).
    if (users.empty()) c.cancel_bookings = false;
    call.off_thread([call, op, c, plain, users, submit]() mutable -> std::optional<Response> {
      for (const std::string& user : users) {
        std::string text = plain;
        if (base::Status e = seal_reason(call, user, text, c.sealed_reasons[user]); !e.ok()) {
          return error_response(call.req, e.error());
        }
      }
      submit(call, op, std::move(c));
      return std::nullopt;
    });
  });
}

void reopen_dates(Call& call) {
  auto req = dates_request(call);
  if (!req.ok()) return call.fail(req.error());
  std::vector<std::string> list;
  for (domain::Date d : req->days) list.push_back(d.to_string());
  submit_command(call, req->op, domain::ReopenDates{call.param(0), req->days}, false,
                 [list](const Call& call, const processor::Outcome& out) {
                   call.json(bhttp::status::ok, json::object{{"reopened", json::value_from(list)}},
                             out.last_position);
                 });
}

// --- O3: lotteries ----------------------------------------------------------------

void list_lotteries(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok())
    return call.fail(who.error());
  const domain::Instant now = call.services().clock().now();
  read_view<StayView>(call, StayView::kName, 0, [call, now](const StayView& v) {
    json::array list;
    for (const domain::LotteryPeriod* p : v.lotteries()) {
      json::object l = lottery_json(v, *p, now);
      std::size_t active = 0;
      for (const auto& a : v.applications_in(p->id)) {
        if (a.status != domain::ApplicationView::kCancelled) ++active;
      }
      l["applications"] = active;
      list.push_back(std::move(l));
    }
    return json_answer(call.req, bhttp::status::ok, list);
  });
}

void open_lottery(Call& call) {
  auto op = operator_actor(call);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto parsed = lottery_of(*o, call.ctx.config);
  if (!parsed.ok()) return call.fail(parsed.error());
  // With its id left empty, the processor names the period after its stay
  // month ("2027-03", then "2027-03-2" for a second period).
  submit_command(call, *op, domain::OpenLottery{*parsed}, true,
                 [](const Call& call, const processor::Outcome& out) {
                   const auto& opened = std::get<domain::LotteryOpened>(out.events.front());
                   call.json(bhttp::status::created, json::object{{"lotteryId", opened.period.id}},
                             out.last_position);
                 });
}

void draw(Call& call) {
  auto op = operator_actor(call);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto secret = secret_of(*o);
  if (!secret.ok()) return call.fail(secret.error());
  const std::string lottery = call.param(0);
  submit_command(call, *op, domain::DrawLottery{lottery, *secret, {}}, false,
                 [lottery](const Call& call, const processor::Outcome& out) {
                   const auto& d = std::get<domain::LotteryDrawn>(out.events.front());
                   read_view<StayView>(call, StayView::kName, out.last_position,
                                       [call, lottery, seed = base::to_hex(d.seed),
                                        winners = d.wins.size()](const StayView& v) {
                                         std::size_t applications = 0;
                                         for (const auto& a : v.applications_in(lottery)) {
                                           if (a.status != domain::ApplicationView::kCancelled)
                                             ++applications;
                                         }
                                         return json_answer(
                                             call.req, bhttp::status::ok,
                                             json::object{{"lotteryId", lottery},
                                                          {"seed", seed},
                                                          {"applications", applications},
                                                          {"winners", winners}});
                                       });
                 });
}

void publish(Call& call) {
  auto op = operator_actor(call);
  if (!op.ok()) return call.fail(op.error());
  const std::string lottery = call.param(0);
  submit_command(
      call, *op, domain::PublishLottery{lottery, {}}, false,
      [lottery](const Call& call, const processor::Outcome& out) {
        // The result notices follow from the scheduler, due now.
        call.services().wake_scheduler();
        std::size_t booked = 0;
        for (const auto& e : out.events) {
          booked += std::holds_alternative<domain::ReservationBooked>(e);
        }
        call.json(
            bhttp::status::ok,
            json::object{{"lotteryId", lottery}, {"status", "published"}, {"reservations", booked}},
            out.last_position);
      });
}

// --- O5: projections -------------------------------------------------------------

void list_projections(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok())
    return call.fail(who.error());
  json::array list;
  for (const std::string& name : call.services().projections().names()) {
    json::object p{{"name", name}, {"position", call.services().projections().position()}};
    if (call.ctx.rebuilds) {
      for (auto& [k, v] : call.ctx.rebuilds->status(name)) p[k] = v;
    }
    list.push_back(std::move(p));
  }
  call.json(bhttp::status::ok, list);
}

void rebuild(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok())
    return call.fail(who.error());
  const std::string name = call.param(0);
  const auto names = call.services().projections().names();
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    return call.fail({ErrorCode::kNotFound, base::MessageId::kNoProjection, {{"name", name}}});
  }
  if (!call.ctx.rebuilds || !call.ctx.rebuilds->start(call.services().projections(), name)) {
    return call.fail({ErrorCode::kConflict, base::MessageId::kRebuildRunning, {{"name", name}}});
  }
  json::object body{{"name", name}};
  for (auto& [k, v] : call.ctx.rebuilds->status(name)) body[k] = v;
  call.json(bhttp::status::accepted, body);
}

}  // namespace

void add_operator_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/operator/registrations", list_registrations);
  r.add(bhttp::verb::get, "/api/operator/registrations/{registrationId}/proof", proof);
  r.add(bhttp::verb::post, "/api/operator/registrations/{registrationId}/approval", approve);
  r.add(bhttp::verb::post, "/api/operator/registrations/{registrationId}/rejection", reject);
  r.add(bhttp::verb::post, "/api/operator/registrations/{registrationId}/erasure",
        erase_registration);
  r.add(bhttp::verb::post, "/api/operator/users", register_postcard);
  r.add(bhttp::verb::post, "/api/operator/users/{userNumber}/erasure", erase_user);
  r.add(bhttp::verb::get, "/api/operator/facilities", list_facilities);
  r.add(bhttp::verb::put, "/api/operator/facilities/{facilityId}", put_facility);
  r.add(bhttp::verb::post, "/api/operator/facilities/{facilityId}/closures", close_dates);
  r.add(bhttp::verb::post, "/api/operator/facilities/{facilityId}/reopenings", reopen_dates);
  r.add(bhttp::verb::get, "/api/operator/lotteries", list_lotteries);
  r.add(bhttp::verb::post, "/api/operator/lotteries", open_lottery);
  r.add(bhttp::verb::post, "/api/operator/lotteries/{lotteryId}/draw", draw);
  r.add(bhttp::verb::post, "/api/operator/lotteries/{lotteryId}/publication", publish);
  r.add(bhttp::verb::get, "/api/operator/projections", list_projections);
  // This node's projection is rebuilt (each cluster node folds its own).
  r.add(bhttp::verb::post, "/api/operator/projections/{name}/rebuild", rebuild, Effect::kLocal);
  add_operator_reservation_routes(r);
  add_penalty_routes(r);
}

}  // namespace hoyo::http
