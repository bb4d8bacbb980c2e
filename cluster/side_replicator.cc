#include "cluster/side_replicator.h"

#include <algorithm>
#include <chrono>

#include "cluster/election.h"
#include "cluster/epoch_message.h"
#include "cluster/side_message.h"
#include "cluster/side_stream.h"

namespace hoyo::cluster {
namespace {

base::Status fenced(std::uint64_t sequence) {
  return {base::ErrorCode::kFenced,
          base::MessageId::kClusterFenced,
          {{"sequence", static_cast<std::int64_t>(sequence)}}};
}

// The epoch of a side stream message (an epoch message's, or a side
// write's); 0 for the genesis message.
base::Result<std::uint64_t> epoch_of(const StoredMessage& m) {
  if (m.kind == MessageKind::kEpoch) {
    base::Result<WriterEpochStarted> e = decode_epoch(m.data);
    if (!e.ok()) return e.status();
    return e->epoch;
  }
  if (m.kind == MessageKind::kSide) {
    base::Result<SideMessage> s = decode_side(m.data, m.sequence);
    if (!s.ok()) return s.status();
    return s->epoch;
  }
  return std::uint64_t{0};
}

}  // namespace

base::Result<std::shared_ptr<SideStreamReplicator>> SideStreamReplicator::begin(
    Connection& side, eventstore::EventStore& store, const Term& term, RetryPolicy retry) {
  const std::string subject = side.stream() + ".epoch";
  const std::string data = encode_epoch({term.epoch, term.node});
  const std::string msg_id =
      "epoch:" + std::to_string(term.epoch) + ":" + term.node + ":" + process_incarnation();
  const auto deadline = std::chrono::steady_clock::now() + retry.give_up_after;
  for (;;) {
    base::Result<std::uint64_t> last = side_catch_up(side, store);
    if (!last.ok()) return last.status();
    base::Result<std::optional<StoredMessage>> previous = side.last_message_on(subject);
    if (!previous.ok()) return previous.status();
    if (previous.value()) {
      base::Result<std::uint64_t> e = epoch_of(*previous.value());
      if (!e.ok()) return e.status();
      if (e.value() > term.epoch) return fenced(previous.value()->sequence);
      // Our own epoch message, from a begin whose answer was lost, with
      // nothing after it: begun there.
      if (previous.value()->msg_id == msg_id && previous.value()->sequence == last.value()) {
        return std::shared_ptr<SideStreamReplicator>(
            new SideStreamReplicator(side, term, retry, last.value()));
      }
    }
    const Outgoing out{subject, MessageKind::kEpoch, msg_id, last.value(), data};
    base::Result<std::uint64_t> sequence = publish_settled(side, out, retry);
    if (sequence.ok()) {
      return std::shared_ptr<SideStreamReplicator>(
          new SideStreamReplicator(side, term, retry, sequence.value()));
    }
    // Another message got in after what was applied: an older writer's last
    // writes (or a rival's epoch message, found above next time).
    if (!sequence.is(base::ErrorCode::kFenced) || std::chrono::steady_clock::now() >= deadline) {
      return sequence.status();
    }
  }
}

base::Status SideStreamReplicator::still_last() {
  // Erasing is not fenced by the stream: look first that nothing came after
  // this term's last message (a newer writer's epoch message, say).
  base::Result<StreamState> state = side_.stream_state();
  if (!state.ok()) return state.status();
  if (state->last_sequence != last_sequence_) return fenced(state->last_sequence);
  return base::ok_status();
}

base::Status SideStreamReplicator::publish_next(const std::string& subject, std::string_view data) {
  const std::string msg_id = "side:" + std::to_string(term_.epoch) + ":" + process_incarnation() +
                             ":" + std::to_string(++published_);
  const Outgoing out{subject, MessageKind::kSide, msg_id, last_sequence_, data};
  base::Result<std::uint64_t> sequence = publish_settled(side_, out, retry_);
  if (!sequence.ok()) {
    failure_ = sequence.status();
    failed_.store(true);
    return failure_;
  }
  last_sequence_ = sequence.value();
  return base::ok_status();
}

base::Status SideStreamReplicator::replicate_blob(const eventstore::Hash& key,
                                                  std::string_view bytes) {
  base::MutexLock lk(mu_);
  if (!failure_.ok()) return failure_;
  const std::uint32_t count = static_cast<std::uint32_t>(
      std::max<std::size_t>(1, (bytes.size() + kMaxSideValueBytes - 1) / kMaxSideValueBytes));
  for (std::uint32_t i = 0; i < count; ++i) {
    const std::string data = encode_blob_chunk(
        {SideOperation::kPut, term_.epoch, i, count,
         std::string(bytes.substr(std::size_t{i} * kMaxSideValueBytes, kMaxSideValueBytes))});
    if (base::Status s = publish_next(blob_subject(side_.stream(), key, i), data); !s.ok()) {
      return s;
    }
  }
  return base::ok_status();
}

base::Status SideStreamReplicator::erase_blob(const eventstore::Hash& key) {
  base::MutexLock lk(mu_);
  if (!failure_.ok()) return failure_;
  base::Status why = still_last();
  // Chunks run from 0 without a hole: the first subject without a message ends them.
  for (std::uint32_t i = 0; why.ok(); ++i) {
    base::Result<std::optional<StoredMessage>> last =
        side_.last_message_on(blob_subject(side_.stream(), key, i));
    if (!last.ok()) {
      why = last.status();
    } else if (!last.value()) {
      break;
    } else {
      why = side_.erase_message(last.value()->sequence);
    }
  }
  if (!why.ok()) {
    failure_ = why;
    failed_.store(true);
    return why;
  }
  return publish_next(blob_subject(side_.stream(), key, 0),
                      encode_blob_chunk({SideOperation::kErase, term_.epoch, 0, 0, {}}));
}

base::Status SideStreamReplicator::erase_last(const std::string& subject) {
  if (base::Status s = still_last(); !s.ok()) return s;
  base::Result<std::optional<StoredMessage>> last = side_.last_message_on(subject);
  if (!last.ok()) return last.status();
  if (!last.value()) return base::ok_status();
  base::Result<std::uint64_t> e = epoch_of(*last.value());
  if (!e.ok()) return e.status();
  if (e.value() > term_.epoch) return fenced(last.value()->sequence);
  return side_.erase_message(last.value()->sequence);
}

base::Status SideStreamReplicator::replicate(const std::vector<eventstore::SideWrite>& writes,
                                             bool erase) {
  base::MutexLock lk(mu_);
  if (!failure_.ok()) return failure_;
  for (const eventstore::SideWrite& w : writes) {
    if (w.value && w.value->size() > kMaxSideValueBytes) {
      return {base::ErrorCode::kInvalidArgument,
              base::MessageId::kClusterSideValueTooLarge,
              {{"bytes", static_cast<std::int64_t>(w.value->size())},
               {"limit", static_cast<std::int64_t>(kMaxSideValueBytes)}}};
    }
  }
  base::Status why;
  for (const eventstore::SideWrite& w : writes) {
    const std::string subject = side_subject(side_.stream(), w.table, w.key);
    if (erase) {
      why = erase_last(subject);
      if (!why.ok()) break;
    }
    const SideOperation op = w.value ? SideOperation::kPut
                             : erase ? SideOperation::kErase
                                     : SideOperation::kDelete;
    why = publish_next(subject, encode_side({op, term_.epoch, w.value.value_or("")}));
    if (!why.ok()) break;
  }
  if (!why.ok()) {
    failure_ = why;
    failed_.store(true);
  }
  return why;
}

base::Status SideStreamReplicator::failure() const {
  // Without the lock while it goes on: a publish holds it (up to the retry
  // budget), and the node asks at every step, before it renews the lease.
  if (!failed_.load()) return base::ok_status();
  base::MutexLock lk(mu_);
  return failure_;
}

std::uint64_t SideStreamReplicator::last_sequence() const {
  base::MutexLock lk(mu_);
  return last_sequence_;
}

}  // namespace hoyo::cluster
