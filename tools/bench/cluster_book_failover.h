// The failover phase of hoyo-bench cluster-book: bookers through the two
// followers (fresh keys, 503 and no answer within --client-timeout-ms
// retried with the same key) and a reader of the week's vacancy on one
// follower run while the writer is killed with SIGKILL; what it measures.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bench/book_scene.h"
#include "bench/cluster_book_settings.h"
#include "bench/hoyod_runner.h"

namespace hoyo::bench::cluster_book {

struct Failover {
  // The longest time without a 201 that ends after the kill, at the latest
  // with the first 201 of a booking sent after it.
  double gap_s = 0;
  double longest_gap_s = 0;  // between any two 201s of the phase
  double new_writer_s = -1;  // from the kill until a survivor said it writes
  std::size_t acknowledged = 0;
  std::vector<int> reads;  // successful reads per whole second of the phase
  int kill_second = 0, resumed_second = 0;
  // Each term a survivor's /api/health showed as the writer: "node-N epoch E
  // at S s" (S from the kill), in the order seen.
  std::vector<std::string> terms;
};

// Runs the phase for `s.before` seconds before the kill of `nodes[writer]`
// and `s.after` seconds after bookings resumed. Null (and why in `error`)
// when no booking sent after the kill is acknowledged within 60 s.
std::optional<Failover> measure_failover(std::vector<Hoyod>& nodes, int writer, const Settings& s,
                                         const BookScene& scene, std::string* error);

}  // namespace hoyo::bench::cluster_book
