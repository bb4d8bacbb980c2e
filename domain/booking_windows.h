// When first-come booking, change and cancellation are open (docs/rules.md,
// "Booking"). Pure functions of the rules and dates.
#pragma once

#include "domain/civil_time.h"
#include "domain/facility.h"

namespace hoyo::domain {

// First-come booking of `night` opens at open_hour Tokyo time on the 1st of the
// month open_months_before months before the night's month.
Instant first_come_opens(const BookingRules& rules, Date night);
// First-come booking for `check_in` closes at 24:00 Tokyo time of the day
// close_days_before days before check-in (i.e. at the next midnight).
Instant first_come_closes(const BookingRules& rules, Date check_in);
// Changes and cancellations close the same way, each with its own N.
Instant change_closes(const BookingRules& rules, Date check_in);
Instant cancel_closes(const BookingRules& rules, Date check_in);

// The reservation centre (an operator) may still change or cancel a stay
// after the user's window closed, until the end of the check-in day (the
// manual sends late changes and cancellations to the centre). Users' windows
// are the `closes` given.
Instant closes_for(bool by_operator, Instant closes, Date check_in);

// True when every night of the stay has opened and check-in has not closed.
bool first_come_open(const BookingRules& rules, Date check_in, int nights, Instant now);

}  // namespace hoyo::domain
