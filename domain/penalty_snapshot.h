// Checkpoint bytes of the penalty state (issue 17): the ward's rules, what
// reservations record of attendance and overrides, and the users'
// suspensions (see snapshot_codec.h). They came after the other sections'
// bytes, so writers and projections keep them in a section of their own.
#pragma once

#include "domain/booking_state.h"
#include "domain/snapshot_codec.h"

namespace hoyo::domain {

// True when `r` records anything of penalties (an attendance or an override).
bool has_penalty_record(const Reservation& r);
void save_penalty_record(SnapshotWriter& w, const Reservation& r);
// Reads what save_penalty_record wrote into `into`; damage fails the reader.
void restore_penalty_record(SnapshotReader& r, Reservation& into);

// The ward's rules, every reservation's penalty record, the suspensions and
// the ward's limits on stays (stay_limits.h).
// Restore after the reservations: a record of a reservation the state lacks
// fails the reader.
void save_penalties(SnapshotWriter& w, const BookingState& s);
void restore_penalties(SnapshotReader& r, BookingState& s);

}  // namespace hoyo::domain
