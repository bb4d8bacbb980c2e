#include "cluster/writer_rpc.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

namespace hoyo::cluster {
namespace {

constexpr const char* kQueueGroup = "writer";
// How long stopping to serve waits for the requests already delivered.
constexpr std::int64_t kDrainWaitMs = 5000;
// How long a caller keeps asking when no server knows of a writer yet: a new
// writer's subscription reaches the other servers of the cluster a moment
// after it began, and a request sent in that moment finds no responder.
constexpr std::chrono::milliseconds kNoResponderWait{500};
constexpr std::chrono::milliseconds kNoResponderPause{20};

// What a subscription's callbacks use; nats.c frees nothing of it, so the
// subscription's completion callback deletes it once no callback can run.
struct Serving {
  natsConnection* nc;
  RpcHandler handler;
};

void on_request(natsConnection* nc, natsSubscription*, natsMsg* msg, void* closure) {
  auto* serving = static_cast<Serving*>(closure);
  const char* reply_to = natsMsg_GetReply(msg);
  if (reply_to == nullptr || *reply_to == '\0') {
    natsMsg_Destroy(msg);  // nobody waits for an answer: nothing to do
    return;
  }
  std::string inbox(reply_to);
  const char* data = natsMsg_GetData(msg);
  std::string request =
      data ? std::string(data, static_cast<std::size_t>(natsMsg_GetDataLength(msg)))
           : std::string();
  natsMsg_Destroy(msg);
  serving->handler(std::move(request), [nc, inbox = std::move(inbox)](std::string bytes) {
    // A lost answer is the caller's timeout: it answers 503 and the client retries.
    (void)natsConnection_Publish(nc, inbox.c_str(), bytes.data(), static_cast<int>(bytes.size()));
  });
}

void on_complete(void* closure) { delete static_cast<Serving*>(closure); }

base::Status rpc_failure(natsStatus s) {
  return {base::ErrorCode::kUnavailable,
          base::MessageId::kClusterNoWriterAnswer,
          {{"cause", std::string(natsStatus_GetText(s))}}};
}

}  // namespace

std::string writer_rpc_subject(const std::string& stream, std::uint64_t epoch) {
  return stream + ".rpc.writer." + std::to_string(epoch);
}

base::Result<std::unique_ptr<WriterRpcServer>> WriterRpcServer::serve(Connection& connection,
                                                                      std::uint64_t epoch,
                                                                      RpcHandler handler) {
  auto* serving = new Serving{connection.core(), std::move(handler)};
  natsSubscription* sub = nullptr;
  const std::string subject = writer_rpc_subject(connection.stream(), epoch);
  natsStatus s = natsConnection_QueueSubscribe(&sub, connection.core(), subject.c_str(),
                                               kQueueGroup, on_request, serving);
  if (s == NATS_OK) s = natsSubscription_SetOnCompleteCB(sub, on_complete, serving);
  if (s != NATS_OK) {
    if (sub) {
      natsSubscription_Unsubscribe(sub);
      natsSubscription_Destroy(sub);
    } else {
      delete serving;
    }
    return rpc_failure(s);
  }
  // The subscription is known to the server before the writer says so.
  (void)natsConnection_Flush(connection.core());
  return std::unique_ptr<WriterRpcServer>(new WriterRpcServer(sub));
}

WriterRpcServer::~WriterRpcServer() {
  // Drained: the requests already delivered are handed over, and no callback
  // runs once this returns (an unsubscribe alone does not wait for one).
  if (natsSubscription_Drain(sub_) != NATS_OK ||
      natsSubscription_WaitForDrainCompletion(sub_, kDrainWaitMs) != NATS_OK) {
    natsSubscription_Unsubscribe(sub_);
  }
  natsSubscription_Destroy(sub_);
}

namespace {

// One caller's inbox: a subscription of its own, so that a wait can be cut
// short without sending the request again.
class Inbox {
 public:
  explicit Inbox(natsConnection* nc) {
    status_ = natsInbox_Create(&name_);
    if (status_ == NATS_OK) status_ = natsConnection_SubscribeSync(&sub_, nc, name_);
  }
  ~Inbox() {
    if (sub_) {
      natsSubscription_Unsubscribe(sub_);
      natsSubscription_Destroy(sub_);
    }
    if (name_) natsInbox_Destroy(name_);
  }
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;
  natsStatus status() const { return status_; }
  const char* name() const { return name_; }
  natsSubscription* sub() const { return sub_; }

