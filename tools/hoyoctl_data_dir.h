// A stopped data directory opened by hoyoctl: its log, and when a command
// needs them the command processor and the accounts (with the data keys
// unwrapped by the key file: HOYO_SECURITY_KEY_FILE, or DATA_DIR.key).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accounts/account_service.h"
#include "eventstore/event_store.h"
#include "processor/clock.h"
#include "processor/command_processor.h"
#include "projections/projection_set.h"
#include "tools/hoyoctl_cli.h"

namespace hoyo::tools {

struct DataDir {
  std::unique_ptr<eventstore::EventStore> store;
  processor::SystemClock clock;
  std::unique_ptr<processor::CommandProcessor> processor;  // with accounts only
  std::unique_ptr<accounts::AccountService> accounts;      // with accounts only
};

// Opens DIR/events (creating it when `create`), and with `with_accounts` the
// processor and the accounts. nullptr after printing why it failed.
std::unique_ptr<DataDir> open_data_dir(const std::string& dir, bool with_accounts,
                                       bool create = false);

// For the commands that change the log or the accounts, before they open
// them: nullopt when global.data_dir is not a cluster node's (no store yet,
// or one without eventstore::kClusterMemberKey); else the exit code to end
// with: 2 after a usage message saying whose it is and to use --server
// instead, 1 after printing why the store could not be read. A node's copy
// takes events from the stream only: one appended here would be a tail the
// stream lacks, and the node could not follow again.
std::optional<int> refuse_cluster_node(const Command& command, const Global& global);

// The projections named in `names` (from projections::all_projections()),
// restored from their checkpoints and caught up with the log; progress on
// stderr. nullptr after printing why it failed.
std::unique_ptr<projections::ProjectionSet> open_projections(eventstore::EventStore& store,
                                                             const std::vector<std::string>& names);

}  // namespace hoyo::tools
