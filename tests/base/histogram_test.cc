// The metrics histogram: values land in the first bucket whose bound holds
// them, the rendering is cumulative Prometheus text, and records from many
// threads are all counted.
#include "base/histogram.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace hoyo::base {
namespace {

TEST(Histogram, AValueLandsInTheFirstBucketWhoseBoundHoldsIt) {
  Histogram h{1, 10, 100};
  h.record(0.5);
  h.record(1);  // on the bound: that bucket
  h.record(1.5);
  h.record(100);
  h.record(1000);  // past the last bound: +Inf
  const Histogram::Snapshot s = h.snapshot();
  EXPECT_EQ(s.counts, (std::vector<std::uint64_t>{2, 1, 1, 1}));
  EXPECT_EQ(s.count, 5u);
  EXPECT_DOUBLE_EQ(s.sum, 1103.0);
}

TEST(Histogram, RendersCumulativeBucketsSumAndCount) {
  Histogram h{0.001, 0.01};
  h.record(0.0005);
  h.record(0.005);
  h.record(0.5);
  EXPECT_EQ(h.render("hoyo_x_seconds", "What x took."),
            "# HELP hoyo_x_seconds What x took.\n"
            "# TYPE hoyo_x_seconds histogram\n"
            "hoyo_x_seconds_bucket{le=\"0.001\"} 1\n"
            "hoyo_x_seconds_bucket{le=\"0.01\"} 2\n"
            "hoyo_x_seconds_bucket{le=\"+Inf\"} 3\n"
            "hoyo_x_seconds_sum 0.5055\n"
            "hoyo_x_seconds_count 3\n");
}

TEST(Histogram, CountsEveryRecordFromManyThreads) {
  Histogram h{1, 2};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) h.record(i % 3);
    });
  }
  for (auto& t : threads) t.join();
  const Histogram::Snapshot s = h.snapshot();
  EXPECT_EQ(s.count, 40000u);
  EXPECT_EQ(s.counts[0] + s.counts[1] + s.counts[2], 40000u);
  EXPECT_DOUBLE_EQ(s.sum, 4 * (3333 * 1 + 3333 * 2.0));
}

}  // namespace
}  // namespace hoyo::base
