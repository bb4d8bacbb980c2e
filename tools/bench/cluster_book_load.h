// The booking load hoyo-bench cluster-book drives: one wrk per node at once
// (tools/bench/http_book.lua, fresh Idempotency-Keys; only 201 counts), the
// total of the runs, and the line that describes it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "bench/book_scene.h"
#include "bench/cluster_book_settings.h"

namespace hoyo::bench::cluster_book {

// The total of several wrk runs at once (one per node).
struct Load {
  bool ok = false;
  std::string error;
  double created = 0, no_vacancy = 0, other = 0, seconds = 0, p50_ms = 0, p99_ms = 0;
  double machine_busy = 0;  // the share of all cores busy meanwhile (every process)
  std::vector<double> created_per_node;
  double per_second() const { return seconds > 0 ? created / seconds : 0; }
};

// wrk against each port at once for `s.seconds`, `s.connections` split
// between them, booking `scene`'s days at `s.facilities` facilities.
Load book_load(const std::vector<std::uint16_t>& ports, const Settings& s, const BookScene& scene);

// "`what`: N bookings/s (...), hoyod CPU `cpu` s, p99 ..., machine ...% busy".
std::string describe(const std::string& what, const Load& l, double cpu);

}  // namespace hoyo::bench::cluster_book
