#include "bench/cluster_book_load.h"

#include <algorithm>
#include <fstream>
#include <thread>
#include <utility>

#include "bench/wrk.h"

namespace hoyo::bench::cluster_book {
namespace {

// The machine's busy and total CPU time so far (jiffies, from /proc/stat).
std::pair<double, double> machine_cpu() {
  std::ifstream in("/proc/stat");
  std::string cpu;
  double v = 0, total = 0, idle = 0;
  in >> cpu;
  for (int i = 0; i < 8 && in >> v; ++i) {
    total += v;
    if (i == 3 || i == 4) idle += v;  // idle, iowait
  }
  return {total - idle, total};
}

}  // namespace

Load book_load(const std::vector<std::uint16_t>& ports, const Settings& s, const BookScene& scene) {
  const int n = static_cast<int>(ports.size());
  std::vector<WrkResult> runs(ports.size());
  std::vector<std::thread> threads;
  const auto [busy_before, total_before] = machine_cpu();
  for (int i = 0; i < n; ++i) {
    const int share = s.connections / n + (i < s.connections % n ? 1 : 0);
    threads.emplace_back([&, i, share] {
      runs[i] = run_wrk(
          "http://127.0.0.1:" + std::to_string(ports[i]), share, s.seconds, -1,
          std::string(HOYO_SOURCE_DIR) + "/tools/bench/http_book.lua",
          {scene.cookies_file, scene.days, std::to_string(s.facilities), std::to_string(i + 1)});
    });
  }
  for (auto& t : threads) t.join();
  const auto [busy_after, total_after] = machine_cpu();
  Load load;
  load.machine_busy = (busy_after - busy_before) / std::max(1.0, total_after - total_before);
  for (auto& w : runs) {
    if (!w.ok) {
      load.error = w.error;
      return load;
    }
    load.created += w.counters["created"];
    load.no_vacancy += w.counters["no_vacancy"];
    load.other += w.counters["other"];
    load.created_per_node.push_back(w.counters["created"]);
    load.seconds = std::max(load.seconds, w.seconds > 0 ? w.seconds : s.seconds);
    load.p50_ms = std::max(load.p50_ms, w.p50_ms);
    load.p99_ms = std::max(load.p99_ms, w.p99_ms);
  }
  load.ok = true;
  return load;
}

std::string describe(const std::string& what, const Load& l, double cpu) {
  return what + ": " + std::to_string(l.per_second()) + " bookings/s (" +
         std::to_string(static_cast<long>(l.created)) + " created, " +
         std::to_string(static_cast<long>(l.no_vacancy)) + " no_vacancy, " +
         std::to_string(static_cast<long>(l.other)) + " other), hoyod CPU " + std::to_string(cpu) +
         " s, p99 " + std::to_string(l.p99_ms) + " ms, machine " +
         std::to_string(static_cast<int>(l.machine_busy * 100)) + "% busy";
}

}  // namespace hoyo::bench::cluster_book
