// Offers to runners-up (docs/lottery.md "Offers to runners-up"): the user's
// open offers, accepting one (the reservation it books) and declining one.
// Writes go to the command processor; answers are read from the stays view
// at the write's position.
#include <boost/json.hpp>

#include "http/app/auth.h"
#include "http/app/errors.h"
#include "http/app/read_view.h"
#include "http/app/submit.h"
#include "http/codec/stay_json.h"
#include "http/routes/routes.h"
#include "projections/stay_view.h"

namespace hoyo::http {
namespace {

namespace bhttp = boost::beast::http;
namespace json = boost::json;
using base::ErrorCode;
using projections::StayView;

// Offer `id` of `user` as of position `at` through `fn(offer) -> Response`,
// or 404 when the user has no such offer.
template <class F>
void with_offer(const Call& call, const std::string& user, const std::string& id, std::uint64_t at,
                F fn) {
  read_view<StayView>(call, StayView::kName, at, [call, user, id, fn](const StayView& v) {
    const domain::Offer* o = v.offer(id);
    if (!o || o->user != user) {
      return error_response(call.req,
                            {ErrorCode::kNotFound, base::MessageId::kNoOffer, {{"offer", id}}});
    }
    return fn(v, *o);
  });
}

void list_offers(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  read_view<StayView>(call, StayView::kName, 0, [call, user = *user](const StayView& v) {
    json::array list;
    for (const domain::Offer& o : domain::open_offers_of(v.offers(), user)) {
      list.push_back(offer_json(o));
    }
    return json_answer(call.req, bhttp::status::ok, list);
  });
}

// 200 with the reservation accepting books (also when accepted already).
void accept(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  const std::string id = call.param(0);
  submit_command(call, domain::Actor::user(*user), domain::AcceptOffer{id, {}}, false,
                 [user = *user, id](const Call& call, const processor::Outcome& out) {
                   const domain::Instant now = call.services().clock().now();
                   with_offer(
                       call, user, id, out.last_position,
                       [call, user, now](const StayView& v, const domain::Offer& o) {
                         for (const auto& m : v.reservations_of(user, now)) {
                           if (m.reservation.number == o.number) {
                             return json_answer(
                                 call.req, bhttp::status::ok,
                                 reservation_json(m.reservation, m.changeable, m.cancellable));
                           }
                         }
                         return error_response(
                             call.req, {ErrorCode::kNotFound, base::MessageId::kNoSuchReservation});
                       });
                 });
}

// 200 with the offer, declined (also when declined already).
void decline(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  const std::string id = call.param(0);
  submit_command(call, domain::Actor::user(*user), domain::DeclineOffer{id}, false,
                 [user = *user, id](const Call& call, const processor::Outcome& out) {
                   with_offer(call, user, id, out.last_position,
                              [call](const StayView&, const domain::Offer& o) {
                                return json_answer(call.req, bhttp::status::ok, offer_json(o));
                              });
                 });
}

}  // namespace

void add_offer_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/me/offers", list_offers);
  r.add(bhttp::verb::post, "/api/offers/{offerId}/acceptance", accept);
  r.add(bhttp::verb::post, "/api/offers/{offerId}/declination", decline);
}

}  // namespace hoyo::http
