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
#include "http/server/message.h"

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
// The preconditions of that save, from its headers: `If-Match: "REVISION"`
// (the facility must stand at the revision the list gave) sets
// put.expected_revision; `If-None-Match: *` (it must not exist yet) sets
// put.must_be_new. Any other form of either header (a list, a weak tag,
// If-Match: *) is refused as a validation error on that header.
base::Status facility_preconditions(const Request& req, domain::PutFacility& put);
// POST /api/operator/lotteries (http/web/openapi.json); the id is left empty.
base::Result<domain::LotteryPeriod> lottery_of(const boost::json::object& o,
                                               const AppConfig& config);
// The `secret` of a draw or an auditor's reveal: 1 to 256 bytes as hex digits.
base::Result<std::string> secret_of(const boost::json::object& o);

}  // namespace hoyo::http
