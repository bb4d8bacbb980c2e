// Deciding a batch: validation, idempotency against the event-id index,
// optimistic concurrency on stream versions, positions and the hash chain.
// Runs on the writer thread only.
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "eventstore/internal/batch_context.h"
#include "eventstore/internal/envelope_codec.h"
#include "eventstore/internal/keys.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {

using internal::EventIdHash;
using internal::IdRecord;
using internal::StreamEntry;

namespace {

constexpr std::size_t kMaxStreamIdBytes = 512;
constexpr std::size_t kMaxTypeBytes = 128;

base::Status validate(const AppendRequest& r, std::size_t max_events) {
  if (r.stream_id.empty() || r.stream_id.size() > kMaxStreamIdBytes ||
      r.stream_id.find('\0') != std::string::npos) {
    return {base::ErrorCode::kInvalidArgument, base::MessageId::kStoreBadStreamId};
  }
  if (r.events.empty())
    return {base::ErrorCode::kInvalidArgument, base::MessageId::kStoreEmptyAppend};
  if (r.events.size() > max_events) {
    return {base::ErrorCode::kInvalidArgument, base::MessageId::kStoreTooManyEvents};
  }
  static const EventId kZero{};
  for (std::size_t i = 0; i < r.events.size(); ++i) {
    const NewEvent& e = r.events[i];
    if (e.id == kZero)
      return {base::ErrorCode::kInvalidArgument, base::MessageId::kStoreZeroEventId};
    if (e.type.empty() || e.type.size() > kMaxTypeBytes) {
      return {base::ErrorCode::kInvalidArgument, base::MessageId::kStoreBadEventType};
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (r.events[j].id == e.id) {
        return {base::ErrorCode::kInvalidArgument, base::MessageId::kStoreRepeatedEventIds};
      }
    }
  }
  return base::ok_status();
}

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

base::Result<std::uint64_t> EventStore::Impl::lookup_stream_version(const std::string& stream) {
  auto it = version_cache.find(stream);
  if (it != version_cache.end()) return it->second;
  // The writer's view includes batches written but not yet synced.
  base::Result<std::uint64_t> version = last_stream_version(stream, UINT64_MAX);
  if (!version.ok()) return version;
  // Bounded: the cache only saves reads, so forgetting it is always safe (every
  // decided batch is in RocksDB before the next one is decided).
  if (version_cache.size() > (1u << 20)) version_cache.clear();
  version_cache.emplace(stream, version.value());
  return version;
}

base::Result<std::vector<AppendResult>> EventStore::Impl::decide_group(
    const std::vector<AppendRequest>& group, BatchContext& ctx) {
  std::size_t total = 0;
  for (const AppendRequest& req : group) total += req.events.size();
  const std::size_t first_id = ctx.id_index;
  ctx.id_index += total;
  if (group.empty())
    return base::Status{base::ErrorCode::kInvalidArgument, base::MessageId::kStoreEmptyAppend};
  if (total > options.max_batch_events) {
    return base::Status{base::ErrorCode::kInvalidArgument, base::MessageId::kStoreTooManyEvents};
  }
  for (const AppendRequest& req : group) {
    if (base::Status v = validate(req, options.max_batch_events); !v.ok()) return v;
  }

  // Idempotency over the whole group: every id seen before -> the original
  // answer; some seen, or a seen id with other content -> conflict.
  std::size_t seen = 0, index = first_id;
  bool mismatch = false;
  std::vector<AppendResult> duplicates(group.size(), AppendResult{0, 0, 0, true});
  for (std::size_t r = 0; r < group.size(); ++r) {
    const AppendRequest& req = group[r];
    for (std::size_t i = 0; i < req.events.size(); ++i, ++index) {
      IdRecord rec;
      bool found = false;
      if (auto it = ctx.ids.find(req.events[i].id); it != ctx.ids.end()) {
        rec = it->second;
        found = true;
      } else if (ctx.id_status[index].ok()) {
        const auto& v = ctx.id_values[index];
        if (!IdRecord::decode(std::string_view(v.data(), v.size()), rec)) {
          return base::Status{base::ErrorCode::kCorruption, base::MessageId::kStoreBadEventIdIndex};
        }
        found = true;
      } else if (!ctx.id_status[index].IsNotFound()) {
        return base::Status{base::ErrorCode::kIoError, base::MessageId::kStoreEventIdIndexFailed};
      }
      if (!found) continue;
      ++seen;
      unsigned char digest[16];
      internal::content_digest(req.stream_id, req.events[i], digest);
      if (std::memcmp(digest, rec.digest, sizeof digest) != 0) mismatch = true;
      if (i == 0) duplicates[r].first_position = rec.position;
      duplicates[r].last_position = rec.position;
      duplicates[r].stream_version = rec.stream_version;
    }
  }
  if (mismatch || (seen > 0 && seen < total)) {
    return base::Status{base::ErrorCode::kIdempotencyConflict,
                        mismatch ? base::MessageId::kStoreEventIdReused
                                 : base::MessageId::kStoreEventIdsPartlySeen};
  }
  if (seen == total) return duplicates;

  // Optimistic concurrency: every stream of the group must be where its
  // request expects it (requests on one stream see the ones before them).
  std::unordered_map<std::string, std::uint64_t> local;
  for (const AppendRequest& req : group) {
    std::uint64_t current;
    if (auto it = local.find(req.stream_id); it != local.end()) {
      current = it->second;
    } else if (auto bt = ctx.versions.find(req.stream_id); bt != ctx.versions.end()) {
      current = bt->second;
    } else {
      base::Result<std::uint64_t> v = lookup_stream_version(req.stream_id);
      if (!v.ok()) return v.status();
      current = v.value();
    }
    if (!expected_matches(req.expected, current)) {
      return base::Status{
          base::ErrorCode::kWrongExpectedVersion,
          base::MessageId::kStoreWrongVersion,
          {{"stream", req.stream_id}, {"version", static_cast<std::int64_t>(current)}}};
    }
    local[req.stream_id] = current + req.events.size();
  }

  // Accepted: positions, hash chain, envelopes.
  std::vector<AppendResult> results;
  results.reserve(group.size());
  if (ctx.appends) ctx.appends->emplace_back();
  for (const AppendRequest& req : group) {
    auto it = ctx.versions.find(req.stream_id);
    std::uint64_t current =
        it != ctx.versions.end() ? it->second : lookup_stream_version(req.stream_id).value();
    AppendResult ok{ctx.next, 0, 0, false};
    for (const NewEvent& e : req.events) {
      EventView view{ctx.next,
                     req.stream_id,
                     ++current,
                     e.id,
                     e.type,
                     e.recorded_at_us != 0 ? e.recorded_at_us : ctx.now,
                     e.actor,
                     e.correlation_id,
                     e.causation_id,
                     e.payload,
                     {}};
      view.chain_hash = internal::chain_hash(ctx.hash, view, ctx.scratch);
      ctx.hash = view.chain_hash;
      ctx.encoded.clear();
      internal::encode_envelope(view, ctx.encoded);
      ctx.key.clear();
      internal::put_u64_be(ctx.key, ctx.next);
      ctx.wb->Put(events, ctx.key, ctx.encoded);
      if (ctx.appends) ctx.appends->back().push_back(ctx.encoded);
      ctx.stream_entries.push_back({&req.stream_id, current, ctx.next});
      IdRecord rec;
      rec.position = ctx.next;
      rec.stream_version = current;
      internal::content_digest(req.stream_id, e, rec.digest);
      ctx.ids[e.id] = rec;
      ++ctx.next;
    }
    ctx.versions[req.stream_id] = current;
    ok.last_position = ctx.next - 1;
    ok.stream_version = current;
    results.push_back(ok);
  }
  return results;
}

void EventStore::Impl::prefetch_new_streams(const std::vector<Pending>& batch) {
  // Streams the cache does not know: one MultiGet for their first version. Most
  // are new (a reservation's stream starts with its booking), and a whole-key
  // bloom filter answers "absent" without a search; the rest fall back to a
  // SeekForPrev in lookup_stream_version.
  std::vector<std::string> keys;
  std::vector<const std::string*> streams_missing;
  for (const auto& p : batch) {
    for (const auto& req : p.requests) {
      if (version_cache.count(req.stream_id)) continue;
      keys.push_back(internal::stream_key(req.stream_id, 1));
      streams_missing.push_back(&req.stream_id);
    }
  }
  if (keys.empty()) return;
  std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> status(keys.size());
  db->MultiGet(rocksdb::ReadOptions(), streams, slices.size(), slices.data(), values.data(),
               status.data());
  if (version_cache.size() > (1u << 20)) version_cache.clear();
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (status[i].IsNotFound()) version_cache.emplace(*streams_missing[i], 0);
  }
}

