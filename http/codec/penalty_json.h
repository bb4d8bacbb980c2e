// Penalties (issue 17) as JSON: the ward's rules, a facility's overrides and
// a user's suspension. Pure: no I/O, no HTTP.
#pragma once

#include <boost/json.hpp>
#include <string>

#include "base/status.h"
#include "domain/penalties.h"
#include "domain/stay_limits.h"

namespace hoyo::http {

// {enabled, lateDays, lateCancellationDays, noShowDays}
boost::json::object penalty_rules_json(const domain::PenaltyRules& r);
// The same fields, only those the facility overrides ({} for none).
boost::json::object penalty_overrides_json(const domain::PenaltyRulesPatch& p);
// An object of those fields, each optional (enabled a bool, the others
// integers); a validation error names each bad field under `prefix`
// ("penalties." for a facility's). The domain checks the ranges.
base::Result<domain::PenaltyRulesPatch> penalty_patch_of(const boost::json::value& v,
                                                         const std::string& prefix);
// {suspendedUntil, suspensionReason ("late_cancellation" or "no_show"),
// suspendedFrom, suspensionReservation}: what GET /api/me and the operators'
// view of a user add while the user is suspended.
void add_suspension_json(boost::json::object& o, const domain::Suspension& s);
// {suspended, and while a suspension of `list` is in force on `today` the
// fields of add_suspension_json for the one with the latest end}.
void add_suspended_json(boost::json::object& o, const domain::Suspensions& list,
                        domain::Date today);
// [{id, from, until, cause, reservation}]: each suspension of `list` in force
// on `today`, in the order suspended; `id` names it to lift it alone.
boost::json::array suspensions_json(const domain::Suspensions& list, domain::Date today);

// {nightsPerFiscalYear, nightsPerMonth, minPeoplePerRoom}: 0 is off.
boost::json::object stay_limits_json(const domain::StayLimits& l);
// The same object, each field optional (a field left out is 0: off); a
// validation error names each field that is not an integer.
base::Result<domain::StayLimits> stay_limits_of(const boost::json::object& o);
// [{kind, period, max, used, left}] for GET /api/me's `limits`.
boost::json::array limit_usage_json(const std::vector<domain::LimitUsage>& usage);

}  // namespace hoyo::http
