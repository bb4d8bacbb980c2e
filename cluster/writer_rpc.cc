#include "cluster/writer_rpc.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <optional>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "base/mutex.h"

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

// Subscribes `handler` to `subject` (in the queue group `queue` unless null)
// with `closure`, which the subscription's completion deletes once no
// callback can run (nats.c frees nothing of it); the server holds the
// subscription once this returns. On failure nothing is left subscribed,
// and `closure` is deleted with the subscription.
template <class Closure>
natsStatus subscribe_owning(natsSubscription** sub, natsConnection* nc, const std::string& subject,
                            const char* queue, natsMsgHandler handler, Closure* closure) {
  natsStatus s =
      queue ? natsConnection_QueueSubscribe(sub, nc, subject.c_str(), queue, handler, closure)
            : natsConnection_Subscribe(sub, nc, subject.c_str(), handler, closure);
  if (s == NATS_OK) {
    s = natsSubscription_SetOnCompleteCB(
        *sub, [](void* c) { delete static_cast<Closure*>(c); }, closure);
  }
  if (s != NATS_OK) {
    if (*sub) {
      natsSubscription_Unsubscribe(*sub);
      natsSubscription_Destroy(*sub);
      *sub = nullptr;
    } else {
      delete closure;
    }
    return s;
  }
  (void)natsConnection_Flush(nc);
  return NATS_OK;
}

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
  // The subscription is known to the server before the writer says so.
  const natsStatus s =
      subscribe_owning(&sub, connection.core(), subject, kQueueGroup, on_request, serving);
  if (s != NATS_OK) return rpc_failure(s);
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

// How often a wait for an answer looks whether the writer is still the one
// asked.
constexpr std::chrono::milliseconds kRecheck{250};
// How long it still listens once the writer asked is no longer the writer:
// one that lost its lease while alive may still answer what it carried out.
constexpr std::chrono::milliseconds kGrace{1000};

// One call's place for its answer, on the caller's stack while it is listed
// in Replies::waiting.
struct Waiter {
  bool done = false;           // an answer (or a no-responders status) came
  bool no_responders = false;  // nobody received the request
  std::string answer;
  base::CondVar cv;
};

}  // namespace

struct WriterCaller::Replies {
  std::string prefix;  // "_INBOX.ID.": a call's reply subject is this and its N
  base::Mutex mu;
  std::uint64_t next HOYO_GUARDED_BY(mu) = 0;
  std::unordered_map<std::uint64_t, Waiter*> waiting HOYO_GUARDED_BY(mu);
};

namespace {

void on_reply(natsConnection*, natsSubscription*, natsMsg* msg, void* closure) {
  auto* replies = static_cast<WriterCaller::Replies*>(closure);
  const std::string_view subject = natsMsg_GetSubject(msg);
  std::uint64_t n = 0;
  const bool ours = subject.size() > replies->prefix.size() &&
                    subject.substr(0, replies->prefix.size()) == replies->prefix;
  const char* first = subject.data() + replies->prefix.size();
  const char* last = subject.data() + subject.size();
  if (!ours || std::from_chars(first, last, n).ptr != last) {
    natsMsg_Destroy(msg);  // no subject a call of ours uses
    return;
  }
  const bool no_responders = natsMsg_IsNoResponders(msg);
  const char* data = natsMsg_GetData(msg);
  std::string answer = data && !no_responders
                           ? std::string(data, static_cast<std::size_t>(natsMsg_GetDataLength(msg)))
                           : std::string();
  natsMsg_Destroy(msg);
  base::MutexLock lk(replies->mu);
  auto it = replies->waiting.find(n);
  if (it == replies->waiting.end() || it->second->done) return;  // late: its call ended
  Waiter& w = *it->second;
  w.done = true;
  w.no_responders = no_responders;
  w.answer = std::move(answer);
  w.cv.notify_one();
}

}  // namespace

base::Result<std::unique_ptr<WriterCaller>> WriterCaller::open(Connection& connection) {
  natsInbox* inbox = nullptr;
  natsStatus s = natsInbox_Create(&inbox);
  if (s != NATS_OK) return rpc_failure(s);
  auto* replies = new Replies;
  replies->prefix = std::string(inbox) + ".";
  natsInbox_Destroy(inbox);
  natsSubscription* sub = nullptr;
  const std::string wildcard = replies->prefix + "*";
  // The server holds the subscription before the first answer is sent to it.
  s = subscribe_owning(&sub, connection.core(), wildcard, nullptr, on_reply, replies);
  if (s != NATS_OK) return rpc_failure(s);
  return std::unique_ptr<WriterCaller>(new WriterCaller(connection, sub, replies));
}

WriterCaller::~WriterCaller() {
  // Replies goes with the subscription's completion, once no callback runs.
  natsSubscription_Unsubscribe(sub_);
  natsSubscription_Destroy(sub_);
}

base::Result<std::string> WriterCaller::call(std::uint64_t epoch, const std::string& request,
                                             std::chrono::milliseconds timeout,
                                             const std::function<bool()>& still_writing) {
  natsConnection* nc = connection_.core();
  const std::int64_t max = natsConnection_GetMaxPayload(nc);
  if (max > 0 && static_cast<std::int64_t>(request.size()) > max) {
    return base::Status{base::ErrorCode::kPayloadTooLarge,
                        base::MessageId::kClusterForwardTooLarge,
                        {{"bytes", std::to_string(request.size())}, {"max", std::to_string(max)}}};
  }
  Replies& replies = *replies_;
  Waiter waiter;
  std::uint64_t n = 0;
  {
    base::MutexLock lk(replies.mu);
    n = replies.next++;
    replies.waiting.emplace(n, &waiter);
  }
  // Listed until it returns, whichever way.
  struct Unlist {
    Replies& replies;
    std::uint64_t n;
    ~Unlist() {
      base::MutexLock lk(replies.mu);
      replies.waiting.erase(n);
    }
  } unlist{replies, n};
  const std::string reply_to = replies.prefix + std::to_string(n);
  const std::string subject = writer_rpc_subject(connection_.stream(), epoch);
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + timeout;
  const auto asking_until = start + std::min(timeout, kNoResponderWait);
  std::optional<std::chrono::steady_clock::time_point> given_up;  // the end of the grace
  for (;;) {
    natsStatus s = natsConnection_PublishRequest(nc, subject.c_str(), reply_to.c_str(),
                                                 request.data(), static_cast<int>(request.size()));
    if (s != NATS_OK) return rpc_failure(s);
    for (;;) {
      {
        base::MutexLock lk(replies.mu);
        const auto now = std::chrono::steady_clock::now();
        if (!waiter.done && now >= deadline) return rpc_failure(NATS_TIMEOUT);
        const auto step = std::min<std::chrono::steady_clock::duration>(deadline - now, kRecheck);
        if (waiter.cv.wait_for(lk, step, [&]() HOYO_REQUIRES(replies.mu) { return waiter.done; })) {
          if (!waiter.no_responders) return std::move(waiter.answer);
          // Nobody received the request: asking again is safe.
          waiter.done = false;
          waiter.no_responders = false;
          break;
        }
      }
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
    }
    if (std::chrono::steady_clock::now() + kNoResponderPause >= asking_until) {
      return rpc_failure(NATS_NO_RESPONDERS);
    }
    std::this_thread::sleep_for(kNoResponderPause);
  }
}

}  // namespace hoyo::cluster
