// hoyo-bench http: GET /api/vacancy/{id}/week served by hoyod (one HTTP
// thread, pinned to CPU 0) against nginx (Debian, one worker on CPU 0)
// serving the very same bytes as a static file, both loaded by wrk on CPU 1
// with the same connections and duration. wrk nearly fills its core, so the
// headline is server CPU time per request (from /proc): lower is better, and
// the ratio is nginx's over hoyod's. Also: both servers' req/s, and hoyod's
// p99 under a paced load at 70% of its maximum.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <thread>

#include "bench/bench_dir.h"
#include "bench/hoyod_runner.h"
#include "bench/process.h"
#include "bench/report.h"
#include "bench/scenarios.h"
#include "bench/wrk.h"
#include "domain/civil_time.h"

namespace hoyo::bench {
namespace {

namespace po = boost::program_options;

struct Run {
  WrkResult wrk;
  double cpu_seconds = 0;
  double cpu_us_per_request() const {
    return wrk.requests ? cpu_seconds * 1e6 / static_cast<double>(wrk.requests) : 0;
  }
};

Run load(const Process& server, const std::string& url, int connections, int seconds,
         const std::string& script = {}, const std::vector<std::string>& args = {}) {
  Run r;
  const double before = server.cpu_seconds();
  r.wrk = run_wrk(url, connections, seconds, 1, script, args);
  r.cpu_seconds = server.cpu_seconds() - before;
  return r;
}

std::unique_ptr<Process> start_nginx(const std::string& dir, int port, std::string* error) {
  const std::string nginx = which("nginx");
  if (nginx.empty()) {
    *error = "nginx is not installed (apt-get install nginx-light)";
    return nullptr;
  }
  std::ofstream conf(dir + "/nginx.conf");
  // One process serving (no master), pinned to CPU 0 by the caller; access
  // log on, as Debian ships it (hoyod logs every request too).
  conf << "worker_processes 1;\ndaemon off;\nmaster_process off;\n"
       << "error_log " << dir << "/nginx-error.log;\npid " << dir << "/nginx.pid;\n"
       << "events { worker_connections 4096; }\n"
       << "http {\n  access_log " << dir << "/nginx-access.log;\n"
       << "  keepalive_requests 1000000;\n  keepalive_timeout 300s;\n"
       << "  default_type application/json;\n"
       << "  server {\n    listen 127.0.0.1:" << port << ";\n    root " << dir << "/www;\n"
       << "    location = /week.json { }\n  }\n}\n";
  conf.close();
  auto p =
      Process::start({nginx, "-c", dir + "/nginx.conf", "-p", dir}, 0, dir + "/nginx.log", error);
  if (!p) return nullptr;
  for (int i = 0; i < 200; ++i) {
    if (http_call(static_cast<std::uint16_t>(port), "GET", "/week.json").status == 200) return p;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  *error = "nginx did not start; see " + dir + "/nginx-error.log";
  return nullptr;
}

}  // namespace

int run_http(int argc, char** argv) {
  po::options_description desc("hoyo-bench http");
  desc.add_options()("connections", po::value<int>()->default_value(64), "wrk connections")(
      "seconds", po::value<int>()->default_value(10), "seconds per measurement");
  po::variables_map vm;
  if (!parse_options(desc, argc, argv, vm)) return 0;
  const int connections = vm["connections"].as<int>();
  const int seconds = vm["seconds"].as<int>();
  BenchDir dir(vm["dir"].as<std::string>(), vm["keep"].as<bool>());
  raise_file_limit(65536);

  std::string error;
  auto hoyod = start_hoyod(dir.path(), 1, 0, &error);
  if (!hoyod) {
    progress(error);
    return 1;
  }
  // A week a few weeks out, inside the first-come window of the demo data.
  const domain::Date from =
      domain::tokyo_date(domain::Instant(std::chrono::duration_cast<std::chrono::microseconds>(
                                             std::chrono::system_clock::now().time_since_epoch())
                                             .count()))
          .plus_days(10);
  const std::string target = "/api/vacancy/seaside/week?from=" + from.to_string();
  const HttpAnswer sample = http_call(hoyod->port, "GET", target);
  if (sample.status != 200) {
    progress("hoyod did not answer the week: " + sample.body);
    return 1;
  }
  std::filesystem::create_directories(dir.path() + "/www");
  std::ofstream(dir.path() + "/www/week.json") << sample.body;
  const int nginx_port = free_port();
  auto nginx = start_nginx(dir.path(), nginx_port, &error);
  if (!nginx) {
    progress(error);
    return 1;
  }
  progress("the same " + std::to_string(sample.body.size()) + " bytes from hoyod" + target +
           " and nginx /week.json; wrk -c" + std::to_string(connections) + " -d" +
           std::to_string(seconds) + "s on CPU 1, servers on CPU 0");

  const std::string hoyod_url = "http://127.0.0.1:" + std::to_string(hoyod->port) + target;
  const std::string nginx_url = "http://127.0.0.1:" + std::to_string(nginx_port) + "/week.json";
  (void)load(*hoyod->process, hoyod_url, connections, 2);  // warm up both
  (void)load(*nginx, nginx_url, connections, 2);
  const Run h = load(*hoyod->process, hoyod_url, connections, seconds);
  const Run n = load(*nginx, nginx_url, connections, seconds);
  for (const auto* r : {&h.wrk, &n.wrk}) {
    if (!r->ok) {
      progress(r->error);
      return 1;
    }
  }
  progress("hoyod: " + std::to_string(h.wrk.requests_per_second) + " req/s, " +
           std::to_string(h.cpu_us_per_request()) + " us CPU/request, non-2xx " +
           std::to_string(h.wrk.non_2xx));
  progress("nginx: " + std::to_string(n.wrk.requests_per_second) + " req/s, " +
           std::to_string(n.cpu_us_per_request()) + " us CPU/request, non-2xx " +
           std::to_string(n.wrk.non_2xx));

  // Paced at 70% of hoyod's maximum: each connection waits between requests.
  // A connection's cycle is its wait plus the answer's time: short runs
  // bisect the wait until the rate is within 5% of the target.
  const double rate = 0.7 * h.wrk.requests_per_second;
  const double cycle_ms = connections * 1000.0 / rate;
  const std::string pace = dir.path() + "/pace.lua";
  auto write_pace = [&](double delay_ms) {
    // wrk's delay() is whole milliseconds: dither between the two neighbours
    // so the mean is the wanted delay.
    std::ofstream(pace) << "local d = " << std::max(0.0, delay_ms) << "\n"
                        << "local lo = math.floor(d)\n"
                        << "function delay()\n"
                        << "  if math.random() < d - lo then return lo + 1 end\n"
                        << "  return lo\n"
                        << "end\n";
  };
  double lo = 0, hi = 2 * cycle_ms, delay = cycle_ms;
  for (int i = 0; i < 8; ++i) {
    write_pace(delay);
    const double got =
        load(*hoyod->process, hoyod_url, connections, 2, pace).wrk.requests_per_second;
    if (std::abs(got - rate) < 0.05 * rate) break;
    (got > rate ? lo : hi) = delay;
    delay = (lo + hi) / 2;
  }
  write_pace(delay);
  const Run paced = load(*hoyod->process, hoyod_url, connections, seconds, pace);
  progress("paced at " + std::to_string(rate) + " req/s: got " +
           std::to_string(paced.wrk.requests_per_second) + " req/s, p99 " +
           std::to_string(paced.wrk.p99_ms) + " ms");

  Report report;
  report.scenario = "http";
  report.value = h.cpu_us_per_request();
  report.unit = "us of server CPU per request (lower is better)";
  report.baseline = "nginx 1.22, one worker on CPU 0, the same bytes as a static file";
  report.baseline_value = n.cpu_us_per_request();
  report.lower_is_better = true;
  report.params = {{"connections", connections},
                   {"seconds", seconds},
                   {"target", target},
                   {"bytes", sample.body.size()},
                   {"hoyod_threads", 1}};
  report.extra = {{"hoyod_rps", h.wrk.requests_per_second},
                  {"nginx_rps", n.wrk.requests_per_second},
                  {"hoyod_p50_ms", h.wrk.p50_ms},
                  {"hoyod_p99_ms", h.wrk.p99_ms},
                  {"nginx_p99_ms", n.wrk.p99_ms},
                  {"hoyod_non_2xx", h.wrk.non_2xx},
                  {"paced_target_rps", rate},
                  {"paced_rps", paced.wrk.requests_per_second},
                  {"paced_p50_ms", paced.wrk.p50_ms},
                  {"paced_p99_ms", paced.wrk.p99_ms}};
  print(report);
  return 0;
}

}  // namespace hoyo::bench
