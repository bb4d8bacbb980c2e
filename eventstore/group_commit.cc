// The single writer: batches every append that arrives while the previous batch
// is being written and synced, decides each against the stream versions and the
// event-id index, and writes the accepted ones in one WriteBatch with one sync.
#include <algorithm>
#include <chrono>
#include <cstring>
#include <unordered_map>

#include <rocksdb/write_batch.h>

#include "eventstore/internal/envelope_codec.h"
#include "eventstore/internal/keys.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {

using internal::IdRecord;

namespace {

constexpr std::size_t kMaxStreamIdBytes = 512;
constexpr std::size_t kMaxTypeBytes = 128;

struct EventIdHash {
  std::size_t operator()(const EventId& id) const {
    std::size_t h;
    std::memcpy(&h, id.data(), sizeof h);
    return h;
  }
};

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

bool expected_matches(const ExpectedVersion& expected, std::uint64_t current) {
  switch (expected.kind) {
    case ExpectedVersion::Kind::kAny: return true;
    case ExpectedVersion::Kind::kNoStream: return current == 0;
    case ExpectedVersion::Kind::kExact: return current == expected.version;
  }
  return false;
}

}  // namespace

void EventStore::append_async(AppendRequest request, AppendCallback done) {
  {
    std::lock_guard lk(impl_->queue_mu);
    if (!impl_->stopping) {
      impl_->queue.push_back({std::move(request), std::move(done)});
      impl_->queue_cv.notify_one();
      return;
    }
  }
  done(Status{StatusCode::kClosed, "the event store is closing"});
}

std::future<StatusOr<AppendResult>> EventStore::append_future(AppendRequest request) {
  auto promise = std::make_shared<std::promise<StatusOr<AppendResult>>>();
  auto future = promise->get_future();
  append_async(std::move(request),
               [promise](StatusOr<AppendResult> r) { promise->set_value(std::move(r)); });
  return future;
}

StatusOr<AppendResult> EventStore::append(AppendRequest request) {
  return append_future(std::move(request)).get();
}

void EventStore::Impl::run_writer() {
  std::vector<Pending> batch;
  for (;;) {
    {
      std::unique_lock lk(queue_mu);
      queue_cv.wait(lk, [this] { return stopping || !queue.empty(); });
      if (queue.empty()) return;  // stopping, and everything queued was answered
      std::size_t events = 0;
      while (!queue.empty()) {
        const std::size_t n = queue.front().request.events.size();
        if (!batch.empty() && events + n > options.max_batch_events) break;
        events += n;
        batch.push_back(std::move(queue.front()));
        queue.pop_front();
      }
    }
    process_batch(batch);
    batch.clear();
  }
}

StatusOr<std::uint64_t> EventStore::Impl::lookup_stream_version(const std::string& stream) {
  auto it = version_cache.find(stream);
  if (it != version_cache.end()) return it->second;
  // The writer's view includes batches written but not yet synced.
  StatusOr<std::uint64_t> version = last_stream_version(stream, UINT64_MAX);
  if (!version.is_ok()) return version;
  // Bounded: the cache only saves reads, so forgetting it is always safe.
  if (version_cache.size() > (1u << 20)) version_cache.clear();
  version_cache.emplace(stream, version.value());
  return version;
}

