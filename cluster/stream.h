// The one JetStream stream that holds a deployment's log (docs/cluster.md):
// R3, file storage, no limits, discard new, messages can be neither deleted
// nor purged, a duplicate window of at least ten minutes; its first message
// is the genesis message (Nats-Msg-Id "genesis", so only one is kept), so
// every fence (Nats-Expected-Last-Sequence) is at least 1.
#pragma once

#include <nats/nats.h>

#include <chrono>
#include <string>

#include "base/status.h"
#include "cluster/connection.h"

namespace hoyo::cluster {

struct StreamSettings {
  std::string name = "HOYO";
  int replicas = 3;
  // At least ten minutes: a publish retried within it is a duplicate.
  std::chrono::minutes duplicate_window{10};
  // The side tables' stream (side_stream.h) instead of the log's: subjects
  // NAME.>, only the last message of each subject kept, and messages may be
  // erased (js_EraseMsg); otherwise alike.
  bool key_value = false;
};

// The subjects a stream takes: NAME.* for the log, NAME.> for the side tables.
std::string subject_filter(const StreamSettings& settings);

// The subjects of a stream's messages: NAME.batch, NAME.epoch, NAME.genesis
// (the stream takes NAME.*).
struct StreamSubjects {
  std::string all, batch, epoch, genesis;
  static StreamSubjects of(const std::string& stream);
};

// Creates the stream as `settings` say unless it exists, then publishes the
// genesis message if the stream is empty. An existing stream must have the
// same configuration: kConflict (kClusterStreamMismatch, naming the field)
// when it does not, and it is left as it is; kCorruption (kClusterNoGenesis)
// when its first message is not the genesis message. Safe to run on every
// node at once.
base::Status ensure_stream(Connection& connection, const StreamSettings& settings);

// The configuration ensure_stream creates.
void init_stream_config(const StreamSettings& settings, jsStreamConfig& cfg,
                        const char** subject_storage);

// Ok when `found` is what `settings` ask for (a longer duplicate window is
// fine); else kConflict (kClusterStreamMismatch) naming the first field that
// differs, what it has and what it needs.
base::Status check_stream_config(const jsStreamConfig& found, const StreamSettings& settings);

}  // namespace hoyo::cluster
