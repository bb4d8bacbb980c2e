#include "cluster/node.h"

#include "base/log.h"
#include "base/thread.h"
#include "cluster/election.h"
#include "cluster/epoch_message.h"
#include "cluster/stream.h"

namespace hoyo::cluster {

base::Result<std::unique_ptr<Node>> Node::start(Connection& connection,
                                                eventstore::EventStore& store, NodeOptions options,
                                                NodeEvents events) {
  base::Result<std::unique_ptr<Lease>> lease = Lease::open(connection, options.lease);
  if (!lease.ok()) return lease.status();
  if (base::Status s = store.set_role(eventstore::StoreRole::kReplica); !s.ok()) return s;
  std::unique_ptr<Node> node(
      new Node(connection, store, std::move(options), std::move(events), std::move(lease.value())));
  node->thread_ = std::thread([n = node.get()] { n->run(); });
  return node;
}

Node::~Node() {
  stopping_.store(true);
  if (thread_.joinable()) thread_.join();
  follower_.reset();
}

std::optional<Term> Node::term() const {
  base::MutexLock lk(mu_);
  return term_;
}

std::optional<LeaseHolder> Node::lease_holder() const {
  base::MutexLock lk(mu_);
  return holder_;
}

void Node::saw(const base::Result<std::optional<LeaseHolder>>& holder) {
  if (!holder.ok()) return;
  if (holder.value()) {
    std::uint64_t highest = highest_holder_epoch_.load();
    while (holder.value()->epoch > highest &&
           !highest_holder_epoch_.compare_exchange_weak(highest, holder.value()->epoch)) {
    }
  }
  base::MutexLock lk(mu_);
  holder_ = holder.value();
}

void Node::run() {
  while (!stopping_.load()) {
    if (term()) {
      write_step();
    } else {
      follow_step();
    }
    for (auto waited = std::chrono::milliseconds(0); waited < options_.tick && !stopping_.load();
         waited += std::chrono::milliseconds(10)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
}

FollowState Node::follow_state() const {
  base::MutexLock lk(mu_);
  return term_ ? FollowState{} : follow_;
}

bool Node::keep_following() {
  if (follower_ && follower_->status().ok()) {
    applied_sequence_ = follower_->sequence();
    measure_behind();
    bool again = false;
    {
      base::MutexLock lk(mu_);
      // Applied past the place it stopped at, or caught up: it follows again.
      if (stopped_at_ && (store_.head() != stopped_at_->first || follow_.behind == 0)) {
        again = true;
        stopped_at_.reset();
        follow_.stopped = base::ok_status();
      }
      if (stopped_at_) return false;
    }
    if (again) {
      base::log_line("info", "cluster node: applies the stream again",
                     {{"node", options_.name}, {"head", std::to_string(store_.head())}});
    }
    return true;
  }
  if (follower_) {
    applied_sequence_ = follower_->sequence();
    const base::Status why = follower_->status();
    follower_.reset();  // started again from the store's head at the next step
    if (why.error().message == base::MessageId::kClusterJetStreamFailed) {
      base::log_line("warning", "cluster node: the follower lost the stream",
                     {{"node", options_.name}, {"error", why.to_string()}});
    } else {
      could_not_apply(why, applied_sequence_ + 1);
    }
    measure_behind();
    return false;
  }
  FollowerOptions options;
  options.owner_logs_stop = true;
  base::Result<std::unique_ptr<Follower>> f = Follower::start(connection_, store_, options);
  if (!f.ok()) {
    if (f.is(base::ErrorCode::kCorruption)) {
      could_not_apply(f.status(), 0);  // the store holds what the stream does not
    } else {
      base::log_line("warning", "cluster node: cannot follow the stream yet",
                     {{"node", options_.name}, {"error", f.status().to_string()}});
    }
    measure_behind();
    return false;
  }
  follower_ = std::move(f.value());
  // A node that could not apply the stream follows again only once this
  // follower has applied past the place it stopped at (keep_following):
  // until then it is not following, and does not campaign.
  base::MutexLock lk(mu_);
  return !stopped_at_;
}

bool Node::stop_following() {
  if (follower_) applied_sequence_ = follower_->sequence();
  follower_.reset();
  measure_behind();
  return false;
}

void Node::could_not_apply(const base::Status& why, std::uint64_t at_sequence) {
  const std::uint64_t head = store_.head();
  {
    base::MutexLock lk(mu_);
    follow_.stopped = why;
    if (stopped_at_ && stopped_at_->first == head && stopped_at_->second == why.to_string()) {
      return;  // logged already; tried again at every step
    }
    stopped_at_.emplace(head, why.to_string());
  }
  base::log_line("error", "cluster node: cannot apply the stream; it serves reads up to its head",
                 {{"node", options_.name},
                  {"code", base::error_code_name(why.code())},
                  {"message", base::message_id_name(why.error().message)},
                  {"error", why.to_string()},
                  {"head", std::to_string(head)},
                  {"at_sequence", at_sequence ? std::to_string(at_sequence) : "unknown"}});
}

void Node::measure_behind() {
  base::Result<StreamState> state = connection_.stream_state();
  if (!state.ok()) return;  // the last value stands
  const std::uint64_t last = state->last_sequence;
  base::MutexLock lk(mu_);
  follow_.behind = last > applied_sequence_ ? last - applied_sequence_ : 0;
}

base::Status Node::catch_up(std::uint64_t last_sequence) {
  base::Result<std::uint64_t> from =
      start_sequence(connection_, last_sequence, store_.head(), store_.head_hash());
  if (!from.ok()) return from.status();
  for (std::uint64_t s = from.value(); s <= last_sequence; ++s) {
    base::Result<std::optional<StoredMessage>> m = connection_.message_at(s);
    if (!m.ok()) return m.status();
    if (!m.value()) continue;
    if (base::Status a = apply_message(*m.value(), store_); !a.ok()) return a;
  }
  return base::ok_status();
}

void Node::follow_step() {
  // A store that refuses writes (docs/cluster.md, "Disk faults in a
  // cluster") applies nothing, and a node that cannot apply the stream never
  // campaigns; either still reads the lease, so that its requests go to the
  // writer.
  const bool following = store_.health().ok() ? keep_following() : stop_following();
  base::Result<std::optional<LeaseHolder>> holder = lease_->holder();
  saw(holder);
  if (!following) return;
  if (!holder.ok() || holder.value()) return;  // a writer renews it (or the lease cannot be read)
  // The lease ran out. A writer that won since the last step may not have
  // renewed it yet: campaign only when the stream's last epoch message is
  // the one seen a step before, and not one of a writer never seen holding
  // the lease, for a TTL.
  base::Result<std::optional<StoredMessage>> epoch =
      connection_.last_message_on(StreamSubjects::of(connection_.stream()).epoch);
  if (!epoch.ok()) return;
  const std::uint64_t latest = epoch.value() ? epoch.value()->sequence : 0;
  std::uint64_t latest_epoch = 0;
  if (epoch.value()) {
    base::Result<WriterEpochStarted> e = decode_epoch(epoch.value()->data);
    if (e.ok()) latest_epoch = e->epoch;
  }
  if (fresh_epoch_holds(latest, latest_epoch)) return;
  // Wait a random part of a tick and look again: fewer campaigns race.
  std::uniform_int_distribution<int> jitter(0, static_cast<int>(options_.tick.count()));
  std::this_thread::sleep_for(std::chrono::milliseconds(jitter(random_)));
  holder = lease_->holder();
  if (stopping_.load() || !holder.ok() || holder.value()) return;

  base::log_line("info", "cluster node: the lease ran out, campaigns", {{"node", options_.name}});
  // Campaign. The follower stops first, so that nothing
  // but the catch-up writes to the store until the outcome is known.
  follower_.reset();
  base::Result<Term> won = campaign(
      connection_, options_.name, [this](std::uint64_t l) { return catch_up(l); }, {},
      process_incarnation(), last_epoch_seen_);
  if (!won.ok()) {
    if (!won.is(base::ErrorCode::kFenced)) {
      base::log_line("warning", "cluster node: the campaign did not finish",
                     {{"node", options_.name}, {"error", won.status().to_string()}});
    }
    return;  // follows again at the next step
  }
  // Held at once, and kept while becoming_writer runs: what it does (the
  // side tables' catch-up) may take longer than the lease, and the others
  // would campaign again meanwhile.
  (void)lease_->renew(*won);
  if (events_.becoming_writer) {
    const Term term = *won;
    if (base::Status ready = holding_lease(term, [&] { return events_.becoming_writer(term); });
        !ready.ok()) {
      return step_down(ready);
    }
  }
  // The replicator before the role: no own append is ever written unreplicated.
  publisher_ = std::make_shared<Publisher>(connection_,
                                           StreamSubjects::of(connection_.stream()).batch, *won);
  replicator_ = std::make_shared<StreamReplicator>(publisher_);
  base::Status ready = store_.set_replicator(replicator_);
  if (ready.ok()) ready = store_.set_role(eventstore::StoreRole::kWriter);
  // Renewed unless a later epoch won meanwhile (the lease is not a fence,
  // but a blind renewal would name this node over the later writer).
  if (ready.ok()) {
    if (const std::optional<LeaseHolder> l = renew_unless_superseded(*won)) ready = superseded(*l);
  }
  if (!ready.ok()) return step_down(ready);
  {
    base::MutexLock lk(mu_);
    term_ = *won;
    holder_ = LeaseHolder{won->epoch, options_.name};
  }
  base::log_line("info", "cluster node: writer",
                 {{"node", options_.name}, {"epoch", std::to_string(won->epoch)}});
  if (events_.became_writer) events_.became_writer(*won);
}

base::Status Node::superseded(const LeaseHolder& later) {
  return {base::ErrorCode::kFenced,
          base::MessageId::kClusterSuperseded,
          {{"epoch", static_cast<std::int64_t>(later.epoch)}, {"node", later.node}}};
}

bool Node::fresh_epoch_holds(std::uint64_t sequence, std::uint64_t epoch) {
  const auto now = std::chrono::steady_clock::now();
  if (sequence != last_epoch_seen_) {
    // A node that never looked nor saw a holder knows nothing older: a
    // step's wait, as for any change (a restarted cluster's nodes must not
    // wait a TTL).
    const std::uint64_t highest = highest_holder_epoch_.load();
    const bool knows_nothing = last_epoch_seen_ == ~std::uint64_t{0} && highest == 0;
    last_epoch_seen_ = sequence;
    fresh_epoch_until_ = !knows_nothing && epoch > highest
                             ? now + options_.lease.ttl
                             : std::chrono::steady_clock::time_point{};
    return true;
  }
  return now < fresh_epoch_until_;
}

base::Status Node::holding_lease(const Term& term, const std::function<base::Status()>& work) {
  std::atomic<bool> done{false};
  std::optional<LeaseHolder> later;  // the renewer's, read after the join
  std::thread renewer = base::start_thread("hoyo-lease", [&] {
    for (;;) {
      for (auto waited = std::chrono::milliseconds(0); waited < options_.tick;
           waited += std::chrono::milliseconds(10)) {
        if (done.load() || stopping_.load()) return;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      if (done.load() || stopping_.load()) return;
      // A later epoch holds it: this term is over (the stream fences it).
      if ((later = renew_unless_superseded(term))) return;
    }
  });
  base::Status result = work();
  done.store(true);
  renewer.join();
  // Superseded while it worked: never a writer (its role would last until
  // its next write step, with its processor, scheduler and mail running).
  if (result.ok() && later) return superseded(*later);
  return result;
}

void Node::write_step() {
  if (base::Status failed = replicator_->failure(); !failed.ok()) return step_down(failed);
  // A writer whose store refuses writes lets another write (it no longer
  // renews the lease).
  if (base::Status sick = store_.health(); !sick.ok()) return step_down(sick);
  if (events_.writer_health) {
    if (base::Status failed = events_.writer_health(); !failed.ok()) return step_down(failed);
  }
  // Another node that campaigned at the same moment may have won a later
  // epoch (the stream fences this one at its next batch): follow it now.
  if (const std::optional<LeaseHolder> later = renew_unless_superseded(*term())) {
    return step_down(superseded(*later));
  }
}

std::optional<LeaseHolder> Node::renew_unless_superseded(const Term& term) {
  base::Result<std::optional<LeaseHolder>> holder = lease_->holder();
  saw(holder);
  if (holder.ok() && holder.value() && holder.value()->epoch > term.epoch) return holder.value();
  if (base::Status renewed = lease_->renew(term); !renewed.ok()) {
    // Not a reason to stop: if the others cannot see the lease either they
    // campaign, and the stream's fence stops this writer at its next batch.
    base::log_line("warning", "cluster node: the lease was not renewed",
                   {{"node", options_.name}, {"error", renewed.to_string()}});
  }
  return std::nullopt;
}

void Node::step_down(const base::Status& why) {
  base::log_line("warning", "cluster node: follows again",
                 {{"node", options_.name}, {"why", why.to_string()}});
  // Who writes now, read first: from the hook on, this node's requests are
  // forwarded to the holder it names (a failed publish brings the node here
  // without having read the lease, and its own epoch would refuse them).
  // The read waits 2 s at most when the servers cannot answer.
  saw(lease_->holder());
  if (events_.stepping_down) events_.stepping_down();
  {
    base::MutexLock lk(mu_);
    term_.reset();
  }
  // The role switch waits until the appends under way are answered (after
  // a failed replication they are refused; superseded, the stream fences
  // the next batch). The replicator goes only once the store is a replica:
  // a writer store is never left without one. (Stopping first, the store
  // keeps both: the replicator holds the publisher.)
  bool replica = false;
  while (!(replica = store_.set_role(eventstore::StoreRole::kReplica).ok()) && !stopping_.load()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (replica) (void)store_.set_replicator(nullptr);
  replicator_.reset();
  publisher_.reset();
  if (events_.became_follower) events_.became_follower(why);
}

}  // namespace hoyo::cluster
