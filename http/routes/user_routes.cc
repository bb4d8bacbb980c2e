// The routes of a logged-in user (docs/api.md, "Book, change, cancel" and
// "Lottery"): booking (M6), the reservation list, change and cancellation
// (M7, M8), lottery applications, demand and results (M2-M5). Writes go to the
// command processor and are answered from its callback once durable (never
// blocking a connection's thread); reads come from the projections.
#include <boost/json.hpp>
#include <optional>

#include "domain/booking_windows.h"
#include "domain/stay_change.h"
#include "domain/stay_price.h"
#include "domain/stay_rules.h"
#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/submit.h"
#include "http/codec/price_json.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"
#include "http/routes/stay_quotes.h"
#include "projections/demand_index.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using projections::StayView;

void submit(const Call& call, const std::string& user, domain::CommandBody body, bool idempotent,
            OutcomeHandler done) {
  submit_command(call, domain::Actor::user(user), std::move(body), idempotent, std::move(done));
}

// The facility's rules as the projection knows them (defaults when unknown:
// the command is then refused by the domain anyway).
domain::BookingRules rules_of(const Call& call, const std::string& facility) {
  domain::BookingRules rules;
  call.services().projections().read_as<StayView>(
      StayView::kName, 0, std::chrono::milliseconds(0), [&](const StayView& v) {
        if (const domain::Facility* f = v.facility(facility)) rules = f->rules;
      });
  return rules;
}

void list_reservations(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  const domain::Instant now = call.services().clock().now();
  read_view<StayView>(call, StayView::kName, 0, [call, user = *user, now](const StayView& v) {
    json::array list;
    for (const auto& m : v.reservations_of(user, now)) {
      list.push_back(reservation_json(m.reservation, m.changeable, m.cancellable));
    }
    return json_answer(call.req, bhttp::status::ok, list);
  });
}

void book(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto stay = stay_of(*o);
  if (!stay.ok()) return call.fail(stay.error());
  Stay& st = *stay;
  const domain::BookingRules rules = rules_of(call, st.facility);
  const domain::Instant now = call.services().clock().now();
  submit(call, *user, booking_of(*user, st), true,
         [rules, now](const Call& call, const processor::Outcome& out) {
           const auto& r = std::get<domain::ReservationBooked>(out.events.front()).reservation;
           call.json(bhttp::status::created,
                     reservation_json(r, now < domain::change_closes(rules, r.check_in),
                                      now < domain::cancel_closes(rules, r.check_in)),
                     out.last_position);
         });
}

// Answers with the user's reservation `number` as of position `at`, with a
// change's priceDifference when given.
void answer_reservation(const Call& call, const std::string& user, const std::string& number,
                        std::uint64_t at, std::optional<json::value> difference = std::nullopt) {
  const domain::Instant now = call.services().clock().now();
  read_view<StayView>(
      call, StayView::kName, at, [call, user, number, now, difference](const StayView& v) {
        for (const auto& m : v.reservations_of(user, now)) {
          if (m.reservation.number == number) {
            json::object o = reservation_json(m.reservation, m.changeable, m.cancellable);
            if (difference) o["priceDifference"] = *difference;
            return json_answer(call.req, bhttp::status::ok, o);
          }
        }
        return error_response(call.req,
                              {ErrorCode::kNotFound, base::MessageId::kNoSuchReservation});
      });
}

// The logged-in user's change of reservation {reservationNumber}, from the
// body (a PATCH's, and its quote's); refused before any work when bad.
base::Result<domain::ChangeReservation> change_asked(const Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return user.error();
  auto o = json_object(call);
  if (!o.ok()) return o.error();
  return change_of(*o, *user, call.param(0));
}

void change_reservation(Call& call) {
  auto change = change_asked(call);
  if (!change.ok()) return call.fail(change.error());
  submit(call, change->user, *change, false,
         [user = change->user, number = call.param(0)](const Call& call,
                                                       const processor::Outcome& out) {
           answer_reservation(call, user, number, out.last_position,
                              price_difference_json(out.events));
         });
}

