// M7 / M8: a user's reservations with what they may still do, and O1's
// registrations by status. Queries over the booking projection.
#pragma once

#include <string>
#include <vector>

#include "domain/booking_state.h"

namespace hoyo::projections {

struct MenuReservation {
  domain::Reservation reservation;
  bool changeable = false;   // active and before its change window closes
  bool cancellable = false;  // active and before its cancellation window closes
};

// Every reservation of the user (active and cancelled) that is shown to them
// (domain::BookingState::shown_to_holder: not a win of a period whose results
// are not out), by check-in then number.
std::vector<MenuReservation> user_reservations(const domain::BookingState& s,
                                               const std::string& user, domain::Instant now);

// O1: registrations with the given status, oldest first.
std::vector<const domain::Registration*> registrations_with(const domain::BookingState& s,
                                                            domain::RegistrationStatus status);

}  // namespace hoyo::projections