EventStore::Impl::Decided EventStore::Impl::decide_batch(std::vector<Pending>& batch,
                                                         bool capture) {
  Decided decided;
  decided.results.resize(batch.size());
  auto& results = decided.results;
  if (failed.load()) {
    const base::Status why = failure_status();
    for (auto& r : results) r = why;
    decided.batch = std::move(batch);
    return decided;
  }

  BatchContext ctx;
  ctx.wb = &decided.wb;
  ctx.next = next_position;
  ctx.hash = last_hash;
  ctx.now = options.clock();
  if (capture) {
    decided.replicated.first_position = next_position;
    decided.replicated.previous_hash = last_hash;
    ctx.appends = &decided.replicated.appends;
  }

  // Look up every event id of the batch in the durable index at once.
  std::vector<rocksdb::Slice> id_keys;
  for (const auto& p : batch) {
    for (const auto& req : p.requests) {
      for (const auto& e : req.events) {
        id_keys.emplace_back(reinterpret_cast<const char*>(e.id.data()), e.id.size());
      }
    }
  }
  ctx.id_values.resize(id_keys.size());
  ctx.id_status.resize(id_keys.size());
  if (!id_keys.empty()) {
    db->MultiGet(rocksdb::ReadOptions(), event_ids, id_keys.size(), id_keys.data(),
                 ctx.id_values.data(), ctx.id_status.data());
  }

  prefetch_new_streams(batch);
  for (std::size_t r = 0; r < batch.size(); ++r) {
    results[r] = batch[r].replicated.empty() ? decide_group(batch[r].requests, ctx)
                                             : decide_replicated(batch[r].replicated, ctx);
  }

  // Index entries go in after the events, each family in key order: consecutive
  // inserts then land next to each other in the memtable's skip list.
  std::string skey, key, idval;
  std::sort(ctx.stream_entries.begin(), ctx.stream_entries.end());
  for (const StreamEntry& se : ctx.stream_entries) {
    skey.assign(*se.stream);
    skey.push_back('\0');
    internal::put_u64_be(skey, se.version);
    key.clear();
    internal::put_u64_be(key, se.position);
    ctx.wb->Put(streams, skey, key);
  }
  std::vector<std::pair<EventId, IdRecord>> ids(ctx.ids.begin(), ctx.ids.end());
  std::sort(ids.begin(), ids.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [id, rec] : ids) {
    rec.encode_to(idval);
    ctx.wb->Put(event_ids, rocksdb::Slice(reinterpret_cast<const char*>(id.data()), id.size()),
                idval);
  }

  // The writer's view moves on now; apply() puts the batch into RocksDB next.
  decided.events = ctx.next - next_position;
  decided.wrote = ctx.wb->Count() > 0;
  next_position = ctx.next;
  last_hash = ctx.hash;
  for (auto& [stream, version] : ctx.versions) version_cache[stream] = version;
  decided.head = next_position - 1;
  decided.hash = last_hash;
  decided.replicated.last_hash = last_hash;
  decided.batch = std::move(batch);
  return decided;
}

}  // namespace hoyo::eventstore
