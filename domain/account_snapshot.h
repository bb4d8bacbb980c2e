// Checkpoint bytes of AccountState (in order; see snapshot_codec.h).
#pragma once

#include "domain/account_state.h"
#include "domain/snapshot_codec.h"

namespace hoyo::domain {

void save_accounts(SnapshotWriter& w, const AccountState& a);
// Reads what save_accounts wrote; a failure shows in r.failed().
void restore_accounts(SnapshotReader& r, AccountState& a);

}  // namespace hoyo::domain
