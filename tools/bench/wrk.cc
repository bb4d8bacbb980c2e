#include "bench/wrk.h"

#include <array>
#include <cstdio>
#include <regex>
#include <sstream>

#include "bench/process.h"

namespace hoyo::bench {
namespace {

double to_ms(double v, const std::string& unit) {
  if (unit == "us") return v / 1000;
  if (unit == "s") return v * 1000;
  return v;  // ms
}

}  // namespace

WrkResult run_wrk(const std::string& url, int connections, int seconds, int cpu,
                  const std::string& script, const std::vector<std::string>& args) {
  WrkResult r;
  const std::string wrk = which("wrk");
  if (wrk.empty()) {
    r.error = "wrk is not installed (apt-get install wrk)";
    return r;
  }
  std::string command = (cpu >= 0 ? "taskset -c " + std::to_string(cpu) + " " : std::string()) +
                        wrk + " --latency -t1 -c" + std::to_string(connections) + " -d" +
                        std::to_string(seconds) + "s --timeout 10s";
  if (!script.empty()) command += " -s " + script;
  command += " " + url;
  if (!args.empty()) {
    command += " --";
    for (const auto& a : args) command += " " + a;
  }
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) {
    r.error = "cannot run wrk";
    return r;
  }
  std::array<char, 4096> buf;
  while (fgets(buf.data(), buf.size(), p)) r.output += buf.data();
  const int status = pclose(p);
  std::smatch m;
  const std::string& out = r.output;
  if (status != 0 || !std::regex_search(out, m, std::regex(R"(Requests/sec:\s+([0-9.]+))"))) {
    r.error = "wrk failed: " + out;
    return r;
  }
  r.requests_per_second = std::stod(m[1]);
  if (std::regex_search(out, m, std::regex(R"(([0-9]+) requests in ([0-9.]+)(m?s))"))) {
    r.requests = std::stoll(m[1]);
    r.seconds = std::stod(m[2]) / (m[3] == "ms" ? 1000 : 1);
  }
  if (std::regex_search(out, m, std::regex(R"(Non-2xx or 3xx responses:\s+([0-9]+))"))) {
    r.non_2xx = std::stoll(m[1]);
  }
  const std::pair<const char*, double*> quantiles[] = {
      {"50", &r.p50_ms}, {"90", &r.p90_ms}, {"99", &r.p99_ms}};
  for (const auto& [q, out_ms] : quantiles) {
    if (std::regex_search(out, m,
                          std::regex(std::string(R"(\n\s+)") + q + R"(%\s+([0-9.]+)(us|ms|s))"))) {
      *out_ms = to_ms(std::stod(m[1]), m[2]);
    }
  }
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (std::regex_match(line, m, std::regex(R"(counter ([a-z_0-9]+) ([0-9.]+))"))) {
      r.counters[m[1]] = std::stod(m[2]);
    }
  }
  r.ok = true;
  return r;
}

}  // namespace hoyo::bench
