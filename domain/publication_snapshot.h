// Checkpoint bytes of the published periods whose wins are still to be booked
// (BookingState::wins_to_book) and of the wins as booked of those whose
// result notices are still to be issued (ResultsToTell::wins); see
// snapshot_codec.h. They came after the other sections' bytes, so writers
// keep them in a section of their own.
#pragma once

#include "domain/booking_state.h"
#include "domain/snapshot_codec.h"

namespace hoyo::domain {

void save_wins_to_book(SnapshotWriter& w, const BookingState& s);
// Reads what save_wins_to_book wrote into a state without any; damage (bytes
// that do not decode, a count booked past the draw's wins, a period never
// drawn) fails the reader.
// The booked wins are read into s.results_to_tell, which must be restored
// first; a period not in it is damage too.
void restore_wins_to_book(SnapshotReader& r, BookingState& s);
// The rate tables each period still to book was published with
// (WinsToBook::rates), in a section of their own (a later format); reading
// them needs wins_to_book restored, and a period not in it is damage.
void save_publication_rates(SnapshotWriter& w, const BookingState& s);
void restore_publication_rates(SnapshotReader& r, BookingState& s);
// For a state read from a snapshot without them (older formats): each
// period still to book priced by its facilities' rate tables as they stand.
void recall_publication_rates(BookingState& s);
// For a state read from a snapshot without them (older formats): the wins of
// the periods still to be told, from their reservations as they stand.
void recall_booked_wins(BookingState& s);

}  // namespace hoyo::domain
