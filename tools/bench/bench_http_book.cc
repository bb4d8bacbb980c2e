// hoyo-bench http-book: durable first-come bookings over HTTP. hoyod (demo
// data and the benchmark configuration) gets benchmark facilities from an
// operator over the API and a few thousand registered, logged-in users; wrk
// then POSTs /api/reservations with 64 connections, each request with a
// user's session and a fresh Idempotency-Key. Only 201 answers count: each
// was acknowledged after its fsync. Baseline in the same run: PostgreSQL 15's
// booking transaction with pgbench at the same number of clients.
#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include "bench/bench_dir.h"
#include "bench/book_scene.h"
#include "bench/hoyod_runner.h"
#include "bench/postgres_baseline.h"
#include "bench/process.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "bench/wrk.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
namespace json = boost::json;

}  // namespace

int run_http_book(int argc, char** argv) {
  po::options_description desc("hoyo-bench http-book");
  desc.add_options()("connections", po::value<int>()->default_value(64), "wrk connections")(
      "seconds", po::value<int>()->default_value(10), "seconds of load")(
      "users", po::value<int>()->default_value(3000), "logged-in users booking")(
      "facilities", po::value<int>()->default_value(20), "benchmark facilities")(
      "rooms", po::value<int>()->default_value(1000), "rooms per facility")(
      "threads", po::value<int>()->default_value(2), "hoyod HTTP threads")(
      "no-postgres", po::bool_switch(), "skip the PostgreSQL baseline");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const int connections = vm["connections"].as<int>();
  const int seconds = vm["seconds"].as<int>();
  const int users = vm["users"].as<int>();
  const int facilities = vm["facilities"].as<int>();
  const int rooms = vm["rooms"].as<int>();
  BenchDir dir(vm["dir"].as<std::string>(), vm["keep"].as<bool>());
  raise_file_limit(65536);

  std::string error;
  auto hoyod = start_hoyod(dir.path(), vm["threads"].as<int>(), -1, &error);
  if (!hoyod) {
    progress(error);
    return 1;
  }
  const std::uint16_t port = hoyod->port;
  progress("registering and logging in " + std::to_string(users) + " users");
  const std::optional<BookScene> scene =
      set_up_booking(port, facilities, rooms, users, dir.path() + "/cookies.txt", &error);
  if (!scene) {
    progress(error + "; see " + dir.path() + "/hoyod.log");
    return 1;
  }
  const int day_count = scene->day_count;
  // The approval mails of the new users go out in the background (and are
  // recorded in the log): let that finish before the load starts.
  const std::uint64_t head_before = wait_until_quiet(port);
  progress("booking: wrk -c" + std::to_string(connections) + " -d" + std::to_string(seconds) +
           "s, " + std::to_string(facilities) + " facilities x " + std::to_string(rooms) +
           " rooms x " + std::to_string(day_count) + " days");
  const double cpu_before = hoyod->process->cpu_seconds();
  WrkResult w = run_wrk("http://127.0.0.1:" + std::to_string(port), connections, seconds, -1,
                        std::string(HOYO_SOURCE_DIR) + "/tools/bench/http_book.lua",
                        {scene->cookies_file, scene->days, std::to_string(facilities)});
  const double cpu = hoyod->process->cpu_seconds() - cpu_before;
  if (!w.ok) {
    progress(w.error);
    return 1;
  }
  const double created = w.counters.count("created") ? w.counters.at("created") : 0;
  const double per_second = created / (w.seconds > 0 ? w.seconds : seconds);
  const std::uint64_t head_after = head_at(port);
  progress("hoyod: " + std::to_string(per_second) + " bookings/s (" +
           std::to_string(static_cast<long>(created)) + " created, " +
           std::to_string(static_cast<long>(w.counters["no_vacancy"])) + " no_vacancy, " +
           std::to_string(static_cast<long>(w.counters["other"])) + " other), log grew by " +
           std::to_string(head_after - head_before) + " events, hoyod CPU " + std::to_string(cpu) +
           " s, p99 " + std::to_string(w.p99_ms) + " ms");
  hoyod.reset();  // stop hoyod before PostgreSQL runs

  Report report;
  report.scenario = "http-book";
  report.value = per_second;
  report.unit = "durable bookings/s over HTTP";
  report.params = {{"connections", connections}, {"seconds", seconds}, {"users", users},
                   {"facilities", facilities},   {"rooms", rooms},     {"days", day_count}};
  report.extra = {{"created", created},
                  {"no_vacancy", w.counters["no_vacancy"]},
                  {"other", w.counters["other"]},
                  {"requests_per_second", w.requests_per_second},
                  {"p50_ms", w.p50_ms},
                  {"p99_ms", w.p99_ms},
                  {"log_events", head_after - head_before},
                  {"hoyod_cpu_seconds", cpu}};
  if (!vm["no-postgres"].as<bool>()) {
    progress("PostgreSQL 15: pgbench -c" + std::to_string(connections) + " -T" +
             std::to_string(seconds));
    const PostgresResult pg = run_postgres_booking(dir.path() + "/pg", connections, facilities,
                                                   day_count, rooms, seconds);
    if (!pg.ok) {
      progress(pg.error);
      return 1;
    }
    progress("PostgreSQL: " + std::to_string(pg.tps) + " tps");
    report.baseline = "PostgreSQL 15 booking transaction, pgbench " + std::to_string(connections) +
                      " clients, synchronous_commit=on";
    report.baseline_value = pg.tps;
  }
  print(report);
  return 0;
}

}  // namespace hoyo::bench
