// The writer's side of the store in cluster mode (docs/cluster.md, "The
// write path"): an eventstore::BatchReplicator that publishes each decided
// group-commit batch to the stream through the term's Publisher before the
// store writes it locally. So a fenced or killed writer never holds a local
// tail the stream lacks.
#pragma once

#include "cluster/publisher.h"
#include "eventstore/event_store.h"

namespace hoyo::cluster {

class StreamReplicator final : public eventstore::BatchReplicator {
 public:
  // Publishes through `publisher` (which must outlive it).
  explicit StreamReplicator(Publisher& publisher) : publisher_(publisher) {}

  // Cuts the batch into messages of at most kMaxBatchMessageBytes (never
  // between two events of one append: cut_batches) and publishes them in
  // order. The first error ends it: Publisher::publish's (kFenced,
  // kUnavailable, kCorruption for a batch off the stream) or cut_batches'
  // (an append too large for one message). Messages published before it
  // stay in the stream: their appends are refused locally all the same, and
  // a caller who retries with its idempotency key finds them once this node
  // follows the stream.
  base::Status replicate(const eventstore::DecidedBatch& batch) override;

 private:
  Publisher& publisher_;
};

}  // namespace hoyo::cluster
