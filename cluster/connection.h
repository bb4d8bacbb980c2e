// A connection to the NATS cluster and its JetStream context (nats.c 3.4),
// bound to one stream: what the replication code publishes through and reads
// from. Safe to use from several threads (nats.c's connection is). It
// reconnects by itself, to any of the servers, without end; a request made
// while it is away fails with kNoAnswer or kUnavailable and may be retried.
#pragma once

#include <nats/nats.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "cluster/publish_channel.h"

namespace hoyo::cluster {

struct ConnectionOptions {
  // "nats://H:P[,nats://H:P...]".
  std::string urls;
  // The stream every call of this connection is about.
  std::string stream = "HOYO";
  // This client's name, as the servers show it.
  std::string name = "hoyo";
  // How long one JetStream request or publish waits for its answer.
  std::chrono::milliseconds request_timeout{2000};
};

// The stream's state as the server reports it.
struct StreamState {
  std::uint64_t last_sequence = 0;
  std::uint64_t messages = 0;
  std::string leader;  // the server leading the stream's Raft group ("" when none)
};

// The value of a message's header `key`; "" when it has none.
std::string header_of(natsMsg* msg, const char* key);

class Connection : public PublishChannel {
 public:
  // Connects to one of the servers; kUnavailable (kClusterConnectFailed)
  // when none answers.
  static base::Result<std::unique_ptr<Connection>> open(const ConnectionOptions& options);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::string& stream() const override { return options_.stream; }
  // This client's name (ConnectionOptions::name).
  const std::string& name() const { return options_.name; }
  PublishAttempt publish(const Outgoing& out) override;
  base::Result<std::optional<StoredMessage>> message_at(std::uint64_t sequence) override;
  // The last message on `subject` in the stream; nullopt when there is none.
  base::Result<std::optional<StoredMessage>> last_message_on(const std::string& subject);
  // Erases the message at `sequence` so that its bytes leave the servers'
  // message files (js_EraseMsg: overwritten, not only marked deleted); ok
  // when there is no message there. Only where the stream allows deletes.
  base::Status erase_message(std::uint64_t sequence);
  // kNotFound when the stream does not exist.
  base::Result<StreamState> stream_state();

  // For stream.cc, which creates and checks the stream.
  jsCtx* jetstream() const { return js_; }
  // For writer_rpc.cc: plain NATS request/reply beside the stream.
  natsConnection* core() const { return nc_; }
  jsOptions request_options() const;

 private:
  explicit Connection(ConnectionOptions options) : options_(std::move(options)) {}

  ConnectionOptions options_;
  natsConnection* nc_ = nullptr;
  jsCtx* js_ = nullptr;
};

// A message a subscription delivered, as a StoredMessage (its stream
// sequence from the JetStream metadata; 0 when it has none). `pending`, when
// given, receives how many messages of the consumer followed it then.
StoredMessage received_message(natsMsg* msg, std::uint64_t* pending = nullptr);

// kUnavailable (kClusterJetStreamFailed) naming `what`, nats.c's status and
// JetStream's error code: the failure of a JetStream request.
base::Status jetstream_failure(const char* what, natsStatus s, jsErrCode jerr);

}  // namespace hoyo::cluster
