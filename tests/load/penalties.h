// The scene's penalties (利用停止, docs/booking-core.md "Penalties"): the
// load's own small facility, registered by the operator with rates (the
// reductions offered), first-come open through the check-in day, the
// users' own changes and cancellations closed 10 days before (the centre
// changes and cancels until the end of the check-in day), and a late period
// of 10 days: every cancellation the centre records there is late. Its two
// target nights are the day after the set-up and the next, so the clock's
// moves (waitlist.h) bring their check-in days and the days after, when the
// operator records attendance. The operator's commands (operator_commands.cc)
// cancel there on a user's behalf, penalising or waived with a reason,
// record `stayed` or `no_show`, and lift suspensions; a suspended user's
// bookings, applications, joinings and acceptances answer 403 `suspended`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "http_client.h"
#include "world.h"

namespace hoyo::load {

inline constexpr const char* kPenaltyFacility = "pn-lodge";

// Registers kPenaltyFacility (PUT /api/operator/facilities/{id}: 4 rooms of
// one style, rates from `today` on, the rules and penalty overrides above)
// and sets world.late_cancellation_days and no_show_days; `written` grows to
// the write's position. The reason on failure.
std::optional<std::string> open_penalty_facility(HttpClient& http, const Staff& staff,
                                                 const std::string& today, World& world,
                                                 std::uint64_t& written);

}  // namespace hoyo::load
