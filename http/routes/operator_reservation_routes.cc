// O4 and O6: operators find any reservation (by facility and dates, by user,
// by number), see a facility's guest list for a night, book, change and
// cancel on a user's behalf (the events record the operator as the actor),
// and export reservations and lottery applications as CSV.
#include <boost/json.hpp>
#include <set>

#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/sealed_reason.h"
#include "http/app/submit.h"
#include "http/codec/operator_csv.h"
#include "http/codec/price_json.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"
#include "http/routes/stay_quotes.h"
#include "projections/accounts_view.h"
#include "projections/operator_index.h"
#include "projections/reservation_search.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using projections::OperatorIndex;
using projections::StayView;

constexpr int kMaxSpanDays = 366;

using Filter = projections::ReservationFilter;

// The query's filters; at least one of facilityId, userNumber, number.
base::Result<Filter> filter_of(const Call& call) {
  Filter f;
  f.facility = call.query("facilityId").value_or("");
  f.user = call.query("userNumber").value_or("");
  f.number = call.query("number").value_or("");
  const domain::Date today = domain::tokyo_date(call.services().clock().now());
  auto from = domain::Date::parse(call.query("from").value_or(today.to_string()));
  auto to = domain::Date::parse(
      call.query("to").value_or((from ? *from : today).plus_days(30).to_string()));
  if (!from)
    return Error::validation("from", "format", base::MessageId::kFieldDate, {{"field", "from"}});
  if (!to || to->days < from->days || to->days - from->days > kMaxSpanDays) {
    return Error::validation("to", "out_of_range", base::MessageId::kToWithinDays, {{"days", 366}});
  }
  f.from = *from;
  f.to = *to;
  if (f.facility.empty() && f.user.empty() && f.number.empty()) {
    return Error::validation("facilityId", "required", base::MessageId::kGiveOneFilter);
  }
  return f;
}

// The reservations matching `f`, by check-in then number.
std::vector<projections::MenuReservation> find(const Call& call, const Filter& f) {
  std::vector<std::string> dated;
  if (f.by_dates()) {
    call.services().projections().read_as<OperatorIndex>(
        OperatorIndex::kName, min_position(call.req), kNoWait, [&](const OperatorIndex& index) {
          dated = index.reservations_between(f.facility, f.from, f.to);
        });
  }
  std::vector<projections::MenuReservation> out;
  const domain::Instant now = call.services().clock().now();
  call.services().projections().read_as<StayView>(
      StayView::kName, min_position(call.req), kNoWait,
      [&](const StayView& v) { out = projections::find_reservations(v, f, dated, now); });
  return out;
}

// The guest's name ("" once erased or unknown).
std::string name_of(const Call& call, const std::string& user) {
  auto p = call.services().accounts().profile(user);
  return p.ok() ? p->name : std::string();
}

void search(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok())
    return call.fail(who.error());
  auto f = filter_of(call);
  if (!f.ok()) return call.fail(f.error());
  after_min_position(call, [call, f = *f] {
    call.off_thread([call, f]() -> Response {
      json::array list;
      const accounts::PersonalDataVault* vault = &call.services().accounts().vault();
      for (const auto& m : find(call, f)) list.push_back(operator_reservation_json(m, vault));
      Response res = json_answer(call.req, bhttp::status::ok, list);
      res.set("X-Log-Position", std::to_string(call.services().projections().position()));
      return res;
    });
  });
}

Response csv_answer(const Call& call, const std::string& filename, std::string body) {
  Response res{bhttp::status::ok, call.req.version()};
  res.set(bhttp::field::content_type, "text/csv; charset=utf-8");
  res.set(bhttp::field::content_disposition, "attachment; filename=\"" + filename + "\"");
  res.body() = kUtf8Bom + std::move(body);  // so spreadsheets read UTF-8
  res.prepare_payload();
  return res;
}

void search_csv(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok())
    return call.fail(who.error());
  auto f = filter_of(call);
  if (!f.ok()) return call.fail(f.error());
  after_min_position(call, [call, f = *f] {
    call.off_thread([call, f]() -> Response {
      std::string out = reservations_csv_header();
      for (const auto& m : find(call, f)) {
        out += reservation_csv_row(m.reservation, name_of(call, m.reservation.user));
      }
      return csv_answer(call, "reservations.csv", std::move(out));
    });
  });
}

