// A fixed-bucket histogram that any thread may record into without a lock,
// rendered in Prometheus's text format (cumulative `_bucket{le=...}` lines,
// `_sum` and `_count`). For latencies and sizes watched by /metrics.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace hoyo::base {

class Histogram {
 public:
  // `bounds`: the buckets' upper bounds, ascending; an implicit +Inf bucket
  // follows the last. At most kMaxBuckets bounds.
  explicit Histogram(std::initializer_list<double> bounds);
  Histogram(const Histogram&) = delete;
  Histogram& operator=(const Histogram&) = delete;

  // Counts `value` in the first bucket whose bound is >= it.
  void record(double value);

  // What has been recorded so far (a consistent enough view for metrics:
  // each field is read atomically, not all of them together).
  struct Snapshot {
    std::vector<double> bounds;
    std::vector<std::uint64_t> counts;  // per bucket, not cumulative; one more than bounds
    double sum = 0;
    std::uint64_t count = 0;
  };
  Snapshot snapshot() const;

  // The histogram as Prometheus text: the HELP and TYPE lines, then the buckets.
  std::string render(std::string_view name, std::string_view help) const;

  static constexpr std::size_t kMaxBuckets = 24;

 private:
  std::array<double, kMaxBuckets> bounds_{};
  std::size_t size_ = 0;
  std::array<std::atomic<std::uint64_t>, kMaxBuckets + 1> counts_{};
  std::atomic<std::uint64_t> count_{0};
  std::atomic<double> sum_{0};
};

}  // namespace hoyo::base
