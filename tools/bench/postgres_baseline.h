// The PostgreSQL baseline of the booking benchmarks: a throw-away PostgreSQL 15
// cluster (Debian's postgresql package) on a Unix socket in a scratch
// directory, the booking as one transaction, driven by pgbench.
#pragma once

#include <string>

namespace hoyo::bench {

struct PostgresResult {
  bool ok = false;
  double tps = 0;     // committed booking transactions per second
  std::string error;  // why not, when !ok
};

// Creates the cluster in `dir` (as the `postgres` user when run as root), fills
// an inventory of facilities x days with `rooms` free rooms each, runs pgbench
// with `clients` clients for `seconds` (synchronous_commit=on), stops the cluster.
PostgresResult run_postgres_booking(const std::string& dir, int clients, int facilities, int days,
                                    int rooms, int seconds);

}  // namespace hoyo::bench
