// Deciding a batch: validation, idempotency against the event-id index,
// optimistic concurrency on stream versions, positions and the hash chain.
// Runs on the writer thread only.
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "eventstore/internal/envelope_codec.h"
#include "eventstore/internal/keys.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {

using internal::EventIdHash;
using internal::IdRecord;

namespace {

constexpr std::size_t kMaxStreamIdBytes = 512;
constexpr std::size_t kMaxTypeBytes = 128;

Status validate(const AppendRequest& r, std::size_t max_events) {
  if (r.stream_id.empty() || r.stream_id.size() > kMaxStreamIdBytes ||
      r.stream_id.find('\0') != std::string::npos) {
    return {StatusCode::kInvalidArgument, "stream id must be 1..512 bytes without NUL"};
  }
  if (r.events.empty()) return {StatusCode::kInvalidArgument, "an append needs events"};
  if (r.events.size() > max_events) {
    return {StatusCode::kInvalidArgument, "too many events in one append"};
  }
  static const EventId kZero{};
  for (std::size_t i = 0; i < r.events.size(); ++i) {
    const NewEvent& e = r.events[i];
    if (e.id == kZero) return {StatusCode::kInvalidArgument, "event id must not be zero"};
    if (e.type.empty() || e.type.size() > kMaxTypeBytes) {
      return {StatusCode::kInvalidArgument, "event type must be 1..128 bytes"};
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (r.events[j].id == e.id) {
        return {StatusCode::kInvalidArgument, "event ids repeat within one append"};
      }
    }
  }
  return Status::ok();
}

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

bool expected_matches(const ExpectedVersion& expected, std::uint64_t current) {
  switch (expected.kind) {
    case ExpectedVersion::Kind::kAny:
      return true;
    case ExpectedVersion::Kind::kNoStream:
      return current == 0;
    case ExpectedVersion::Kind::kExact:
      return current == expected.version;
  }
  return false;
}

}  // namespace

StatusOr<std::uint64_t> EventStore::Impl::lookup_stream_version(const std::string& stream) {
  auto it = version_cache.find(stream);
  if (it != version_cache.end()) return it->second;
  // The writer's view includes batches written but not yet synced.
  StatusOr<std::uint64_t> version = last_stream_version(stream, UINT64_MAX);
  if (!version.is_ok()) return version;
  // Bounded: the cache only saves reads, so forgetting it is always safe (every
  // decided batch is in RocksDB before the next one is decided).
  if (version_cache.size() > (1u << 20)) version_cache.clear();
  version_cache.emplace(stream, version.value());
  return version;
}

