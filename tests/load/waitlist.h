// The scene's cancellation waitlist (docs/booking-core.md "The cancellation
// waitlist"): the load's own small facility, registered by the operator with
// the waitlist on, whose two target nights sell out under the bookings. Users
// join its list for them (keyed), leave it, and answer the offers the
// scheduler makes (offer_commands.cc); cancellations and changes of its
// bookings free rooms, held for the list. A pick runs at `pickAt` the day
// after a room frees, so the clock moves on a day, between cycles with the
// load stopped and every write settled (crash_load_test: a few times a run):
// the sessions are logged in again, and the offers made and lapsed meanwhile
// are taken into the users' models. An offer is open through the next day
// (`offerDays` 1), so the next move lapses it if still open (some users
// never answer: UserModel::lets_offers_lapse).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "commands.h"
#include "http_client.h"
#include "world.h"

namespace hoyo::load {

inline constexpr const char* kWaitlistFacility = "wl-lodge";

// Registers kWaitlistFacility (PUT /api/operator/facilities/{id}: 3 rooms of
// one style, the waitlist enabled, joining open until the stay's day, a rate
// table effective from `today` offering both reductions, 2 nights a fiscal
// year each) and
// sets world.waitlist_facility; `written` grows to the write's position. The
// reason on failure.
std::optional<std::string> open_waitlist_facility(HttpClient& http, const Staff& staff,
                                                  const std::string& today, World& world,
                                                  std::uint64_t& written);

// Moves the test clock to 09:00:30 Tokyo time of the next day (the picks of
// the rooms held since the last move fall due) and counts the day in
// world.clock_days; the move's answer (its X-Log-Position: what fell due is
// durable).
Answer next_waitlist_day(HttpClient& http, World& world);

// Takes the waitlist offers GET /api/me/offers lists for `u` (read at
// u.seen_position) into its model: one it did not know is added as open (a
// fault unless it is to an active entry of its own that has none open); one
// the model holds open and the list does not is "lapsed" when
// `clock_moved`, else a fault, as is a listed one the model holds answered.
void take_waitlist_offers(Context& ctx, UserModel& u, bool clock_moved);
// The same with the list answered already (`ans`).
void take_listed_offers(Context& ctx, UserModel& u, const Answer& ans, bool clock_moved);

}  // namespace hoyo::load
