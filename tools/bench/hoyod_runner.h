// hoyod for the HTTP benchmarks: the build's own binary over a scratch data
// directory with the demo data and the benchmark configuration
// (tools/bench/hoyod-bench.json), and a blocking HTTP client for setting
// the scene (logins, operators' actions) before the load starts.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bench/process.h"

namespace hoyo::bench {

struct Hoyod {
  std::unique_ptr<Process> process;
  std::uint16_t port = 0;
};

// How to start one hoyod.
struct HoyodOptions {
  std::string data_dir;
  std::string log;                // its stderr
  std::string config;             // --config; tools/bench/hoyod-bench.json when empty
  int threads = 2;                // HTTP threads
  int cpu = -1;                   // pinned to this CPU when >= 0
  std::vector<std::string> args;  // more flags (--cluster URLS --node-name NAME)
};

// Starts hoyod with the demo data and waits (a minute at most) until it
// listens on a free loopback port. Null (and why in `error`) otherwise.
std::optional<Hoyod> start_hoyod(const HoyodOptions& options, std::string* error);

// The same with the data directory and log under `dir` (hoyod/, hoyod.log).
std::optional<Hoyod> start_hoyod(const std::string& dir, int threads, int cpu, std::string* error);

// tools/bench/hoyod-bench.json in the source tree.
std::string bench_config_path();

struct HttpAnswer {
  int status = 0;  // 0: no answer
  std::string body;
  std::string cookie;    // name=value from Set-Cookie
  std::string position;  // X-Log-Position
};

// One request on a fresh connection to 127.0.0.1:port, with `headers`
// added; no answer within `timeout` is status 0.
HttpAnswer http_call(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = {}, const std::string& cookie = {},
                     const std::string& content_type = "application/json",
                     const std::vector<std::pair<std::string, std::string>>& headers = {},
                     std::chrono::milliseconds timeout = std::chrono::seconds(30));

}  // namespace hoyo::bench
