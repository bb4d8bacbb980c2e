// What one batch has decided so far, shared by the deciders of ordinary
// appends (decide_batch.cc) and replicated ones (decide_replicated.cc).
// Writer thread only.
#pragma once

#include <rocksdb/slice.h>
#include <rocksdb/write_batch.h>

#include <deque>
#include <string>
#include <unordered_map>
#include <vector>

#include "eventstore/internal/keys.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {
namespace internal {

// A stream-index entry of the batch, written after the events in key order.
struct StreamEntry {
  const std::string* stream;
  std::uint64_t version;
  std::uint64_t position;
  bool operator<(const StreamEntry& o) const {
    const int c = stream->compare(*o.stream);
    return c != 0 ? c < 0 : version < o.version;
  }
};

}  // namespace internal

// What one batch has decided so far, before it reaches RocksDB.
struct EventStore::Impl::BatchContext {
  rocksdb::WriteBatch* wb;
  std::unordered_map<EventId, internal::IdRecord, internal::EventIdHash> ids;
  std::unordered_map<std::string, std::uint64_t> versions;
  std::vector<internal::StreamEntry> stream_entries;
  std::uint64_t next;
  Hash hash;
  std::int64_t now;
  std::string scratch, encoded, key;
  // MultiGet answers for this batch's event ids, in request order.
  std::vector<rocksdb::PinnableSlice> id_values;
  std::vector<rocksdb::Status> id_status;
  std::size_t id_index = 0;
  // Stream ids of replicated events, which stream_entries point into.
  std::deque<std::string> replicated_streams;
  // With a replicator: each accepted append's envelopes (else null).
  std::vector<std::vector<std::string>>* appends = nullptr;
};

}  // namespace hoyo::eventstore
