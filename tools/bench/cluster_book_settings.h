// The settings of hoyo-bench cluster-book (its command line) and the size of
// the cluster it starts; bench_cluster_book.cc says what it measures.
#pragma once

namespace hoyo::bench::cluster_book {

constexpr int kNodes = 3;  // hoyod nodes in the cluster (one writes)

struct Settings {
  int connections, seconds, users, facilities, rooms, threads, lease_ttl_ms;
  int before, after, bookers, client_timeout_ms;
};

}  // namespace hoyo::bench::cluster_book
