#include "cluster/connection.h"

#include <set>
#include <vector>

#include "base/log.h"
#include "base/mutex.h"
#include "cluster/nats_url.h"

namespace hoyo::cluster {
namespace {

constexpr jsErrCode kNoMessageFound = static_cast<jsErrCode>(10037);

// nats.c's asynchronous errors: a permission violation (the server refused
// a publish or a subscription for lack of permission, and the publisher
// would otherwise only wait) is logged once per distinct refusal (its text
// names the subject), at most kRefusalsLogged of them for the process.
constexpr std::size_t kRefusalsLogged = 256;

void on_async_error(natsConnection* nc, natsSubscription*, natsStatus err, void*) {
  if (err != NATS_NOT_PERMITTED) return;
  const char* text = nullptr;
  natsConnection_GetLastError(nc, &text);
  const std::string refusal = text ? text : natsStatus_GetText(err);
  static base::Mutex mu;
  static std::set<std::string> logged;
  {
    base::MutexLock lk(mu);
    if (logged.size() >= kRefusalsLogged || !logged.insert(refusal).second) return;
  }
  base::log_line("error", "cluster: the NATS server refused an operation (permissions)",
                 {{"error", refusal}});
}

StoredMessage stored(natsMsg* msg) {
  StoredMessage m;
  m.sequence = natsMsg_GetSequence(msg);
  if (const char* subject = natsMsg_GetSubject(msg)) m.subject = subject;
  m.kind = kind_of(header_of(msg, kKindHeader));
  m.msg_id = header_of(msg, "Nats-Msg-Id");
  const char* data = natsMsg_GetData(msg);
  if (data) m.data.assign(data, static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
  return m;
}

}  // namespace

std::string header_of(natsMsg* msg, const char* key) {
  const char* value = nullptr;
  return natsMsgHeader_Get(msg, key, &value) == NATS_OK && value ? value : "";
}

StoredMessage received_message(natsMsg* msg, std::uint64_t* pending) {
  StoredMessage m;
  jsMsgMetaData* meta = nullptr;
  if (natsMsg_GetMetaData(&meta, msg) == NATS_OK) {
    m.sequence = meta->Sequence.Stream;
    if (pending) *pending = meta->NumPending;
    jsMsgMetaData_Destroy(meta);
  }
  if (const char* subject = natsMsg_GetSubject(msg)) m.subject = subject;
  m.kind = kind_of(header_of(msg, kKindHeader));
  m.msg_id = header_of(msg, "Nats-Msg-Id");
  if (const char* data = natsMsg_GetData(msg)) {
    m.data.assign(data, static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
  }
  return m;
}

base::Status jetstream_failure(const char* what, natsStatus s, jsErrCode jerr) {
  std::string cause = natsStatus_GetText(s);
  if (jerr != 0) cause += " (JetStream error " + std::to_string(static_cast<int>(jerr)) + ")";
  return {base::ErrorCode::kUnavailable,
          base::MessageId::kClusterJetStreamFailed,
          {{"what", std::string(what)}, {"cause", cause}}};
}

base::Result<std::unique_ptr<Connection>> Connection::open(const ConnectionOptions& options) {
  std::unique_ptr<Connection> c(new Connection(options));
  const std::vector<std::string> urls = split_nats_urls(options.urls);
  std::vector<const char*> servers;
  for (const auto& u : urls) servers.push_back(u.c_str());
  natsOptions* opts = nullptr;
  natsStatus s = natsOptions_Create(&opts);
  if (s == NATS_OK)
    s = natsOptions_SetServers(opts, servers.data(), static_cast<int>(servers.size()));
  if (s == NATS_OK) s = natsOptions_SetName(opts, options.name.c_str());
  if (s == NATS_OK) s = natsOptions_SetTimeout(opts, options.request_timeout.count());
  if (s == NATS_OK) s = natsOptions_SetMaxReconnect(opts, -1);
  if (s == NATS_OK) s = natsOptions_SetReconnectWait(opts, 100);
  if (s == NATS_OK) s = natsOptions_SetErrorHandler(opts, on_async_error, nullptr);
  if (s == NATS_OK) s = natsConnection_Connect(&c->nc_, opts);
  natsOptions_Destroy(opts);
  if (s == NATS_OK) {
    jsOptions jo = c->request_options();
    s = natsConnection_JetStream(&c->js_, c->nc_, &jo);
  }
  if (s != NATS_OK) {
    return base::Status{
        base::ErrorCode::kUnavailable,
        base::MessageId::kClusterConnectFailed,
        {{"urls", redact_nats_urls(options.urls)}, {"cause", std::string(natsStatus_GetText(s))}}};
  }
  return c;
}

Connection::~Connection() {
  jsCtx_Destroy(js_);
  natsConnection_Destroy(nc_);
}

jsOptions Connection::request_options() const {
  jsOptions o;
  jsOptions_Init(&o);
  o.Wait = options_.request_timeout.count();
  return o;
}

PublishAttempt Connection::publish(const Outgoing& out) {
  PublishAttempt a;
  natsMsg* msg = nullptr;
  natsStatus s = natsMsg_Create(&msg, out.subject.c_str(), nullptr, out.data.data(),
                                static_cast<int>(out.data.size()));
  if (s == NATS_OK) s = natsMsgHeader_Set(msg, kKindHeader, kind_name(out.kind));
  if (s != NATS_OK) {
    natsMsg_Destroy(msg);
    a.cause = jetstream_failure("publish", s, static_cast<jsErrCode>(0));
    return a;
  }
  jsPubOptions po;
  jsPubOptions_Init(&po);
  po.MaxWait = options_.request_timeout.count();
  po.MsgId = out.msg_id.c_str();
  po.ExpectStream = options_.stream.c_str();
  po.ExpectLastSeq = out.expected_last_sequence;
  jsPubAck* ack = nullptr;
  jsErrCode jerr = static_cast<jsErrCode>(0);
  s = js_PublishMsg(&ack, js_, msg, &po, &jerr);
  natsMsg_Destroy(msg);
  if (s == NATS_OK) {
    a.outcome =
        ack->Duplicate ? PublishAttempt::Outcome::kDuplicate : PublishAttempt::Outcome::kStored;
    a.sequence = ack->Sequence;
    jsPubAck_Destroy(ack);
    return a;
  }
  if (jerr == JSStreamWrongLastSequenceErr) {
    a.outcome = PublishAttempt::Outcome::kWrongLastSequence;
    return a;
  }
  a.cause = jetstream_failure("publish", s, jerr);
  return a;
}

base::Result<std::optional<StoredMessage>> Connection::message_at(std::uint64_t sequence) {
  natsMsg* msg = nullptr;
  jsOptions o = request_options();
  jsErrCode jerr = static_cast<jsErrCode>(0);
  const natsStatus s = js_GetMsg(&msg, js_, options_.stream.c_str(), sequence, &o, &jerr);
  if (s == NATS_NOT_FOUND || jerr == kNoMessageFound) return std::optional<StoredMessage>();
  if (s != NATS_OK) return jetstream_failure("get message", s, jerr);
  std::optional<StoredMessage> m = stored(msg);
  natsMsg_Destroy(msg);
  return m;
}

base::Result<std::optional<StoredMessage>> Connection::last_message_on(const std::string& subject) {
  natsMsg* msg = nullptr;
  jsOptions o = request_options();
  jsErrCode jerr = static_cast<jsErrCode>(0);
  const natsStatus s =
      js_GetLastMsg(&msg, js_, options_.stream.c_str(), subject.c_str(), &o, &jerr);
  if (s == NATS_NOT_FOUND || jerr == kNoMessageFound) return std::optional<StoredMessage>();
  if (s != NATS_OK) return jetstream_failure("get last message", s, jerr);
  std::optional<StoredMessage> m = stored(msg);
  natsMsg_Destroy(msg);
  return m;
}

base::Status Connection::erase_message(std::uint64_t sequence) {
  jsOptions o = request_options();
  jsErrCode jerr = static_cast<jsErrCode>(0);
  const natsStatus s = js_EraseMsg(js_, options_.stream.c_str(), sequence, &o, &jerr);
  if (s == NATS_OK || s == NATS_NOT_FOUND || jerr == kNoMessageFound) return base::ok_status();
  return jetstream_failure("erase message", s, jerr);
}

base::Result<StreamState> Connection::stream_state() {
  jsStreamInfo* si = nullptr;
  jsOptions o = request_options();
  jsErrCode jerr = static_cast<jsErrCode>(0);
  const natsStatus s = js_GetStreamInfo(&si, js_, options_.stream.c_str(), &o, &jerr);
  if (s == NATS_NOT_FOUND || jerr == JSStreamNotFoundErr) {
    return base::Status{base::ErrorCode::kNotFound,
                        base::MessageId::kClusterJetStreamFailed,
                        {{"what", std::string("stream info")}, {"cause", options_.stream}}};
  }
  if (s != NATS_OK) return jetstream_failure("stream info", s, jerr);
  StreamState st;
  st.last_sequence = si->State.LastSeq;
  st.messages = si->State.Msgs;
  if (si->Cluster && si->Cluster->Leader) st.leader = si->Cluster->Leader;
  jsStreamInfo_Destroy(si);
  return st;
}

}  // namespace hoyo::cluster