EventStore::Impl::Decided EventStore::Impl::decide_batch(std::vector<Pending>& batch) {
  Decided decided;
  decided.seq = ++decided_seq;
  decided.results.resize(batch.size());
  auto& results = decided.results;
  if (failed.load()) {
    const Status why = failure_status();
    for (auto& r : results) r = why;
    decided.batch = std::move(batch);
    return decided;
  }

  // Look up every event id of the batch in the durable index at once.
  std::vector<rocksdb::Slice> id_keys;
  for (const auto& p : batch) {
    for (const auto& e : p.request.events) {
      id_keys.emplace_back(reinterpret_cast<const char*>(e.id.data()), e.id.size());
    }
  }
  std::vector<rocksdb::PinnableSlice> id_values(id_keys.size());
  std::vector<rocksdb::Status> id_status(id_keys.size());
  if (!id_keys.empty()) {
    db->MultiGet(rocksdb::ReadOptions(), event_ids, id_keys.size(), id_keys.data(),
                 id_values.data(), id_status.data());
  }

  rocksdb::WriteBatch& wb = decided.wb;
  std::unordered_map<EventId, IdRecord, EventIdHash> batch_ids;
  std::unordered_map<std::string, std::uint64_t> batch_versions;
  std::uint64_t next = next_position;
  Hash hash = last_hash;
  std::string scratch, encoded, key, skey, idval;
  std::vector<StreamEntry> stream_entries;
  std::size_t id_index = 0;
  const std::int64_t now = options.clock();

  for (std::size_t r = 0; r < batch.size(); ++r) {
    AppendRequest& req = batch[r].request;
    const std::size_t first_id = id_index;
    id_index += req.events.size();
    if (Status v = validate(req, options.max_batch_events); !v.is_ok()) {
      results[r] = v;
      continue;
    }

    // Idempotency: all ids seen before -> the original answer; some -> conflict.
    std::size_t seen = 0;
    bool io_error = false, mismatch = false;
    AppendResult dup{0, 0, 0, true};
    for (std::size_t i = 0; i < req.events.size(); ++i) {
      IdRecord rec;
      bool found = false;
      if (auto it = batch_ids.find(req.events[i].id); it != batch_ids.end()) {
        rec = it->second;
        found = true;
      } else if (id_status[first_id + i].ok()) {
        const auto& v = id_values[first_id + i];
        found = IdRecord::decode(std::string_view(v.data(), v.size()), rec);
        io_error = io_error || !found;
      } else if (!id_status[first_id + i].IsNotFound()) {
        io_error = true;
      }
      if (!found) continue;
      ++seen;
      unsigned char digest[16];
      internal::content_digest(req.stream_id, req.events[i], digest);
      if (std::memcmp(digest, rec.digest, sizeof digest) != 0) mismatch = true;
      if (i == 0) dup.first_position = rec.position;
      dup.last_position = rec.position;
      dup.stream_version = rec.stream_version;
    }
    if (io_error) {
      results[r] = Status{StatusCode::kIoError, "reading the event-id index failed"};
      continue;
    }
    if (mismatch || (seen > 0 && seen < req.events.size())) {
      results[r] = Status{StatusCode::kIdempotencyConflict,
                          mismatch ? "an event id was appended before with other content"
                                   : "some event ids of this append were appended before"};
      continue;
    }
    if (seen == req.events.size()) {
      results[r] = dup;
      continue;
    }

    // Optimistic concurrency on the stream.
    std::uint64_t current;
    if (auto it = batch_versions.find(req.stream_id); it != batch_versions.end()) {
      current = it->second;
    } else {
      StatusOr<std::uint64_t> v = lookup_stream_version(req.stream_id);
      if (!v.is_ok()) {
        results[r] = v.status();
        continue;
      }
      current = v.value();
    }
    if (!expected_matches(req.expected, current)) {
      results[r] = Status{StatusCode::kWrongExpectedVersion,
                          "stream " + req.stream_id + " is at version " + std::to_string(current)};
      continue;
    }

    AppendResult ok{next, 0, 0, false};
    for (const NewEvent& e : req.events) {
      EventView view{next,
                     req.stream_id,
                     ++current,
                     e.id,
                     e.type,
                     e.recorded_at_us != 0 ? e.recorded_at_us : now,
                     e.actor,
                     e.correlation_id,
                     e.causation_id,
                     e.payload,
                     {}};
      view.chain_hash = internal::chain_hash(hash, view, scratch);
      hash = view.chain_hash;
      encoded.clear();
      internal::encode_envelope(view, encoded);
      key.clear();
      internal::put_u64_be(key, next);
      wb.Put(events, key, encoded);
      stream_entries.push_back({&req.stream_id, current, next});
      IdRecord rec;
      rec.position = next;
      rec.stream_version = current;
      internal::content_digest(req.stream_id, e, rec.digest);
      batch_ids[e.id] = rec;
      ++next;
    }
    batch_versions[req.stream_id] = current;
    ok.last_position = next - 1;
    ok.stream_version = current;
    results[r] = ok;
  }

  // Index entries go in after the events, each family in key order: consecutive
  // inserts then land next to each other in the memtable's skip list.
  std::sort(stream_entries.begin(), stream_entries.end());
  for (const StreamEntry& se : stream_entries) {
    skey.assign(*se.stream);
    skey.push_back('\0');
    internal::put_u64_be(skey, se.version);
    key.clear();
    internal::put_u64_be(key, se.position);
    wb.Put(streams, skey, key);
  }
  std::vector<std::pair<EventId, IdRecord>> ids(batch_ids.begin(), batch_ids.end());
  std::sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [id, rec] : ids) {
    rec.encode_to(idval);
    wb.Put(event_ids, rocksdb::Slice(reinterpret_cast<const char*>(id.data()), id.size()), idval);
  }

  // The writer's view moves on now; apply() puts the batch into RocksDB next.
  decided.events = next - next_position;
  decided.wrote = wb.Count() > 0;
  next_position = next;
  last_hash = hash;
  for (auto& [stream, version] : batch_versions) version_cache[stream] = version;
  decided.head = next_position - 1;
  decided.hash = last_hash;
  decided.batch = std::move(batch);
  return decided;
}

}  // namespace hoyo::eventstore
