#include "backup/cluster_mark.h"

#include <boost/json.hpp>

#include "eventstore/cluster_member.h"

namespace hoyo::backup {

namespace json = boost::json;

std::string cluster_mark_text(const ClusterMark& mark) {
  return json::serialize(json::object{{"node", mark.node}, {"stream", mark.stream}});
}

base::Result<std::optional<ClusterMark>> read_cluster_mark(const eventstore::EventStore& store) {
  auto text = store.side_get(eventstore::SideTable::kSettings, eventstore::kClusterMemberKey);
  if (!text.ok()) return text.status();
  if (!*text) return std::optional<ClusterMark>();
  ClusterMark mark{**text, "?"};
  json::error_code ec;
  const json::value v = json::parse(**text, ec);
  const json::object* o = ec ? nullptr : v.if_object();
  const json::value* node = o ? o->if_contains("node") : nullptr;
  const json::value* stream = o ? o->if_contains("stream") : nullptr;
  if (node && node->is_string() && stream && stream->is_string()) {
    mark = {std::string(node->as_string()), std::string(stream->as_string())};
  }
  return std::optional<ClusterMark>(std::move(mark));
}

base::Status clear_cluster_mark(eventstore::EventStore& store) {
  return store.side_write(
      {{eventstore::SideTable::kSettings, eventstore::kClusterMemberKey, std::nullopt}});
}

}  // namespace hoyo::backup
