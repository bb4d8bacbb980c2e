// One group-commit batch as one JetStream message (docs/cluster.md): a small
// versioned header (the writer's epoch, the batch's first position, the chain
// hash before it, the number of events), the batch's envelopes exactly as
// the event store holds them, and a SHA-256 over all of it.
//
//   offset  size  field
//   0       4     magic "HOYB"
//   4       2     format version, big-endian (1)
//   6       2     zero
//   8       8     writer epoch
//   16      8     first position
//   24      32    chain hash of the event before the first (zeros before 1)
//   56      4     number of envelopes, n >= 1
//   60      4     zero
//   64      ...   n times: u32 length, then the envelope's stored bytes
//   end-32  32    SHA-256 of every byte before it
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "eventstore/event.h"

namespace hoyo::cluster {

// The most bytes one batch message may have: half of nats-server's default
// max_payload (1 MiB), leaving room for headers.
inline constexpr std::size_t kMaxBatchMessageBytes = 512 * 1024;

struct Batch {
  std::uint64_t epoch = 0;
  std::uint64_t first_position = 0;
  eventstore::Hash previous_hash{};
  // The envelopes' stored bytes, at positions first_position, +1, ...
  std::vector<std::string> envelopes;
  // The chain hash of the last envelope: the next batch's previous_hash.
  eventstore::Hash last_hash{};

  std::uint64_t last_position() const { return first_position + envelopes.size() - 1; }
  // The JetStream message id that makes a retried publish a duplicate:
  // "EPOCH:FIRST_POSITION".
  std::string message_id() const;
};

// The message's bytes. The batch must hold at least one envelope.
std::string encode_batch(const Batch& batch);

// The batch in a message, checked through: structure and lengths
// (kClusterBatchTruncated, kClusterBatchBadFormat), the checksum
// (kClusterBatchChecksum), every envelope decodes (kClusterBatchBadEnvelope),
// their positions follow first_position (kClusterBatchPositionMismatch) and
// each chain hash follows from the one before, starting at previous_hash
// (kClusterBatchChainBroken). Every failure is kCorruption.
base::Result<Batch> decode_batch(std::string_view bytes);

// Cuts a group-commit batch into batches whose messages are at most
// `max_bytes`, each as full as it can be, the first after `previous_hash`.
// `appends` holds the batch's appends in order, each one append's envelopes
// (consecutive positions throughout): an append is atomic, so it is never
// cut between two messages (a writer fenced between them would leave half of
// it in the stream). kInvalidArgument with kClusterEnvelopeTooLarge when one
// append alone does not fit, kClusterEnvelopesNotContiguous when positions
// skip; kCorruption when an envelope does not decode.
base::Result<std::vector<Batch>> cut_batches(std::uint64_t epoch,
                                             const eventstore::Hash& previous_hash,
                                             std::vector<std::vector<std::string>> appends,
                                             std::size_t max_bytes = kMaxBatchMessageBytes);

}  // namespace hoyo::cluster
