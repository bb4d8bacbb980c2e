// Checkpoint bytes of AccountState (in order; see snapshot_codec.h).
#pragma once

#include "domain/account_state.h"
#include "domain/snapshot_codec.h"

namespace hoyo::domain {

void save_accounts(SnapshotWriter& w, const AccountState& a);
// Reads what save_accounts wrote; a failure shows in r.failed().
void restore_accounts(SnapshotReader& r, AccountState& a);

// The notice state of AccountState that save_accounts leaves out (it came
// later, in a section of its own): preferences, change-receipt counts and the
// text of every queued notice mail. Restore after restore_accounts.
void save_notice_state(SnapshotWriter& w, const AccountState& a);
void restore_notice_state(SnapshotReader& r, AccountState& a);

// The kind and deadline of every queued notice mail's notice (OutboxMail's
// notice_kind and confirm_by; a later section). Restore after
// restore_notice_state; a mail it names without text is damage (r fails).
void save_notice_mail_kinds(SnapshotWriter& w, const AccountState& a);
void restore_notice_mail_kinds(SnapshotReader& r, AccountState& a);

}  // namespace hoyo::domain
