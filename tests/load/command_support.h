// What the commands of the load share: the shapes of their requests and
// how they read an answer or settle a write that got none.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <vector>

#include "commands.h"

namespace hoyo::load {

// The people per night of a JSON array (a request's or an answer's `people`).
std::vector<int> people_of(const boost::json::value& v);
// 1 or 2 people for each of `nights` nights: fits every room.
std::vector<int> random_people(Context& ctx, int nights);

// Guests for each of `nights` nights: 1 or 2 adults and children (fits
// every room; at least one adult, so that a reduction may be claimed), now
// and then an infant, who is not counted.
std::vector<GuestCount> random_guests(Context& ctx, int nights);
// As a request's `guests`, and the people per night they count.
boost::json::array guests_json(const std::vector<GuestCount>& guests);
std::vector<int> people_of(const std::vector<GuestCount>& guests);
// "senior" or "disability", or "none" now and then, where `t`'s rate table
// offers reductions; "" where it does not (claiming one there is refused).
std::string random_reduction(Context& ctx, const Target* t);
// A stay body's people per night as a booking form sends them: people only
// (all priced as adults), guests, or both; with guests, half the time a
// reduction claimed where `t`'s rates offer one (random_reduction).
void put_random_party(Context& ctx, const Target* t, int nights, boost::json::object& body);
// The guests per night and the reduction ("none" when not claimed) that a
// stay body (a booking's or a joining's) asks for.
std::vector<GuestCount> asked_guests(const boost::json::value& body);
std::string asked_reduction(const boost::json::value& body);

// One of the values of `m` that `keep` accepts, at random; nullptr when none.
template <class Map, class Keep>
const typename Map::mapped_type* random_of(Context& ctx, const Map& m, Keep keep) {
  std::vector<const typename Map::mapped_type*> c;
  for (const auto& [k, v] : m) {
    if (keep(v)) c.push_back(&v);
  }
  if (c.empty()) return nullptr;
  return c[static_cast<std::size_t>(ctx.uniform(0, static_cast<int>(c.size()) - 1))];
}

// True, but one time in four, while a suspension bars `u` (penalties.h):
// a suspended user's booking, application or joining is refused (403
// `suspended`), asked now and then to see it.
bool asks_rarely_while_suspended(Context& ctx, const UserModel& u);

// The id in a target `/api/.../{id}/WHAT` (an offer's, a reservation's).
std::string id_before_last(const Request& req);

// The suspendedUntil of a 403 `suspended` refusal ("" for any other answer).
std::string suspended_until(const Answer& a);

// A refusal we cause on purpose; anything else (400 malformed, 401, 403,
// 422 validation, 429...) says the test or the server went wrong: every
// request is well formed and, per the model, changes something.
bool expected_refusal(const Answer& a);

// 503 `unavailable` or `stale` with Retry-After: the server could not take
// the write now, and says so (docs/api.md).
bool retryable_unavailability(const Answer& a);

// Settles an unanswered write to one reservation by reading the user's list
// after the restart: the reservation must be as it was before the write, or
// entirely as the write makes it; the model takes what it is.
void read_back(Context& ctx, UserModel& u, const std::string& command, const Request& req,
               const ReservationState& before, const ReservationState& after);

}  // namespace hoyo::load
