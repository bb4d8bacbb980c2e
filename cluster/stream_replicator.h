// The writer's side of the store in cluster mode (docs/cluster.md, "The
// write path"): an eventstore::BatchReplicator that publishes each decided
// group-commit batch to the stream through the term's Publisher before the
// store writes it locally. So a fenced or killed writer never holds a local
// tail the stream lacks.
#pragma once

#include <memory>

#include "base/mutex.h"
#include "cluster/publisher.h"
#include "eventstore/event_store.h"

namespace hoyo::cluster {

class StreamReplicator final : public eventstore::BatchReplicator {
 public:
  // Publishes through `publisher` (kept alive while the store holds this).
  explicit StreamReplicator(std::shared_ptr<Publisher> publisher)
      : publisher_(std::move(publisher)) {}

  // Cuts the batch into messages of at most kMaxBatchMessageBytes (never
  // between two events of one append: cut_batches) and publishes them in
  // order. The first error ends it: Publisher::publish's (kFenced,
  // kUnavailable, kCorruption for a batch off the stream), kept and answered
  // to every later call, or cut_batches' kInvalidArgument (an append too
  // large for one message: nothing is sent, and only that batch fails). Messages published before
  // it stay in the stream: their appends are refused locally all the same, and a caller who retries
  // with its idempotency key finds them once this node follows the stream.
  base::Status replicate(const eventstore::DecidedBatch& batch) override;

  // Why replication stopped (the store refuses its own appends from then
  // on); ok while it goes on.
  base::Status failure() const;

 private:
  const std::shared_ptr<Publisher> publisher_;
  mutable base::Mutex mu_;
  base::Status failure_ HOYO_GUARDED_BY(mu_);
};

}  // namespace hoyo::cluster
