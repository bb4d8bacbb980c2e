// hoyod for the HTTP benchmarks: the build's own binary over a scratch data
// directory with the demo data and the benchmark configuration
// (tools/bench/hoyod-bench.json), and a blocking HTTP client for setting
// the scene (logins, operators' actions) before the load starts.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "bench/process.h"

namespace hoyo::bench {

struct Hoyod {
  std::unique_ptr<Process> process;
  std::uint16_t port = 0;
};

// Starts hoyod with `threads` HTTP threads, pinned to `cpu` when >= 0.
std::optional<Hoyod> start_hoyod(const std::string& dir, int threads, int cpu, std::string* error);

struct HttpAnswer {
  int status = 0;  // 0: no answer
  std::string body;
  std::string cookie;    // name=value from Set-Cookie
  std::string position;  // X-Log-Position
};

// One request on a fresh connection to 127.0.0.1:port.
HttpAnswer http_call(std::uint16_t port, const std::string& method, const std::string& target,
                     const std::string& body = {}, const std::string& cookie = {},
                     const std::string& content_type = "application/json");

}  // namespace hoyo::bench
