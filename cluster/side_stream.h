// The side tables' stream (docs/cluster.md, "Side tables"): a second
// JetStream stream per deployment, "<log stream>_SIDE", that holds the last
// value of every key of the replicated side tables (credentials, data keys,
// outbox, sessions), so that every node holds them alike. R3 and file
// storage like the log's stream; subjects NAME.> (NAME.<table>.k<hex key>,
// side_message.h), one message kept per subject, messages erasable (a
// shredded key's value is erased with js_EraseMsg); the genesis message
// first, and each writer's epoch message (NAME.epoch) before its writes.
// The writer publishes through SideStreamReplicator (side_replicator.h);
// followers apply it with SideFollower (side_follower.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "cluster/connection.h"
#include "cluster/publish_channel.h"
#include "cluster/stream.h"
#include "eventstore/event_store.h"

namespace hoyo::cluster {

// "<log stream>_SIDE".
std::string side_stream_name(const std::string& log_stream);
// The side stream beside the log stream `log` (its replicas and duplicate
// window), for ensure_stream on a connection bound to side_stream_name.
StreamSettings side_stream_settings(const StreamSettings& log);

// Applies the messages of the side stream `stream` to `store`, in stream
// order, with EventStore::side_apply_replicated: a put writes the value, a
// delete removes the key, an erase removes it and compacts it out of the
// store's files (skipped when the store does not hold the key). A blob's
// chunks are gathered until the last one came, then stored with put_blob
// (its key must be the one the subjects name); a blob's erase drops what was
// gathered and shreds it (shred_blob) if the store holds it. The genesis and
// epoch messages are skipped; anything else is kCorruption
// (kClusterSideBadMessage). The store's errors pass through. One thread's.
// With `batch` above 1, puts and deletes are gathered and written together
// (one durable write) once `batch` of them or kMaxGatheredBytes came, before an erase or a blob's
// chunk, and at flush(): what a catch-up of tens of thousands of keys needs
// (3,000 keys, a durable write each: 6.5-15 s on a busy machine; in
// batches of 512: 61-80 ms); the caller must flush() at the end, and a
// put's error then stands for the gathered ones.
class SideApplier {
 public:
  SideApplier(std::string stream, eventstore::EventStore& store, std::size_t batch = 1)
      : stream_(std::move(stream)), store_(store), batch_(batch) {}
  base::Status apply(const StoredMessage& message);
  // Writes what is gathered (nothing: ok).
  base::Status flush();

 private:
  base::Status apply_chunk(const StoredMessage& message, const eventstore::Hash& key);
  // Gathers `write`, written once `batch_` are gathered.
  base::Status gather(eventstore::SideWrite write);

  struct Gathering {
    std::uint32_t count = 0;
    std::vector<std::optional<std::string>> chunks;
    std::uint32_t have = 0;
  };
  const std::string stream_;
  eventstore::EventStore& store_;
  static constexpr std::size_t kMaxGatheredBytes = 4 << 20;
  const std::size_t batch_;
  std::vector<eventstore::SideWrite> gathered_;
  std::size_t gathered_bytes_ = 0;
  // Blobs whose chunks came in part, by key (a writer that failed between
  // chunks leaves one here; the next put of the blob sends them all again).
  std::map<eventstore::Hash, Gathering> gathering_;
};

// How long side_catch_up waits without any message before it gives up:
// kSideCatchUpStallWaits request timeouts (10 s by default).
inline constexpr int kSideCatchUpStallWaits = 5;
// How many puts and deletes side_catch_up writes at once (SideApplier).
inline constexpr std::size_t kSideCatchUpBatch = 512;

// Applies the whole side stream (the last message of every key, in stream
// order) to `store`, up to at least the stream's last sequence when it was
// called, which it returns: what a new writer runs before it serves writes
// (SideStreamReplicator::begin does), with no SideFollower running on the
// store. It measures progress, not the total time: tens of thousands of
// keys may take longer than any timeout, and it fails (kUnavailable,
// kClusterJetStreamFailed, cause Timeout) only when no message came for
// kSideCatchUpStallWaits of the connection's request timeouts while the
// stream's last sequence at the call was not yet applied. SideApplier's
// errors pass through.
base::Result<std::uint64_t> side_catch_up(Connection& side, eventstore::EventStore& store);

}  // namespace hoyo::cluster
