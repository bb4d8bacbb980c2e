// Request metrics for GET /metrics (Prometheus text format): requests by
// route and status, and a latency histogram. Cheap enough to record on every
// request.
#pragma once

#include <array>
#include <atomic>
#include <boost/beast/http/verb.hpp>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

#include "base/mutex.h"

namespace hoyo::http {

class Metrics {
 public:
  // `route` is the pattern that served it ("/api/reservations/{reservationNumber}"),
  // or "static", "csrf" or "unmatched"; it must outlive the metrics (the route
  // table's patterns and string literals do): counters are keyed by its address.
  void record(boost::beast::http::verb method, const char* route, unsigned status,
              std::chrono::nanoseconds duration);
  // The request counters and the histogram, in exposition format.
  std::string render() const;

  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                                                      0.01,   0.025,   0.05,   0.1,   0.5,    2.5};

 private:
  struct Key {
    int method;
    const char* route;
    unsigned status;
    bool operator<(const Key& o) const {
      return std::tie(route, method, status) < std::tie(o.route, o.method, o.status);
    }
  };
  mutable base::Mutex mu_;
  std::map<Key, std::uint64_t> requests_ HOYO_GUARDED_BY(mu_);
  std::array<std::atomic<std::uint64_t>, kBuckets.size() + 1> histogram_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<std::uint64_t> sum_nanos_{0};
};

// Writes one line per request to stderr from a background thread, so a
// request never waits on the terminal or the pipe. Lines that arrive while
// more than `max_buffered` bytes wait are counted as dropped, not buffered.
class RequestLog {
 public:
  explicit RequestLog(std::size_t max_buffered = 4 * 1024 * 1024);
  ~RequestLog();  // writes what is buffered
  void write(std::string line);
  std::uint64_t dropped() const { return dropped_.load(); }

 private:
  struct Impl;
  Impl* impl_;
  std::atomic<std::uint64_t> dropped_{0};
};

}  // namespace hoyo::http
