// hoyo-bench fanout: live vacancy to WebSocket subscribers. 1,000 clients on
// CPU 1 subscribe to one facility of hoyod (the whole server on CPU 0, one
// HTTP thread); changes are made at a paced rate (an operator closing and
// reopening one date, each a durable event touching one date), and each
// message's delay is measured from the moment its change was sent. The
// headline is the highest rate at which every message arrives with p99 <=
// 100 ms, as deliveries/s. The same measurement runs in the same run against
// a Node.js `ws` server (tools/bench/node) broadcasting hoyod's own message.
// Then one change to 10,000 subscribers: the time until the last one has it.
#include <algorithm>
#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <filesystem>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "bench/bench_dir.h"
#include "bench/change_driver.h"
#include "bench/hoyod_runner.h"
#include "bench/process.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "bench/ws_swarm.h"
#include "domain/civil_time.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
namespace json = boost::json;

constexpr double kP99LimitMs = 100;

struct StepResult {
  double rate = 0;
  std::size_t changes = 0;
  std::size_t expected = 0, delivered = 0;
  double p50_ms = 0, p99_ms = 0, max_ms = 0;
  bool ok() const { return delivered == expected && p99_ms <= kP99LimitMs; }
};

// Makes changes at `rate` per second for `seconds`, waits for stragglers,
// and measures every delivery's delay from the moment its change was due.
StepResult step(WsSwarm& swarm, DriverTarget& target, double rate, int seconds) {
  swarm.clear();
  StepResult r;
  r.rate = rate;
  const DriverResult d = drive_changes(target, rate, static_cast<std::size_t>(rate * seconds));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // stragglers
  r.changes = d.due.size();
  std::vector<double> delays;
  const auto arrivals = swarm.arrivals();
  r.expected = (d.due.size() + d.failed) * arrivals.size();
  for (const auto& client : arrivals) {
    for (const auto& a : client) {
      auto it = d.due.find(a.position);
      if (it == d.due.end()) continue;
      delays.push_back(static_cast<double>(a.at_ns - it->second) / 1e6);
    }
  }
  r.delivered = delays.size();
  if (!delays.empty()) {
    std::sort(delays.begin(), delays.end());
    r.p50_ms = delays[delays.size() / 2];
    r.p99_ms = delays[std::min(delays.size() - 1, delays.size() * 99 / 100)];
    r.max_ms = delays.back();
  }
  return r;
}

struct Measured {
  double best_rate = 0;  // changes/s that passed
  StepResult best;
  std::vector<StepResult> steps;
  double last_of_many_ms = 0;  // one change to `many` subscribers
  std::string error;
};

// The whole measurement against one server (hoyod or Node) on `port`.
Measured measure(DriverTarget target, int subscribers, int many, const std::vector<double>& rates,
                 int seconds) {
  Measured m;
  const bool node = target.node;
  const std::uint16_t port = target.port;
  const std::string subscribe = R"({"subscribe":["fanout"]})";
  {
    WsSwarm swarm(port, subscribers, subscribe, 1);
    if (!swarm.wait_subscribed(std::chrono::seconds(60))) {
      m.error = "subscribers did not all subscribe";
      return m;
    }
    for (double rate : rates) {
      StepResult r = step(swarm, target, rate, seconds);
      progress(std::string(node ? "node " : "hoyod ") + std::to_string(static_cast<int>(rate)) +
               " changes/s: " + std::to_string(r.delivered) + "/" + std::to_string(r.expected) +
               " delivered, p50 " + std::to_string(r.p50_ms) + " ms, p99 " +
               std::to_string(r.p99_ms) + " ms, max " + std::to_string(r.max_ms) + " ms");
      m.steps.push_back(r);
      if (!r.ok()) break;
      m.best_rate = rate;
      m.best = r;
    }
  }
  // One change to `many` subscribers.
  WsSwarm swarm(port, many, subscribe, 1);
  if (!swarm.wait_subscribed(std::chrono::seconds(120))) {
    m.error = "the " + std::to_string(many) + " subscribers did not all subscribe (" +
              std::to_string(swarm.subscribed()) + " did, " + std::to_string(swarm.failed()) +
              " failed)";
    return m;
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const DriverResult one = drive_changes(target, 1, 1);
  if (one.due.size() != 1) {
    m.error = "the single change failed";
    return m;
  }
  const std::uint64_t position = one.due.begin()->first;
  const std::int64_t t = one.due.begin()->second;
  std::int64_t last = 0;
  std::size_t got = 0;
  for (int wait = 0; wait < 200 && got < static_cast<std::size_t>(many); ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    got = 0;
    last = 0;
    for (const auto& client : swarm.arrivals()) {
      for (const auto& a : client) {
        if (a.position == position) {
          ++got;
          last = std::max(last, a.at_ns);
        }
      }
    }
  }
  if (got < static_cast<std::size_t>(many)) {
    m.error = "only " + std::to_string(got) + " of " + std::to_string(many) + " got the change";
    return m;
  }
  m.last_of_many_ms = static_cast<double>(last - t) / 1e6;
  progress(std::string(node ? "node" : "hoyod") + ": one change to " + std::to_string(many) +
           " subscribers, the last had it after " + std::to_string(m.last_of_many_ms) + " ms");
  return m;
}

std::vector<double> parse_rates(const std::string& text) {
  std::vector<double> out;
  std::istringstream in(text);
  for (std::string r; std::getline(in, r, ',');) out.push_back(std::stod(r));
  return out;
}

}  // namespace

