// A follower: applies the stream, in order, to the node's own event store
// (docs/cluster.md, "Followers"). It starts at the batch after the store's
// head, skips the genesis and epoch messages, and appends each batch with
// EventStore::append_replicated once its first position is head + 1 and its
// chain links to the head's hash. Messages the client dropped while the
// store was slower than the stream (a slow consumer) make it subscribe again
// from the store's head, once per place; so does an ordered consumer that
// went silent while the stream holds more (its server died: nats.c 3.4 does
// not make it again, and says nothing). Anything else stops it loudly: an
// error line in the log and status() saying why; it never skips a batch it
// cannot apply.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

#include "base/mutex.h"
#include "base/status.h"
#include "cluster/connection.h"
#include "cluster/publish_channel.h"
#include "eventstore/event_store.h"

namespace hoyo::cluster {

// Applies one message of the stream to `store` (the follower's step, apart
// from its thread). Genesis and epoch messages are skipped (an epoch message
// that does not decode is kCorruption); a batch wholly at or below the head
// is skipped if it ends where the store has the same chain hash, else
// kCorruption (kClusterFollowerDiverged). A batch must start at head + 1
// (kCorruption, kClusterFollowerGap) after the head's hash
// (kClusterFollowerChain); decode_batch's and append_replicated's errors
// pass through.
base::Status apply_message(const StoredMessage& message, eventstore::EventStore& store);

// The stream sequence to follow from for a store whose head is `head` with
// chain hash `head_hash`: the first batch past it (the stream's last
// sequence + 1 when there is none). kCorruption (kClusterFollowerDiverged)
// when no batch ends exactly at `head` with that hash (the store holds
// events the stream does not).
base::Result<std::uint64_t> start_sequence(PublishChannel& channel, std::uint64_t last_sequence,
                                           std::uint64_t head, const eventstore::Hash& head_hash);

struct FollowerOptions {
  // How often the thread looks whether it should stop while no message comes.
  std::chrono::milliseconds poll{100};
  // Messages that may wait in memory for the store (up to 2,048 batches of
  // up to 512 KiB). Past either limit the client drops messages (a slow
  // consumer) and the follower subscribes again from its store's head.
  int pending_messages = 2048;
  int pending_bytes = 1024 * 1024 * 1024;
  // Nothing received for this long while the stream's last sequence is past
  // the last message applied: the ordered consumer is lost (its server was
  // killed; nats.c 3.4 recreates an ordered consumer only on a gap it sees
  // or a reconnect of its own connection) and the follower subscribes again
  // from its store's head. While nothing comes the stream is asked at most
  // once per this period.
  std::chrono::milliseconds stall_after{2000};
  // Runs on the follower's thread before each message is applied (tests use
  // it to make the follower slower than the stream).
  std::function<void()> throttle;
  // Whether a stop is left to the owner to log (a cluster node logs it
  // once per place it stopped at, and starts followers again): status()
  // still says why.
  bool owner_logs_stop = false;
};

class Follower {
 public:
  // Makes `store` a replica (EventStore::set_role: kStoreRoleBusy while its
  // own appends are under way), finds where to start (start_sequence) and
  // starts an ordered consumer from there on its own thread; on a failure
  // the store keeps the role it had. `connection` and `store` must outlive it.
  static base::Result<std::unique_ptr<Follower>> start(Connection& connection,
                                                       eventstore::EventStore& store,
                                                       FollowerOptions options = {});
  // Stops the consumer and joins the thread.
  ~Follower();
  Follower(const Follower&) = delete;
  Follower& operator=(const Follower&) = delete;

  // Ok while it runs; once stopped by a message it could not apply, why.
  base::Status status() const;
  // The stream sequence of the last message applied or skipped (0 before the first).
  std::uint64_t sequence() const { return sequence_.load(); }
  // How often it subscribed again after messages were dropped or its
  // consumer went silent.
  std::uint64_t resubscriptions() const { return resubscriptions_.load(); }

 private:
  Follower(Connection& connection, eventstore::EventStore& store, natsSubscription* sub,
           FollowerOptions options);
  void run();
  // Drops the subscription and subscribes again from the first batch past
  // the store's head; without a subscription when the stream cannot be read
  // now (run() tries again after a poll) or the store diverged from it
  // (kCorruption: run() stops).
  base::Status resubscribe();
  // Records why it stopped and logs it as an error.
  void stop_loudly(const base::Status& why);
  // Applies one message (and destroys it): applied (or skipped), a first
  // gap at this head (subscribe again), or stopped loudly.
  enum class Step { kApplied, kResubscribe, kStopped };
  Step take(natsMsg* msg, std::optional<std::uint64_t>& gap_head);
  // Once nothing came for options_.stall_after: whether the stream holds
  // messages past the last one applied (the consumer is lost).
  bool consumer_lost();

  Connection& connection_;
  eventstore::EventStore& store_;
  natsSubscription* sub_;  // the follower's thread's (and the destructor's, after it)
  const FollowerOptions options_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> sequence_{0};
  std::atomic<std::uint64_t> resubscriptions_{0};
  mutable base::Mutex mu_;
  base::Status status_ HOYO_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace hoyo::cluster
