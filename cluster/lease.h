// When to campaign (docs/cluster.md, "Electing and fencing the writer"): a
// JetStream key-value bucket, NAME_lease (R3, file storage, values that
// expire after the TTL), whose key "writer" holds the writer's epoch and
// node. The writer renews it well within the TTL; a follower that finds no
// value (the writer stopped renewing: it died, or lost its connection)
// campaigns. The lease only says when to try: it never fences. Two nodes
// that both find it empty both campaign, and the stream's expected last
// sequence lets one win (on nats-server 2.9.10 the bucket's own
// compare-and-set is not safe under concurrency, so it is not used).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "cluster/connection.h"
#include "cluster/publisher.h"

namespace hoyo::cluster {

struct LeaseSettings {
  // How long a renewal keeps the lease: past it, followers campaign. The
  // writer renews every third of it.
  std::chrono::milliseconds ttl{6000};
  int replicas = 3;
};

// Who renewed the lease last.
struct LeaseHolder {
  std::uint64_t epoch = 0;
  std::string node;
  bool operator==(const LeaseHolder&) const = default;
};

class Lease {
 public:
  // Binds to the stream's lease bucket, creating it unless it exists (safe
  // on every node at once); the connection's errors otherwise.
  static base::Result<std::unique_ptr<Lease>> open(Connection& connection,
                                                   const LeaseSettings& settings = {});
  ~Lease();
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;

  // The writer of `term` holds the lease for another TTL.
  base::Status renew(const Term& term);
  // The holder while the lease runs; nullopt once it expired (or was never
  // taken): time to campaign.
  base::Result<std::optional<LeaseHolder>> holder();
  const LeaseSettings& settings() const { return settings_; }

 private:
  Lease(kvStore* kv, LeaseSettings settings) : kv_(kv), settings_(settings) {}
  kvStore* kv_;
  const LeaseSettings settings_;
};

}  // namespace hoyo::cluster
