// Checkpoint bytes of what a reservation records about its price (guests,
// reduction, price, paid) and of the writer's reduced-night counts (see
// snapshot_codec.h). They came after the reservation's own bytes, so writers
// and projections keep them in a section of their own.
#pragma once

#include "domain/booking_state.h"
#include "domain/snapshot_codec.h"

namespace hoyo::domain {

// True when `r` records anything priced (guests, a reduction, a price or a payment).
bool has_price_record(const Reservation& r);
void save_price_record(SnapshotWriter& w, const Reservation& r);
// Reads what save_price_record wrote into `r`; a failure shows in r.failed().
void restore_price_record(SnapshotReader& r, Reservation& into);

// The price records of every reservation that has one, and the counts of
// BookingState::reduced_nights. Restore after the reservations: a record of
// a reservation the state lacks fails the reader.
void save_prices(SnapshotWriter& w, const BookingState& s);
void restore_prices(SnapshotReader& r, BookingState& s);

// The guests and reduction of every lottery application that claims any.
// Restore after the applications: a claim of an application the state lacks
// fails the reader.
void save_application_claims(SnapshotWriter& w, const BookingState& s);
void restore_application_claims(SnapshotReader& r, BookingState& s);

}  // namespace hoyo::domain
