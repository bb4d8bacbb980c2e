#include "cluster/election.h"

#include <openssl/rand.h>

#include <array>

#include "base/hex.h"
#include "cluster/epoch_message.h"

namespace hoyo::cluster {
namespace {

base::Status lost(std::uint64_t sequence) {
  return {base::ErrorCode::kFenced,
          base::MessageId::kClusterElectionLost,
          {{"sequence", static_cast<std::int64_t>(sequence)}}};
}

}  // namespace

const std::string& process_incarnation() {
  static const std::string incarnation = [] {
    std::array<std::uint8_t, 8> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
      base::contract_violation("the CSPRNG gave no bytes for the process incarnation");
    }
    return base::to_hex(bytes);
  }();
  return incarnation;
}

base::Result<Term> campaign(Connection& c, const std::string& node, const CatchUp& catch_up,
                            const RetryPolicy& retry, const std::string& incarnation,
                            std::optional<std::uint64_t> seen_epoch) {
  const StreamSubjects subjects = StreamSubjects::of(c.stream());
  base::Result<StreamState> state = c.stream_state();
  if (!state.ok()) return state.status();
  const std::uint64_t last = state->last_sequence;
  if (last == 0) {
    return base::Status{
        base::ErrorCode::kCorruption, base::MessageId::kClusterNoGenesis, {{"stream", c.stream()}}};
  }
  if (catch_up) {
    if (base::Status s = catch_up(last); !s.ok()) return s;
  }
  // Read after L: an epoch message past L means we lost already (and its
  // epoch must not be reused).
  base::Result<std::optional<StoredMessage>> previous = c.last_message_on(subjects.epoch);
  if (!previous.ok()) return previous.status();
  const std::uint64_t previous_sequence = previous.value() ? previous.value()->sequence : 0;
  if (seen_epoch && previous_sequence != *seen_epoch) return lost(previous_sequence);
  std::uint64_t epoch = 1;
  if (previous.value()) {
    if (previous.value()->sequence > last) return lost(previous.value()->sequence);
    base::Result<WriterEpochStarted> e = decode_epoch(previous.value()->data);
    if (!e.ok()) return e.status();
    epoch = e->epoch + 1;
  }
  return claim_epoch(c, subjects.epoch, {epoch, node}, incarnation, last, retry);
}

base::Result<Term> claim_epoch(PublishChannel& channel, const std::string& epoch_subject,
                               const WriterEpochStarted& claim, const std::string& incarnation,
                               std::uint64_t last, const RetryPolicy& retry) {
  const std::string data = encode_epoch(claim);
  const Outgoing out{epoch_subject, MessageKind::kEpoch,
                     "epoch:" + std::to_string(claim.epoch) + ":" + claim.node + ":" + incarnation,
                     last, data};
  base::Result<std::uint64_t> sequence = publish_settled(channel, out, retry);
  if (sequence.is(base::ErrorCode::kFenced)) return lost(last + 1);
  if (!sequence.ok()) return sequence.status();
  return Term{claim.epoch, claim.node, sequence.value()};
}

}  // namespace hoyo::cluster
