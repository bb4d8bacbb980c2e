// O4 and O6: the operators' reservation search (the console's list and its
// CSV, and `hoyoctl export reservations`): by number, by user, or by facility
// and the nights between two dates.
#pragma once

#include <string>
#include <vector>

#include "domain/booking_state.h"
#include "projections/stay_view.h"
#include "projections/user_menu.h"

namespace hoyo::projections {

struct ReservationFilter {
  std::string facility, user, number;  // at least one is given
  domain::Date from, to;               // the nights, for a search by facility
  // Only a facility: the reservations with a night between from and to,
  // found through OperatorIndex::reservations_between.
  bool by_dates() const { return !facility.empty() && user.empty() && number.empty(); }
};

// `r` with what its user may still do at `now`, by its facility's rules.
MenuReservation menu_of(const StayView& v, const domain::Reservation& r, domain::Instant now);

// The reservations matching every filter given, by check-in then number.
// `dated` holds OperatorIndex::reservations_between(f.facility, f.from, f.to)
// when f.by_dates(), and is ignored otherwise.
std::vector<MenuReservation> find_reservations(const StayView& v, const ReservationFilter& f,
                                               const std::vector<std::string>& dated,
                                               domain::Instant now);

}  // namespace hoyo::projections
