// hoyo-bench http-book: durable first-come bookings over HTTP. hoyod (demo
// data and the benchmark configuration) gets benchmark facilities from an
// operator over the API and a few thousand registered, logged-in users; wrk
// then POSTs /api/reservations with 64 connections, each request with a
// user's session and a fresh Idempotency-Key. Only 201 answers count: each
// was acknowledged after its fsync. Baseline in the same run: PostgreSQL 15's
// booking transaction with pgbench at the same number of clients.
#include <atomic>
#include <boost/json.hpp>
#include <boost/program_options.hpp>
#include <fstream>
#include <mutex>
#include <thread>

#include "bench/bench_dir.h"
#include "bench/hoyod_runner.h"
#include "bench/postgres_baseline.h"
#include "bench/process.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "bench/wrk.h"
#include "domain/civil_time.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;
namespace json = boost::json;

std::string form_part(const std::string& boundary, const std::string& name,
                      const std::string& value) {
  return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
         value + "\r\n";
}

// Registers resident `i` (approved at once under the demo configuration) and
// logs in with the initial password; returns the session cookie or "".
std::string make_user(std::uint16_t port, int i) {
  const domain::Date birth = domain::Date{static_cast<std::int32_t>(-7000 + i)};  // 1950 on
  const std::string boundary = "hoyobench" + std::to_string(i);
  std::string body;
  const std::pair<const char*, std::string> fields[] = {
      {"nameKanji", "港 利用者"},
      {"nameKana", "ミナト　リヨウシャ"},
      {"birthDate", birth.to_string()},
      {"postalCode", "105-0011"},
      {"address", "東京都港区芝公園1-5-25"},
      {"phone", "0335782111"},
      {"email", "bench" + std::to_string(i) + "@example.jp"},
      {"category", "resident"},
      {"consent", "true"}};
  for (const auto& [k, v] : fields) body += form_part(boundary, k, v);
  body += "--" + boundary + "--\r\n";
  const HttpAnswer r = http_call(port, "POST", "/api/registrations", body, {},
                                 "multipart/form-data; boundary=" + boundary);
  if (r.status != 201) return {};
  const json::value v = json::parse(r.body);
  if (!v.as_object().contains("userNumber")) return {};
  std::string password = birth.to_string();
  password.erase(std::remove(password.begin(), password.end(), '-'), password.end());
  const HttpAnswer login = http_call(
      port, "POST", "/api/session",
      json::serialize(json::object{{"userNumber", v.at("userNumber")}, {"password", password}}));
  return login.status == 200 ? login.cookie : std::string();
}

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
  const HttpAnswer op = http_call(port, "POST", "/api/operator/session",
                                  R"({"login":"demo-operator","password":"demo-operator-2026"})");
  if (op.status != 200) {
    progress("operator login failed: " + op.body);
    return 1;
  }
  for (int f = 1; f <= facilities; ++f) {
    const json::object facility{
        {"name", "ベンチマーク保養所" + std::to_string(f)},
        {"roomTypes", json::array{{{"style", "standard"}, {"rooms", rooms}, {"capacity", 4}}}},
        {"rules", {{"maxUpcoming", 100}}}};
    const HttpAnswer r =
        http_call(port, "PUT", "/api/operator/facilities/bench-" + std::to_string(f),
                  json::serialize(facility), op.cookie);
    if (r.status != 201) {
      progress("facility: " + r.body);
      return 1;
    }
  }
  progress("registering and logging in " + std::to_string(users) + " users");
  std::vector<std::string> cookies(static_cast<std::size_t>(users));
  std::atomic<int> next{0}, failed{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < 4; ++t) {
    workers.emplace_back([&] {
      for (int i; (i = next++) < users;) {
        cookies[static_cast<std::size_t>(i)] = make_user(port, i);
        if (cookies[static_cast<std::size_t>(i)].empty()) ++failed;
      }
    });
  }
  for (auto& w : workers) w.join();
  if (failed > 0) {
    progress(std::to_string(failed.load()) + " users could not be made; see " + dir.path() +
             "/hoyod.log");
    return 1;
  }
  std::ofstream(dir.path() + "/cookies.txt") << [&] {
    std::string all;
    for (const auto& c : cookies) all += c + "\n";
    return all;
  }();
  // Days well inside the first-come window: from 4 days out, for 37 days.
  const domain::Date today =
      domain::tokyo_date(std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count());
  std::string days;
  const int day_count = 37;
  for (int d = 0; d < day_count; ++d) {
    days += (d ? "," : "") + today.plus_days(4 + d).to_string();
  }
  // The approval mails of the new users go out in the background (and are
  // recorded in the log): let that finish before the load starts.
  std::uint64_t head_before = 0;
  for (int i = 0; i < 120; ++i) {
    const std::uint64_t head = std::stoull(http_call(port, "GET", "/api/health").position);
    if (head == head_before) break;
    head_before = head;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  progress("booking: wrk -c" + std::to_string(connections) + " -d" + std::to_string(seconds) +
           "s, " + std::to_string(facilities) + " facilities x " + std::to_string(rooms) +
           " rooms x " + std::to_string(day_count) + " days");
  const double cpu_before = hoyod->process->cpu_seconds();
  WrkResult w = run_wrk("http://127.0.0.1:" + std::to_string(port), connections, seconds, -1,
                        std::string(HOYO_SOURCE_DIR) + "/tools/bench/http_book.lua",
                        {dir.path() + "/cookies.txt", days, std::to_string(facilities)});
  const double cpu = hoyod->process->cpu_seconds() - cpu_before;
  if (!w.ok) {
    progress(w.error);
    return 1;
  }
  const double created = w.counters.count("created") ? w.counters.at("created") : 0;
  const double per_second = created / (w.seconds > 0 ? w.seconds : seconds);
  const std::uint64_t head_after = std::stoull(http_call(port, "GET", "/api/health").position);
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
