// Three real nats-server processes (Debian's 2.9) with JetStream, routed to
// each other on loopback, for the suites that test replication through a real
// cluster (label `cluster`). Each server has its own client and cluster port
// (free when the fixture starts, kept across restarts so the routes hold) and
// its own store directory; their logs go to files beside them.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "temp_dir.h"

namespace hoyo::testing {

class NatsCluster {
 public:
  static constexpr int kServers = 3;

  // Starts the three servers and waits until JetStream has a meta leader and
  // an R3 stream can be created (a probe stream, deleted again). Throws
  // std::runtime_error, with the servers' logs, when that takes longer than
  // `ready_timeout` or a server ends. `binary` defaults to nats-server on PATH
  // (/usr/sbin/nats-server, /usr/bin/nats-server).
  explicit NatsCluster(std::chrono::seconds ready_timeout = std::chrono::seconds(30),
                       std::string binary = {});
  // Stops every server (SIGTERM, then SIGKILL) and removes their stores.
  ~NatsCluster();
  NatsCluster(const NatsCluster&) = delete;
  NatsCluster& operator=(const NatsCluster&) = delete;

  // "nats://127.0.0.1:P1,nats://127.0.0.1:P2,nats://127.0.0.1:P3".
  std::string urls() const;
  // One server's client URL.
  std::string url(int server) const;
  // One server's JetStream store directory (its message and Raft files).
  std::string store_dir(int server) const;

  // Faults, one server at a time (0..2). kill9 and stop (SIGTERM) leave its
  // store as it is and return true when they ended a running server; start
  // runs it again on the same ports and store.
  bool kill9(int server);
  bool stop(int server);
  void start(int server);
  // SIGSTOP and SIGCONT.
  bool pause(int server);
  bool resume(int server);
  bool running(int server);

  // The servers (0..2) leading the consumers of `stream` (a cluster
  // follower's ordered consumer lives on one server only), one entry per
  // consumer; empty when there is none or they cannot be listed now.
  std::vector<int> consumer_leaders(const std::string& stream) const;

  // Blocks until an R3 stream can be created and deleted (a meta leader and
  // a quorum of servers are up), or throws after `timeout`.
  void wait_ready(std::chrono::seconds timeout);
  // The servers' logs since their last start, for failure messages.
  std::string logs() const;

 private:
  struct Server {
    std::uint16_t client_port = 0;
    std::uint16_t cluster_port = 0;
    std::string config;  // the config file's path
    std::string log;
    std::unique_ptr<ChildProcess> process;
  };

  TempDir dir_;
  std::string binary_;
  std::array<Server, kServers> servers_;
};

}  // namespace hoyo::testing