 private:
  natsInbox* name_ = nullptr;
  natsSubscription* sub_ = nullptr;
  natsStatus status_ = NATS_OK;
};

// How often a wait for an answer looks whether the writer is still the one
// asked.
constexpr std::chrono::milliseconds kRecheck{250};
// How long it still listens once the writer asked is no longer the writer:
// one that lost its lease while alive may still answer what it carried out.
constexpr std::chrono::milliseconds kGrace{1000};

}  // namespace

base::Result<std::string> call_writer(Connection& connection, std::uint64_t epoch,
                                      const std::string& request, std::chrono::milliseconds timeout,
                                      const std::function<bool()>& still_writing) {
  natsConnection* nc = connection.core();
  const std::int64_t max = natsConnection_GetMaxPayload(nc);
  if (max > 0 && static_cast<std::int64_t>(request.size()) > max) {
    return base::Status{base::ErrorCode::kPayloadTooLarge,
                        base::MessageId::kClusterForwardTooLarge,
                        {{"bytes", std::to_string(request.size())}, {"max", std::to_string(max)}}};
  }
  Inbox inbox(nc);
  if (inbox.status() != NATS_OK) return rpc_failure(inbox.status());
  const std::string subject = writer_rpc_subject(connection.stream(), epoch);
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + timeout;
  const auto asking_until = start + std::min(timeout, kNoResponderWait);
  std::optional<std::chrono::steady_clock::time_point> given_up;  // the end of the grace
  for (;;) {
    natsStatus s = natsConnection_PublishRequest(nc, subject.c_str(), inbox.name(), request.data(),
                                                 static_cast<int>(request.size()));
    if (s != NATS_OK) return rpc_failure(s);
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return rpc_failure(NATS_TIMEOUT);
      natsMsg* reply = nullptr;
      s = natsSubscription_NextMsg(&reply, inbox.sub(), std::min(left, kRecheck).count());
      if (s == NATS_TIMEOUT) {
        // The writer asked died or stepped down: its answer will most likely
        // not come. It is awaited a moment longer (a writer that lost its
        // lease alive answers what it carried out), then not at all.
        const auto now = std::chrono::steady_clock::now();
        if (!given_up && still_writing && !still_writing()) given_up = now + kGrace;
        if (given_up && now >= *given_up) {
          return base::Status{base::ErrorCode::kUnavailable,
                              base::MessageId::kClusterNoWriterAnswer,
                              {{"cause", std::string("the lease names another writer or none")}}};
        }
        continue;
      }
      // (nats.c answers a "no responders" status message either way.)
      if (s == NATS_NO_RESPONDERS) break;
      if (s != NATS_OK) return rpc_failure(s);
      if (natsMsg_IsNoResponders(reply)) {
        natsMsg_Destroy(reply);
        s = NATS_NO_RESPONDERS;
        break;
      }
      const char* data = natsMsg_GetData(reply);
      std::string answer =
          data ? std::string(data, static_cast<std::size_t>(natsMsg_GetDataLength(reply)))
               : std::string();
      natsMsg_Destroy(reply);
      return answer;
    }
    // No responder: nobody received the request, so asking again is safe.
    if (std::chrono::steady_clock::now() + kNoResponderPause >= asking_until) {
      return rpc_failure(s);
    }
    std::this_thread::sleep_for(kNoResponderPause);
  }
}

}  // namespace hoyo::cluster
