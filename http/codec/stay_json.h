// JSON for stays, shared by the user's and the operators' routes: the
// reservation, application, lottery and result objects of http/web/openapi.json, and the
// parsers of the request bodies that carry a stay or a change.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "base/status.h"
#include "domain/commands.h"
#include "domain/lottery_queries.h"
#include "domain/reservation.h"
#include "http/app/call.h"
#include "http/codec/stay_body.h"

namespace hoyo::projections {
class StayView;
}

namespace hoyo::http {

boost::json::object reservation_json(const domain::Reservation& r, bool changeable,
                                     bool cancellable);
boost::json::object application_json(const domain::UserApplication& a);
// A period as the lottery lists show it: times, facilities, the operator's
// seedHash, drawRule (1 one-party, 2 two-party), auditorSeedHash (hex; null
// until the auditor commits, and always for one-party periods),
// auditorRevealed, and status (upcoming, open, closed, drawn, published).
boost::json::object lottery_json(const projections::StayView& v, const domain::LotteryPeriod& p,
                                 domain::Instant now);
// status pending, won, lost or offered (with `offer`, offer_json).
boost::json::object result_json(const domain::LotteryResult& r);
// An offer to a runner-up: offerId, lotteryId, facilityId, checkIn, nights,
// people, roomStyle, offerBy, status (open, accepted, declined, lapsed) and,
// once accepted, reservationNumber.
boost::json::object offer_json(const domain::Offer& o);

// The body's JSON object, or kMalformed (400 `malformed`).
base::Result<boost::json::object> json_object(const Call& call);

}  // namespace hoyo::http
