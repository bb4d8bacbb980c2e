// hoyo-bench cluster-book: the http-book load against a three-node cluster
// (docs/cluster.md) and against a single node, in the same run. It starts
// its own peers: three nats-server (JetStream, a cluster on free loopback
// ports) and three hoyod in cluster mode with the demo data and one shared
// key file, as scripts/cluster does, and a single hoyod for the baseline.
//
// 1. Single node: facilities, users, then wrk POSTing /api/reservations
//    with fresh Idempotency-Keys; only 201 counts.
// 2. Cluster: the same scene made through the writer, then one wrk per
//    node at once, a third of the connections each (followers forward
//    every booking to the writer).
// 3. Failover: bookers through the two followers (fresh keys, 503 and no
//    answer within --client-timeout-ms retried with the same key) and a
//    reader of the week's vacancy on one follower run; the writer is killed
//    with SIGKILL. The gap is the longest time without a 201 that ends
//    between the kill and the first 201 of a booking sent after it; the
//    reader's successful reads are counted per second throughout.
#include <algorithm>
#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "bench/bench_dir.h"
#include "bench/book_scene.h"
#include "bench/cluster_book_failover.h"
#include "bench/cluster_book_load.h"
#include "bench/cluster_book_nodes.h"
#include "bench/cluster_book_settings.h"
#include "bench/hoyod_runner.h"
#include "bench/nats_servers.h"
#include "bench/process.h"
#include "bench/report.h"
#include "bench/scenarios.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
namespace json = boost::json;
using cluster_book::book_load;
using cluster_book::describe;
using cluster_book::Failover;
using cluster_book::health;
using cluster_book::kNodes;
using cluster_book::Load;
using cluster_book::measure_failover;
using cluster_book::Settings;
using cluster_book::wait_for;
using std::chrono::seconds;

double mean(const std::vector<int>& v, std::size_t from, std::size_t to) {
  to = std::min(to, v.size());
  if (from >= to) return 0;
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += v[i];
  return sum / static_cast<double>(to - from);
}

