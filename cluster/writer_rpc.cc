#include "cluster/writer_rpc.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>
#include <vector>

#include "cluster/transfer.h"

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
  TransferAssembler parts;  // the requests that come in parts (cluster/transfer.h)
};

std::string_view data_of(natsMsg* msg) {
  const char* data = natsMsg_GetData(msg);
  return data ? std::string_view(data, static_cast<std::size_t>(natsMsg_GetDataLength(msg)))
              : std::string_view();
}

// Answers a part on `inbox` with headers only (taken, or refused).
void answer_part(natsConnection* nc, const std::string& inbox,
                 const std::vector<std::pair<const char*, std::string>>& headers) {
  natsMsg* m = nullptr;
  if (natsMsg_Create(&m, inbox.c_str(), nullptr, nullptr, 0) != NATS_OK) return;
  for (const auto& [key, value] : headers) {
    if (!value.empty()) (void)natsMsgHeader_Set(m, key, value.c_str());
  }
  // A lost answer is the caller's timeout, as for a whole request.
  (void)natsConnection_PublishMsg(nc, m);
  natsMsg_Destroy(m);
}

// A part goes to the assembler: answered at once unless it was the last of
// its request, which is then the whole request.
std::optional<std::string> take_part(Serving& serving, natsMsg* msg, const std::string& inbox) {
  const PartHeaders h{header_of(msg, kTransferHeader), header_of(msg, kPartHeader),
                      header_of(msg, kSizeHeader), header_of(msg, kSha256Header),
                      header_of(msg, kSenderHeader)};
  base::Result<TransferPart> part = read_part(h, data_of(msg));
  base::Result<std::optional<std::string>> taken =
      part.ok() ? serving.parts.add(*part, std::chrono::steady_clock::now()) : part.status();
  if (!taken.ok()) {
    const auto [refused, detail] = refusal_headers(taken.error());
    answer_part(serving.nc, inbox, {{kRefusedHeader, refused}, {kRefusedDetailHeader, detail}});
    return std::nullopt;
  }
  if (!*taken) answer_part(serving.nc, inbox, {{kPartTakenHeader, std::to_string(part->index)}});
  return std::move(*taken);
}

