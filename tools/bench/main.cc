// hoyo-bench SCENARIO [options]: measures one thing, prints one JSON line.
#include <cstring>
#include <iostream>

#include "bench/scenarios.h"

int main(int argc, char** argv) {
  struct Scenario {
    const char* name;
    int (*run)(int, char**);
    const char* what;
  };
  const Scenario scenarios[] = {
      {"append", hoyo::bench::run_append, "durable appends with group commit vs raw RocksDB"},
      {"read", hoyo::bench::run_read, "decode the whole log vs RocksDB sequential iteration"},
      {"book", hoyo::bench::run_book, "durable bookings through the processor vs PostgreSQL"},
      {"restart", hoyo::bench::run_restart,
       "time to first answer after a clean stop and after kill -9, beside a full replay"},
      {"replay", hoyo::bench::run_replay, "rebuild the projections from a log of a realistic mix"},
      {"http", hoyo::bench::run_http,
       "GET the week's vacancy from hoyod vs the same bytes from nginx, CPU per request"},
      {"http-book", hoyo::bench::run_http_book,
       "durable bookings over HTTP vs PostgreSQL's booking transaction"},
      {"cluster-book", hoyo::bench::run_cluster_book,
       "durable bookings over HTTP on a 3-node cluster vs one node; failover gap, follower reads"},
      {"fanout", hoyo::bench::run_fanout,
       "live vacancy to 1,000 and 10,000 WebSocket subscribers vs Node.js ws"},
      {"draw", hoyo::bench::run_draw,
       "the lottery draw computation at 100k, 1M and 3M applications"},
  };
  if (argc >= 2) {
    for (const auto& s : scenarios) {
      if (std::strcmp(argv[1], s.name) == 0) return s.run(argc - 1, argv + 1);
    }
  }
  std::cerr << "usage: hoyo-bench SCENARIO [--help]\nscenarios:\n";
  for (const auto& s : scenarios) std::cerr << "  " << s.name << "\t" << s.what << "\n";
  return 2;
}
