// How the replication code talks to the stream, as an interface: the
// JetStream connection (connection.h) in production; in tests, wrappers that
// lose answers, and fakes without a server.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "cluster/message_kind.h"

namespace hoyo::cluster {

// One message to publish with its fence.
struct Outgoing {
  std::string subject;
  MessageKind kind = MessageKind::kBatch;
  // Nats-Msg-Id: a retry with the same id inside the stream's duplicate
  // window is acknowledged as a duplicate, not stored again.
  std::string msg_id;
  // Nats-Expected-Last-Sequence: stored only if the stream's last message
  // has this sequence. At least 1 (the genesis message): nats.c leaves the
  // header out for 0.
  std::uint64_t expected_last_sequence = 0;
  std::string_view data;
};

// What one attempt to publish came to.
struct PublishAttempt {
  enum class Outcome {
    kStored,             // stored at `sequence`
    kDuplicate,          // its msg id was stored before, at `sequence`
    kWrongLastSequence,  // refused: the stream's last sequence is not the expected one
    kNoAnswer,           // no answer that settles it (timeout, no leader, no connection)
  };
  Outcome outcome = Outcome::kNoAnswer;
  std::uint64_t sequence = 0;
  base::Status cause;  // for kNoAnswer: why
};

// A message as the stream holds it.
struct StoredMessage {
  std::uint64_t sequence = 0;
  MessageKind kind = MessageKind::kUnknown;
  std::string msg_id;  // "" when it had none
  std::string data;
  std::string subject;  // "" where the reader does not say
};

class PublishChannel {
 public:
  virtual ~PublishChannel() = default;
  // The stream this channel publishes to.
  virtual const std::string& stream() const = 0;
  // One attempt: sends `out` once and waits for its acknowledgement.
  virtual PublishAttempt publish(const Outgoing& out) = 0;
  // The message at `sequence`; nullopt when there is none.
  virtual base::Result<std::optional<StoredMessage>> message_at(std::uint64_t sequence) = 0;
};

// How long a publish keeps trying when it gets no answer that settles it.
struct RetryPolicy {
  std::chrono::milliseconds give_up_after{30000};
  std::chrono::milliseconds pause{50};  // between attempts
};

// Publishes `out` until it is settled: stored right after
// out.expected_last_sequence, or answered as a duplicate or refused for a
// wrong last sequence while the message right after the fence is ours (the
// same msg id and the same bytes: an earlier attempt that got in): its
// sequence. Anything else there (another writer's message, or one under our
// id with other bytes, or our id stored elsewhere) means another writer got
// in: kFenced (kClusterFenced). Attempts without an answer are sent again, the same
// bytes with the same headers, until policy.give_up_after: then kUnavailable
// (kClusterPublishGaveUp), and whether the message got in is unknown.
base::Result<std::uint64_t> publish_settled(PublishChannel& channel, const Outgoing& out,
                                            const RetryPolicy& policy);

}  // namespace hoyo::cluster
