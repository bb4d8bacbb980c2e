// Checkpoint bytes of the published periods whose result notices are still
// to be issued (BookingState::results_to_tell; see snapshot_codec.h), and of
// the lapses whose rooms-freed notices are. They
// came after the other sections' bytes, so writers keep them in a section of
// their own.
#pragma once

#include "domain/booking_state.h"
#include "domain/snapshot_codec.h"

namespace hoyo::domain {

void save_results_to_tell(SnapshotWriter& w, const BookingState& s);
// Reads what save_results_to_tell wrote into a state without any; damage
// (bytes that do not decode, a count told past the applicants) fails the
// reader.
void restore_results_to_tell(SnapshotReader& r, BookingState& s);

// The lapses whose rooms-freed notices are still to be issued
// (BookingState::losers_to_tell), each as its LosersToTell and the count
// told; a section of their own too.
void save_losers_to_tell(SnapshotWriter& w, const BookingState& s);
// Reads what save_losers_to_tell wrote into a state without any; damage
// (bytes that do not decode, a lapse listed twice or freeing no room) fails
// the reader.
void restore_losers_to_tell(SnapshotReader& r, BookingState& s);

}  // namespace hoyo::domain