int run(const Settings& s, BenchDir& dir) {
  std::string error;
  if (!NatsServers::available(&error)) {  // before the single node's part, not after
    progress(error);
    return 1;
  }
  // 1. The single node.
  progress("single node: registering and logging in " + std::to_string(s.users) + " users");
  Load single;
  double single_cpu = 0;
  {
    std::filesystem::create_directories(dir.path() + "/single");
    auto hoyod = start_hoyod(dir.path() + "/single", s.threads, -1, &error);
    if (!hoyod) {
      progress(error);
      return 1;
    }
    const auto scene = set_up_booking(hoyod->port, s.facilities, s.rooms, s.users,
                                      dir.path() + "/single/cookies.txt", &error);
    if (!scene) {
      progress(error + "; see " + dir.path() + "/single/hoyod.log");
      return 1;
    }
    wait_until_quiet(hoyod->port);
    progress("single node: wrk -c" + std::to_string(s.connections) + " -d" +
             std::to_string(s.seconds) + "s");
    const double before = hoyod->process->cpu_seconds();
    single = book_load({hoyod->port}, s, *scene);
    single_cpu = hoyod->process->cpu_seconds() - before;
    if (!single.ok) {
      progress(single.error);
      return 1;
    }
    progress(describe("single node", single, single_cpu));
  }

  // 2. The cluster.
  const std::string cdir = dir.path() + "/cluster";
  std::filesystem::create_directories(cdir);
  progress("cluster: three nats-server and three hoyod (lease " + std::to_string(s.lease_ttl_ms) +
           " ms)");
  std::optional<cluster_book::Cluster> started =
      cluster_book::start_cluster(cdir, s.threads, s.lease_ttl_ms, &error);
  if (!started) {
    progress(error);
    return 1;
  }
  const std::unique_ptr<NatsServers>& nats = started->nats;
  std::vector<Hoyod>& nodes = started->nodes;
  std::optional<int> found = cluster_book::find_writer(nodes, seconds(60));
  if (!found) {
    progress("no node became the writer in 60 s; see " + cdir + "/node-*.log");
    return 1;
  }
  int writer = *found;
  const std::uint16_t writer_port = nodes[writer].port;
  // The writer fills the demo data (the operator's login among it).
  if (!wait_for(
          [&] {
            return http_call(writer_port, "POST", "/api/operator/session",
                             R"({"login":"demo-operator","password":"demo-operator-2026"})")
                       .status == 200;
          },
          seconds(60))) {
    progress("the demo data did not appear on the writer; see " + cdir + "/node-*.log");
    return 1;
  }
  wait_until_quiet(writer_port);
  progress("cluster: node-" + std::to_string(writer + 1) + " writes; registering " +
           std::to_string(s.users) + " users through it");
  const auto scene =
      set_up_booking(writer_port, s.facilities, s.rooms, s.users, cdir + "/cookies.txt", &error);
  if (!scene) {
    progress(error + "; see " + cdir + "/node-*.log");
    return 1;
  }
  const std::uint64_t head = wait_until_quiet(writer_port);
  if (!wait_for(
          [&] {
            for (const Hoyod& n : nodes) {
              if (health(n.port).position < head) return false;
            }
            return true;
          },
          seconds(60))) {
    progress("the followers did not reach the writer's head in 60 s");
    return 1;
  }
  progress("cluster: one wrk per node, " + std::to_string(s.connections) + " connections in all, " +
           std::to_string(s.seconds) + " s");
  std::vector<double> cpu_before;
  for (const Hoyod& n : nodes) cpu_before.push_back(n.process->cpu_seconds());
  const double nats_before = nats->cpu_seconds();
  const cluster_book::WriterCounters counted_before = cluster_book::writer_counters(writer_port);
  std::vector<std::uint16_t> ports;
  for (const Hoyod& n : nodes) ports.push_back(n.port);
  const Load cluster = book_load(ports, s, *scene);
  double writer_cpu = 0, followers_cpu = 0;
  for (int i = 0; i < kNodes; ++i) {
    const double cpu = nodes[i].process->cpu_seconds() - cpu_before[i];
    (i == writer ? writer_cpu : followers_cpu) += cpu;
  }
  const double nats_cpu = nats->cpu_seconds() - nats_before;
  // Where the writer's store spent its time, per write batch of the load.
  const cluster_book::WriterCounters counted = cluster_book::writer_counters(writer_port);
  const double batches = std::max(1.0, counted.batches - counted_before.batches);
  const double syncs = std::max(1.0, counted.syncs - counted_before.syncs);
  auto per_batch_us = [batches](double after, double before) {
    return (after - before) * 1e6 / batches;
  };
  const json::object writer_batches{
      {"batches", counted.batches - counted_before.batches},
      {"events_per_batch", (counted.events - counted_before.events) / batches},
      {"decide_us", per_batch_us(counted.decide_s, counted_before.decide_s)},
      {"publish_us", per_batch_us(counted.replicate_s, counted_before.replicate_s)},
      {"write_us", per_batch_us(counted.write_s, counted_before.write_s)},
      {"fsyncs", counted.syncs - counted_before.syncs},
      {"fsync_us", (counted.sync_s - counted_before.sync_s) * 1e6 / syncs}};
  if (!cluster.ok) {
    progress(cluster.error);
    return 1;
  }
  progress(describe("cluster", cluster, writer_cpu + followers_cpu) + "; CPU s: writer " +
           std::to_string(writer_cpu) + ", followers " + std::to_string(followers_cpu) +
           ", nats-servers " + std::to_string(nats_cpu));
  progress("cluster: the writer's batches " + json::serialize(writer_batches));

  // 3. The failover, of the node that writes now (the load may have moved it).
  const int loaded_writer = writer;
  found = cluster_book::find_writer(nodes, seconds(60));
  if (!found) {
    progress("no node writes after the load; see " + cdir + "/node-*.log");
    return 1;
  }
  writer = *found;
  if (writer != loaded_writer) {
    progress("failover: the writer moved during the load, to node-" + std::to_string(writer + 1));
  }
  progress("failover: " + std::to_string(s.bookers) + " bookers through node-" +
           std::to_string((writer + 1) % kNodes + 1) + " and node-" +
           std::to_string((writer + 2) % kNodes + 1) + ", a reader on node-" +
           std::to_string(writer == 0 ? 2 : 1) + ", " + std::to_string(s.before) +
           " s before the kill of node-" + std::to_string(writer + 1));
  const std::optional<Failover> f = measure_failover(nodes, writer, s, *scene, &error);
  if (!f) {
    progress(error + "; see " + cdir + "/node-*.log");
    return 1;
  }
  const int min_reads = f->reads.empty() ? 0 : *std::min_element(f->reads.begin(), f->reads.end());
  const auto zero_seconds = std::count(f->reads.begin(), f->reads.end(), 0);
  std::string reads;
  for (const int r : f->reads) reads += (reads.empty() ? "" : " ") + std::to_string(r);
  progress("failover: gap " + std::to_string(f->gap_s) + " s (longest between two 201s " +
           std::to_string(f->longest_gap_s) + " s), a survivor wrote after " +
           std::to_string(f->new_writer_s) + " s; reads/s on a follower: " + reads);
  json::array terms;
  for (const std::string& t : f->terms) {
    progress("failover: writer " + t);
    terms.push_back(json::string(t));
  }

  const auto kill = static_cast<std::size_t>(f->kill_second);
  const auto resumed = static_cast<std::size_t>(f->resumed_second);
  json::array reads_per_second;
  for (const int r : f->reads) reads_per_second.push_back(r);
  Report report;
  report.scenario = "cluster-book";
  report.value = cluster.per_second();
  report.unit = "durable bookings/s over HTTP, 3-node cluster";
  report.baseline = "a single hoyod node, the same load in the same run";
  report.baseline_value = single.per_second();
  report.params = {{"connections", s.connections},
                   {"seconds", s.seconds},
                   {"users", s.users},
                   {"facilities", s.facilities},
                   {"rooms", s.rooms},
                   {"days", scene->day_count},
                   {"threads", s.threads},
                   {"lease_ttl_ms", s.lease_ttl_ms},
                   {"bookers", s.bookers},
                   {"before_kill_s", s.before},
                   {"after_resume_s", s.after},
                   {"client_timeout_ms", s.client_timeout_ms}};
  report.extra = {{"single_created", single.created},
                  {"single_p99_ms", single.p99_ms},
                  {"single_hoyod_cpu_seconds", single_cpu},
                  {"single_machine_busy", single.machine_busy},
                  {"cluster_created", cluster.created},
                  {"cluster_created_per_node",
                   json::array(cluster.created_per_node.begin(), cluster.created_per_node.end())},
                  {"cluster_other", cluster.other},
                  {"cluster_p50_ms", cluster.p50_ms},
                  {"cluster_p99_ms", cluster.p99_ms},
                  {"writer_cpu_seconds", writer_cpu},
                  {"followers_cpu_seconds", followers_cpu},
                  {"nats_cpu_seconds", nats_cpu},
                  {"cluster_machine_busy", cluster.machine_busy},
                  {"writer_batches", writer_batches},
                  {"failover_gap_s", f->gap_s},
                  {"longest_gap_s", f->longest_gap_s},
                  {"new_writer_after_s", f->new_writer_s},
                  {"writer_terms_after_kill", terms},
                  {"failover_acknowledged", f->acknowledged},
                  {"reads_min_per_s", min_reads},
                  {"reads_zero_seconds", zero_seconds},
                  {"reads_before_per_s", mean(f->reads, 0, kill)},
                  {"reads_during_per_s", mean(f->reads, kill, resumed + 1)},
                  {"reads_after_per_s", mean(f->reads, resumed + 1, f->reads.size())},
                  {"reads_per_second", reads_per_second}};
  print(report);
  return 0;
}

}  // namespace

