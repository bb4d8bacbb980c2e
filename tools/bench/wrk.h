// wrk (Debian's package) as the load generator of the HTTP benchmarks, run
// pinned to one CPU, its summary parsed.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace hoyo::bench {

struct WrkResult {
  bool ok = false;
  std::string error;
  double requests_per_second = 0;
  std::int64_t requests = 0;
  double seconds = 0;
  std::int64_t non_2xx = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0;
  // "name value" lines a Lua script printed in done().
  std::map<std::string, double> counters;
  std::string output;
};

// `script` (a Lua file) and its arguments are optional.
WrkResult run_wrk(const std::string& url, int connections, int seconds, int cpu,
                  const std::string& script = {}, const std::vector<std::string>& args = {});

}  // namespace hoyo::bench