// The price and difference a change of the user's reservation with the body
// would record now (change_quote, by the user's change window).
void quote_change(Call& call) {
  auto change = change_asked(call);
  if (!change.ok()) return call.fail(change.error());
  const domain::Instant now = call.services().clock().now();
  read_view<StayView>(call, StayView::kName, 0,
                      [call, c = *change, now](const StayView& v) -> Response {
                        std::optional<domain::Reservation> seen;
                        for (const auto& m : v.reservations_of(c.user, now)) {
                          if (m.reservation.number == c.number) seen = m.reservation;
                        }
                        return change_quote(call, v, seen, c, false, now);
                      });
}

void cancel_reservations(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto numbers = id_list(*o, "reservationNumbers");
  if (!numbers) {
    return call.fail(
        Error::validation("reservationNumbers", "required", base::MessageId::kChooseReservations));
  }
  submit(call, *user, domain::CancelReservations{*user, *numbers}, true,
         [numbers = *numbers](const Call& call, const processor::Outcome& out) {
           call.json(bhttp::status::ok, json::object{{"cancelled", json::value_from(numbers)}},
                     out.last_position);
         });
}

// The price a booking of the body's stay would record now for the logged-in
// user (stay_quote).
void quote(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto stay = stay_of(*o);
  if (!stay.ok()) return call.fail(stay.error());
  read_view<StayView>(call, StayView::kName, 0,
                      [call, user = *user, st = *stay](const StayView& v) -> Response {
                        return stay_quote(call, v, user, st);
                      });
}

// Win confirmation: 200 with the reservation (also when confirmed already).
void confirm_win(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  submit(call, *user, domain::ConfirmWin{call.param(0)}, false,
         [user = *user, number = call.param(0)](const Call& call, const processor::Outcome& out) {
           answer_reservation(call, user, number, out.last_position);
         });
}

void list_lotteries(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  const domain::Instant now = call.services().clock().now();
  read_view<StayView>(call, StayView::kName, 0, [call, now](const StayView& v) {
    json::array list;
    for (const domain::LotteryPeriod* p : v.lotteries()) list.push_back(lottery_json(v, *p, now));
    return json_answer(call.req, bhttp::status::ok, list);
  });
}

void demand(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  const domain::Instant now = call.services().clock().now();
  std::optional<domain::Date> from = domain::tokyo_date(now);
  if (auto q = call.query("from")) from = domain::Date::parse(*q);
  if (!from) {
    return call.fail(
        Error::validation("from", "format", base::MessageId::kFieldDate, {{"field", "from"}}));
  }
  after_min_position(call, [call, from = *from] {
    bool known = false;
    call.services().projections().read_as<StayView>(
        StayView::kName, 0, kNoWait, [&](const StayView& v) {
          const domain::LotteryPeriod* p = v.lottery(call.param(0));
          known = p && p->has_facility(call.param(1));
        });
    if (!known) return call.fail({ErrorCode::kNotFound, base::MessageId::kNoSuchLotteryOrFacility});
    read_view<projections::DemandIndex>(
        call, projections::DemandIndex::kName, 0,
        [call, lottery = call.param(0), facility = call.param(1),
         from](const projections::DemandIndex& d) {
          json::array days;
          for (const auto& day : d.demand(lottery, facility, from)) {
            days.push_back({{"date", day.date.to_string()},
                            {"applications", day.applications},
                            {"winnable", day.winnable}});
          }
          return json_answer(call.req, bhttp::status::ok, json::object{{"days", std::move(days)}});
        });
  });
}

