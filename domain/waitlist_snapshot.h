// Checkpoint bytes of the cancellation waitlist (waitlist.h): every entry,
// hold and offer with its status (see snapshot_codec.h). The writer keeps
// them in a section of their own (processor/state_snapshot.h, section 16);
// the stays view at the end of its checkpoint.
#pragma once

#include "domain/snapshot_codec.h"
#include "domain/waitlist.h"

namespace hoyo::domain {

void save_waitlist(SnapshotWriter& w, const Waitlist& list);
// Reads what save_waitlist wrote into an empty waitlist, then rebuilds its
// indexes (index_waitlist); damage fails the reader.
void restore_waitlist(SnapshotReader& r, Waitlist& list);

}  // namespace hoyo::domain
