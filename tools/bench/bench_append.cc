// hoyo-bench append: many concurrent appenders of small events through the
// group-committing writer, against raw RocksDB Put(sync=true) from as many threads.
#include <rocksdb/db.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "bench/bench_dir.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "eventstore/event_store.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;
using eventstore::EventStore;

bool g_ordered_ids = true;

// A time-ordered id as our services make them (UUIDv7 layout), or with
// --ids random a uniformly random one.
eventstore::EventId random_id(std::mt19937_64& rng) {
  if (g_ordered_ids) {
    const auto now = std::chrono::duration_cast<std::chrono::microseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    return eventstore::time_ordered_event_id(now, rng());
  }
  eventstore::EventId id;
  const std::uint64_t a = rng() | 1, b = rng();
  std::memcpy(id.data(), &a, 8);
  std::memcpy(id.data() + 8, &b, 8);
  return id;
}

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Outcome {
  double per_second = 0;
  std::vector<double> latencies_ms;
};

// Blocking appenders, one thread each.
Outcome run_store_threads(EventStore& store, int writers, std::int64_t events, int bytes,
                          int streams) {
  std::atomic<std::int64_t> remaining{events};
  std::mutex mu;
  Outcome out;
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937_64 rng(w * 7919 + 1);
      std::vector<double> lat;
      const std::string payload(static_cast<std::size_t>(bytes), 'p');
      while (remaining.fetch_sub(1) > 0) {
        eventstore::NewEvent e;
        e.id = random_id(rng);
        e.type = "BenchEvent";
        e.payload = payload;
        e.actor = "bench";
        const auto t = Clock::now();
        auto r = store.append({"stream-" + std::to_string(rng() % streams),
                               eventstore::ExpectedVersion::any(),
                               {std::move(e)}});
        if (!r.ok()) {
          std::cerr << "append failed: " << r.status().to_string() << "\n";
          std::exit(1);
        }
        lat.push_back(ms_since(t));
      }
      std::lock_guard lk(mu);
      out.latencies_ms.insert(out.latencies_ms.end(), lat.begin(), lat.end());
    });
  }
  for (auto& t : threads) t.join();
  out.per_second = static_cast<double>(events) / (ms_since(start) / 1000.0);
  return out;
}

// Asynchronous callers: `writers` appends in flight at all times, each
// completion submitting the next, as an event-driven server would.
Outcome run_store_async(EventStore& store, int writers, std::int64_t events, int bytes,
                        int streams) {
  struct State {
    EventStore& store;
    std::atomic<std::int64_t> remaining;
    std::atomic<std::int64_t> done{0};
    std::mt19937_64 rng{42};
    std::string payload;
    int streams;
    std::vector<double> lat;
    std::mutex mu;
  } st{store, events, 0, {}, std::string(static_cast<std::size_t>(bytes), 'p'), streams, {}, {}};
  const std::int64_t total = events;
  std::function<void()> submit = [&] {
    if (st.remaining.fetch_sub(1) <= 0) return;
    eventstore::NewEvent e;
    std::string stream;
    {
      std::lock_guard lk(st.mu);
      e.id = random_id(st.rng);
      stream = "stream-" + std::to_string(st.rng() % st.streams);
    }
    e.type = "BenchEvent";
    e.payload = st.payload;
    e.actor = "bench";
    const auto t = Clock::now();
    store.append_async({stream, eventstore::ExpectedVersion::any(), {std::move(e)}},
                       [&, t](base::Result<eventstore::AppendResult> r) {
                         if (!r.ok()) {
                           std::cerr << "append failed: " << r.status().to_string() << "\n";
                           std::exit(1);
                         }
                         {
                           std::lock_guard lk(st.mu);
                           st.lat.push_back(ms_since(t));
                         }
                         st.done.fetch_add(1);
                         submit();
                       });
  };
  const auto start = Clock::now();
  for (int w = 0; w < writers; ++w) submit();
  while (st.done.load() < total) std::this_thread::sleep_for(std::chrono::microseconds(200));
  Outcome out;
  out.per_second = static_cast<double>(total) / (ms_since(start) / 1000.0);
  out.latencies_ms = std::move(st.lat);
  return out;
}

