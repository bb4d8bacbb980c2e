#include "cluster/follower.h"

#include <algorithm>
#include <optional>
#include <thread>

#include "base/log.h"
#include "cluster/batch_message.h"
#include "cluster/epoch_message.h"
#include "cluster/internal/quiet_watch.h"
#include "cluster/internal/stopped_log.h"
#include "cluster/stream.h"

namespace hoyo::cluster {
namespace {

std::int64_t as_arg(std::uint64_t v) { return static_cast<std::int64_t>(v); }

base::Status diverged(std::uint64_t position) {
  return {base::ErrorCode::kCorruption,
          base::MessageId::kClusterFollowerDiverged,
          {{"position", as_arg(position)}}};
}

// Where the batch at `sequence`, or the nearest batch before it, ends
// (genesis and epoch messages carry no events): its last position and chain
// hash; {0, zero hash} when there is none.
struct BatchEnd {
  std::uint64_t position = 0;
  eventstore::Hash hash{};
};
base::Result<BatchEnd> batch_end_at(PublishChannel& channel, std::uint64_t sequence) {
  for (std::uint64_t s = sequence; s >= 1; --s) {
    base::Result<std::optional<StoredMessage>> m = channel.message_at(s);
    if (!m.ok()) return m.status();
    if (!m.value() || m.value()->kind != MessageKind::kBatch) continue;
    base::Result<Batch> b = decode_batch(m.value()->data);
    if (!b.ok()) return b.status();
    return BatchEnd{b->last_position(), b->last_hash};
  }
  return BatchEnd{};
}

}  // namespace

base::Status apply_message(const StoredMessage& message, eventstore::EventStore& store) {
  switch (message.kind) {
    case MessageKind::kGenesis:
      // Only ever first. ensure_stream sends it to a stream it found empty,
      // unfenced (nats.c sends no expected sequence of 0), and the stream
      // drops a copy only within its duplicate window: a node that read
      // "empty" long ago could still land one mid-stream.
      if (message.sequence != 1) {
        return {base::ErrorCode::kCorruption,
                base::MessageId::kClusterGenesisMidStream,
                {{"sequence", as_arg(message.sequence)}}};
      }
      return base::ok_status();
    case MessageKind::kEpoch:
      return decode_epoch(message.data).status();
    case MessageKind::kBatch:
      break;
    case MessageKind::kSide:  // the side tables' stream's, never the log's
    case MessageKind::kUnknown:
      return {base::ErrorCode::kCorruption, base::MessageId::kClusterBatchBadFormat};
  }
  base::Result<Batch> batch = decode_batch(message.data);
  if (!batch.ok()) return batch.status();
  const std::uint64_t head = store.head();
  if (batch->last_position() <= head) {  // applied before
    base::Result<eventstore::StoredEvent> have = store.read_at(batch->last_position());
    if (!have.ok()) return have.status();
    if (have->chain_hash != batch->last_hash) return diverged(batch->last_position());
    return base::ok_status();
  }
  if (batch->first_position != head + 1) {
    return {base::ErrorCode::kCorruption,
            base::MessageId::kClusterFollowerGap,
            {{"expected", as_arg(head + 1)}, {"found", as_arg(batch->first_position)}}};
  }
  if (batch->previous_hash != store.head_hash()) {
    return {base::ErrorCode::kCorruption,
            base::MessageId::kClusterFollowerChain,
            {{"position", as_arg(batch->first_position)}}};
  }
  return store.append_replicated(std::move(batch->envelopes)).status();
}

base::Result<std::uint64_t> start_sequence(PublishChannel& channel, std::uint64_t last_sequence,
                                           std::uint64_t head, const eventstore::Hash& head_hash) {
  // The batches' last positions never decrease with the sequence: find the
  // first sequence where they pass the head.
  std::uint64_t lo = 1, hi = last_sequence + 1;
  while (lo < hi) {
    const std::uint64_t mid = lo + (hi - lo) / 2;
    base::Result<BatchEnd> at = batch_end_at(channel, mid);
    if (!at.ok()) return at.status();
    if (at->position > head) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  // What lies before the start must end exactly at the head, with the
  // head's chain hash: a store of the same length with other events (a fork,
  // another deployment's data) is not a copy of this stream.
  base::Result<BatchEnd> before = batch_end_at(channel, lo - 1);
  if (!before.ok()) return before.status();
  if (before->position != head) return diverged(head);
  if (head != 0 && before->hash != head_hash) return diverged(head);
  return lo;
}

namespace {

// An ordered consumer of the whole stream from `from`, for one follower.
base::Result<natsSubscription*> subscribe_from(Connection& connection, std::uint64_t from,
                                               const FollowerOptions& options) {
  const StreamSubjects subjects = StreamSubjects::of(connection.stream());
  jsOptions o = connection.request_options();
  jsSubOptions so;
  jsSubOptions_Init(&so);
  so.Stream = connection.stream().c_str();
  so.Ordered = true;
  so.Config.DeliverPolicy = js_DeliverByStartSequence;
  so.Config.OptStartSeq = from;
  natsSubscription* sub = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  const natsStatus s =
      js_SubscribeSync(&sub, connection.jetstream(), subjects.all.c_str(), &o, &so, &jerr);
  if (s != NATS_OK) return jetstream_failure("ordered consumer", s, jerr);
  natsSubscription_SetPendingLimits(sub, options.pending_messages, options.pending_bytes);
  return sub;
}

// Where a follower of `store` starts: the first batch past its head.
base::Result<std::uint64_t> start_of(Connection& connection, eventstore::EventStore& store) {
  base::Result<StreamState> state = connection.stream_state();
  if (!state.ok()) return state.status();
  return start_sequence(connection, state->last_sequence, store.head(), store.head_hash());
}

void drop(natsSubscription* sub) {
  if (!sub) return;
  natsSubscription_Unsubscribe(sub);
  natsSubscription_Destroy(sub);
}

}  // namespace

base::Result<std::unique_ptr<Follower>> Follower::start(Connection& connection,
                                                        eventstore::EventStore& store,
                                                        FollowerOptions options) {
  const eventstore::StoreRole was = store.role();
  if (base::Status s = store.set_role(eventstore::StoreRole::kReplica); !s.ok()) return s;
  base::Result<std::uint64_t> from = start_of(connection, store);
  base::Result<natsSubscription*> sub =
      from.ok() ? subscribe_from(connection, from.value(), options) : from.status();
  if (!sub.ok()) {
    (void)store.set_role(was);  // nothing was appended meanwhile: it cannot be busy
    return sub.status();
  }
  std::unique_ptr<Follower> f(new Follower(connection, store, sub.value(), options));
  f->sequence_.store(from.value() - 1);
  f->thread_ = std::thread([p = f.get()] { p->run(); });
  return f;
}

base::Status Follower::resubscribe() {
  drop(sub_);
  sub_ = nullptr;
  base::Result<std::uint64_t> from = start_of(connection_, store_);
  base::Result<natsSubscription*> sub =
      from.ok() ? subscribe_from(connection_, from.value(), options_) : from.status();
  if (!sub.ok()) return sub.status();
  sub_ = sub.value();
  sequence_.store(from.value() - 1);
  resubscriptions_.fetch_add(1);
  return base::ok_status();
}

void Follower::stop_loudly(const base::Status& why) {
  if (!options_.owner_logs_stop) {
    internal::log_stopped("cluster follower stopped", why, sequence_.load() + 1);
  }
  base::MutexLock lk(mu_);
  status_ = why;
}

Follower::Follower(Connection& connection, eventstore::EventStore& store, natsSubscription* sub,
                   FollowerOptions options)
    : connection_(connection), store_(store), sub_(sub), options_(std::move(options)) {}

Follower::~Follower() {
  stopping_.store(true);
  if (thread_.joinable()) thread_.join();
  drop(sub_);
}

base::Status Follower::status() const {
  base::MutexLock lk(mu_);
  return status_;
}

Follower::Step Follower::take(natsMsg* msg, std::optional<std::uint64_t>& gap_head) {
  if (options_.throttle) options_.throttle();
  const StoredMessage m = received_message(msg);
  natsMsg_Destroy(msg);
  const base::Status why = apply_message(m, store_);
  if (why.ok()) {
    sequence_.store(m.sequence);
    return Step::kApplied;
  }
  // nats.c reports a slow consumer once for a run of drops: a batch past the
  // head may be the first sign. Subscribing again from the head shows whether
  // the stream itself has the gap (then the same gap comes again).
  if (why.error().message == base::MessageId::kClusterFollowerGap && gap_head != store_.head()) {
    gap_head = store_.head();
    base::log_line("warning", "cluster follower: a gap, subscribing again from the head",
                   {{"error", why.to_string()}});
    return Step::kResubscribe;
  }
  stop_loudly(why);
  return Step::kStopped;
}

bool Follower::consumer_lost() {
  // The log stream denies deletes: its last sequence is a message the
  // consumer owes (one that cannot be read now proves nothing).
  const base::Result<StreamState> state = connection_.stream_state();
  if (!state.ok() || state->last_sequence <= sequence_.load()) return false;
  base::log_line("warning", "cluster follower: nothing comes while the stream holds more",
                 {{"sequence", std::to_string(sequence_.load())},
                  {"last_sequence", std::to_string(state->last_sequence)},
                  {"head", std::to_string(store_.head())}});
  return true;
}

void Follower::run() {
  // The head at the last gap that made it subscribe again: a second gap
  // there is the stream's, not a drop.
  std::optional<std::uint64_t> gap_head;
  internal::QuietWatch quiet(options_.stall_after);
  // Subscribing again without progress since the last time (or failing to)
  // waits, twice as long each time, up to two seconds.
  std::optional<std::uint64_t> subscribed_at;
  std::chrono::milliseconds backoff{0};
  while (!stopping_.load()) {
    if (!sub_) {
      if (subscribed_at == store_.head()) {
        backoff =
            std::clamp(backoff * 2, std::chrono::milliseconds(10), std::chrono::milliseconds(2000));
        for (auto waited = std::chrono::milliseconds(0); waited < backoff && !stopping_.load();
             waited += std::chrono::milliseconds(10)) {
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
      } else {
        backoff = std::chrono::milliseconds(0);
      }
      subscribed_at = store_.head();
      quiet.heard();
      const base::Status again = resubscribe();
      if (again.is(base::ErrorCode::kCorruption)) return stop_loudly(again);
      if (!again.ok() && backoff >= std::chrono::milliseconds(2000)) {
        base::log_line("warning", "cluster follower: cannot subscribe again yet",
                       {{"error", again.to_string()}});
      }
      continue;
    }
    natsMsg* msg = nullptr;
    const natsStatus s = natsSubscription_NextMsg(&msg, sub_, options_.poll.count());
    if (s == NATS_TIMEOUT) {
      if (quiet.time_to_ask() && consumer_lost()) {
        drop(sub_);
        sub_ = nullptr;
      }
      continue;
    }
    quiet.heard();
    Step step = Step::kApplied;
    if (s == NATS_SLOW_CONSUMER) {
      // The client dropped the newest messages while the store was slower
      // than the stream, and the ordered consumer goes on past them. What
      // it holds still runs on from the last message taken: apply that,
      // then subscribe again from the store's head.
      base::log_line("warning", "cluster follower: messages dropped (slow consumer)",
                     {{"head", std::to_string(store_.head())}});
      int held = 0, bytes = 0;
      natsSubscription_GetPending(sub_, &held, &bytes);
      for (int i = 0; i < held && step == Step::kApplied && !stopping_.load(); ++i) {
        natsMsg* next = nullptr;
        const natsStatus n = natsSubscription_NextMsg(&next, sub_, 1);
        if (n == NATS_SLOW_CONSUMER) continue;  // more dropped meanwhile
        if (n != NATS_OK) break;
        step = take(next, gap_head);
      }
      if (step == Step::kApplied) step = Step::kResubscribe;
    } else if (s != NATS_OK) {
      return stop_loudly(jetstream_failure("next message", s, jsErrCode{}));
    } else {
      step = take(msg, gap_head);
    }
    if (step == Step::kStopped) return;
    if (step == Step::kResubscribe) {
      drop(sub_);
      sub_ = nullptr;
    }
  }
}

}  // namespace hoyo::cluster
