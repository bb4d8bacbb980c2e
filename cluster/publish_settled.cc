#include <thread>

#include "cluster/publish_channel.h"

namespace hoyo::cluster {

base::Result<std::uint64_t> publish_settled(PublishChannel& channel, const Outgoing& out,
                                            const RetryPolicy& policy) {
  if (out.expected_last_sequence == 0) {
    base::contract_violation("a publish without a fence (expected last sequence 0)");
  }
  const auto deadline = std::chrono::steady_clock::now() + policy.give_up_after;
  base::Status last_cause;
  for (;;) {
    PublishAttempt a = channel.publish(out);
    switch (a.outcome) {
      case PublishAttempt::Outcome::kStored:
      case PublishAttempt::Outcome::kDuplicate:
        return a.sequence;
      case PublishAttempt::Outcome::kWrongLastSequence: {
        // An earlier attempt of ours may be what moved the stream on.
        const std::uint64_t next = out.expected_last_sequence + 1;
        base::Result<std::optional<StoredMessage>> there = channel.message_at(next);
        if (!there.ok()) {
          last_cause = there.status();
          break;  // ask again
        }
        if (there.value() && there.value()->msg_id == out.msg_id) return next;
        return base::Status{base::ErrorCode::kFenced,
                            base::MessageId::kClusterFenced,
                            {{"sequence", static_cast<std::int64_t>(next)}}};
      }
      case PublishAttempt::Outcome::kNoAnswer:
        last_cause = a.cause;
        break;
    }
    if (std::chrono::steady_clock::now() >= deadline) {
      return base::Status{
          base::ErrorCode::kUnavailable,
          base::MessageId::kClusterPublishGaveUp,
          {{"seconds", static_cast<std::int64_t>(policy.give_up_after.count() / 1000)},
           {"cause", last_cause.to_string()}}};
    }
    std::this_thread::sleep_for(policy.pause);
  }
}

}  // namespace hoyo::cluster