void guests(Call& call) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok())
    return call.fail(who.error());
  auto night = domain::Date::parse(
      call.query("date").value_or(domain::tokyo_date(call.services().clock().now()).to_string()));
  if (!night)
    return call.fail(
        Error::validation("date", "format", base::MessageId::kFieldDate, {{"field", "date"}}));
  after_min_position(call, [call, facility = call.param(0), night = *night] {
    call.off_thread([call, facility, night]() -> Response {
      std::vector<std::string> numbers;
      call.services().projections().read_as<OperatorIndex>(
          OperatorIndex::kName, min_position(call.req), kNoWait,
          [&](const OperatorIndex& index) { numbers = index.guests(facility, night); });
      std::vector<domain::Reservation> stays;
      call.services().projections().read_as<StayView>(StayView::kName, min_position(call.req),
                                                      kNoWait, [&](const StayView& v) {
                                                        for (const auto& n : numbers) {
                                                          if (auto r = v.reservation(n))
                                                            stays.push_back(*r);
                                                        }
                                                      });
      json::array list;
      for (const domain::Reservation& r : stays) {
        const int index = night.days - r.check_in.days;
        list.push_back({{"reservationNumber", r.number},
                        {"userNumber", r.user},
                        {"name", name_of(call, r.user)},
                        {"checkIn", r.check_in.to_string()},
                        {"nights", r.nights},
                        {"people", r.people.at(static_cast<std::size_t>(index))},
                        {"roomStyle", domain::style_name(r.style)}});
      }
      return json_answer(
          call.req, bhttp::status::ok,
          json::object{
              {"facilityId", facility}, {"date", night.to_string()}, {"guests", std::move(list)}});
    });
  });
}

void lottery_applications(Call& call, bool csv) {
  if (auto who = require_staff(call, StaffRole::kOperator); !who.ok())
    return call.fail(who.error());
  read_view<StayView>(
      call, StayView::kName, 0,
      [call, lottery = call.param(0), csv](const StayView& v) -> Response {
        if (!v.lottery(lottery)) {
          return error_response(call.req, {ErrorCode::kNotFound, base::MessageId::kNoSuchLottery});
        }
        const auto apps = v.applications_in(lottery);
        if (!csv) {
          json::array list;
          for (const auto& a : apps) list.push_back(operator_application_json(a));
          return json_answer(call.req, bhttp::status::ok, list);
        }
        std::string out = applications_csv_header();
        for (const auto& u : apps) out += application_csv_row(u);
        return csv_answer(call, "applications-" + lottery + ".csv", std::move(out));
      });
}

void applications_json(Call& call) { lottery_applications(call, false); }
void applications_csv(Call& call) { lottery_applications(call, true); }

// The user of reservation `number` as the projection knows it ("" if none).
std::string owner_of(const Call& call, const std::string& number) {
  std::string user;
  call.services().projections().read_as<StayView>(StayView::kName, min_position(call.req), kNoWait,
                                                  [&](const StayView& v) {
                                                    if (auto r = v.reservation(number))
                                                      user = r->user;
                                                  });
  return user;
}

// Answers with reservation `number` as of position `at`; a change's answer
// (`difference` not omitted) carries its priceDifference.
void answer_reservation(const Call& call, const std::string& number, std::uint64_t at,
                        bhttp::status status,
                        std::optional<json::value> difference = std::nullopt) {
  const domain::Instant now = call.services().clock().now();
  const accounts::PersonalDataVault* vault = &call.services().accounts().vault();
  read_view<StayView>(
      call, StayView::kName, at,
      [call, number, now, status, difference, vault](const StayView& v) -> Response {
        auto r = v.reservation(number);
        if (!r) {
          return error_response(call.req,
                                {ErrorCode::kNotFound, base::MessageId::kNoSuchReservation});
        }
        json::object o = operator_reservation_json(projections::menu_of(v, *r, now), vault);
        if (difference) o["priceDifference"] = *difference;
        return json_answer(call.req, status, o);
      });
}

// A booking on a user's behalf as its body asks it (the quote's body too):
// the user (`userNumber`, required) and the stay; refused before any work
// when bad.
struct StayFor {
  std::string user;
  Stay stay;
};
base::Result<StayFor> stay_for(const json::object& o) {
  std::string user;
  if (base::Status e = strings(o, {{"userNumber", &user}}); !e.ok()) return e.error();
  auto stay = stay_of(o);
  if (!stay.ok()) return stay.error();
  return StayFor{std::move(user), std::move(*stay)};
}

