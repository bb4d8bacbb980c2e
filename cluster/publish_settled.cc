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
        return a.sequence;
      case PublishAttempt::Outcome::kDuplicate:
      case PublishAttempt::Outcome::kWrongLastSequence: {
        // An earlier attempt of ours may be what got in: the message there
        // (at the duplicate's sequence, or right after the fence) settles it
        // only if it is ours, byte for byte, right after the fence. Another
        // process that used the same id (a second node under the same name)
        // does not.
        const std::uint64_t next = out.expected_last_sequence + 1;
        const std::uint64_t at =
            a.outcome == PublishAttempt::Outcome::kDuplicate ? a.sequence : next;
        base::Result<std::optional<StoredMessage>> there = channel.message_at(at);
        if (!there.ok()) {
          last_cause = there.status();
          break;  // ask again
        }
        if (at == next && there.value() && there.value()->msg_id == out.msg_id &&
            there.value()->data == out.data) {
          return next;
        }
        return base::Status{base::ErrorCode::kFenced,
                            base::MessageId::kClusterFenced,
                            {{"sequence", static_cast<std::int64_t>(at)}}};
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
