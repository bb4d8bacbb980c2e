#include "cluster/publisher.h"

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

base::Result<std::uint64_t> Publisher::publish(const Batch& batch) {
  if (batch.epoch != term_.epoch || batch.envelopes.empty()) {
    base::contract_violation("a batch of another epoch, or an empty one, to publish");
  }
  const std::string bytes = encode_batch(batch);
  base::MutexLock lk(mu_);
  if (!stopped_.ok()) return stopped_;
  const Outgoing out{subject_, MessageKind::kBatch, batch.message_id(), last_sequence_, bytes};
  base::Result<std::uint64_t> sequence = publish_settled(channel_, out, retry_);
  if (sequence.ok()) {
    last_sequence_ = sequence.value();
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
