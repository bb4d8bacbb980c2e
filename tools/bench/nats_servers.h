// Three nats-server processes (Debian's /usr/sbin/nats-server) with
// JetStream and a cluster on free loopback ports, file storage under the
// benchmark's directory: the peers of a hoyod cluster (docs/cluster.md),
// as scripts/cluster starts them. Stopped with SIGTERM when destroyed.
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>

#include "bench/process.h"

namespace hoyo::bench {

class NatsServers {
 public:
  static constexpr int kCount = 3;

  // Starts the three under `dir` (nats-N.conf, nats-N/, nats-N.log) and
  // waits (30 s at most) until each is ready and JetStream has a metadata
  // leader. Null (and why in `error`) when nats-server is not installed or
  // does not come up.
  static std::unique_ptr<NatsServers> start(const std::string& dir, std::string* error);

  // Whether nats-server is installed; says how to install it in `error` if not.
  static bool available(std::string* error);

  // nats://127.0.0.1:P1,... for hoyod's --cluster.
  const std::string& urls() const { return urls_; }
  // CPU seconds of the three servers together so far.
  double cpu_seconds() const;

 private:
  NatsServers() = default;
  std::array<std::unique_ptr<Process>, kCount> servers_;
  std::string urls_;
};

}  // namespace hoyo::bench
