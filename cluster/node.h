// One node of a cluster (docs/cluster.md): follows the stream into its
// store, campaigns when the lease has run out, and once it won writes
// through the stream (its store's BatchReplicator) and renews the lease; a
// writer whose replication failed (fenced, or unsure) steps down and
// follows again. The node's store is the one hoyod serves from: a follower's
// reads see what it applied; only the writer's store takes appends. A node
// whose store refuses writes (EventStore::health: a full disk, a failed
// write or fsync) steps down if it writes, and while it stays so applies
// nothing and never campaigns; a follower that cannot apply the stream
// says so (follow_state) and logs it once per place it stopped at.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <utility>

#include "base/mutex.h"
#include "base/status.h"
#include "cluster/connection.h"
#include "cluster/follower.h"
#include "cluster/lease.h"
#include "cluster/publisher.h"
#include "cluster/stream_replicator.h"
#include "eventstore/event_store.h"

namespace hoyo::cluster {

struct NodeOptions {
  std::string name;  // unique in the deployment: it is in the epoch messages
  LeaseSettings lease;
  // How often the node looks at the lease (and the writer renews it): at
  // most a third of the lease's TTL.
  std::chrono::milliseconds tick{500};
};

// Called on the node's thread when its role changes (hoyod starts its
// writer's processor on the first, and stops it on the second).
struct NodeEvents {
  std::function<void(const Term&)> became_writer;
  // Called once the store is a replica again (after stepping_down), or,
  // when the node is stopping, once it gave up waiting for the switch.
  std::function<void(const base::Status& why)> became_follower;
  // Called once the election is won, before the store gets its replicator
  // and the writer's role (hoyod begins the term on the side tables'
  // stream there); not ok: the node steps down instead (became_follower).
  // It may take longer than the lease's TTL: another thread of the node
  // renews the lease every tick meanwhile.
  std::function<base::Status(const Term&)> becoming_writer;
  // Asked at every step while the node writes; not ok: it steps down (a
  // side-table write the stream refused).
  std::function<base::Status()> writer_health;
  // Called first when the node stops writing, before term() is cleared and
  // before it waits for the store's appends under way to be answered (up to
  // the publish's give-up). From here on the node must not take state
  // changes as the writer: hoyod forwards them (a node that says "follower"
  // in /api/health while still deciding locally answered them 503).
  std::function<void()> stepping_down;
};

// What a node knows of its copy of the stream (/api/health, /metrics).
struct FollowState {
  // Not ok while the node cannot apply the stream: a chain mismatch or a
  // gap (kCorruption), or a batch its store refused; why. A lost connection
  // is not such a stop (the node follows again once it is back).
  base::Status stopped;
  // The stream's messages past the last one the node applied (0 on the
  // writer; all of them while it has applied none since it started), as of
  // its last step.
  std::uint64_t behind = 0;
};

class Node {
 public:
  // Starts the node's thread: first a follower of the stream. `connection`
  // and `store` must outlive it; the stream must exist (ensure_stream).
  static base::Result<std::unique_ptr<Node>> start(Connection& connection,
                                                   eventstore::EventStore& store,
                                                   NodeOptions options, NodeEvents events = {});
  // Stops the thread. A writer does not give up its lease: the others take
  // over once it runs out, as after a crash.
  ~Node();
  Node(const Node&) = delete;
  Node& operator=(const Node&) = delete;

  // The term this node writes in; nullopt while it follows.
  std::optional<Term> term() const;
  // The lease's holder as the node last read it (the writer, for
  // /api/health); nullopt before the first reading or while none holds it.
  std::optional<LeaseHolder> lease_holder() const;
  FollowState follow_state() const;

