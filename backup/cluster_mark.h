// The mark a cluster node leaves in its own store (eventstore/cluster_member.h;
// docs/cluster.md, "Staff in a cluster" and "A node's directory used alone"):
// read by hoyod (which refuses to start such a directory without cluster
// mode), by hoyoctl (which refuses to write to it, and says so of a restored
// node's backup), and cleared by `hoyoctl leave-cluster`.
#pragma once

#include <optional>
#include <string>

#include "base/status.h"
#include "eventstore/event_store.h"

namespace hoyo::backup {

struct ClusterMark {
  std::string node;    // the node's name (cluster.node_name)
  std::string stream;  // the stream it followed (cluster.stream)
};

// The mark's stored text, {"node": NODE, "stream": STREAM}.
std::string cluster_mark_text(const ClusterMark& mark);

// The mark `store` holds; nullopt when it holds none. A text that is not the
// JSON above (written by hand) is taken whole as the node, stream "?".
base::Result<std::optional<ClusterMark>> read_cluster_mark(const eventstore::EventStore& store);

// Deletes the mark (synced): the store is a single node's from now on.
base::Status clear_cluster_mark(eventstore::EventStore& store);

}  // namespace hoyo::backup
