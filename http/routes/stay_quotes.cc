#include "http/routes/stay_quotes.h"

#include "domain/stay_change.h"
#include "domain/stay_price.h"
#include "domain/stay_rules.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/codec/price_json.h"
#include "http/codec/stay_json.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::Error;
using base::ErrorCode;
using projections::StayView;

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

}  // namespace

base::Result<json::value> price_now(const StayView& v, const std::string& user, const Stay& st) {
  auto price = price_at(
      v, st.facility,
      {st.check_in, st.nights, st.guests, st.people, st.reduction, v.reduced_nights_used(user)});
  if (!price.ok()) return price.error();
  return price_json(*price);
}

Response stay_quote(const Call& call, const StayView& v, const std::string& user, const Stay& st) {
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
}

Response change_quote(const Call& call, const StayView& v,
                      const std::optional<domain::Reservation>& seen,
                      const domain::ChangeReservation& c, bool by_centre, domain::Instant now) {
  auto found = domain::reservation_to_change(seen ? &*seen : nullptr, c.number);
  if (!found.ok()) return error_response(call.req, found.error());
  const domain::Reservation* r = *found;
  const domain::Facility* f = v.facility(r->facility);
  if (!f) return error_response(call.req, {ErrorCode::kNotFound, base::MessageId::kNoFacility});
  if (auto open = domain::check_change_open(f->rules, r->check_in, by_centre, now); !open.ok()) {
    return error_response(call.req, open.error());
  }
  auto plan = domain::plan_change(*f, v.limits(), *r, c);
  if (!plan.ok()) return error_response(call.req, plan.error());
  auto room = domain::room_for_change(*f, *r, *plan, [&v, f](domain::Date d, domain::RoomStyle s) {
    return v.free_first_come(f->id, d, s);
  });
  if (!room.ok()) return error_response(call.req, room.error());
  const domain::ChangedStay& stay = plan->stay;
  auto price = price_at(v, r->facility,
                        {stay.check_in, stay.nights, stay.guests, stay.people, stay.reduction,
                         v.reduced_nights_used(r->user, c.number)});
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
}

}  // namespace hoyo::http
