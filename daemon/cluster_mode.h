// hoyod as one node of a cluster (docs/cluster.md): connects to the NATS
// servers, makes sure the stream exists, and runs a cluster::Node over the
// runtime's store. While the node writes, it serves the requests followers
// forward (cluster/writer_rpc.h) through the same HTTP pipeline as its own;
// while it follows, every request that changes state goes to the writer
// (AppContext::to_writer) and reads are served from its own copy. The
// processor, the scheduler and the mail delivery follow the store's role by
// themselves: they decide, schedule and send only on the writer.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "base/mutex.h"
#include "base/status.h"
#include "cluster/connection.h"
#include "cluster/node.h"
#include "cluster/side_follower.h"
#include "cluster/side_replicator.h"
#include "cluster/writer_rpc.h"
#include "eventstore/event_store.h"
#include "http/app/api.h"
#include "http/app/services.h"
#include "http/app/work_pool.h"

namespace hoyo::daemon {

struct ClusterConfig {
  // "nats://H:P[,nats://H:P...]"; empty: a single node, nothing of this loaded.
  std::string nats_urls;
  std::string node_name;  // unique in the deployment; required with nats_urls
  std::string stream = "HOYO";
  int lease_ttl_ms = 6000;  // followers campaign once the writer has not renewed it for this long
  // How long a follower waits for the writer's answer to a forwarded request.
  int forward_timeout_ms = 10000;
  int forward_threads = 16;  // requests forwarded at once (each waits on a thread)
};

class ClusterMode {
 public:
  // Connects and makes sure the stream exists (creating it, with its genesis
  // message, on first use).
  static base::Result<std::unique_ptr<ClusterMode>> connect(const ClusterConfig& config);
  // Stops the node and the writer's service of forwarded requests; the
  // requests in hand are answered first.
  ~ClusterMode();
  ClusterMode(const ClusterMode&) = delete;
  ClusterMode& operator=(const ClusterMode&) = delete;
  // The stop begins (before the HTTP server's drain): forwarded requests, in
  // either direction, are answered 503 from now on, and forwarded waits under
  // way end within a second and a quarter.
  void begin_stop();

  // Starts the node over `store` (which becomes a replica and follows the
  // stream). Forwarded requests are served through `ctx` while this node
  // writes. `on_writer` runs on a thread of its own the first time it
  // becomes the writer (hoyod's --demo-data fills an empty log then).
  // `store` and `ctx` must outlive this.
  base::Status start(eventstore::EventStore& store, http::AppContext& ctx,
                     std::function<void()> on_writer);

  // AppContext::to_writer: forwards `req` unless this node is the writer.
  bool to_writer(const http::Request& req, http::Reply& reply);
  // For /api/health.
  http::ClusterStatus status() const;

 private:
  ClusterMode(ClusterConfig config, std::shared_ptr<cluster::Connection> connection,
              std::unique_ptr<cluster::Connection> side)
      : config_(std::move(config)), connection_(std::move(connection)), side_(std::move(side)) {}
  // Begins the term on the side tables' stream (catching up first): the
  // store gets the side replicator before the writer's role.
  base::Status becoming_writer(const cluster::Term& term);
  // Follows the side tables' stream (again); logs when it cannot.
  void follow_side_tables();
  void became_writer(const cluster::Term& term);
  void became_follower();
  // Serves one forwarded request (on nats.c's thread: hands it over).
  void serve(std::string request, cluster::RpcAnswer answer);
  // Runs `job` on the forwarding threads; false when they are full or gone.
  bool post(std::function<void()> job);
  bool stopping() const;

  const ClusterConfig config_;
  // Shared with the answers to forwarded requests still under way.
  std::shared_ptr<cluster::Connection> connection_;
  // Bound to the side tables' stream (docs/cluster.md, "Side tables").
  std::unique_ptr<cluster::Connection> side_;
  // The node thread's (and the destructor's, once the node stopped): the
  // side tables' follower while this node follows, their replicator while
  // it writes.
  std::unique_ptr<cluster::SideFollower> side_follower_;
  std::shared_ptr<cluster::SideStreamReplicator> side_replicator_;
  // Set once this node serves as the writer (its side replicator set and
  // forwarded requests served); until then state changes are forwarded.
  std::atomic<bool> writer_ready_{false};
  eventstore::EventStore* store_ = nullptr;
  http::AppContext* ctx_ = nullptr;
  std::function<void()> on_writer_;
  mutable base::Mutex mu_;
  bool stopping_ HOYO_GUARDED_BY(mu_) = false;  // the stop began (begin_stop, the destructor)
  // Forwarded requests wait for the writer's answer on these threads (and
  // the writer serves them there).
  std::unique_ptr<http::WorkPool> forwards_ HOYO_GUARDED_BY(mu_);
  std::unique_ptr<cluster::WriterRpcServer> rpc_ HOYO_GUARDED_BY(mu_);
  std::unique_ptr<cluster::Node> node_;
  std::thread writer_hook_;  // on_writer's, the node thread's
};

}  // namespace hoyo::daemon
