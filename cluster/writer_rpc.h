// Commands that reach a follower go to the writer by NATS request/reply
// (docs/cluster.md, "Any node takes any request"): the writer of epoch E
// serves the subject NAME.rpc.writer.E in the queue group "writer", and a
// follower sends to the epoch the lease names, so an old writer that has not
// yet stepped down (frozen, partitioned) gets nothing once the lease moved;
// the queue group keeps one request to one server all the same. The payloads are opaque bytes
// (hoyod sends whole HTTP requests and answers: http/app/forwarding.h).
// NAME.rpc.writer is outside the stream's subjects (NAME.*) and inside what
// only hoyod may publish (NAME.>).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "base/status.h"
#include "cluster/connection.h"

namespace hoyo::cluster {

// Answers one request: call `answer` once, from any thread.
using RpcAnswer = std::function<void(std::string bytes)>;
using RpcHandler = std::function<void(std::string request, RpcAnswer answer)>;

// The writer's end: while it lives, requests reach `handler` (on nats.c's
// delivery thread: it must not block). The connection must outlive it.
class WriterRpcServer {
 public:
  static base::Result<std::unique_ptr<WriterRpcServer>> serve(Connection& connection,
                                                              std::uint64_t epoch,
                                                              RpcHandler handler);
  // Stops taking requests; those delivered are handed to the handler first,
  // and no call of it runs once this returns.
  ~WriterRpcServer();
  WriterRpcServer(const WriterRpcServer&) = delete;
  WriterRpcServer& operator=(const WriterRpcServer&) = delete;

 private:
  explicit WriterRpcServer(natsSubscription* sub) : sub_(sub) {}
  natsSubscription* sub_;
};

// The follower's end: sends `request` to the writer of `epoch` and waits up to
// `timeout` for its answer. kUnavailable (kClusterNoWriterAnswer) when no
// writer serves or none answered in time: the request may or may not have
// been carried out (a retry with its Idempotency-Key is safe);
// kPayloadTooLarge (kClusterForwardTooLarge) when it exceeds what the
// servers carry, and then nothing was sent. While no server knows of a
// writer (one that just began serving is known to the other servers a moment
// later), it asks again for up to half a second of `timeout` (a dead
// writer's lease outlives it by seconds: longer would hold the caller).
// `still_writing`, when given, is asked every 250 ms of the wait: once it
// says false (the lease names another epoch, or none: the writer asked died
// or stepped down), the answer is awaited one second more (a writer that
// lost its lease alive may still answer), then the wait ends with
// kUnavailable instead of holding the caller's thread for the rest of
// `timeout`.
base::Result<std::string> call_writer(Connection& connection, std::uint64_t epoch,
                                      const std::string& request, std::chrono::milliseconds timeout,
                                      const std::function<bool()>& still_writing = {});

// The subject the writer of `epoch` serves.
std::string writer_rpc_subject(const std::string& stream, std::uint64_t epoch);

}  // namespace hoyo::cluster
