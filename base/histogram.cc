#include "base/histogram.h"

#include <cstdio>
#include <cstdlib>

namespace hoyo::base {

Histogram::Histogram(std::initializer_list<double> bounds) {
  if (bounds.size() > kMaxBuckets) std::abort();  // a programming error, caught by the tests
  for (double b : bounds) bounds_[size_++] = b;
}

void Histogram::record(double value) {
  std::size_t b = 0;
  while (b < size_ && value > bounds_[b]) ++b;
  counts_[b].fetch_add(1, std::memory_order_relaxed);
  count_.fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(value, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::snapshot() const {
  Snapshot s;
  s.bounds.assign(bounds_.begin(), bounds_.begin() + static_cast<std::ptrdiff_t>(size_));
  for (std::size_t i = 0; i <= size_; ++i) s.counts.push_back(counts_[i].load());
  s.sum = sum_.load();
  s.count = count_.load();
  return s;
}

std::string Histogram::render(std::string_view name, std::string_view help) const {
  const Snapshot s = snapshot();
  const std::string n(name);
  std::string out = "# HELP " + n + " " + std::string(help) + "\n# TYPE " + n + " histogram\n";
  std::uint64_t cumulative = 0;
  char num[64];
  for (std::size_t i = 0; i < s.counts.size(); ++i) {
    cumulative += s.counts[i];
    if (i < s.bounds.size()) {
      std::snprintf(num, sizeof num, "%g", s.bounds[i]);
    } else {
      std::snprintf(num, sizeof num, "+Inf");
    }
    out += n + "_bucket{le=\"" + num + "\"} " + std::to_string(cumulative) + "\n";
  }
  std::snprintf(num, sizeof num, "%.9g", s.sum);
  out += n + "_sum " + num + "\n";
  out += n + "_count " + std::to_string(s.count) + "\n";
  return out;
}

}  // namespace hoyo::base
