// The writer's side of the side tables' stream (docs/cluster.md, "Side
// tables"): an eventstore::SideReplicator that publishes each replicated
// side write to the side stream and returns once its quorum acknowledged it;
// the store applies the write only then.
//
// Fencing is the log's: a term begins with its epoch message on the side
// stream, published with Nats-Expected-Last-Sequence at the stream's last
// sequence once the store caught up to it, and every write of the term is
// published with Nats-Expected-Last-Sequence at the term's previous message.
// So an older writer's write lands only before the new term's epoch message
// (and the new writer has caught up with it: begin catches up again until
// its epoch message follows what it applied); after it, the older writer's
// next write is refused (kFenced).
#pragma once

#include <atomic>

#include <cstdint>
#include <memory>
#include <vector>

#include "base/mutex.h"
#include "base/status.h"
#include "cluster/connection.h"
#include "cluster/publish_channel.h"
#include "cluster/publisher.h"
#include "eventstore/event_store.h"

namespace hoyo::cluster {

class SideStreamReplicator final : public eventstore::SideReplicator {
 public:
  // Begins `term` (the log's, from the election) on the side stream that
  // `side` is bound to: stops nothing (the caller stopped the store's
  // SideFollower), applies the side stream to `store` (side_catch_up) and
  // publishes the term's epoch message right after what it applied; when
  // another message got in meanwhile (an older writer's), catches up and
  // tries again, until `retry.give_up_after`. kFenced (kClusterFenced) when
  // the side stream holds a later term's epoch message; the catch-up's and
  // the stream's errors otherwise. The caller then gives the result to the
  // store (EventStore::set_side_replicator) before it serves writes. `side`
  // must outlive it.
  static base::Result<std::shared_ptr<SideStreamReplicator>> begin(Connection& side,
                                                                   eventstore::EventStore& store,
                                                                   const Term& term,
                                                                   RetryPolicy retry = {});

  // Publishes each write on its key's subject (side_message.h): a put, a
  // delete, or (`erase`) an erase, each fenced on the term's previous
  // message and retried until settled (publish_settled). Before an erase,
  // the key's last message in the stream is erased with js_EraseMsg, so that
  // its bytes leave the servers' message files (the tombstone's arrival
  // would only mark it deleted, under the one-message-per-subject limit);
  // an erase whose tombstone then fails leaves the key out of the stream
  // while the stores still hold it, until the caller's retry.
  // Errors: a value larger than kMaxSideValueBytes is kInvalidArgument
  // (kClusterSideValueTooLarge) and nothing of the batch is sent; kFenced
  // (another writer's message took the place, or, before an erase, the
  // stream holds messages after this term's last one); kUnavailable
  // (unsettled, or a read of the stream failed). Those two stop it: every
  // later call answers the same (the node must follow again).
  base::Status replicate(const std::vector<eventstore::SideWrite>& writes, bool erase) override;

  // A blob in chunks of at most kMaxSideValueBytes (side_message.h), one
  // message each, fenced alike; a follower stores it once the last came.
  base::Status replicate_blob(const eventstore::Hash& key, std::string_view bytes) override;
  // Erases every chunk's message (js_EraseMsg; as an erase of a key, only
  // while nothing came after this term's last message), then publishes the
  // blob's erase tombstone.
  base::Status erase_blob(const eventstore::Hash& key) override;

  // Why it stopped; ok while it goes on.
  base::Status failure() const;
  // The side stream sequence of the term's last message.
  std::uint64_t last_sequence() const;

 private:
  SideStreamReplicator(Connection& side, Term term, RetryPolicy retry, std::uint64_t last)
      : side_(side), term_(std::move(term)), retry_(retry), last_sequence_(last) {}
  // Publishes one message on `subject` after the term's last one; a
  // failure stops the replicator.
  base::Status publish_next(const std::string& subject, std::string_view data) HOYO_REQUIRES(mu_);
  // Erases the key's last message, unless the stream holds anything after
  // this term's last message or that message is a later term's (kFenced).
  // (Between that look and the erase, a newer writer could start: then this
  // writer erased a value it was about to delete anyway, and its tombstone
  // is refused.)
  base::Status erase_last(const std::string& subject) HOYO_REQUIRES(mu_);
  // kFenced when the stream holds anything after this term's last message.
  base::Status still_last() HOYO_REQUIRES(mu_);

  Connection& side_;
  const Term term_;
  const RetryPolicy retry_;
  mutable base::Mutex mu_;  // held for a whole call: one publish in flight
  std::uint64_t last_sequence_ HOYO_GUARDED_BY(mu_);
  std::uint64_t published_ HOYO_GUARDED_BY(mu_) = 0;  // for the message ids
  base::Status failure_ HOYO_GUARDED_BY(mu_);
  std::atomic<bool> failed_{false};  // set with failure_, read without the lock
};

}  // namespace hoyo::cluster
