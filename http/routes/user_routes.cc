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

// The price `ask` would record now at facility `facility`, as the projection
// `v` knows it: nullopt when it has no rate table in force; refused as a
// booking's or a change's price would be.
base::Result<std::optional<domain::Price>> price_at(const StayView& v, const std::string& facility,
                                                    const domain::PriceRequest& ask) {
  const domain::Facility* f = v.facility(facility);
  if (!f)
    return Error{ErrorCode::kNotFound, base::MessageId::kNoFacility, {{"facility", facility}}};
  return domain::stay_price(*f, ask);
}

// The price a booking of stay `st` would record now for `user` (their reduced
// nights used count against the caps), as JSON (null: unpriced).
base::Result<json::value> price_now(const StayView& v, const std::string& user, const Stay& st) {
  auto price = price_at(
      v, st.facility,
      {st.check_in, st.nights, st.guests, st.people, st.reduction, v.reduced_nights_used(user)});
  if (!price.ok()) return price.error();
  return price_json(*price);
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

// The stay a change of the user's reservation with the body would leave, and
// the price and difference it would record now (docs/booking-core.md, "The
// price of a change before OK"): nothing is changed or held. It is refused as
// the change would be, by the same rules on the projection's copy of the
// writer's facts: the reservation (not found, no longer booked), the change
// window, domain::plan_change (people and nights, the minimum per room, the
// wish, the capacity, nothing changing), a new room's vacancy, the price.
// The one thing it cannot promise is the vacancy: a room free now may be
// taken before the PATCH, which then answers no_vacancy (the writer decides).
void quote_change(Call& call) {
  auto change = change_asked(call);
  if (!change.ok()) return call.fail(change.error());
  const domain::Instant now = call.services().clock().now();
  read_view<StayView>(
      call, StayView::kName, 0,
      [call, user = change->user, c = *change, now](const StayView& v) -> Response {
        std::optional<domain::Reservation> seen;
        for (const auto& m : v.reservations_of(user, now)) {
          if (m.reservation.number == c.number) seen = m.reservation;
        }
        auto found = domain::reservation_to_change(seen ? &*seen : nullptr, c.number);
        if (!found.ok()) return error_response(call.req, found.error());
        const domain::Reservation* r = *found;
        const domain::Facility* f = v.facility(r->facility);
        if (!f)
          return error_response(call.req, {ErrorCode::kNotFound, base::MessageId::kNoFacility});
        if (auto open = domain::check_change_open(f->rules, r->check_in, false, now); !open.ok()) {
          return error_response(call.req, open.error());
        }
        auto plan = domain::plan_change(*f, v.limits(), *r, c);
        if (!plan.ok()) return error_response(call.req, plan.error());
        auto room =
            domain::room_for_change(*f, *r, *plan, [&v, f](domain::Date d, domain::RoomStyle s) {
              return v.free_first_come(f->id, d, s);
            });
        if (!room.ok()) return error_response(call.req, room.error());
        const domain::ChangedStay& stay = plan->stay;
        auto price = price_at(v, r->facility,
                              {stay.check_in, stay.nights, stay.guests, stay.people, stay.reduction,
                               v.reduced_nights_used(user, c.number)});
        if (!price.ok()) return error_response(call.req, price.error());
        json::value difference = nullptr;  // as ReservationChanged's price_difference
        if (*price && r->price) difference = (*price)->total - r->price->total;
        json::array people;
        for (int p : stay.people) people.push_back(p);
        return json_answer(call.req, bhttp::status::ok,
                           json::object{{"reservationNumber", r->number},
                                        {"checkIn", stay.check_in.to_string()},
                                        {"nights", stay.nights},
                                        {"people", std::move(people)},
                                        {"roomStyle", domain::style_name(*room)},
                                        {"guests", guests_json(stay.guests, stay.people)},
                                        {"reduction", domain::reduction_name(stay.reduction)},
                                        {"price", price_json(*price)},
                                        {"priceDifference", std::move(difference)}});
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

// The price a booking of the body's stay would record now, for the logged-in
// user (their reduced nights used): nothing is booked or held. Refused as the
// booking would be for the stay's shape, by the same rules: the facility,
// domain::check_stay_request (nights, people per night, the wish, the
// largest room) and check_min_people, then the price. The booking's checks
// of the writer's state are its own to make (the booking decides): the
// booking window, suspension, the nights' limits, the upcoming-stays limit,
// vacancy.
void quote(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  auto o = json_object(call);
  if (!o.ok()) return call.fail(o.error());
  auto stay = stay_of(*o);
  if (!stay.ok()) return call.fail(stay.error());
  read_view<StayView>(
      call, StayView::kName, 0, [call, user = *user, st = *stay](const StayView& v) -> Response {
        if (const domain::Facility* f = v.facility(st.facility)) {
          base::Status shape = domain::check_stay_request(*f, st.nights, st.people, st.wish);
          if (shape.ok()) shape = domain::check_min_people(v.limits(), st.people);
          if (!shape.ok()) return error_response(call.req, shape.error());
        }
        auto price = price_now(v, user, st);
        if (!price.ok()) return error_response(call.req, price.error());
        return json_answer(call.req, bhttp::status::ok,
                           json::object{{"facilityId", st.facility},
                                        {"checkIn", st.check_in.to_string()},
                                        {"nights", st.nights},
                                        {"guests", guests_json(st.guests, st.people)},
                                        {"reduction", domain::reduction_name(st.reduction)},
                                        {"price", std::move(*price)}});
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