void EventStore::Impl::process_batch(std::vector<Pending>& batch) {
  if (failed.load()) {
    Status why;
    {
      std::lock_guard lk(failure_mu);
      why = failure;
    }
    for (auto& p : batch) p.done(why);
    return;
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

  rocksdb::WriteBatch wb;
  std::vector<std::optional<StatusOr<AppendResult>>> results(batch.size());
  std::unordered_map<EventId, IdRecord, EventIdHash> batch_ids;
  std::unordered_map<std::string, std::uint64_t> batch_versions;
  std::uint64_t next = next_position;
  Hash hash = last_hash;
  std::string scratch, encoded, key, skey, idval;
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
      skey.assign(req.stream_id);
      skey.push_back('\0');
      internal::put_u64_be(skey, current);
      wb.Put(streams, skey, key);
      IdRecord rec;
      rec.position = next;
      rec.stream_version = current;
      internal::content_digest(req.stream_id, e, rec.digest);
      rec.encode_to(idval);
      wb.Put(event_ids, rocksdb::Slice(reinterpret_cast<const char*>(e.id.data()), e.id.size()),
             idval);
      batch_ids[e.id] = rec;
      ++next;
    }
    batch_versions[req.stream_id] = current;
    ok.last_position = next - 1;
    ok.stream_version = current;
    results[r] = ok;
  }

  Decided decided;
  if (wb.Count() > 0) {
    rocksdb::WriteOptions wo;
    wo.sync = false;  // durability comes from the syncer's FlushWAL(sync)
    const auto started = std::chrono::steady_clock::now();
    rocksdb::Status s = db->Write(wo, &wb);
    stat_write_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(
                                    std::chrono::steady_clock::now() - started)
                                    .count(),
                                std::memory_order_relaxed);
    if (!s.ok()) {
      Status why = from_rocksdb(s, "writing a batch");
      fail(why);
      for (auto& r : results) {
        if (r->is_ok()) r = why;  // nothing of this batch is acknowledged
      }
    } else {
      decided.wrote = true;
      decided.events = next - next_position;
      next_position = next;
      last_hash = hash;
      for (auto& [stream, version] : batch_versions) version_cache[stream] = version;
      stat_batches.fetch_add(1, std::memory_order_relaxed);
    }
  }
  decided.head = next_position - 1;
  decided.hash = last_hash;
  decided.batch = std::move(batch);
  decided.results = std::move(results);
  {
    std::lock_guard lk(sync_mu);
    sync_queue.push_back(std::move(decided));
  }
  sync_cv.notify_one();
}

void EventStore::Impl::run_syncer() {
  std::deque<Decided> group;
  for (;;) {
    {
      std::unique_lock lk(sync_mu);
      sync_cv.wait(lk, [this] { return sync_stopping || !sync_queue.empty(); });
      if (sync_queue.empty()) return;  // stopping, and every batch was answered
      group.swap(sync_queue);
    }
    sync_and_answer(group);
    group.clear();
  }
}

void EventStore::Impl::sync_and_answer(std::deque<Decided>& group) {
  bool wrote = false;
  for (const auto& d : group) wrote = wrote || d.wrote;
  Status why;
  if (wrote) {
    const auto started = std::chrono::steady_clock::now();
    rocksdb::Status s = failed.load() ? rocksdb::Status::Aborted("store failed")
                                      : db->FlushWAL(/*sync=*/options.sync);
    stat_syncs.fetch_add(1, std::memory_order_relaxed);
    stat_sync_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(
                                   std::chrono::steady_clock::now() - started)
                                   .count(),
                               std::memory_order_relaxed);
    if (!s.ok() || failed.load()) {
      if (!s.ok() && !s.IsAborted()) fail(from_rocksdb(s, "syncing the WAL"));
      std::lock_guard lk(failure_mu);
      why = s.IsAborted() ? failure : from_rocksdb(s, "syncing the WAL");
    }
  }
  if (why.is_ok()) {
    std::uint64_t events = 0;
    for (const auto& d : group) events += d.events;
    stat_events.fetch_add(events, std::memory_order_relaxed);
    if (wrote) publish(group.back().head, group.back().hash);
  }
  for (auto& d : group) {
    for (std::size_t r = 0; r < d.batch.size(); ++r) {
      // After a failed sync nothing written since the last good one is acknowledged.
      if (!why.is_ok() && d.results[r]->is_ok()) d.results[r] = why;
      d.batch[r].done(std::move(*d.results[r]));
    }
  }
}

void EventStore::Impl::fail(const Status& why) {
  {
    std::lock_guard lk(failure_mu);
    failure = Status{StatusCode::kFailed, "the store is read-only after an I/O error (" +
                                              why.message() + "); reopen it"};
  }
  failed.store(true);
}

void EventStore::Impl::publish(std::uint64_t new_head, const Hash& hash) {
  {
    std::lock_guard lk(head_mu);
    head.store(new_head, std::memory_order_release);
    head_hash = hash;
  }
  head_cv.notify_all();
}

}  // namespace hoyo::eventstore
