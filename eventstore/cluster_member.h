// The record that a store is a cluster node's copy of the log
// (docs/cluster.md, "Staff in a cluster").
#pragma once

namespace hoyo::eventstore {

// The key in SideTable::kSettings (a table each node keeps for itself) under
// which hoyod, at each start in cluster mode, records `{"node": NAME,
// "stream": STREAM}`. Such a store takes events from the stream only:
// hoyoctl refuses to write to it.
inline constexpr const char* kClusterMemberKey = "cluster_member";

}  // namespace hoyo::eventstore
