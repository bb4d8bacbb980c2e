// The cluster hoyo-bench cluster-book starts and stops: three nats-server and
// three hoyod in cluster mode with the demo data and one shared key file, as
// scripts/cluster does; and what it asks of the nodes (health, who writes).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "bench/hoyod_runner.h"
#include "bench/nats_servers.h"

namespace hoyo::bench::cluster_book {

struct NodeHealth {
  std::string role;  // "writer", "follower", or "" without an answer
  std::uint64_t position = 0, epoch = 0;
};

// The node's GET /api/health (2 s at most).
NodeHealth health(std::uint16_t port);

// What the writer's store counts (GET /metrics): its write batches and where
// its writer thread's time went, so that two readings give a profile per batch.
struct WriterCounters {
  double batches = 0, events = 0;                     // hoyo_append_{batches,events}_total
  double decide_s = 0, replicate_s = 0, write_s = 0;  // hoyo_append_decide/_write, hoyo_replicate
  double syncs = 0, sync_s = 0;                       // hoyo_fsync_total, hoyo_fsync_seconds_total
};

// The node's counters; zeros without an answer.
WriterCounters writer_counters(std::uint16_t port);

// Polls `ready` every 100 ms until it holds or `timeout` passed.
template <typename F>
bool wait_for(F ready, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!ready()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

// The servers and the nodes; destroying it stops the nodes, then the servers
// (the servers outlive the nodes).
struct Cluster {
  std::unique_ptr<NatsServers> nats;
  std::vector<Hoyod> nodes;  // node-1 .. node-kNodes
};

// Starts the servers and kNodes hoyod (node-N, each `threads` HTTP threads,
// cluster.lease_ttl_ms `lease_ttl_ms`) under `dir`. Null (and why in
// `error`) when any does not come up; whatever started is stopped again.
std::optional<Cluster> start_cluster(const std::string& dir, int threads, int lease_ttl_ms,
                                     std::string* error);

// The index in `nodes` of the node whose /api/health says it writes (the
// last one when several say so), polled until `timeout`; null when none
// does by then.
std::optional<int> find_writer(const std::vector<Hoyod>& nodes, std::chrono::milliseconds timeout);

}  // namespace hoyo::bench::cluster_book
