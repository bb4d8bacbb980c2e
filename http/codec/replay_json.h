// A1's answer, shared by GET /api/audit/replay and `hoyoctl replay`: what the
// "stays" read model folded to a position says of a facility's vacancy, a
// reservation and a user.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "domain/civil_time.h"
#include "projections/stay_view.h"

namespace hoyo::http {

// What to show; each part given adds its member to the answer.
struct ReplayQuery {
  std::optional<std::string> facility;     // vacancy: 31 days from `from`
  std::optional<std::string> from;         // YYYY-MM-DD; the day of `at` when absent
  std::optional<std::string> reservation;  // a reservation number
  std::optional<std::string> user;         // a user number: reservations, applications
};

// {position, at, vacancy?: {facilityId, days}, reservation?: object|null,
// user?: {userNumber, reservations, applications}} as of `at`, the time the
// event at `position` was recorded. A malformed `from` is a validation error.
base::Result<boost::json::object> replay_json(const projections::StayView& view,
                                              std::uint64_t position, domain::Instant at,
                                              const ReplayQuery& q);

}  // namespace hoyo::http