void apply(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto stay = stay_of(*o);
  if (!stay.ok()) return call.fail(stay.error());
  const json::value* pref = o->if_contains("preference");
  if (!pref || !pref->is_int64() || pref->as_int64() < 1 || pref->as_int64() > 10) {
    return call.fail(
        Error::validation("preference", "out_of_range", base::MessageId::kPreferenceRank));
  }
  Stay& st = *stay;
  submit(call, *user,
         domain::ApplyToLottery{*user,
                                call.param(0),
                                st.facility,
                                st.check_in,
                                st.nights,
                                st.people,
                                st.wish,
                                static_cast<int>(pref->as_int64()),
                                {},
                                st.guests,
                                st.reduction},
         true, [user = *user](const Call& call, const processor::Outcome& out) {
           // The application recorded (a retried key answers the first one),
           // with what a win would cost at today's rates (it is priced at the
           // publication), read on the work pool: this callback must not wait
           // for a projection's lock.
           const domain::LotteryApplication a =
               std::get<domain::LotteryApplied>(out.events.front()).application;
           const std::uint64_t at = out.last_position;
           call.off_thread([call, user, a, at]() -> Response {
             json::object body = application_json({a, domain::ApplicationView::kActive, {}});
             const Stay st{a.facility, a.check_in, a.nights,   a.people,
                           a.wish,     a.guests,   a.reduction};
             body["price"] = nullptr;
             call.services().projections().read_as<StayView>(
                 StayView::kName, 0, kNoWait, [&](const StayView& v) {
                   if (auto price = price_now(v, user, st); price.ok()) body["price"] = *price;
                 });
             Response res = json_answer(call.req, bhttp::status::created, body);
             res.set("X-Log-Position", std::to_string(at));
             return res;
           });
         });
}

void list_applications(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  read_view<StayView>(
      call, StayView::kName, 0, [call, user = *user, lottery = call.param(0)](const StayView& v) {
        if (!v.lottery(lottery)) {
          return error_response(call.req, {ErrorCode::kNotFound, base::MessageId::kNoSuchLottery});
        }
        json::array list;
        for (const auto& a : v.applications_of(user, lottery)) {
          list.push_back(application_json(a));
        }
        return json_answer(call.req, bhttp::status::ok, list);
      });
}

void withdraw(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto ids = id_list(*o, "applicationIds");
  if (!ids) {
    return call.fail(
        Error::validation("applicationIds", "required", base::MessageId::kChooseApplications));
  }
  submit(call, *user, domain::CancelLotteryApplications{*user, call.param(0), *ids}, false,
         [ids = *ids](const Call& call, const processor::Outcome& out) {
           call.json(bhttp::status::ok, json::object{{"cancelled", json::value_from(ids)}},
                     out.last_position);
         });
}

void result(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  read_view<StayView>(
      call, StayView::kName, 0, [call, user = *user, lottery = call.param(0)](const StayView& v) {
        if (!v.lottery(lottery)) {
          return error_response(call.req, {ErrorCode::kNotFound, base::MessageId::kNoSuchLottery});
        }
        return json_answer(call.req, bhttp::status::ok, result_json(v.result_of(user, lottery)));
      });
}

}  // namespace

void add_user_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/reservations", list_reservations);
  r.add(bhttp::verb::post, "/api/reservations", book);
  r.add(bhttp::verb::patch, "/api/reservations/{reservationNumber}", change_reservation);
  r.add(bhttp::verb::post, "/api/reservations/cancellations", cancel_reservations);
  r.add(bhttp::verb::post, "/api/quotes", quote, Effect::kRead);
  r.add(bhttp::verb::post, "/api/reservations/{reservationNumber}/quote", quote_change,
        Effect::kRead);
  r.add(bhttp::verb::post, "/api/reservations/{reservationNumber}/confirmation", confirm_win);
  r.add(bhttp::verb::get, "/api/lotteries", list_lotteries);
  r.add(bhttp::verb::get, "/api/lotteries/{lotteryId}/demand/{facilityId}", demand);
  r.add(bhttp::verb::get, "/api/lotteries/{lotteryId}/applications", list_applications);
  r.add(bhttp::verb::post, "/api/lotteries/{lotteryId}/applications", apply);
  r.add(bhttp::verb::post, "/api/lotteries/{lotteryId}/applications/cancellations", withdraw);
  r.add(bhttp::verb::get, "/api/lotteries/{lotteryId}/result", result);
}

}  // namespace hoyo::http
