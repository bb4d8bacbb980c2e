// The raw-RocksDB baseline of the read-side benchmarks.
#include "bench/rocksdb_scan.h"

#include <rocksdb/db.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <vector>

#include "bench/report.h"

namespace hoyo::bench {
namespace {
using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}
}  // namespace

double rocksdb_scan(const std::string& dir, std::int64_t expected) {
  std::vector<std::string> names;
  rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir, &names);
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir, cfs, &handles, &raw).ok()) {
    std::cerr << "cannot open the log read-only\n";
    std::exit(1);
  }
  std::unique_ptr<rocksdb::DB> db(raw);
  rocksdb::ColumnFamilyHandle* events = nullptr;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == "events") events = handles[i];
  }
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  ro.readahead_size = 4 << 20;
  std::int64_t n = 0;
  std::size_t bytes = 0;
  const auto start = Clock::now();
  {
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, events));
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      bytes += it->key().size() + it->value().size();
      ++n;
    }
  }
  const double s = seconds_since(start);
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  if (n != expected) std::cerr << "baseline saw " << n << " entries, expected " << expected << "\n";
  progress("  rocksdb iteration: " + std::to_string(n / s) + " entries/s (" +
           std::to_string(bytes >> 20) + " MiB)");
  return static_cast<double>(n) / s;
}

}  // namespace hoyo::bench
