// The stream id part of a `streams` key (stream id, 0x00, u64 version), so that
// RocksDB can keep an insert hint per stream: consecutive versions of a stream
// land next to each other in the memtable without a search from the top.
#pragma once

#include <rocksdb/slice_transform.h>

namespace hoyo::eventstore::internal {

class StreamPrefixTransform : public rocksdb::SliceTransform {
 public:
  const char* Name() const override { return "hoyo.StreamPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return {key.data(), key.size() - 8};
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > 9; }
};

}  // namespace hoyo::eventstore::internal