int run_fanout(int argc, char** argv) {
  po::options_description desc("hoyo-bench fanout");
  desc.add_options()("subscribers", po::value<int>()->default_value(1000), "subscribers")(
      "many", po::value<int>()->default_value(10000), "subscribers of the single change")(
      "rates",
      po::value<std::string>()->default_value("50,100,200,300,400,600,800,1000,1500,2000,3000"),
      "changes/s to try, in order, until one fails")("seconds", po::value<int>()->default_value(3),
                                                     "seconds per rate");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const int subscribers = vm["subscribers"].as<int>();
  const int many = vm["many"].as<int>();
  const int seconds = vm["seconds"].as<int>();
  const std::vector<double> rates = parse_rates(vm["rates"].as<std::string>());
  BenchDir dir(vm["dir"].as<std::string>(), vm["keep"].as<bool>());
  // Each side (this client, the server) holds `many` sockets.
  if (raise_file_limit(2 * many + 1000) < many + 500) {
    progress("cannot raise the open-file limit for " + std::to_string(many) + " subscribers");
    return 1;
  }

  std::string error;
  auto hoyod = start_hoyod(dir.path(), 1, 0, &error);
  if (!hoyod) {
    progress(error);
    return 1;
  }
  const HttpAnswer op = http_call(hoyod->port, "POST", "/api/operator/session",
                                  R"({"login":"demo-operator","password":"demo-operator-2026"})");
  const json::object facility{
      {"name", "ファンアウト保養所"},
      {"roomTypes", json::array{{{"style", "standard"}, {"rooms", 10}, {"capacity", 4}}}}};
  if (op.status != 200 || http_call(hoyod->port, "PUT", "/api/operator/facilities/fanout",
                                    json::serialize(facility), op.cookie)
                                  .status != 201) {
    progress("cannot set up the facility");
    return 1;
  }
  const domain::Date date =
      domain::tokyo_date(std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count())
          .plus_days(20);
  progress("hoyod: " + std::to_string(subscribers) + " subscribers on CPU 1, hoyod on CPU 0");
  DriverTarget target{hoyod->port, false, op.cookie, "fanout", {}, {}};
  for (int lane = 0; lane < 16; ++lane) target.dates.push_back(date.plus_days(lane).to_string());
  const Measured h = measure(target, subscribers, many, rates, seconds);
  if (!h.error.empty()) {
    progress("hoyod: " + h.error);
    return 1;
  }
  // The payload Node broadcasts: hoyod's message for that date, byte for byte
  // but for the position.
  const std::string payload =
      R"({"type":"vacancy","facilityId":"fanout","date":")" + date.to_string() +
      R"(","freeRooms":10,"totalRooms":10,"symbol":"●","byStyle":{"standard":10},)"
      R"("bookable":true,"position":1})";
  hoyod.reset();

  const std::string node = which("node");
  const std::string peer_dir = std::string(HOYO_SOURCE_DIR) + "/tools/bench/node";
  if (node.empty()) {
    progress("Node.js is not installed");
    return 1;
  }
  if (!std::filesystem::exists(peer_dir + "/node_modules/ws") &&
      std::system(("cd " + peer_dir + " && npm ci --no-audit --no-fund >&2").c_str()) != 0) {
    progress("npm ci failed in " + peer_dir);
    return 1;
  }
  const int node_port = free_port();
  auto peer = Process::start({node, peer_dir + "/ws_peer.mjs", std::to_string(node_port), payload},
                             0, dir.path() + "/node.log", &error);
  if (!peer || peer->wait_for_log("listening", std::chrono::seconds(30)).empty()) {
    progress("the Node.js peer did not start: " + error);
    return 1;
  }
  progress("node ws: the same measurement");
  const Measured n =
      measure(DriverTarget{static_cast<std::uint16_t>(node_port), true, "", "", {}, {}},
              subscribers, many, rates, seconds);
  if (!n.error.empty()) {
    progress("node: " + n.error);
    return 1;
  }

  Report report;
  report.scenario = "fanout";
  report.value = h.best_rate * subscribers;
  report.unit = "deliveries/s with every message delivered and p99 <= 100 ms";
  report.baseline = "Node.js " + std::string("ws 8.18 on CPU 0, the same payload");
  report.baseline_value = n.best_rate * subscribers;
  report.params = {{"subscribers", subscribers},
                   {"many", many},
                   {"seconds_per_rate", seconds},
                   {"rates", vm["rates"].as<std::string>()}};
  report.extra = {
      {"hoyod_changes_per_s", h.best_rate},         {"hoyod_p99_ms", h.best.p99_ms},
      {"node_changes_per_s", n.best_rate},          {"node_p99_ms", n.best.p99_ms},
      {"hoyod_last_of_many_ms", h.last_of_many_ms}, {"node_last_of_many_ms", n.last_of_many_ms}};
  print(report);
  return 0;
}

}  // namespace hoyo::bench
