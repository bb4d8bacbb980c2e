// Checkpoint bytes of domain::AccountState (in order; see snapshot_codec.h).
#pragma once

#include "domain/account_state.h"
#include "projections/snapshot_codec.h"

namespace hoyo::projections {

void save_accounts(SnapshotWriter& w, const domain::AccountState& a);
// Reads what save_accounts wrote; a failure shows in r.failed().
void restore_accounts(SnapshotReader& r, domain::AccountState& a);

}  // namespace hoyo::projections
