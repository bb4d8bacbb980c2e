#include "cluster/side_stream.h"

#include <chrono>

#include "cluster/internal/side_subscription.h"
#include "cluster/side_message.h"

namespace hoyo::cluster {

std::string side_stream_name(const std::string& log_stream) { return log_stream + "_SIDE"; }

StreamSettings side_stream_settings(const StreamSettings& log) {
  StreamSettings s = log;
  s.name = side_stream_name(log.name);
  s.key_value = true;
  return s;
}

base::Status SideApplier::apply(const StoredMessage& message) {
  const base::Status bad{base::ErrorCode::kCorruption,
                         base::MessageId::kClusterSideBadMessage,
                         {{"sequence", static_cast<std::int64_t>(message.sequence)}}};
  if (message.kind == MessageKind::kGenesis || message.kind == MessageKind::kEpoch) {
    return base::ok_status();
  }
  if (message.kind != MessageKind::kSide) return bad;
  if (const std::optional<BlobChunkKey> chunk = blob_chunk_of(stream_, message.subject)) {
    if (base::Status f = flush(); !f.ok()) return f;
    return apply_chunk(message, chunk->key);
  }
  const std::optional<SideKey> key = side_key_of(stream_, message.subject);
  if (!key) return bad;
  base::Result<SideMessage> m = decode_side(message.data, message.sequence);
  if (!m.ok()) return m.status();
  switch (m->operation) {
    case SideOperation::kPut:
      return gather({key->table, key->key, std::move(m->value)});
    case SideOperation::kDelete:
      return gather({key->table, key->key, std::nullopt});
    case SideOperation::kErase: {
      if (base::Status f = flush(); !f.ok()) return f;
      // An erase compacts (slow): only where there is something to erase.
      base::Result<std::optional<std::string>> have = store_.side_get(key->table, key->key);
      if (!have.ok()) return have.status();
      if (!have.value()) return base::ok_status();
      return store_.side_apply_replicated({{key->table, key->key, std::nullopt}}, true);
    }
  }
  return bad;
}

base::Status SideApplier::gather(eventstore::SideWrite write) {
  gathered_bytes_ += write.key.size() + (write.value ? write.value->size() : 0);
  gathered_.push_back(std::move(write));
  return gathered_.size() >= batch_ || gathered_bytes_ >= kMaxGatheredBytes ? flush()
                                                                            : base::ok_status();
}

base::Status SideApplier::flush() {
  if (gathered_.empty()) return base::ok_status();
  std::vector<eventstore::SideWrite> writes;
  writes.swap(gathered_);
  gathered_bytes_ = 0;
  return store_.side_apply_replicated(writes, false);
}

base::Status SideApplier::apply_chunk(const StoredMessage& message, const eventstore::Hash& key) {
  const base::Status bad{base::ErrorCode::kCorruption,
                         base::MessageId::kClusterSideBadMessage,
                         {{"sequence", static_cast<std::int64_t>(message.sequence)}}};
  base::Result<BlobChunk> c = decode_blob_chunk(message.data, message.sequence);
  if (!c.ok()) return c.status();
  if (c->operation == SideOperation::kErase) {
    gathering_.erase(key);
    if (!store_.get_blob(key).ok()) return base::ok_status();  // not held: nothing to shred
    return store_.shred_blob(key);
  }
  Gathering& g = gathering_[key];
  if (g.count != c->count)
    g = Gathering{c->count, std::vector<std::optional<std::string>>(c->count), 0};
  if (!g.chunks[c->index]) ++g.have;
  g.chunks[c->index] = std::move(c->bytes);
  if (g.have < g.count) return base::ok_status();
  std::string bytes;
  for (const std::optional<std::string>& part : g.chunks) bytes += *part;
  gathering_.erase(key);
  base::Result<eventstore::Hash> stored = store_.put_blob(bytes);
  if (!stored.ok()) return stored.status();
  if (stored.value() != key) return bad;  // the chunks do not make the blob their subjects name
  return base::ok_status();
}

namespace internal {

base::Result<natsSubscription*> subscribe_side(Connection& side, int pending_messages,
                                               int pending_bytes) {
  const std::string filter = side.stream() + ".>";
  jsOptions o = side.request_options();
  jsSubOptions so;
  jsSubOptions_Init(&so);
  so.Stream = side.stream().c_str();
  so.Ordered = true;
  so.Config.DeliverPolicy = js_DeliverAll;
  natsSubscription* sub = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  const natsStatus s = js_SubscribeSync(&sub, side.jetstream(), filter.c_str(), &o, &so, &jerr);
  if (s != NATS_OK) return jetstream_failure("side stream consumer", s, jerr);
  natsSubscription_SetPendingLimits(sub, pending_messages, pending_bytes);
  return sub;
}

void drop_subscription(natsSubscription* sub) {
  if (!sub) return;
  natsSubscription_Unsubscribe(sub);
  natsSubscription_Destroy(sub);
}

}  // namespace internal

base::Result<std::uint64_t> side_catch_up(Connection& side, eventstore::EventStore& store) {
  base::Result<StreamState> state = side.stream_state();
  if (!state.ok()) return state.status();
  const std::uint64_t last = state->last_sequence;
  // No limit on what waits: the catch-up reads it all before it returns.
  base::Result<natsSubscription*> sub = internal::subscribe_side(side, -1, -1);
  if (!sub.ok()) return sub.status();
  SideApplier applier(side.stream(), store, kSideCatchUpBatch);
  base::Status why;
  const auto wait = std::chrono::milliseconds(side.request_options().Wait);
  auto heard = std::chrono::steady_clock::now();
  std::uint64_t applied = 0;
  for (;;) {
    natsMsg* msg = nullptr;
    const natsStatus s = natsSubscription_NextMsg(&msg, sub.value(), wait.count());
    if (s == NATS_TIMEOUT) {
      // Everything up to `last` came (the pending count of the last one
      // counted later writes): caught up.
      if (applied >= last) break;
      // A slow delivery (a busy server, a consumer's flow control) is
      // waited for as long as messages keep coming.
      if (std::chrono::steady_clock::now() - heard < kSideCatchUpStallWaits * wait) continue;
    }
    if (s != NATS_OK) {
      why = jetstream_failure("side stream catch-up", s, jsErrCode{});
      break;
    }
    heard = std::chrono::steady_clock::now();
    std::uint64_t pending = 0;
    const StoredMessage m = received_message(msg, &pending);
    natsMsg_Destroy(msg);
    applied = m.sequence;
    why = applier.apply(m);
    // Nothing after it: every message up to `last` that the stream still
    // holds was delivered (a key's earlier messages are gone by design).
    if (!why.ok() || (pending == 0 && m.sequence >= 1)) break;
  }
  internal::drop_subscription(sub.value());
  if (why.ok()) why = applier.flush();
  if (!why.ok()) return why;
  return last;
}

}  // namespace hoyo::cluster
