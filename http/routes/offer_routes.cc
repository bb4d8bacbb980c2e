// Offers to runners-up (docs/lottery.md "Offers to runners-up"): the user's
// open offers, accepting one (the reservation it books) and declining one;
// the same for an operator on a user's behalf.
// Writes go to the command processor; answers are read from the stays view
// at the write's position.
#include <algorithm>
#include <boost/json.hpp>
#include <optional>

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

// Who answers an offer: its user, or an operator on the user's behalf (the
// event's actor), who may answer anyone's.
struct Answerer {
  domain::Actor actor;
  std::optional<std::string> user;  // the only user whose offers it sees; none: any
};

base::Result<Answerer> user_answerer(const Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return user.error();
  return Answerer{domain::Actor::user(*user), *user};
}

base::Result<Answerer> operator_answerer(const Call& call) {
  auto op = require_staff(call, StaffRole::kOperator);
  if (!op.ok()) return op.error();
  return Answerer{domain::Actor::op(*op), std::nullopt};
}

// Offer `id` as of position `at`, through `fn(view, offer) -> Response`, or
// 404 when there is none the answerer may see.
template <class F>
void with_offer(const Call& call, const Answerer& who, const std::string& id, std::uint64_t at,
                F fn) {
  read_view<StayView>(
      call, StayView::kName, at, [call, user = who.user, id, fn](const StayView& v) {
        const domain::Offer* o = v.offer(id);
        if (!o || (user && o->user != *user)) {
          return error_response(call.req,
                                {ErrorCode::kNotFound, base::MessageId::kNoOffer, {{"offer", id}}});
        }
        return fn(v, *o);
      });
}

void list_offers_of(Call& call, const std::string& user) {
  read_view<StayView>(call, StayView::kName, 0, [call, user](const StayView& v) {
    // Runner-up and waitlist offers alike, by deadline.
    std::vector<domain::Offer> open = domain::open_offers_of(v.offers(), user);
    for (domain::Offer& o : domain::open_offers_of(v.waitlist_offers(), user)) {
      open.push_back(std::move(o));
    }
    std::stable_sort(open.begin(), open.end(), [](const domain::Offer& x, const domain::Offer& y) {
      return x.offer_by < y.offer_by;
    });
    json::array list;
    for (const domain::Offer& o : open) list.push_back(offer_json(o));
    return json_answer(call.req, bhttp::status::ok, list);
  });
}

void list_offers(Call& call) {
  auto user = require_user(call);
  if (!user.ok()) return call.fail(user.error());
  list_offers_of(call, *user);
}

// 200 with the reservation accepting books (also when accepted already).
void accept(Call& call, base::Result<Answerer> who) {
  if (!who.ok()) return call.fail(who.error());
  const std::string id = call.param(0);
  submit_command(call, who->actor, domain::AcceptOffer{id, {}}, false,
                 [who = *who, id](const Call& call, const processor::Outcome& out) {
                   const domain::Instant now = call.services().clock().now();
                   with_offer(
                       call, who, id, out.last_position,
                       [call, now](const StayView& v, const domain::Offer& o) {
                         for (const auto& m : v.reservations_of(o.user, now)) {
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
void decline(Call& call, base::Result<Answerer> who) {
  if (!who.ok()) return call.fail(who.error());
  const std::string id = call.param(0);
  submit_command(call, who->actor, domain::DeclineOffer{id}, false,
                 [who = *who, id](const Call& call, const processor::Outcome& out) {
                   // The room passes to the next runner-up or waitlister, due
                   // at once.
                   call.services().wake_scheduler();
                   with_offer(call, who, id, out.last_position,
                              [call](const StayView&, const domain::Offer& o) {
                                return json_answer(call.req, bhttp::status::ok, offer_json(o));
                              });
                 });
}

}  // namespace

void add_offer_routes(Router& r) {
  r.add(bhttp::verb::get, "/api/me/offers", list_offers);
  r.add(bhttp::verb::post, "/api/offers/{offerId}/acceptance",
        [](Call& call) { accept(call, user_answerer(call)); });
  r.add(bhttp::verb::post, "/api/offers/{offerId}/declination",
        [](Call& call) { decline(call, user_answerer(call)); });
  // The centre answers on a user's behalf (a postcard user who telephones).
  r.add(bhttp::verb::get, "/api/operator/users/{userNumber}/offers", [](Call& call) {
    auto op = require_staff(call, StaffRole::kOperator);
    if (!op.ok()) return call.fail(op.error());
    list_offers_of(call, call.param(0));
  });
  r.add(bhttp::verb::post, "/api/operator/offers/{offerId}/acceptance",
        [](Call& call) { accept(call, operator_answerer(call)); });
  r.add(bhttp::verb::post, "/api/operator/offers/{offerId}/declination",
        [](Call& call) { decline(call, operator_answerer(call)); });
}

}  // namespace hoyo::http