// Ok when `user` is an approved user not erased, as the accounts projection
// holds it once it has applied `at` (waiting up to kMinPositionWait; a
// write reads at the log's head, so a user registered just before is seen);
// kNotFound kNoSuchUser otherwise. An operator books and quotes only for a
// user who exists: a mistyped number would otherwise be booked, and quoted
// as a user with every reduced night left. Blocks: call it off the I/O
// threads.
base::Status check_user_known(const Call& call, const std::string& user, std::uint64_t at) {
  bool known = false;
  call.services().projections().read_as<projections::AccountsView>(
      projections::AccountsView::kName, at, kMinPositionWait,
      [&](const projections::AccountsView& v) {
        const domain::Registration* r = v.state().user(user);
        known = r && !r->erased;
      });
  if (known) return {};
  return Error{ErrorCode::kNotFound, base::MessageId::kNoSuchUser, {{"user", user}}};
}

void book_for(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto asked = stay_for(*o);
  if (!asked.ok()) return call.fail(asked.error());
  auto override_reason = optional_string(*o, "overrideReason");
  if (!override_reason.ok()) return call.fail(override_reason.error());
  domain::BookRoom booking = booking_of(asked->user, asked->stay);
  booking.override_reason = std::move(override_reason).value();
  call.off_thread([call, op = *op, booking]() mutable -> std::optional<Response> {
    if (base::Status e = check_user_known(
            call, booking.user, std::max(min_position(call.req), call.services().store().head()));
        !e.ok()) {
      return error_response(call.req, e.error());
    }
    if (base::Status e = seal_reason(call, booking.user, booking.override_reason,
                                     booking.sealed_override_reason);
        !e.ok()) {
      return error_response(call.req, e.error());
    }
    submit_command(call, domain::Actor::op(op), std::move(booking), true,
                   [](const Call& call, const processor::Outcome& out) {
                     const auto& r =
                         std::get<domain::ReservationBooked>(out.events.front()).reservation;
                     answer_reservation(call, r.number, out.last_position, bhttp::status::created);
                   });
    return std::nullopt;
  });
}

void change_for(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  after_min_position(call, [call, op = *op, o = std::move(*o)] {
    const std::string number = call.param(0);
    const std::string user = owner_of(call, number);
    if (user.empty())
      return call.fail(
          {ErrorCode::kNotFound, base::MessageId::kNoReservation, {{"number", number}}});
    auto change = change_of(o, user, number);
    if (!change.ok()) return call.fail(change.error());
    auto waiver = waiver_of(o);
    if (!waiver.ok()) return call.fail(waiver.error());
    change->waiver = std::move(waiver).value();
    call.off_thread([call, op, c = *change, number]() mutable -> std::optional<Response> {
      if (base::Status e = seal_reason(call, c.user, c.waiver.reason, c.waiver.sealed_reason);
          !e.ok()) {
        return error_response(call.req, e.error());
      }
      submit_command(call, domain::Actor::op(op), std::move(c), false,
                     [number](const Call& call, const processor::Outcome& out) {
                       answer_reservation(call, number, out.last_position, bhttp::status::ok,
                                          price_difference_json(out.events));
                     });
      return std::nullopt;
    });
  });
}

