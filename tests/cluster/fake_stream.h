// A stream in memory for the cluster tests that need no server.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "cluster/publish_channel.h"

namespace hoyo::testing {

using cluster::MessageKind;
using cluster::Outgoing;
using cluster::PublishAttempt;
using cluster::StoredMessage;
using Outcome = PublishAttempt::Outcome;

// A stream in memory with JetStream's rules for the fence and the message
// id, and scripted answers that can be lost.
class FakeStream : public cluster::PublishChannel {
 public:
  const std::string& stream() const override { return name_; }

  PublishAttempt publish(const Outgoing& out) override {
    sent.push_back({out.msg_id, out.expected_last_sequence, std::string(out.data)});
    PublishAttempt a;
    if (ids_.count(out.msg_id) && !forget_ids) {
      a = {Outcome::kDuplicate, ids_[out.msg_id], {}};
    } else if (out.expected_last_sequence != messages.size()) {
      a.outcome = Outcome::kWrongLastSequence;
    } else {
      messages.push_back({messages.size() + 1, out.kind, out.msg_id, std::string(out.data)});
      ids_[out.msg_id] = messages.size();
      a = {Outcome::kStored, messages.size(), {}};
    }
    if (lose_answers > 0) {
      --lose_answers;
      return {
          Outcome::kNoAnswer, 0,
          base::Status{base::ErrorCode::kUnavailable, base::MessageId::kClusterJetStreamFailed}};
    }
    return a;
  }

  base::Result<std::optional<StoredMessage>> message_at(std::uint64_t sequence) override {
    if (sequence == 0 || sequence > messages.size()) return std::optional<StoredMessage>();
    return std::optional<StoredMessage>(messages[sequence - 1]);
  }

  // Message ids the duplicate check knows, as if stored under them before.
  void remember(const std::map<std::string, std::uint64_t>& ids) {
    for (const auto& [id, sequence] : ids) ids_[id] = sequence;
  }

  // Another writer's message, stored directly.
  void append_other(const std::string& msg_id) {
    messages.push_back({messages.size() + 1, MessageKind::kBatch, msg_id, "other"});
    ids_[msg_id] = messages.size();
  }

  struct Sent {
    std::string msg_id;
    std::uint64_t expected;
    std::string data;
  };
  std::vector<Sent> sent;
  std::vector<StoredMessage> messages{{1, MessageKind::kGenesis, "genesis", ""}};
  int lose_answers = 0;
  bool forget_ids = false;  // as if the duplicate window had passed

 private:
  std::string name_ = "HOYO";
  std::map<std::string, std::uint64_t> ids_;
};

}  // namespace hoyo::testing
