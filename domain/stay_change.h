// A change of a reservation (M7, docs/booking-core.md, "Changes"): the stay
// it leaves (which nights remain, their people and guests, the reduction
// claimed) and every rule it must pass short of the writer's own state.
// Written once, for the change rules (decide) and for the quote a user gets
// before changing (POST /api/reservations/{n}/quote), so the quote refuses
// what the change would.
#pragma once

#include <vector>

#include "base/status.h"
#include "domain/booking_windows.h"
#include "domain/commands.h"
#include "domain/facility.h"
#include "domain/pricing.h"
#include "domain/reservation.h"
#include "domain/stay_limits.h"
#include "domain/stay_rules.h"

namespace hoyo::domain {

struct ChangedStay {
  Date check_in;
  int nights = 1;
  std::vector<int> people;     // one per night
  std::vector<Guests> guests;  // one per night, or empty: everyone an adult
  Reduction reduction = Reduction::kNone;
};

// Reservation `r` under change `c`:
// - `drop_night` (1 or 2, only of a 2-night stay, else kValidation
//   `dropNight` `out_of_range`) leaves the other night with its people and
//   guests;
// - `guests`, when given, are the remaining nights' guests (checked as a
//   price request checks them, against `people` when that is given too), and
//   the people follow them;
// - `people` alone keeps each remaining night's children and infants, and its
//   adults become the people less the children. A night with children given
//   fewer people than them, or too few to keep one of the adults it had, is
//   refused (kValidation `guests` `required`, kChildrenExceedPeople, with the
//   night `k` and `children`): who of its people left is then the user's to
//   say, and nobody is re-priced by a guess;
// - `reduction` replaces the claim when given.
// The style, the wish, vacancy, windows and the price are the rules' to check.
base::Result<ChangedStay> changed_stay(const Reservation& r, const ChangeReservation& c);

// The reservation numbered `number` that a change or cancellation acts on,
// given as `seen`: the asker's view of it (null when there is none they may
// see: none, another user's, a win whose results are not out for its
// holder). kNotFound kNoReservation when null; kConflict
// kReservationCancelled when it is no longer booked (cancelled, lapsed).
base::Result<const Reservation*> reservation_to_change(const Reservation* seen,
                                                       const std::string& number);

// Ok while a change of a stay checking in on `check_in` may be made at `now`
// under the facility's `rules`: the user's change window (change_closes), or
// for the centre (`by_centre`) until the check-in day ends (closes_for);
// otherwise kWindowClosed kChangesClosed.
base::Status check_change_open(const BookingRules& rules, Date check_in, bool by_centre,
                               Instant now);

// What a change asks of the room.
struct ChangePlan {
  ChangedStay stay;
  StyleWish wish = StyleWish::kAny;  // as changed
  // The reservation's room cannot keep it (its style no longer matches the
  // wish, or holds fewer than a night's people): a free room of another
  // fitting style is needed on every night (room_for_change).
  bool new_room = false;
};

// Change `c` of booked reservation `r` at its facility `f`, under the ward's
// `limits`, in the order the writer checks them: changed_stay; check_stay;
// check_min_people (a change adds no night, so the nights' limits are not
// asked); check_wish of a wish given; no night over the largest room the
// wish allows (kValidation `people` `out_of_range`, kTooManyPeople); and
// something changes (kValidation `reservation` `unchanged`, kNothingChanges;
// a new room is a change). What is left to check is the window
// (check_change_open), the vacancy of a new room (room_for_change) and the
// price.
base::Result<ChangePlan> plan_change(const Facility& f, const StayLimits& limits,
                                     const Reservation& r, const ChangeReservation& c);

// The room style of `r` as changed by `plan`: its own when it keeps its room,
// else choose_style over the rooms `free` (r's own counting as free); when
// none fits, kNoVacancy kNoRoomOfStyle.
base::Result<RoomStyle> room_for_change(const Facility& f, const Reservation& r,
                                        const ChangePlan& plan, const FreeRooms& free);

}  // namespace hoyo::domain