// The baseline: raw RocksDB, one Put per Write with sync=true, from `writers` threads.
double run_rocksdb_baseline(const std::string& dir, int writers, std::int64_t writes, int bytes) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(options, dir, &raw).ok()) {
    std::cerr << "cannot open the baseline RocksDB\n";
    std::exit(1);
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  std::atomic<std::int64_t> remaining{writes};
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int w = 0; w < writers; ++w) {
    threads.emplace_back([&, w] {
      std::mt19937_64 rng(w + 1);
      const std::string value(static_cast<std::size_t>(bytes), 'v');
      rocksdb::WriteOptions wo;
      wo.sync = true;
      while (remaining.fetch_sub(1) > 0) {
        const eventstore::EventId key = random_id(rng);
        if (!db->Put(wo, rocksdb::Slice(reinterpret_cast<const char*>(key.data()), key.size()),
                     value)
                 .ok()) {
          std::cerr << "baseline put failed\n";
          std::exit(1);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  return static_cast<double>(writes) / (ms_since(start) / 1000.0);
}

}  // namespace

int run_append(int argc, char** argv) {
  po::options_description desc("hoyo-bench append");
  desc.add_options()("writers", po::value<int>()->default_value(256), "concurrent appenders")(
      "events", po::value<std::int64_t>()->default_value(600000), "events to append")(
      "event-bytes", po::value<int>()->default_value(300), "payload bytes per event")(
      "streams", po::value<int>()->default_value(10000), "streams the events spread over")(
      "baseline-writes", po::value<std::int64_t>()->default_value(150000),
      "writes for the raw RocksDB baseline")(
      "mode", po::value<std::string>()->default_value("async"),
      "async: appenders as completion callbacks, as hoyod's handlers are; threads: one "
      "blocking thread per appender")(
      "ids", po::value<std::string>()->default_value("ordered"),
      "event ids: ordered (time_ordered_event_id, UUIDv7 layout) or random")(
      "no-sync", po::bool_switch(), "acknowledge before fsync (diagnosis only: not durable)");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const bool no_sync = vm["no-sync"].as<bool>();
  g_ordered_ids = vm["ids"].as<std::string>() == "ordered";
  const int writers = vm["writers"].as<int>();
  const auto events = vm["events"].as<std::int64_t>();
  const int bytes = vm["event-bytes"].as<int>();
  const int streams = vm["streams"].as<int>();
  const auto baseline_writes = vm["baseline-writes"].as<std::int64_t>();
  const std::string mode = vm["mode"].as<std::string>();
  BenchDir dir(vm["dir"].as<std::string>());

  progress("baseline: raw RocksDB Put sync=true, " + std::to_string(writers) + " threads, " +
           std::to_string(baseline_writes) + " writes");
  const double baseline =
      run_rocksdb_baseline(dir.path() + "/raw", writers, baseline_writes, bytes);
  progress("  " + std::to_string(baseline) + " writes/s");

  eventstore::StoreOptions options;
  options.sync = !no_sync;
  auto opened = EventStore::open(dir.path() + "/store", options);
  if (!opened.ok()) {
    std::cerr << opened.status().to_string() << "\n";
    return 1;
  }
  auto store = std::move(opened).value();
  progress("event store: " + std::to_string(writers) + " " + mode + " appenders, " +
           std::to_string(events) + " events");
  Outcome out = mode == "async" ? run_store_async(*store, writers, events, bytes, streams)
                                : run_store_threads(*store, writers, events, bytes, streams);
  const auto stats = store->stats();
  progress("  " + std::to_string(out.per_second) + " events/s in " + std::to_string(stats.batches) +
           " batches");

  Report r;
  r.scenario = "append";
  r.value = std::round(out.per_second * 10) / 10;
  r.unit = "events/s";
  r.baseline = "rocksdb put sync=1, " + std::to_string(writers) + " threads";
  r.baseline_value = std::round(baseline * 10) / 10;
  r.params = {{"writers", writers},
              {"event_bytes", bytes},
              {"events", events},
              {"streams", streams},
              {"mode", mode},
              {"sync", !no_sync},
              {"ids", vm["ids"].as<std::string>()},
              {"baseline_writes", baseline_writes}};
  r.extra = {
      {"p50_ms", std::round(percentile(out.latencies_ms, 0.50) * 100) / 100},
      {"p99_ms", std::round(percentile(out.latencies_ms, 0.99) * 100) / 100},
      {"batches", stats.batches},
      {"decide_us_per_event", stats.events ? double(stats.decide_micros) / stats.events : 0},
      {"write_us_per_event", stats.events ? double(stats.write_micros) / stats.events : 0},
      {"syncs", stats.syncs},
      {"mean_sync_ms", stats.syncs ? stats.sync_micros / 1000.0 / stats.syncs : 0},
      {"mean_batch_events", stats.batches ? static_cast<double>(stats.events) / stats.batches : 0}};
  print(r);
  return 0;
}

}  // namespace hoyo::bench
