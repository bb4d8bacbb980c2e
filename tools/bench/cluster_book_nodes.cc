#include "bench/cluster_book_nodes.h"

#include <boost/json.hpp>
#include <fstream>
#include <iterator>
#include <sstream>

#include "bench/cluster_book_settings.h"

namespace hoyo::bench::cluster_book {
namespace {

namespace json = boost::json;

// The configuration every node shares: the benchmark's, one key file, the lease.
std::string write_cluster_config(const std::string& dir, int lease_ttl_ms) {
  std::ifstream in(bench_config_path());
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  json::object config = json::parse(text).as_object();
  config["security"] = json::object{{"key_file", dir + "/cluster.key"}};
  config["cluster"] = json::object{{"lease_ttl_ms", lease_ttl_ms}};
  const std::string path = dir + "/cluster.json";
  std::ofstream(path) << json::serialize(config);
  return path;
}

}  // namespace

WriterCounters writer_counters(std::uint16_t port) {
  WriterCounters c;
  // The token is tools/bench/hoyod-bench.json's.
  const HttpAnswer a = http_call(port, "GET", "/metrics", {}, {}, "text/plain",
                                 {{"Authorization", "Bearer hoyo-bench"}}, std::chrono::seconds(5));
  if (a.status != 200) return c;
  const std::pair<const char*, double*> wanted[] = {
      {"hoyo_append_batches_total", &c.batches},
      {"hoyo_append_events_total", &c.events},
      {"hoyo_append_decide_seconds_total", &c.decide_s},
      {"hoyo_replicate_seconds_total", &c.replicate_s},
      {"hoyo_append_write_seconds_total", &c.write_s},
      {"hoyo_fsync_total", &c.syncs},
      {"hoyo_fsync_seconds_total", &c.sync_s}};
  std::istringstream in(a.body);
  std::string name;
  double value = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    if (!(fields >> name >> value)) continue;
    for (const auto& [metric, into] : wanted) {
      if (name == metric) *into = value;
    }
  }
  return c;
}

NodeHealth health(std::uint16_t port) {
  NodeHealth h;
  const HttpAnswer a = http_call(port, "GET", "/api/health", {}, {}, "application/json", {},
                                 std::chrono::seconds(2));
  if (a.status == 0) return h;
  boost::system::error_code ec;
  const json::value v = json::parse(a.body, ec);
  if (ec || !v.is_object()) return h;
  const json::object& o = v.as_object();
  if (const auto* r = o.if_contains("role"); r && r->is_string()) h.role = r->as_string();
  if (const auto* p = o.if_contains("position"); p && p->is_number()) {
    h.position = p->to_number<std::uint64_t>();
  }
  if (const auto* e = o.if_contains("epoch"); e && e->is_number()) {
    h.epoch = e->to_number<std::uint64_t>();
  }
  return h;
}

std::optional<Cluster> start_cluster(const std::string& dir, int threads, int lease_ttl_ms,
                                     std::string* error) {
  Cluster cluster;
  cluster.nats = NatsServers::start(dir, error);
  if (!cluster.nats) return std::nullopt;
  const std::string config = write_cluster_config(dir, lease_ttl_ms);
  for (int i = 0; i < kNodes; ++i) {
    const std::string name = "node-" + std::to_string(i + 1);
    HoyodOptions o;
    o.data_dir = dir + "/" + name;
    o.log = dir + "/" + name + ".log";
    o.config = config;
    o.threads = threads;
    o.args = {"--cluster", cluster.nats->urls(), "--node-name", name};
    auto node = start_hoyod(o, error);
    if (!node) return std::nullopt;
    cluster.nodes.push_back(std::move(*node));
  }
  return cluster;
}

std::optional<int> find_writer(const std::vector<Hoyod>& nodes, std::chrono::milliseconds timeout) {
  int writer = -1;
  const bool found = wait_for(
      [&] {
        for (std::size_t i = 0; i < nodes.size(); ++i) {
          if (health(nodes[i].port).role == "writer") writer = static_cast<int>(i);
        }
        return writer >= 0;
      },
      timeout);
  if (!found) return std::nullopt;
  return writer;
}

}  // namespace hoyo::bench::cluster_book
