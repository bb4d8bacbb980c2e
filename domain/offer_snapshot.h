// Checkpoint bytes of offers to runners-up (offer.h): every offer with its
// status, and the chain of each lapsed win offered (see snapshot_codec.h).
// They came after the other sections' bytes, so writers keep them in a
// section of their own.
#pragma once

#include "domain/booking_state.h"
#include "domain/snapshot_codec.h"

namespace hoyo::domain {

void save_offers(SnapshotWriter& w, const BookingState& s);
// Reads what save_offers wrote into a state without offers, then rebuilds its
// offer indexes (index_offers); damage fails the reader.
void restore_offers(SnapshotReader& r, BookingState& s);

}  // namespace hoyo::domain
