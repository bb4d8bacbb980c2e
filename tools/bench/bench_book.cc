// hoyo-bench book: durable first-come bookings per second through the command
// processor, 256 clients in flight over many facilities and dates; baseline: a
// local PostgreSQL 15 doing the same booking as one transaction with pgbench.
#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <iostream>
#include <mutex>
#include <random>
#include <thread>

#include "bench/bench_dir.h"
#include "bench/postgres_baseline.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "eventstore/event_store.h"
#include "processor/command_processor.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
using Clock = std::chrono::steady_clock;

struct BookOutcome {
  double per_second = 0;
  std::int64_t booked = 0, refused = 0;
  std::vector<double> latencies_ms;
};

// `clients` bookings in flight at all times, each answer submitting the next.
BookOutcome run_bookings(processor::CommandProcessor& proc, int clients, std::int64_t total,
                         int facilities, int days, domain::Date first_day) {
  struct Shared {
    std::atomic<std::int64_t> remaining;
    std::atomic<std::int64_t> done{0}, booked{0}, refused{0};
    std::mutex mu;
    std::mt19937_64 rng{7};
    std::vector<double> lat;
  } sh{total, 0, 0, 0, {}, {}, {}};
  std::function<void()> submit = [&] {
    if (sh.remaining.fetch_sub(1) <= 0) return;
    domain::BookRoom b;
    {
      std::lock_guard lk(sh.mu);
      b.user = std::to_string(100000 + sh.rng() % 1'000'000'000);
      b.facility = "f" + std::to_string(sh.rng() % facilities);
      b.check_in = first_day.plus_days(static_cast<int>(sh.rng() % days));
    }
    b.nights = 1;
    b.people = {2};
    const auto t = Clock::now();
    domain::Command c{domain::Actor::user(b.user), std::move(b)};
    proc.submit(std::move(c), {}, [&, t](base::Result<processor::Outcome> r) {
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();
      if (r.ok()) {
        ++sh.booked;
      } else if (r.error().code == base::ErrorCode::kNoVacancy) {
        ++sh.refused;
      } else {
        std::cerr << "booking failed: " << r.error() << "\n";
        std::exit(1);
      }
      {
        std::lock_guard lk(sh.mu);
        sh.lat.push_back(ms);
      }
      ++sh.done;
      submit();
    });
  };
  const auto start = Clock::now();
  for (int i = 0; i < clients; ++i) submit();
  while (sh.done.load() < total) std::this_thread::sleep_for(std::chrono::microseconds(200));
  BookOutcome out;
  out.per_second = static_cast<double>(sh.booked.load()) /
                   std::chrono::duration<double>(Clock::now() - start).count();
  out.booked = sh.booked.load();
  out.refused = sh.refused.load();
  out.latencies_ms = std::move(sh.lat);
  return out;
}

// Registers `facilities` facilities of `rooms` standard rooms.
bool register_facilities(processor::CommandProcessor& proc, int facilities, int rooms) {
  for (int f = 0; f < facilities; ++f) {
    domain::Facility fac;
    fac.id = "f" + std::to_string(f);
    fac.name = "施設" + std::to_string(f);
    fac.name_en = "Facility " + std::to_string(f);
    fac.room_types = {{domain::RoomStyle::kStandard, rooms, 4}};
    auto r = proc.submit({domain::Actor::op("bench"), domain::RegisterFacility{fac}}).get();
    if (!r.ok()) {
      std::cerr << "setup failed: " << r.error() << "\n";
      return false;
    }
  }
  return true;
}

const domain::Date kFirstDay = domain::Date::from_ymd(2027, 2, 1);
const domain::Instant kBookingOpen = domain::tokyo_time(domain::Date::from_ymd(2026, 12, 1), 9, 0);

}  // namespace

