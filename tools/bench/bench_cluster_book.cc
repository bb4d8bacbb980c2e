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
#include <atomic>
#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <thread>
#include <vector>

#include "bench/bench_dir.h"
#include "bench/book_scene.h"
#include "bench/hoyod_runner.h"
#include "bench/nats_servers.h"
#include "bench/process.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "bench/wrk.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
namespace json = boost::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kNodes = 3;

struct Settings {
  int connections, seconds, users, facilities, rooms, threads, lease_ttl_ms;
  int before, after, bookers, client_timeout_ms;
};

// The total of several wrk runs at once (one per node).
struct Load {
  bool ok = false;
  std::string error;
  double created = 0, no_vacancy = 0, other = 0, seconds = 0, p50_ms = 0, p99_ms = 0;
  double machine_busy = 0;  // the share of all cores busy meanwhile (every process)
  std::vector<double> created_per_node;
  double per_second() const { return seconds > 0 ? created / seconds : 0; }
};

struct NodeHealth {
  std::string role;  // "writer", "follower", or "" without an answer
  std::uint64_t position = 0, epoch = 0;
};

// The node's GET /api/health (2 s at most).
NodeHealth health(std::uint16_t port) {
  NodeHealth h;
  const HttpAnswer a =
      http_call(port, "GET", "/api/health", {}, {}, "application/json", {}, seconds(2));
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

// Polls `ready` every 100 ms until it holds or `timeout` passed.
template <typename F>
bool wait_for(F ready, milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  while (!ready()) {
    if (Clock::now() > until) return false;
    std::this_thread::sleep_for(milliseconds(100));
  }
  return true;
}

// The machine's busy and total CPU time so far (jiffies, from /proc/stat).
std::pair<double, double> machine_cpu() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double v = 0, total = 0, idle = 0;
  in >> cpu;
  for (int i = 0; i < 8 && in >> v; ++i) {
    total += v;
    if (i == 3 || i == 4) idle += v;  // idle, iowait
  }
  return {total - idle, total};
}

// wrk against each port at once, `connections` split between them.
Load book_load(const std::vector<std::uint16_t>& ports, const Settings& s, const BookScene& scene) {
  const int n = static_cast<int>(ports.size());
  std::vector<WrkResult> runs(ports.size());
  std::vector<std::thread> threads;
  const auto [busy_before, total_before] = machine_cpu();
  for (int i = 0; i < n; ++i) {
    const int share = s.connections / n + (i < s.connections % n ? 1 : 0);
    threads.emplace_back([&, i, share] {
      runs[i] = run_wrk(
          "http://127.0.0.1:" + std::to_string(ports[i]), share, s.seconds, -1,
          std::string(HOYO_SOURCE_DIR) + "/tools/bench/http_book.lua",
          {scene.cookies_file, scene.days, std::to_string(s.facilities), std::to_string(i + 1)});
    });
  }
  for (auto& t : threads) t.join();
  const auto [busy_after, total_after] = machine_cpu();
  Load load;
  load.machine_busy = (busy_after - busy_before) / std::max(1.0, total_after - total_before);
  for (auto& w : runs) {
    if (!w.ok) {
      load.error = w.error;
      return load;
    }
    load.created += w.counters["created"];
    load.no_vacancy += w.counters["no_vacancy"];
    load.other += w.counters["other"];
    load.created_per_node.push_back(w.counters["created"]);
    load.seconds = std::max(load.seconds, w.seconds > 0 ? w.seconds : s.seconds);
    load.p50_ms = std::max(load.p50_ms, w.p50_ms);
    load.p99_ms = std::max(load.p99_ms, w.p99_ms);
  }
  load.ok = true;
  return load;
}

std::string describe(const std::string& what, const Load& l, double cpu) {
  return what + ": " + std::to_string(l.per_second()) + " bookings/s (" +
         std::to_string(static_cast<long>(l.created)) + " created, " +
         std::to_string(static_cast<long>(l.no_vacancy)) + " no_vacancy, " +
         std::to_string(static_cast<long>(l.other)) + " other), hoyod CPU " + std::to_string(cpu) +
         " s, p99 " + std::to_string(l.p99_ms) + " ms, machine " +
         std::to_string(static_cast<int>(l.machine_busy * 100)) + "% busy";
}

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

struct Failover {
  // The longest time without a 201 that ends after the kill, at the latest
  // with the first 201 of a booking sent after it.
  double gap_s = 0;
  double longest_gap_s = 0;  // between any two 201s of the phase
  double new_writer_s = -1;  // from the kill until a survivor said it writes
  std::size_t acknowledged = 0;
  std::vector<int> reads;  // successful reads per whole second of the phase
  int kill_second = 0, resumed_second = 0;
  // Each term a survivor's /api/health showed as the writer: "node-N epoch E
  // at S s" (S from the kill), in the order seen.
  std::vector<std::string> terms;
};