 private:
  Node(Connection& connection, eventstore::EventStore& store, NodeOptions options,
       NodeEvents events, std::unique_ptr<Lease> lease)
      : connection_(connection),
        store_(store),
        options_(std::move(options)),
        events_(std::move(events)),
        lease_(std::move(lease)) {}
  void run();
  void follow_step();
  // Keeps a follower running: starts one when none runs, notes one that
  // stopped (could_not_apply) and drops it. Also updates what
  // follow_state() says. True while a follower runs and the stream applies
  // (the node may campaign).
  bool keep_following();
  // Stops the follower (the store refuses writes); false.
  bool stop_following();
  // Notes that the stream cannot be applied at the store's head (`why`, at
  // stream sequence `at_sequence`: 0 when unknown), logged at error level
  // once per head and cause.
  void could_not_apply(const base::Status& why, std::uint64_t at_sequence);
  // Reads the stream's last sequence and sets follow_state().behind from it
  // and the last message applied.
  void measure_behind();
  void write_step();
  // Applies the stream up to `last_sequence` into the store (no follower
  // runs meanwhile).
  base::Status catch_up(std::uint64_t last_sequence);
  void step_down(const base::Status& why);
  // Reads the lease: its holder when that is a later epoch than `term`'s
  // (this term is over; nothing renewed); nullopt once it renewed it for
  // `term` (a failed renewal is logged, not answered).
  std::optional<LeaseHolder> renew_unless_superseded(const Term& term);
  // kFenced kClusterSuperseded, naming the later holder.
  static base::Status superseded(const LeaseHolder& later);
  // Runs `work` on the node thread while another thread renews the lease
  // for `term` every tick (as write_step does: until it names a later
  // epoch), so that a long becoming_writer does not let the lease run out
  // and the others campaign again. `work`'s answer, or superseded() when a
  // later epoch held the lease meanwhile (the node must not become writer).
  base::Status holding_lease(const Term& term, const std::function<base::Status()>& work);
  // Whether a follower that found the lease empty must wait: the stream's
  // last epoch message (at `sequence`, of `epoch`) came since its last look
  // and names a writer it never saw hold the lease, which may still be
  // catching up before its first renewal: that counts as a held lease for
  // a TTL from the look that first saw it (not when the node neither looked
  // before nor read a holder: a restarted cluster). Keeps what it saw.
  bool fresh_epoch_holds(std::uint64_t sequence, std::uint64_t epoch);

  Connection& connection_;
  eventstore::EventStore& store_;
  const NodeOptions options_;
  const NodeEvents events_;
  std::unique_ptr<Lease> lease_;
  std::unique_ptr<Follower> follower_;
  std::shared_ptr<Publisher> publisher_;
  std::shared_ptr<StreamReplicator> replicator_;
  std::atomic<bool> stopping_{false};
  std::mt19937 random_{std::random_device{}()};  // the node thread's
  // The stream sequence of the last epoch message a follow step saw (~0:
  // none yet), the node thread's.
  std::uint64_t last_epoch_seen_ = ~std::uint64_t{0};
  // Until when that epoch message counts as a held lease (fresh_epoch_holds),
  // the node thread's.
  std::chrono::steady_clock::time_point fresh_epoch_until_{};
  // The highest epoch a lease reading named (0: none yet).
  std::atomic<std::uint64_t> highest_holder_epoch_{0};
  // The stream sequence of the last message the followers applied (the
  // node thread's).
  std::uint64_t applied_sequence_ = 0;
  mutable base::Mutex mu_;
  std::optional<Term> term_ HOYO_GUARDED_BY(mu_);
  std::optional<LeaseHolder> holder_ HOYO_GUARDED_BY(mu_);
  FollowState follow_ HOYO_GUARDED_BY(mu_);
  // The store's head where the stream last could not be applied, with its
  // cause (logged once for both).
  std::optional<std::pair<std::uint64_t, std::string>> stopped_at_ HOYO_GUARDED_BY(mu_);
  // Keeps what a lease reading found for lease_holder().
  void saw(const base::Result<std::optional<LeaseHolder>>& holder);
  std::thread thread_;
};

}  // namespace hoyo::cluster