void on_request(natsConnection* nc, natsSubscription*, natsMsg* msg, void* closure) {
  auto* serving = static_cast<Serving*>(closure);
  const char* reply_to = natsMsg_GetReply(msg);
  if (reply_to == nullptr || *reply_to == '\0') {
    natsMsg_Destroy(msg);  // nobody waits for an answer: nothing to do
    return;
  }
  std::string inbox(reply_to);
  std::optional<std::string> request;
  if (header_of(msg, kTransferHeader).empty()) {
    // Transfers abandoned meanwhile are freed at any request, not only at
    // the next part.
    serving->parts.expire(std::chrono::steady_clock::now());
    request = std::string(data_of(msg));
  } else {
    request = take_part(*serving, msg, inbox);
  }
  natsMsg_Destroy(msg);
  if (!request) return;
  serving->handler(std::move(*request), [nc, inbox = std::move(inbox)](std::string bytes) {
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

base::Result<std::unique_ptr<WriterRpcServer>> WriterRpcServer::serve(
    Connection& connection, std::uint64_t epoch, RpcHandler handler, const TransferLimits& limits) {
  auto* serving = new Serving{connection.core(), std::move(handler), TransferAssembler(limits)};
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

namespace {

// The answer to one message sent to the writer.
struct Reply {
  std::string data;
  std::string taken;    // kPartTakenHeader
  std::string refused;  // kRefusedHeader
  std::string detail;   // kRefusedDetailHeader
};

// Sends one message (`publish` sends it with `inbox` as its reply subject)
// and waits for its answer, by the rules call_writer states: asked again
// while no server knows of a writer, given up once the writer asked is no
// longer the writer (after the grace) or at `timeout`.
base::Result<Reply> exchange(const Inbox& inbox, const std::function<natsStatus()>& publish,
                             std::chrono::milliseconds timeout,
                             const std::function<bool()>& still_writing) {
  const auto start = std::chrono::steady_clock::now();
  const auto deadline = start + timeout;
  const auto asking_until = start + std::min(timeout, kNoResponderWait);
  std::optional<std::chrono::steady_clock::time_point> given_up;  // the end of the grace
  for (;;) {
    natsStatus s = publish();
    if (s != NATS_OK) return rpc_failure(s);
    for (;;) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) return rpc_failure(NATS_TIMEOUT);
      natsMsg* msg = nullptr;
      s = natsSubscription_NextMsg(&msg, inbox.sub(), std::min(left, kRecheck).count());
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
      if (natsMsg_IsNoResponders(msg)) {
        natsMsg_Destroy(msg);
        s = NATS_NO_RESPONDERS;
        break;
      }
      Reply reply{std::string(data_of(msg)), header_of(msg, kPartTakenHeader),
                  header_of(msg, kRefusedHeader), header_of(msg, kRefusedDetailHeader)};
      natsMsg_Destroy(msg);
      return reply;
    }
    // No responder: nobody received the message, so sending it again is safe.
    if (std::chrono::steady_clock::now() + kNoResponderPause >= asking_until) {
      return rpc_failure(s);
    }
    std::this_thread::sleep_for(kNoResponderPause);
  }
}

natsStatus publish_part(natsConnection* nc, const std::string& subject, const char* inbox,
                        const TransferPart& part) {
  natsMsg* m = nullptr;
  natsStatus s = natsMsg_Create(&m, subject.c_str(), inbox, part.bytes.data(),
                                static_cast<int>(part.bytes.size()));
  const PartHeaders h = headers_of(part);
  const std::pair<const char*, const std::string*> headers[] = {{kTransferHeader, &h.transfer},
                                                                {kPartHeader, &h.part},
                                                                {kSizeHeader, &h.size},
                                                                {kSha256Header, &h.sha256},
                                                                {kSenderHeader, &h.sender}};
  for (const auto& [key, value] : headers) {
    if (s == NATS_OK) s = natsMsgHeader_Set(m, key, value->c_str());
  }
  if (s == NATS_OK) s = natsConnection_PublishMsg(nc, m);
  natsMsg_Destroy(m);
  return s;
}

}  // namespace

base::Result<std::string> call_writer(Connection& connection, std::uint64_t epoch,
                                      const std::string& request, std::chrono::milliseconds timeout,
                                      const std::function<bool()>& still_writing) {
  natsConnection* nc = connection.core();
  Inbox inbox(nc);
  if (inbox.status() != NATS_OK) return rpc_failure(inbox.status());
  const std::string subject = writer_rpc_subject(connection.stream(), epoch);
  if (request.size() <= kTransferPartBytes) {
    auto reply = exchange(
        inbox,
        [&] {
          return natsConnection_PublishRequest(nc, subject.c_str(), inbox.name(), request.data(),
                                               static_cast<int>(request.size()));
        },
        timeout, still_writing);
    if (!reply.ok()) return reply.status();
    return std::move(reply->data);
  }
  // In parts, one at a time: each is answered (taken, or refused) before the
  // next goes, and the last one's answer is the request's.
  for (const TransferPart& part : cut_request(request, new_transfer_id(), connection.name())) {
    auto reply = exchange(
        inbox, [&] { return publish_part(nc, subject, inbox.name(), part); }, timeout,
        still_writing);
    if (!reply.ok()) return reply.status();
    if (!reply->refused.empty()) return refusal_of(reply->refused, reply->detail, request.size());
    if (part.index + 1 == part.count) return std::move(reply->data);
    if (reply->taken != std::to_string(part.index)) {
      return refusal_of("", "a part was answered but not taken", request.size());
    }
  }
  return refusal_of("", "no parts", request.size());  // (a request this large has two or more)
}

}  // namespace hoyo::cluster