double mean(const std::vector<int>& v, std::size_t from, std::size_t to) {
  to = std::min(to, v.size());
  if (from >= to) return 0;
  double sum = 0;
  for (std::size_t i = from; i < to; ++i) sum += v[i];
  return sum / static_cast<double>(to - from);
}

// Phase 3: see the file's comment. `nodes[writer]` is killed.
std::optional<Failover> measure_failover(std::vector<Hoyod>& nodes, int writer, const Settings& s,
                                         const BookScene& scene, std::string* error) {
  std::vector<std::string> cookies;
  {
    std::ifstream in(scene.cookies_file);
    for (std::string line; std::getline(in, line);) cookies.push_back(line);
  }
  std::vector<std::string> days;
  for (std::size_t at = 0; at < scene.days.size();) {
    const std::size_t comma = std::min(scene.days.find(',', at), scene.days.size());
    days.push_back(scene.days.substr(at, comma - at));
    at = comma + 1;
  }
  std::vector<std::uint16_t> survivors;
  for (int i = 0; i < kNodes; ++i) {
    if (i != writer) survivors.push_back(nodes[i].port);
  }
  const auto t0 = Clock::now();
  auto since = [t0](Clock::time_point t) { return std::chrono::duration<double>(t - t0).count(); };
  std::atomic<bool> stop{false};
  std::mutex mu;
  struct Ack {
    double sent, answered;  // seconds since t0: the attempt that got the 201
  };
  std::vector<Ack> acks;
  std::vector<std::thread> threads;
  for (int b = 0; b < s.bookers; ++b) {
    threads.emplace_back([&, b] {
      std::mt19937 rng(static_cast<unsigned>(b * 7919 + 17));
      const std::uint16_t port = survivors[static_cast<std::size_t>(b) % survivors.size()];
      for (long n = 0; !stop; ++n) {
        const std::string key = "failover-" + std::to_string(b) + "-" + std::to_string(n);
        const std::string cookie = cookies[rng() % cookies.size()];
        const std::string body =
            booking_body(static_cast<int>(rng() % s.facilities) + 1, days[rng() % days.size()]);
        // The same key until the booking is answered for good.
        while (!stop) {
          const double sent = since(Clock::now());
          const HttpAnswer a =
              http_call(port, "POST", "/api/reservations", body, cookie, "application/json",
                        {{"Idempotency-Key", key}}, milliseconds(s.client_timeout_ms));
          if (a.status == 201) {
            std::lock_guard<std::mutex> lock(mu);
            acks.push_back({sent, since(Clock::now())});
          }
          if (a.status != 0 && a.status != 503) break;
          std::this_thread::sleep_for(milliseconds(50));
        }
      }
    });
  }
  // The reader: the busiest public read, the week's vacancy, on a follower.
  const std::uint16_t read_port = survivors[0];
  const std::string week = "/api/vacancy/bench-1/week?from=" + days[0];
  std::vector<std::atomic<int>> per_second(600);
  threads.emplace_back([&] {
    while (!stop) {
      const HttpAnswer a =
          http_call(read_port, "GET", week, {}, {}, "application/json", {}, seconds(5));
      const auto at = static_cast<std::size_t>(since(Clock::now()));
      if (a.status == 200 && at < per_second.size()) ++per_second[at];
    }
  });
  auto finish = [&] {
    stop = true;
    for (auto& t : threads) t.join();
  };

  // Which survivor says it writes, at which epoch, from the kill on.
  std::atomic<double> kill_at{-1};
  std::vector<std::string> terms;
  threads.emplace_back([&] {
    std::uint64_t last_epoch = 0;
    while (!stop) {
      if (kill_at >= 0) {
        for (int i = 0; i < kNodes; ++i) {
          if (i == writer) continue;
          const NodeHealth h = health(nodes[i].port);
          if (h.role == "writer" && h.epoch != last_epoch) {
            last_epoch = h.epoch;
            std::lock_guard<std::mutex> lock(mu);
            terms.push_back("node-" + std::to_string(i + 1) + " epoch " + std::to_string(h.epoch) +
                            " at " + std::to_string(since(Clock::now()) - kill_at) + " s");
          }
        }
      }
      std::this_thread::sleep_for(milliseconds(100));
    }
  });
  std::this_thread::sleep_for(seconds(s.before));
  progress("failover: kill -9 the writer (" + std::to_string(nodes[writer].process->pid()) +
           ") after " + std::to_string(s.before) + " s");
  kill_at = since(Clock::now());
  nodes[writer].process->kill9();
  Failover f;
  const bool taken_over = wait_for(
      [&] {
        for (const std::uint16_t p : survivors) {
          if (health(p).role == "writer") return true;
        }
        return since(Clock::now()) - kill_at > 60;
      },
      seconds(61));
  f.new_writer_s = since(Clock::now()) - kill_at;
  // Resumed: a booking sent after the kill was acknowledged (one answered
  // just after it may have been decided before it).
  const bool resumed = wait_for(
      [&] {
        std::lock_guard<std::mutex> lock(mu);
        return std::any_of(acks.begin(), acks.end(),
                           [&](const Ack& a) { return a.sent > kill_at; });
      },
      seconds(60));
  if (!taken_over || !resumed) {
    finish();
    *error =
        "no booking sent after the writer's death was acknowledged within 60 s (are the users "
        "at their 100 stays? raise --users)";
    return std::nullopt;
  }
  std::this_thread::sleep_for(seconds(s.after));
  const double end = since(Clock::now());
  finish();

  double after = end;  // the first acknowledgement of a booking sent after the kill
  for (const Ack& a : acks) {
    if (a.sent > kill_at) after = std::min(after, a.answered);
  }
  std::vector<double> answered;
  for (const Ack& a : acks) answered.push_back(a.answered);
  std::sort(answered.begin(), answered.end());
  f.acknowledged = answered.size();
  for (std::size_t i = 1; i < answered.size(); ++i) {
    const double gap = answered[i] - answered[i - 1];
    f.longest_gap_s = std::max(f.longest_gap_s, gap);
    // The kill's gap: the longest that ends between the kill and the resumption.
    if (answered[i] > kill_at && answered[i] <= after) f.gap_s = std::max(f.gap_s, gap);
  }
  f.kill_second = static_cast<int>(kill_at.load());
  f.terms = terms;
  f.resumed_second = static_cast<int>(after);
  for (int i = 0; i < static_cast<int>(end); ++i)
    f.reads.push_back(per_second[i]);  // whole seconds
  return f;
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

  // 2. The cluster. The servers outlive the nodes (declared first, destroyed last).
  const std::string cdir = dir.path() + "/cluster";
  std::filesystem::create_directories(cdir);
  progress("cluster: three nats-server and three hoyod (lease " + std::to_string(s.lease_ttl_ms) +
           " ms)");
  const std::unique_ptr<NatsServers> nats = NatsServers::start(cdir, &error);
  if (!nats) {
    progress(error);
    return 1;
  }
  const std::string config = write_cluster_config(cdir, s.lease_ttl_ms);
  std::vector<Hoyod> nodes;
  for (int i = 0; i < kNodes; ++i) {
    const std::string name = "node-" + std::to_string(i + 1);
    HoyodOptions o;
    o.data_dir = cdir + "/" + name;
    o.log = cdir + "/" + name + ".log";
    o.config = config;
    o.threads = s.threads;
    o.args = {"--cluster", nats->urls(), "--node-name", name};
    auto node = start_hoyod(o, &error);
    if (!node) {
      progress(error);
      return 1;
    }
    nodes.push_back(std::move(*node));
  }
  int writer = -1;
  if (!wait_for(
          [&] {
            for (int i = 0; i < kNodes; ++i) {
              if (health(nodes[i].port).role == "writer") writer = i;
            }
            return writer >= 0;
          },
          seconds(60))) {
    progress("no node became the writer in 60 s; see " + cdir + "/node-*.log");
    return 1;
  }
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
  std::vector<std::uint16_t> ports;
  for (const Hoyod& n : nodes) ports.push_back(n.port);
  const Load cluster = book_load(ports, s, *scene);
  double writer_cpu = 0, followers_cpu = 0;
  for (int i = 0; i < kNodes; ++i) {
    const double cpu = nodes[i].process->cpu_seconds() - cpu_before[i];
    (i == writer ? writer_cpu : followers_cpu) += cpu;
  }
  const double nats_cpu = nats->cpu_seconds() - nats_before;
  if (!cluster.ok) {
    progress(cluster.error);
    return 1;
  }
  progress(describe("cluster", cluster, writer_cpu + followers_cpu) + "; CPU s: writer " +
           std::to_string(writer_cpu) + ", followers " + std::to_string(followers_cpu) +
           ", nats-servers " + std::to_string(nats_cpu));

  // 3. The failover, of the node that writes now (the load may have moved it).
  const int loaded_writer = writer;
  writer = -1;
  if (!wait_for(
          [&] {
            for (int i = 0; i < kNodes; ++i) {
              if (health(nodes[i].port).role == "writer") writer = i;
            }
            return writer >= 0;
          },
          seconds(60))) {
    progress("no node writes after the load; see " + cdir + "/node-*.log");
    return 1;
  }
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