int run_book(int argc, char** argv) {
  po::options_description desc("hoyo-bench book");
  desc.add_options()("clients", po::value<int>()->default_value(256), "bookings in flight")(
      "bookings", po::value<std::int64_t>()->default_value(300000), "bookings to attempt")(
      "facilities", po::value<int>()->default_value(200), "facilities")(
      "rooms", po::value<int>()->default_value(60), "rooms per facility")(
      "days", po::value<int>()->default_value(28), "stay dates (February 2027)")(
      "pg-seconds", po::value<int>()->default_value(15), "pgbench duration")(
      "no-baseline", po::bool_switch(), "skip PostgreSQL")(
      "snapshot-every", po::value<std::uint64_t>()->default_value(0),
      "write the writer's snapshot every N events meanwhile (0: none), to see what it costs");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const int clients = vm["clients"].as<int>();
  const auto total = vm["bookings"].as<std::int64_t>();
  const int facilities = vm["facilities"].as<int>();
  const int rooms = vm["rooms"].as<int>();
  const int days = vm["days"].as<int>();
  BenchDir dir(vm["dir"].as<std::string>());

  PostgresResult pg;
  if (!vm["no-baseline"].as<bool>()) {
    progress("baseline: PostgreSQL booking transaction, pgbench " + std::to_string(clients) +
             " clients");
    pg = run_postgres_booking(dir.path() + "/pg", clients, facilities, days, rooms,
                              vm["pg-seconds"].as<int>());
    if (!pg.ok) {
      std::cerr << "PostgreSQL baseline failed: " << pg.error << "\n";
      return 1;
    }
    progress("  " + std::to_string(pg.tps) + " tps");
  }

  auto store = std::move(eventstore::EventStore::open(dir.path() + "/store")).value();
  processor::SettableClock clock(kBookingOpen);
  processor::ProcessorOptions options;
  options.snapshots.every_events = vm["snapshot-every"].as<std::uint64_t>();
  auto proc = std::move(processor::CommandProcessor::open(*store, clock, options)).value();
  if (!register_facilities(*proc, facilities, rooms)) return 1;
  progress("processor: " + std::to_string(total) + " bookings, " + std::to_string(clients) +
           " in flight, " + std::to_string(facilities) + " facilities x " + std::to_string(days) +
           " days x " + std::to_string(rooms) + " rooms");
  BookOutcome out = run_bookings(*proc, clients, total, facilities, days, kFirstDay);
  progress("  " + std::to_string(out.per_second) + " bookings/s (" + std::to_string(out.booked) +
           " booked, " + std::to_string(out.refused) + " no vacancy)");

  Report r;
  r.scenario = "book";
  r.value = std::round(out.per_second * 10) / 10;
  r.unit = "bookings/s";
  if (!vm["no-baseline"].as<bool>()) {
    r.baseline = "postgresql 15 booking transaction, pgbench " + std::to_string(clients) +
                 " clients, synchronous_commit=on";
    r.baseline_value = std::round(pg.tps * 10) / 10;
  }
  r.params = {{"clients", clients},
              {"bookings", total},
              {"facilities", facilities},
              {"rooms", rooms},
              {"days", days}};
  const processor::SnapshotStatus snaps = proc->snapshot_status();
  r.extra = {{"snapshots_written", snaps.written},
             {"last_snapshot_bytes", snaps.last_bytes},
             {"last_snapshot_seconds", std::round(snaps.last_seconds * 1000) / 1000},
             {"p50_ms", std::round(percentile(out.latencies_ms, 0.5) * 100) / 100},
             {"p99_ms", std::round(percentile(out.latencies_ms, 0.99) * 100) / 100},
             {"p999_ms", std::round(percentile(out.latencies_ms, 0.999) * 100) / 100},
             {"max_ms", std::round(percentile(out.latencies_ms, 1.0) * 100) / 100},
             {"booked", out.booked},
             {"no_vacancy", out.refused}};
  print(r);
  return 0;
}

}  // namespace hoyo::bench
