// The stay a change of a reservation leaves (M7, docs/booking-core.md,
// "Changes"): which nights remain, their people and guests, and the reduction
// claimed. Written once, for the change rules (decide) and for the price a
// user is quoted before changing (POST /api/reservations/{n}/quote).
#pragma once

#include <vector>

#include "base/status.h"
#include "domain/commands.h"
#include "domain/pricing.h"
#include "domain/reservation.h"

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

}  // namespace hoyo::domain
