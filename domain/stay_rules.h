// The rules of a stay's shape at a facility, shared by the writer (first-come
// booking, changes, lottery applications, the waitlist) and the read side's
// quotes (POST /api/quotes, POST /api/reservations/{n}/quote), so that a
// quote refuses what the write would. Pure: the facility and the counts given.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "base/status.h"
#include "domain/facility.h"
#include "domain/reservation.h"
#include "domain/stay_limits.h"

namespace hoyo::domain {

// Nights 1..max_nights, one people count per night, each at least 1
// (kValidation naming `nights` or `people`).
base::Status check_stay(const Facility& f, int nights, const std::vector<int>& people);
// A stay asked for (a booking, a waitlist entry): check_stay, check_wish, and
// no night over the largest room capacity the wish allows (kValidation
// `people` `out_of_range`, kTooManyPeopleMax with the capacity).
base::Status check_stay_request(const Facility& f, int nights, const std::vector<int>& people,
                                StyleWish wish);
// A specific style wish only where the facility asks it.
base::Status check_wish(const Facility& f, StyleWish wish);
// The largest room capacity among the styles the wish allows.
int max_capacity(const Facility& f, StyleWish wish);
bool style_matches(RoomStyle style, StyleWish wish);

// Ok when each night's people are at least `limits`' min_people_per_room
// (off at 0 or 1); otherwise kValidation, field `people`, code `too_few`,
// naming the minimum. (check_stay_limits checks it first.)
base::Status check_min_people(const StayLimits& limits, const std::vector<int>& people);

// The first-come rooms of `style` free on `day` at the facility, as
// Inventory::free_first_come counts them (0 on a closed day).
using FreeRooms = std::function<int(Date day, RoomStyle style)>;

// The style to give a stay: the wished style if it has a free room on every
// night, or for `any` the style with the most rooms free on its tightest night
// (ties: the facility's first style), among styles whose rooms hold `people`.
// nullopt when none fits. `own` is a reservation whose rooms count as free
// (on the days the facility is open).
std::optional<RoomStyle> choose_style(const Facility& f, Date check_in, int nights, int people,
                                      StyleWish wish, const Reservation* own,
                                      const FreeRooms& free);

}  // namespace hoyo::domain
