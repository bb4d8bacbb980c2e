// Group commit as a two-stage pipeline, one thread each:
//   writer: takes every append queued while it was busy, decides them as one
//           batch (decide_batch.cc) and applies that WriteBatch to RocksDB
//           (memtables and the WAL buffer; manual_wal_flush);
//   syncer: flushes and syncs the WAL once for everything written so far, then
//           publishes the new head and answers the callers in order.
// The writer decides and writes the next batch while the syncer waits on the
// disk. (A third stage for the memtable inserts was measured: more throughput
// without fsync, but at 256 appends in flight the extra hand-off cost more
// latency than it saved; see BENCHMARKS.md.)
#include <rocksdb/write_batch.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "base/mutex.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {

using internal::IdRecord;

void EventStore::append_group_async(std::vector<AppendRequest> group, GroupCallback done) {
  {
    base::MutexLock lk(impl_->queue_mu);
    if (!impl_->stopping) {
      impl_->queue.push_back({std::move(group), std::move(done)});
      impl_->queue_cv.notify_one();
      return;
    }
  }
  done(base::Status{base::ErrorCode::kClosed, base::MessageId::kStoreClosing});
}

base::Result<std::vector<AppendResult>> EventStore::append_group(std::vector<AppendRequest> group) {
  auto promise = std::make_shared<std::promise<base::Result<std::vector<AppendResult>>>>();
  auto future = promise->get_future();
  append_group_async(std::move(group), [promise](base::Result<std::vector<AppendResult>> r) {
    promise->set_value(std::move(r));
  });
  return future.get();
}

void EventStore::append_async(AppendRequest request, AppendCallback done) {
  std::vector<AppendRequest> group;
  group.push_back(std::move(request));
  append_group_async(std::move(group),
                     [done = std::move(done)](base::Result<std::vector<AppendResult>> r) {
                       if (!r.ok()) return done(r.status());
                       done(std::move(r.value().front()));
                     });
}

std::future<base::Result<AppendResult>> EventStore::append_future(AppendRequest request) {
  auto promise = std::make_shared<std::promise<base::Result<AppendResult>>>();
  auto future = promise->get_future();
  append_async(std::move(request),
               [promise](base::Result<AppendResult> r) { promise->set_value(std::move(r)); });
  return future;
}

base::Result<AppendResult> EventStore::append(AppendRequest request) {
  return append_future(std::move(request)).get();
}

void EventStore::Impl::run_writer() {
  std::vector<Pending> batch;
  for (;;) {
    {
      base::MutexLock lk(queue_mu);
      queue_cv.wait(lk, [this]() HOYO_REQUIRES(queue_mu) { return stopping || !queue.empty(); });
      if (queue.empty()) return;  // stopping, and everything queued was answered
      std::size_t events = 0;
      while (!queue.empty()) {
        std::size_t n = 0;
        for (const auto& req : queue.front().requests) n += req.events.size();
        if (!batch.empty() && events + n > options.max_batch_events) break;
        events += n;
        batch.push_back(std::move(queue.front()));
        queue.pop_front();
      }
    }
    const auto started = std::chrono::steady_clock::now();
    Decided decided = decide_batch(batch);
    stat_decide_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::steady_clock::now() - started)
                                     .count(),
                                 std::memory_order_relaxed);
    batch.clear();
    apply(decided);
    hand_to_syncer(std::move(decided));
  }
}

void EventStore::Impl::hand_to_syncer(Decided d) {
  {
    base::MutexLock lk(sync_mu);
    sync_queue.push_back(std::move(d));
  }
  sync_cv.notify_one();
}

void EventStore::Impl::apply(Decided& d) {
  if (d.wrote) {
    rocksdb::Status s = failed.load() ? rocksdb::Status::Aborted("store failed") : [&] {
      rocksdb::WriteOptions wo;
      wo.sync = false;  // durability comes from the syncer's FlushWAL(sync)
      const auto started = std::chrono::steady_clock::now();
      rocksdb::Status ws = db->Write(wo, &d.wb);
      stat_write_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::steady_clock::now() - started)
                                      .count(),
                                  std::memory_order_relaxed);
      return ws;
    }();
    if (!s.ok()) {
      if (!s.IsAborted()) fail(from_rocksdb(s, "writing a batch"));
      const base::Status why =
          s.IsAborted() ? failure_status() : from_rocksdb(s, "writing a batch");
      for (auto& r : d.results) {
        if (r->ok()) r = why;  // nothing of this batch is acknowledged
      }
      d.wrote = false;
      d.events = 0;
    } else {
      stat_batches.fetch_add(1, std::memory_order_relaxed);
      batch_events.record(static_cast<double>(d.events));
    }
    d.wb.Clear();
  }
}

void EventStore::Impl::run_syncer() {
  std::deque<Decided> group;
  for (;;) {
    {
      base::MutexLock lk(sync_mu);
      sync_cv.wait(
          lk, [this]() HOYO_REQUIRES(sync_mu) { return sync_stopping || !sync_queue.empty(); });
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
  base::Status why;
  if (wrote) {
    const auto started = std::chrono::steady_clock::now();
    rocksdb::Status s = failed.load() ? rocksdb::Status::Aborted("store failed")
                                      : db->FlushWAL(/*sync=*/options.sync);
    const auto took = std::chrono::steady_clock::now() - started;
    stat_syncs.fetch_add(1, std::memory_order_relaxed);
    stat_sync_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(took).count(),
                               std::memory_order_relaxed);
    sync_seconds.record(std::chrono::duration<double>(took).count());
    if (!s.ok() || failed.load()) {
      if (!s.ok() && !s.IsAborted()) fail(from_rocksdb(s, "syncing the WAL"));
      why = !s.ok() && !s.IsAborted() ? from_rocksdb(s, "syncing the WAL") : failure_status();
    }
  }
  if (why.ok()) {
    std::uint64_t events = 0;
    for (const auto& d : group) events += d.events;
    stat_events.fetch_add(events, std::memory_order_relaxed);
    if (wrote) publish(group.back().head, group.back().hash);
  }
  for (auto& d : group) {
    for (std::size_t r = 0; r < d.batch.size(); ++r) {
      // After a failed sync nothing written since the last good one is acknowledged.
      if (!why.ok() && d.results[r]->ok()) d.results[r] = why;
      d.batch[r].done(std::move(*d.results[r]));
    }
  }
}

base::Status EventStore::Impl::failure_status() const {
  base::MutexLock lk(failure_mu);
  return failure;
}

void EventStore::Impl::fail(const base::Status& why) {
  {
    base::MutexLock lk(failure_mu);
    failure = base::Status{
        base::ErrorCode::kFailed, base::MessageId::kStoreReadOnly, {{"cause", why.to_string()}}};
  }
  failed.store(true);
}

void EventStore::Impl::publish(std::uint64_t new_head, const Hash& hash) {
  {
    base::MutexLock lk(head_mu);
    head.store(new_head, std::memory_order_release);
    head_hash = hash;
  }
  head_cv.notify_all();
}

}  // namespace hoyo::eventstore