int run_cluster_book(int argc, char** argv) {
  po::options_description desc("hoyo-bench cluster-book");
  desc.add_options()("connections", po::value<int>()->default_value(64),
                     "wrk connections in all (a third per node in the cluster)")(
      "seconds", po::value<int>()->default_value(10), "seconds of load")(
      "users", po::value<int>()->default_value(2000),
      "logged-in users booking (each may hold 100 stays)")(
      "facilities", po::value<int>()->default_value(20), "benchmark facilities")(
      "rooms", po::value<int>()->default_value(1000), "rooms per facility")(
      "threads", po::value<int>()->default_value(2), "HTTP threads of each hoyod")(
      "lease-ttl-ms", po::value<int>()->default_value(6000), "the cluster's cluster.lease_ttl_ms")(
      "before", po::value<int>()->default_value(5), "seconds of failover load before the kill")(
      "after", po::value<int>()->default_value(10), "seconds measured after bookings resumed")(
      "bookers", po::value<int>()->default_value(4), "booking loops during the failover")(
      "client-timeout-ms", po::value<int>()->default_value(2000),
      "a failover booker gives up waiting and retries its key after this long");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const Settings s{vm["connections"].as<int>(),
                   vm["seconds"].as<int>(),
                   vm["users"].as<int>(),
                   vm["facilities"].as<int>(),
                   vm["rooms"].as<int>(),
                   vm["threads"].as<int>(),
                   vm["lease-ttl-ms"].as<int>(),
                   vm["before"].as<int>(),
                   vm["after"].as<int>(),
                   vm["bookers"].as<int>(),
                   vm["client-timeout-ms"].as<int>()};
  if (s.connections < kNodes || s.users < 1 || s.facilities < 1 || s.bookers < 1) {
    progress("--connections must be at least 3, --users, --facilities and --bookers at least 1");
    return 2;
  }
  BenchDir dir(vm["dir"].as<std::string>(), vm["keep"].as<bool>());
  raise_file_limit(65536);
  // Every process started below is stopped by its owner's destructor, also
  // when a step throws.
  try {
    return run(s, dir);
  } catch (const std::exception& e) {
    progress(std::string("cluster-book failed: ") + e.what());
    return 1;
  }
}

}  // namespace hoyo::bench
