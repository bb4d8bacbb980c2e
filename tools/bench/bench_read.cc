// hoyo-bench read: decode every envelope of a large log (hash check off),
// against RocksDB's own sequential iteration of the same column family.
#include <rocksdb/db.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <random>
#include <thread>

#include "bench/bench_dir.h"
#include "bench/report.h"
#include "bench/rocksdb_scan.h"
#include "bench/scenarios.h"
#include "eventstore/event_store.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;
using eventstore::EventStore;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// Fills the log quickly (no sync: this scenario measures reads).
void build_log(const std::string& dir, std::int64_t events, int bytes) {
  eventstore::StoreOptions options;
  options.sync = false;
  auto store = std::move(EventStore::open(dir, options)).value();
  constexpr int kPerAppend = 32;
  std::atomic<std::int64_t> in_flight{0};
  std::mt19937_64 rng(1);
  const std::string payload(static_cast<std::size_t>(bytes), 'r');
  const auto start = Clock::now();
  for (std::int64_t done = 0; done < events;) {
    while (in_flight.load() > 256) std::this_thread::yield();
    eventstore::AppendRequest req{
        "stream-" + std::to_string(rng() % 100000), eventstore::ExpectedVersion::any(), {}};
    for (int i = 0; i < kPerAppend && done < events; ++i, ++done) {
      eventstore::NewEvent e;
      const std::uint64_t a = rng() | 1, b = rng();
      std::memcpy(e.id.data(), &a, 8);
      std::memcpy(e.id.data() + 8, &b, 8);
      e.type = "BenchEvent";
      e.payload = payload;
      e.actor = "bench";
      req.events.push_back(std::move(e));
    }
    ++in_flight;
    store->append_async(std::move(req), [&](base::Result<eventstore::AppendResult> r) {
      if (!r.ok()) {
        std::cerr << "build failed: " << r.status().to_string() << "\n";
        std::exit(1);
      }
      --in_flight;
    });
  }
  while (in_flight.load() > 0) std::this_thread::yield();
  progress("  built " + std::to_string(store->head()) + " events in " +
           std::to_string(seconds_since(start)) + " s");
}

double store_scan(const std::string& dir, std::int64_t expected) {
  auto store = std::move(EventStore::open(dir)).value();
  std::int64_t n = 0;
  std::size_t payload = 0;
  const auto start = Clock::now();
  auto r = store->read_all(1, UINT64_MAX, [&](const eventstore::EventView& e) {
    payload += e.payload.size() + e.type.size() + e.stream_id.size();
    ++n;
    return true;
  });
  const double s = seconds_since(start);
  if (!r.ok() || n != expected) {
    std::cerr << "read failed or short: " << r.status().to_string() << ", " << n << "\n";
    std::exit(1);
  }
  progress("  event store decode: " + std::to_string(n / s) + " events/s");
  return static_cast<double>(n) / s;
}

}  // namespace

int run_read(int argc, char** argv) {
  po::options_description desc("hoyo-bench read");
  desc.add_options()("events", po::value<std::int64_t>()->default_value(5000000),
                     "events in the log")("event-bytes", po::value<int>()->default_value(300),
                                          "payload bytes per event")(
      "rounds", po::value<int>()->default_value(2), "alternating rounds; the best of each counts");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const auto events = vm["events"].as<std::int64_t>();
  const int bytes = vm["event-bytes"].as<int>();
  const int rounds = std::max(1, vm["rounds"].as<int>());
  BenchDir dir(vm["dir"].as<std::string>());
  const std::string log = dir.path() + "/store";
  progress("building a log of " + std::to_string(events) + " events");
  build_log(log, events, bytes);

  double best_store = 0, best_base = 0;
  for (int i = 0; i < rounds; ++i) {
    best_base = std::max(best_base, rocksdb_scan(log, events));
    best_store = std::max(best_store, store_scan(log, events));
  }
  Report r;
  r.scenario = "read";
  r.value = std::round(best_store);
  r.unit = "events/s";
  r.baseline = "rocksdb sequential iteration of the events column family";
  r.baseline_value = std::round(best_base);
  r.params = {
      {"events", events}, {"event_bytes", bytes}, {"rounds", rounds}, {"hash_check", false}};
  print(r);
  return 0;
}

}  // namespace hoyo::bench
