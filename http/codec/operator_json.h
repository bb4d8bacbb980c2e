// The operators' request bodies that are theirs alone: a facility with its
// rules (O2; its JSON is facility_json.h's), a lottery period (O3), a secret.
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <variant>

#include "base/status.h"
#include "domain/commands.h"
#include "domain/facility.h"
#include "domain/lottery.h"
#include "http/app/app_config.h"

namespace hoyo::http {

// PUT /api/operator/facilities/{id}: {name, nameEn, roomTypes: [{style,
// rooms, capacity}], styleWish, rules?: {openMonthsBefore, openHour,
// closeDaysBefore, changeCloseDaysBefore, cancelCloseDaysBefore, maxUpcoming,
// maxNights}, rates?: [rate table (rates_json.h)]}; rules not given keep the
// facility's, or for a new one take `defaults`; rates not given keep the
// facility's (a new one has none), and an empty array removes them;
// penalties?: {enabled?, lateDays?, lateCancellationDays?, noShowDays?}, the
// facility's overrides of the ward's penalty rules, replaces its overrides
// ({} follows the ward in everything); not given, they are kept.
base::Result<domain::PutFacility> facility_of(const boost::json::object& o, const std::string& id,
                                              const domain::BookingRules& defaults);
// POST /api/operator/lotteries (http/web/openapi.json); the id is left empty.
base::Result<domain::LotteryPeriod> lottery_of(const boost::json::object& o,
                                               const AppConfig& config);
// The `secret` of a draw or an auditor's reveal: 1 to 256 bytes as hex digits.
base::Result<std::string> secret_of(const boost::json::object& o);

}  // namespace hoyo::http
