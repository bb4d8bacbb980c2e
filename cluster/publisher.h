// The writer's side of replication: publishes its group-commit batches to
// the stream, one at a time, each fenced on the sequence of the one before
// (docs/cluster.md, "The write path"). The writer answers its callers only
// after publish() returned the batch's sequence (and its own fsync).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/mutex.h"
#include "base/status.h"
#include "cluster/batch_message.h"
#include "cluster/publish_channel.h"

namespace hoyo::cluster {

// A won election: this node writes as `epoch` from the message at `sequence`.
struct Term {
  std::uint64_t epoch = 0;
  std::string node;
  std::uint64_t sequence = 0;  // the stream sequence of its WriterEpochStarted
};

class Publisher {
 public:
  // Publishes on `channel` (which must outlive it) to `batch_subject`, the
  // first batch right after the term's epoch message.
  Publisher(PublishChannel& channel, std::string batch_subject, Term term, RetryPolicy retry = {});

  // Publishes `batch` (of this term's epoch) right after the last one, with
  // Nats-Msg-Id batch.message_id() and Nats-Expected-Last-Sequence the last
  // one's sequence, and returns its stream sequence once the stream's quorum
  // acknowledged it. One publish at a time: concurrent calls queue. A
  // publish without an answer is sent again, same bytes and headers, until
  // it settles (publish_channel.h).
  //   kFenced (kClusterFenced): another writer's message took the place.
  //     Nothing of this batch is in the stream; every later call answers
  //     kFenced without sending.
  //   kUnavailable (kClusterPublishGaveUp): no answer settled it; whether it
  //     got in is unknown, so every later call answers kUnavailable
  //     (kClusterPublisherStopped): the node must catch up as a follower.
  //   kCorruption (kClusterWriterOffStream): the batch does not continue the
  //     stream: its first position is not one past the last batch in the
  //     stream (the one before this term's epoch message, then the last one
  //     published), or its previous hash is not that batch's last hash. A
  //     writer whose catch-up stopped short would fork the log; nothing is
  //     sent, and every later call answers the same.
  //   A read of the stream that fails (finding the last batch, once per
  //     term) answers its error and sends nothing; the next call tries again.
  // The batch must hold envelopes and be of this term's epoch.
  base::Result<std::uint64_t> publish(const Batch& batch);

  // The sequence of the last message this writer has in the stream.
  std::uint64_t last_sequence() const;
  const Term& term() const { return term_; }

 private:
  PublishChannel& channel_;
  const std::string subject_;
  const Term term_;
  const RetryPolicy retry_;
  mutable base::Mutex mu_;  // held for a whole publish: one in flight
  // Where the stream's log ends: the last position and its chain hash (0 and
  // zeros before the first batch). Read from the stream at the first publish.
  struct Tip {
    std::uint64_t position = 0;
    eventstore::Hash hash{};
  };
  // The last batch at or below this term's epoch message.
  base::Result<Tip> stream_tip() HOYO_REQUIRES(mu_);

  std::uint64_t last_sequence_ HOYO_GUARDED_BY(mu_);
  std::optional<Tip> tip_ HOYO_GUARDED_BY(mu_);
  base::Status stopped_ HOYO_GUARDED_BY(mu_);  // why publishing stopped, ok while it goes on
};

}  // namespace hoyo::cluster
