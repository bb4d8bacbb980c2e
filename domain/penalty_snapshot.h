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

// The ward's rules, every reservation's penalty record, one suspension per
// user and the ward's limits on stays (stay_limits.h). Snapshots up to
// format 10 kept a user's suspension with the latest end here
// (`one_per_user`); later ones write none here and every suspension with
// save_suspensions. Restore after the reservations: a record of a reservation
// the state lacks fails the reader; a suspension read becomes its user's only one.
void save_penalties(SnapshotWriter& w, const BookingState& s, bool one_per_user);
void restore_penalties(SnapshotReader& r, BookingState& s);

// Every user's suspensions not lifted, in their order (suspensions.h).
// Restoring replaces the state's suspensions.
void save_suspensions(SnapshotWriter& w, const BookingState& s);
void restore_suspensions(SnapshotReader& r, BookingState& s);

}  // namespace hoyo::domain
