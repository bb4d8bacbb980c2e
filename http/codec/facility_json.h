// A facility as JSON, written once: json::value_from(facility) gives {id,
// name, nameEn, roomTypes: [{style, rooms, capacity}], styleWish,
// closedDates, rules: {openMonthsBefore, openHour, closeDaysBefore,
// changeCloseDaysBefore, cancelCloseDaysBefore, maxUpcoming, maxNights},
// rates: [rate table (rates_json.h)], penalties: {the facility's penalty
// overrides (penalty_json.h)}}, the whole of it as operators see it
// (O2). The public catalogue and the audit log show less of the same object.
#pragma once

#include <boost/json.hpp>

#include "domain/facility.h"

// In domain's namespace for argument-dependent lookup (json::value_from).
namespace hoyo::domain {

void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const RoomType& t);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const BookingRules& r);
void tag_invoke(boost::json::value_from_tag, boost::json::value& v, const Facility& f);

}  // namespace hoyo::domain

namespace hoyo::http {

// O2, the operators' list and the answer to a save: the whole facility and
// its `revision` (domain/facility_revision.h), which a save sends back as
// If-Match so that it cannot overwrite a change it has not seen.
boost::json::object operator_facility_json(const domain::Facility& f);
// GET /api/facilities: without the closed dates, the rules, the rates (GET
// /api/facilities/{id}/rates gives the table in force) and the penalties; with
// the waitlist settings (whether a member may join its cancellation waitlist).
boost::json::object public_facility_json(const domain::Facility& f);
// A catalogue event's facility (A1, A3): without the closed dates, which the
// log records as events of their own.
boost::json::object event_facility_json(const domain::Facility& f);

}  // namespace hoyo::http
