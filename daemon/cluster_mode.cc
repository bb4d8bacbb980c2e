#include "daemon/cluster_mode.h"

#include <algorithm>
#include <thread>

#include "base/log.h"
#include "base/thread.h"
#include "cluster/stream.h"
#include "http/app/errors.h"
#include "http/app/forward_limit.h"
#include "http/app/forwarding.h"
#include "http/app/services.h"

namespace hoyo::daemon {
namespace {

// What a request gets when it cannot reach the writer: try again shortly
// (with its Idempotency-Key, a retry never books twice).
base::Error no_writer(const std::string& cause) {
  base::Error e{
      base::ErrorCode::kUnavailable, base::MessageId::kClusterNoWriterAnswer, {{"cause", cause}}};
  e.retry_after_seconds = 1;
  return e;
}

// How long the node waits for an idle store when it stops.
constexpr auto kStopWait = std::chrono::seconds(5);

}  // namespace

base::Result<std::unique_ptr<ClusterMode>> ClusterMode::connect(const ClusterConfig& config) {
  cluster::ConnectionOptions options;
  options.urls = config.nats_urls;
  options.stream = config.stream;
  options.name = "hoyod " + config.node_name;
  auto connection = cluster::Connection::open(options);
  if (!connection.ok()) return connection.status();
  cluster::StreamSettings stream;
  stream.name = config.stream;
  if (base::Status s = cluster::ensure_stream(*connection.value(), stream); !s.ok()) return s;
  options.stream = cluster::side_stream_name(config.stream);
  auto side = cluster::Connection::open(options);
  if (!side.ok()) return side.status();
  if (base::Status s = cluster::ensure_stream(*side.value(), cluster::side_stream_settings(stream));
      !s.ok()) {
    return s;
  }
  return std::unique_ptr<ClusterMode>(
      new ClusterMode(config, std::move(connection).value(), std::move(side).value()));
}

base::Status ClusterMode::start(eventstore::EventStore& store, http::AppContext& ctx,
                                std::function<void()> on_writer) {
  store_ = &store;
  ctx_ = &ctx;
  on_writer_ = std::move(on_writer);
  {
    base::MutexLock lk(mu_);
    forwards_ = std::make_unique<http::WorkPool>(std::max(1, config_.forward_threads), 1024);
  }
  cluster::NodeOptions options;
  options.name = config_.node_name;
  options.lease.ttl = std::chrono::milliseconds(config_.lease_ttl_ms);
  options.tick = std::min(options.tick, options.lease.ttl / 3);
  cluster::NodeEvents events;
  events.becoming_writer = [this](const cluster::Term& term) { return becoming_writer(term); };
  events.became_writer = [this](const cluster::Term& term) { became_writer(term); };
  events.became_follower = [this](const base::Status&) { became_follower(); };
  // Requests go to the new writer from the moment the node stops deciding,
  // not only once its store is a replica (NodeEvents::stepping_down).
  events.stepping_down = [this] { writer_ready_ = false; };
  events.writer_health = [this] {
    return side_replicator_ ? side_replicator_->failure() : base::ok_status();
  };
  follow_side_tables();
  auto node = cluster::Node::start(*connection_, store, options, std::move(events));
  if (!node.ok()) return node.status();
  node_ = std::move(node).value();
  return base::ok_status();
}

ClusterMode::~ClusterMode() {
  // First no more forwarded requests in either direction: those queued are
  // answered 503 at once, and the writer's subscription is drained (its
  // callbacks, which use this object, have all returned).
  std::unique_ptr<cluster::WriterRpcServer> rpc;
  {
    base::MutexLock lk(mu_);
    stopping_ = true;
    rpc = std::move(rpc_);
  }
  rpc.reset();
  writer_ready_ = false;
  {
    // The forwarding pool goes before the node its jobs ask: queued jobs are
    // answered 503, and a forwarded wait under way ends within 250 ms (it
    // sees the stop).
    std::unique_ptr<http::WorkPool> forwards;
    {
      base::MutexLock lk(mu_);
      forwards = std::move(forwards_);
    }
    forwards.reset();
  }
  node_.reset();  // no role changes from here on
  side_follower_.reset();
  if (store_) {
    // Nothing is appended through the connection once it is gone: the store
    // leaves the writer's path (it waits for the appends under way).
    const auto until = std::chrono::steady_clock::now() + kStopWait;
    bool replica = false;
    while (!(replica = store_->set_role(eventstore::StoreRole::kReplica).ok()) &&
           std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    store_->set_side_replicator(nullptr);
    if (replica && store_->set_replicator(nullptr).ok()) {
      // The store no longer holds the publisher, which holds the connection.
    } else {
      // The store still publishes through the connection: it must outlive
      // the process (which is stopping).
      base::log_line("error", "the store did not leave the writer's path at the stop");
      static std::shared_ptr<cluster::Connection> kept;
      kept = connection_;
    }
  }
  if (writer_hook_.joinable()) writer_hook_.join();
}

base::Status ClusterMode::becoming_writer(const cluster::Term& term) {
  side_follower_.reset();  // the catch-up alone writes the side tables now
  auto replicator = cluster::SideStreamReplicator::begin(*side_, *store_, term);
  if (!replicator.ok()) return replicator.status();
  store_->set_side_replicator(replicator.value());
  side_replicator_ = std::move(replicator).value();
  // Sessions held in memory from an earlier term may have ended since.
  if (ctx_->services) ctx_->services->sessions().drop_cache();
  return base::ok_status();
}

void ClusterMode::follow_side_tables() {
  auto follower = cluster::SideFollower::start(*side_, *store_);
  if (!follower.ok()) {
    base::log_line("error", "the side tables cannot follow their stream",
                   {{"error", follower.status().to_string()}});
    return;
  }
  side_follower_ = std::move(follower).value();
}

void ClusterMode::became_writer(const cluster::Term& term) {
  {
    base::MutexLock lk(mu_);
    if (stopping_) return;
    cluster::TransferLimits limits;
    limits.max_request = http::forwarded_request_limit(ctx_->config);
    auto rpc = cluster::WriterRpcServer::serve(
        *connection_, term.epoch,
        [this](std::string request, cluster::RpcAnswer answer) {
          serve(std::move(request), std::move(answer));
        },
        limits);
    if (rpc.ok()) {
      rpc_ = std::move(rpc).value();
    } else {
      // Followers' forwarded requests time out (503, retried) until the
      // node steps down or serves again at its next term.
      base::log_line("error", "the writer cannot serve forwarded requests",
                     {{"error", rpc.status().to_string()}});
    }
  }
  writer_ready_ = true;
  // What fell due while no node wrote is written now, not at the next poll.
  if (ctx_->services) ctx_->services->wake_scheduler();
  // The first time only (an empty log is filled once), and never on the
  // node thread, which renews the lease.
  if (on_writer_ && !writer_hook_.joinable()) {
    writer_hook_ = base::start_thread("hoyo-on-writer", on_writer_);
  }
}

void ClusterMode::became_follower() {
  writer_ready_ = false;
  std::unique_ptr<cluster::WriterRpcServer> rpc;
  {
    base::MutexLock lk(mu_);
    rpc = std::move(rpc_);
  }
  rpc.reset();  // drains outside the lock: its callbacks take it
  // The log's role is the replica's already (the node switched it first).
  store_->set_side_replicator(nullptr);
  side_replicator_.reset();
  follow_side_tables();
}

void ClusterMode::begin_stop() {
  base::MutexLock lk(mu_);
  stopping_ = true;
}

bool ClusterMode::stopping() const {
  base::MutexLock lk(mu_);
  return stopping_;
}

void ClusterMode::serve(std::string request, cluster::RpcAnswer answer) {
  // Keeps the connection the answer goes out on for as long as it may.
  auto reply_on = [connection = connection_, answer = std::move(answer)](http::Response res) {
    answer(http::encode_response(res));
  };
  http::Request empty;
  auto job = [this, request = std::move(request), reply_on, empty]() mutable {
    if (stopping())
      return reply_on(http::error_response(empty, no_writer("the writer is stopping")));
    std::optional<http::Request> decoded = http::decode_request(request, request.size());
    if (!decoded) {
      // Only hoyod publishes here (docs/cluster.md): one of ours is broken.
      return reply_on(
          http::error_response(empty, no_writer("the forwarded request was malformed")));
    }
    auto req = std::make_shared<http::Request>(std::move(*decoded));
    req->set(http::kForwardedHeader, "1");
    http::handle_request_async(*req, *ctx_,
                               [req, reply_on](http::Response res) { reply_on(std::move(res)); });
  };
  if (!post(std::move(job))) reply_on(http::error_response(empty, no_writer("the writer is busy")));
}

bool ClusterMode::writes_here() const {
  return writer_ready_.load() && store_->role() == eventstore::StoreRole::kWriter;
}

bool ClusterMode::to_writer(const http::Request& req, http::Reply& reply) {
  if (writes_here()) return false;
  if (req.find(http::kForwardedHeader) != req.end()) {
    // Forwarded to a node that is no longer the writer: not forwarded again.
    reply(http::error_response(req, no_writer("this node stopped writing")));
    return true;
  }
  // What an answer made here needs of the request (its language and
  // version), kept apart: at a stop the request may be gone before a job
  // that waited in the queue runs.
  http::Request head{req.method(), req.target(), req.version()};
  if (auto lang = req.find(boost::beast::http::field::accept_language); lang != req.end()) {
    head.set(boost::beast::http::field::accept_language, lang->value());
  }
  auto job = [this, head, bytes = http::encode_request(req), reply]() {
    if (stopping()) return reply(http::error_response(head, no_writer("this node is stopping")));
    // The writer the lease names (an old one that has not stepped down is
    // not asked).
    const std::optional<cluster::LeaseHolder> holder = node_->lease_holder();
    if (!holder) return reply(http::error_response(head, no_writer("no node holds the lease")));
    // A writer that dies with the request in hand never answers: the wait
    // ends once the lease names another epoch (or none), not at the timeout.
    const std::uint64_t epoch = holder->epoch;
    base::Result<std::string> answer = cluster::call_writer(
        *connection_, epoch, bytes, std::chrono::milliseconds(config_.forward_timeout_ms),
        [this, epoch] {
          if (stopping()) return false;  // (the node outlives the forwarding pool)
          const std::optional<cluster::LeaseHolder> now = node_->lease_holder();
          return now && now->epoch == epoch;
        });
    if (!answer.ok()) return reply(http::error_response(head, answer.error()));
    std::optional<http::Response> res = http::decode_response(*answer);
    if (!res) return reply(http::error_response(head, no_writer("the answer was malformed")));
    reply(std::move(*res));
  };
  if (!post(std::move(job))) {
    reply(http::error_response(head, no_writer("too many requests wait")));
  }
  return true;
}

bool ClusterMode::post(std::function<void()> job) {
  base::MutexLock lk(mu_);
  return forwards_ && forwards_->post(std::move(job));
}

http::ClusterStatus ClusterMode::status() const {
  http::ClusterStatus s;
  s.node = config_.node_name;
  if (!node_) return s;
  s.writer = node_->term().has_value();
  if (const std::optional<cluster::LeaseHolder> holder = node_->lease_holder()) {
    s.writer_node = holder->node;
    s.epoch = holder->epoch;
  }
  const cluster::FollowState follow = node_->follow_state();
  if (!follow.stopped.ok()) s.stopped = follow.stopped.to_string();
  s.behind = follow.behind;
  return s;
}

}  // namespace hoyo::daemon
