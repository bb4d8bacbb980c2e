// Why a cluster node's copy cannot be trusted to be current, in one word:
// GET /api/health's reason and a backup's staleness (docs/cluster.md).
#pragma once

#include <string>

#include "http/app/services.h"

namespace hoyo::http {

// "follower_stopped" while the node cannot apply the stream
// (ClusterStatus::stopped says why), else "".
inline std::string stopped_reason(const ClusterStatus& status) {
  return status.stopped.empty() ? std::string() : std::string("follower_stopped");
}

}  // namespace hoyo::http
