// A side follower (docs/cluster.md, "Side tables"): applies the side
// tables' stream to the node's own store on its own thread, from the
// stream's first message (the last value of every key) and then live, so
// that a follower holds the writer's credentials, data keys, outbox and
// sessions (and the blob store's blobs). Every message is applied with a
// SideApplier; one that
// cannot be applied stops it loudly (an error line in the log, status()).
// Messages the client dropped (a slow consumer), and an ordered consumer
// that went quiet while it still owes messages or is gone (its nats-server
// died: nats.c 3.4 does not make it again, and says nothing), make it read
// the stream again from the start: applying a key's last value again
// changes nothing.
// A writer stops its side follower before SideStreamReplicator::begin.
#pragma once

#include <nats/nats.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <thread>

#include "base/mutex.h"
#include "base/status.h"
#include "cluster/connection.h"
#include "cluster/side_stream.h"
#include "eventstore/event_store.h"

namespace hoyo::cluster {

struct SideFollowerOptions {
  // How often the thread looks whether it should stop while no message comes.
  std::chrono::milliseconds poll{100};
  // Messages that may wait in memory for the store; past them the client
  // drops messages and the follower reads the stream again.
  int pending_messages = 65536;
  int pending_bytes = 256 * 1024 * 1024;
  // Nothing received for this long: the consumer is asked for its state (at
  // most once per this period while nothing comes); one that owes messages,
  // or does not answer, is taken as lost. The side stream allows erasing, so
  // its last sequence may be a message no consumer delivers: the stream's
  // state cannot say (the log's Follower asks the stream).
  std::chrono::milliseconds stall_after{2000};
};

class SideFollower {
 public:
  // Subscribes to `side` (a connection bound to the side stream) and starts
  // applying on its own thread. `side` and `store` must outlive it.
  static base::Result<std::unique_ptr<SideFollower>> start(Connection& side,
                                                           eventstore::EventStore& store,
                                                           SideFollowerOptions options = {});
  // Stops the consumer and joins the thread.
  ~SideFollower();
  SideFollower(const SideFollower&) = delete;
  SideFollower& operator=(const SideFollower&) = delete;

  // Ok while it runs; once stopped by a message it could not apply, why.
  base::Status status() const;
  // The stream sequence of the last message applied (0 before the first).
  std::uint64_t sequence() const { return sequence_.load(); }
  // How often it read the stream again (a slow consumer, a lost consumer).
  std::uint64_t resubscriptions() const { return resubscriptions_.load(); }

 private:
  SideFollower(Connection& side, eventstore::EventStore& store, natsSubscription* sub,
               SideFollowerOptions options)
      : side_(side), store_(store), applier_(side.stream(), store), sub_(sub), options_(options) {}
  void run();
  void stop_loudly(const base::Status& why);
  // Once nothing came for options_.stall_after: whether the consumer owes
  // messages or cannot say (it is lost).
  bool consumer_lost();

  Connection& side_;
  eventstore::EventStore& store_;
  SideApplier applier_;    // the thread's
  natsSubscription* sub_;  // the thread's (and the destructor's, after it)
  const SideFollowerOptions options_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> sequence_{0};
  std::atomic<std::uint64_t> resubscriptions_{0};
  mutable base::Mutex mu_;
  base::Status status_ HOYO_GUARDED_BY(mu_);
  std::thread thread_;
};

}  // namespace hoyo::cluster