// The price a booking on behalf of the body's userNumber would record now
// (stay_quote, with that user's reduced nights): what the operator tells the
// caller before OK.
void quote_for(Call& call) {
  if (auto op = require_staff(call, StaffRole::kOperator); !op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto asked = stay_for(*o);
  if (!asked.ok()) return call.fail(asked.error());
  read_view<StayView>(call, StayView::kName, 0, [call, a = *asked](const StayView& v) -> Response {
    // Every projection has applied the position read at (read_view).
    if (base::Status e = check_user_known(call, a.user, 0); !e.ok()) {
      return error_response(call.req, e.error());
    }
    return stay_quote(call, v, a.user, a.stay);
  });
}

// The price and difference a change on the user's behalf with the body (as
// PATCH's, its waiver aside) would record now (change_quote, by the centre's
// change window).
void quote_change_for(Call& call) {
  if (auto op = require_staff(call, StaffRole::kOperator); !op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  const domain::Instant now = call.services().clock().now();
  read_view<StayView>(
      call, StayView::kName, 0, [call, o = std::move(*o), now](const StayView& v) -> Response {
        const std::string number = call.param(0);
        const std::optional<domain::Reservation> seen = v.reservation(number);
        if (!seen) {
          return error_response(
              call.req,
              {ErrorCode::kNotFound, base::MessageId::kNoReservation, {{"number", number}}});
        }
        auto change = change_of(o, seen->user, number);
        if (!change.ok()) return error_response(call.req, change.error());
        return change_quote(call, v, seen, *change, true, now);
      });
}

// Win confirmation on the user's behalf (the event's actor is the operator).
void confirm_for(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  submit_command(call, domain::Actor::op(*op), domain::ConfirmWin{call.param(0)}, false,
                 [number = call.param(0)](const Call& call, const processor::Outcome& out) {
                   answer_reservation(call, number, out.last_position, bhttp::status::ok);
                 });
}

// Issue 17: marks reservation {n} paid at the facility (ReservationPaid, the
// operator as actor); idempotent: marking it again records nothing.
void mark_paid(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  const std::string number = call.param(0);
  submit_command(call, domain::Actor::op(*op), domain::MarkReservationPaid{number}, false,
                 [number](const Call& call, const processor::Outcome& out) {
                   answer_reservation(call, number, out.last_position, bhttp::status::ok);
                 });
}

// Issue 17: {status: "stayed" | "no_show"} for reservation {n}, from its
// check-in day on (422 not_open before); a no-show suspends the user.
void attendance(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  const json::value* v = o->if_contains("status");
  const auto status = v && v->is_string() ? domain::parse_attendance(v->as_string()) : std::nullopt;
  if (!status) {
    return call.fail(Error::validation("status", "invalid", base::MessageId::kFieldAttendance));
  }
  const std::string number = call.param(0);
  submit_command(call, domain::Actor::op(*op), domain::RecordAttendance{number, *status}, false,
                 [number](const Call& call, const processor::Outcome& out) {
                   answer_reservation(call, number, out.last_position, bhttp::status::ok);
                 });
}

void cancel_for(Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return call.fail(op.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto numbers = id_list(*o, "reservationNumbers");
  if (!numbers) {
    return call.fail(
        Error::validation("reservationNumbers", "required", base::MessageId::kChooseReservations));
  }
  auto waiver = waiver_of(*o);
  if (!waiver.ok()) return call.fail(waiver.error());
  after_min_position(
      call, [call, op = *op, numbers = std::move(*numbers), waiver = *waiver]() mutable {
        // The owners, in one read of the projection.
        std::set<std::string> users;
        call.services().projections().read_as<StayView>(
            StayView::kName, 0, kNoWait, [&](const StayView& v) {
              for (const auto& n : numbers) {
                auto r = v.reservation(n);
                users.insert(r ? r->user : std::string());
              }
            });
        if (users.count(""))
          return call.fail({ErrorCode::kNotFound, base::MessageId::kNoSuchReservation});
        if (users.size() != 1) {
          return call.fail(Error::validation("reservationNumbers", "mixed_users",
                                             base::MessageId::kOneUserAtOnce));
        }
        domain::CancelReservations c{*users.begin(), std::move(numbers), std::move(waiver)};
        call.off_thread([call, op, c]() mutable -> std::optional<Response> {
          if (base::Status e = seal_reason(call, c.user, c.waiver.reason, c.waiver.sealed_reason);
              !e.ok()) {
            return error_response(call.req, e.error());
          }
          const std::vector<std::string> numbers = c.numbers;
          submit_command(call, domain::Actor::op(op), std::move(c), true,
                         [numbers](const Call& call, const processor::Outcome& out) {
                           call.json(bhttp::status::ok,
                                     json::object{{"cancelled", json::value_from(numbers)}},
                                     out.last_position);
                         });
          return std::nullopt;
        });
      });
}

}  // namespace

void add_operator_reservation_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/operator/reservations", search);
  r.add(bhttp::verb::get, "/api/operator/reservations.csv", search_csv);
  r.add(bhttp::verb::post, "/api/operator/reservations", book_for);
  r.add(bhttp::verb::patch, "/api/operator/reservations/{reservationNumber}", change_for);
  r.add(bhttp::verb::post, "/api/operator/reservations/cancellations", cancel_for);
  r.add(bhttp::verb::post, "/api/operator/quotes", quote_for, Effect::kRead);
  r.add(bhttp::verb::post, "/api/operator/reservations/{reservationNumber}/quote", quote_change_for,
        Effect::kRead);
  r.add(bhttp::verb::post, "/api/operator/reservations/{reservationNumber}/confirmation",
        confirm_for);
  r.add(bhttp::verb::post, "/api/operator/reservations/{reservationNumber}/payment", mark_paid);
  r.add(bhttp::verb::post, "/api/operator/reservations/{reservationNumber}/attendance", attendance);
  r.add(bhttp::verb::get, "/api/operator/facilities/{facilityId}/guests", guests);
  r.add(bhttp::verb::get, "/api/operator/lotteries/{lotteryId}/applications", applications_json);
  r.add(bhttp::verb::get, "/api/operator/lotteries/{lotteryId}/applications.csv", applications_csv);
}

}  // namespace hoyo::http
