// The operators' request bodies and answers that are theirs alone: a
// facility with its rules and closed dates (O2), a lottery period (O3).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "base/status.h"
#include "domain/facility.h"
#include "domain/lottery.h"
#include "http/app/app_config.h"

namespace hoyo::http {

boost::json::object operator_facility_json(const domain::Facility& f);
// PUT /api/operator/facilities/{id}: {name, nameEn, roomTypes: [{style,
// rooms, capacity}], styleWish, rules?: {openMonthsBefore, openHour,
// closeDaysBefore, changeCloseDaysBefore, cancelCloseDaysBefore, maxUpcoming,
// maxNights}}; rules not given keep `rules`.
base::Result<domain::Facility> facility_of(const boost::json::object& o, const std::string& id,
                                           const domain::BookingRules& rules);
// POST /api/operator/lotteries (http/web/openapi.json); the id is left empty.
base::Result<domain::LotteryPeriod> lottery_of(const boost::json::object& o,
                                               const AppConfig& config);
// Bytes from hex digits (either case); nullopt for anything else.
std::optional<std::string> from_hex(std::string_view hex);

}  // namespace hoyo::http
