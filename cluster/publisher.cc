#include "cluster/publisher.h"

#include "base/log.h"

namespace hoyo::cluster {

Publisher::Publisher(PublishChannel& channel, std::string batch_subject, Term term,
                     RetryPolicy retry)
    : channel_(channel),
      subject_(std::move(batch_subject)),
      term_(std::move(term)),
      retry_(retry),
      last_sequence_(term_.sequence) {}

std::uint64_t Publisher::last_sequence() const {
  base::MutexLock lk(mu_);
  return last_sequence_;
}

base::Result<Publisher::Tip> Publisher::stream_tip() {
  for (std::uint64_t s = term_.sequence; s-- > 1;) {
    base::Result<std::optional<StoredMessage>> m = channel_.message_at(s);
    if (!m.ok()) return m.status();
    if (!m.value() || m.value()->kind == MessageKind::kEpoch) continue;
    if (m.value()->kind == MessageKind::kGenesis) break;
    base::Result<Batch> b = decode_batch(m.value()->data);
    if (!b.ok()) return b.status();
    return Tip{b->last_position(), b->last_hash};
  }
  return Tip{};
}

base::Result<std::uint64_t> Publisher::publish(const Batch& batch) {
  if (batch.epoch != term_.epoch || batch.envelopes.empty()) {
    base::contract_violation("a batch of another epoch, or an empty one, to publish");
  }
  const std::string bytes = encode_batch(batch);
  base::MutexLock lk(mu_);
  if (!stopped_.ok()) return stopped_;
  if (!tip_) {
    base::Result<Tip> tip = stream_tip();
    if (!tip.ok()) return tip.status();
    tip_ = tip.value();
  }
  if (batch.first_position != tip_->position + 1 || batch.previous_hash != tip_->hash) {
    stopped_ = base::Status{base::ErrorCode::kCorruption,
                            base::MessageId::kClusterWriterOffStream,
                            {{"position", static_cast<std::int64_t>(batch.first_position)},
                             {"streamPosition", static_cast<std::int64_t>(tip_->position)}}};
    base::log_line("error", "cluster: the writer's batch does not continue the stream",
                   {{"error", stopped_.to_string()}});
    return stopped_;
  }
  const Outgoing out{subject_, MessageKind::kBatch, batch.message_id(), last_sequence_, bytes};
  base::Result<std::uint64_t> sequence = publish_settled(channel_, out, retry_);
  if (sequence.ok()) {
    last_sequence_ = sequence.value();
    tip_ = Tip{batch.last_position(), batch.last_hash};
  } else if (sequence.is(base::ErrorCode::kFenced)) {
    stopped_ = sequence.status();
  } else {
    stopped_ = base::Status{base::ErrorCode::kUnavailable,
                            base::MessageId::kClusterPublisherStopped,
                            {{"cause", sequence.status().to_string()}}};
  }
  return sequence;
}

}  // namespace hoyo::cluster
