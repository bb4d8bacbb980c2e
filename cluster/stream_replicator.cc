#include "cluster/stream_replicator.h"

#include "cluster/batch_message.h"

namespace hoyo::cluster {

base::Status StreamReplicator::replicate(const eventstore::DecidedBatch& batch) {
  if (base::Status failed = failure(); !failed.ok()) return failed;
  std::vector<std::vector<std::string>> appends;
  appends.reserve(batch.appends.size());
  for (const auto& a : batch.appends) {
    if (!a.empty()) appends.push_back(a);
  }
  if (appends.empty()) return base::ok_status();
  base::Result<std::vector<Batch>> messages =
      cut_batches(publisher_->term().epoch, batch.previous_hash, std::move(appends));
  base::Status why = messages.status();
  if (messages.ok()) {
    for (const Batch& m : messages.value()) {
      base::Result<std::uint64_t> sequence = publisher_->publish(m);
      if (!sequence.ok()) {
        why = sequence.status();
        break;
      }
    }
  }
  if (!why.ok() && !why.is(base::ErrorCode::kInvalidArgument)) {
    base::MutexLock lk(mu_);
    if (failure_.ok()) failure_ = why;
  }
  return why;
}

base::Status StreamReplicator::failure() const {
  base::MutexLock lk(mu_);
  return failure_;
}

}  // namespace hoyo::cluster
