// RocksDB's own sequential iteration of a store's events column family: the
// physical limit the read-side benchmarks are held against.
#pragma once

#include <cstdint>
#include <string>

namespace hoyo::bench {

// Entries per second; `dir` is the store's directory (opened read-only).
double rocksdb_scan(const std::string& dir, std::int64_t expected);

}  // namespace hoyo::bench
