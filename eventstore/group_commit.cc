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
#include <future>
#include <thread>

#include "base/log.h"
#include "base/mutex.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {

using internal::IdRecord;

StoreRole EventStore::role() const {
  base::MutexLock lk(impl_->queue_mu);
  return impl_->role;
}

base::Status EventStore::Impl::when_idle(const std::function<void()>& change) {
  Impl& impl = *this;
  for (;;) {
    {
      base::MutexLock lk(impl.queue_mu);
      if (!impl.queue.empty() || impl.deciding) {
        return base::Status{base::ErrorCode::kConflict, base::MessageId::kStoreRoleBusy};
      }
      // Decided batches are not durable until the syncer answered them: a
      // replica would start from the durable head while the writer's next
      // position is past it. (queue_mu, then sync_mu: nothing takes them the
      // other way round.)
      base::MutexLock sync_lk(impl.sync_mu);
      if (impl.sync_queue.empty() && !impl.syncing) {
        change();
        return base::ok_status();
      }
    }
    // Only the syncer is busy: wait until it answered what it holds (without
    // queue_mu: its callbacks may append), then look again.
    base::MutexLock sync_lk(impl.sync_mu);
    impl.sync_cv.wait(sync_lk, [&impl]() HOYO_REQUIRES(impl.sync_mu) {
      return impl.sync_stopping || (impl.sync_queue.empty() && !impl.syncing);
    });
    if (impl.sync_stopping) {
      return base::Status{base::ErrorCode::kClosed, base::MessageId::kStoreClosing};
    }
  }
}

base::Status EventStore::set_role(StoreRole role) {
  {
    base::MutexLock lk(impl_->queue_mu);
    if (impl_->role == role) return base::ok_status();
  }
  return impl_->when_idle([&]() HOYO_NO_THREAD_SAFETY_ANALYSIS { impl_->role = role; });
}

base::Status EventStore::set_replicator(std::shared_ptr<BatchReplicator> replicator) {
  return impl_->when_idle([&]() HOYO_NO_THREAD_SAFETY_ANALYSIS {
    impl_->replicator = std::move(replicator);
    impl_->replication_failed = base::ok_status();
  });
}

void EventStore::append_group_async(std::vector<AppendRequest> group, GroupCallback done) {
  base::Status refused{base::ErrorCode::kClosed, base::MessageId::kStoreClosing};
  {
    base::MutexLock lk(impl_->queue_mu);
    if (impl_->role != StoreRole::kWriter) {
      refused = base::Status{base::ErrorCode::kConflict, base::MessageId::kStoreNotWriter};
    } else if (!impl_->replication_failed.ok()) {
      refused = impl_->replication_failed;
    } else if (!impl_->stopping) {
      impl_->queue.push_back({std::move(group), std::move(done), {}});
      impl_->queue_cv.notify_one();
      return;
    }
  }
  done(refused);
}

base::Result<std::vector<AppendResult>> EventStore::append_group(std::vector<AppendRequest> group) {
  auto promise = std::make_shared<std::promise<base::Result<std::vector<AppendResult>>>>();
  auto future = promise->get_future();
  append_group_async(std::move(group), [promise](base::Result<std::vector<AppendResult>> r) {
    promise->set_value(std::move(r));
  });
  return future.get();
}

base::Result<AppendResult> EventStore::append_replicated(std::vector<std::string> envelopes) {
  auto promise = std::make_shared<std::promise<base::Result<AppendResult>>>();
  auto future = promise->get_future();
  Impl::Pending p{{},
                  [promise](base::Result<std::vector<AppendResult>> r) {
                    promise->set_value(r.ok() ? base::Result<AppendResult>(r.value().front())
                                              : base::Result<AppendResult>(r.status()));
                  },
                  std::move(envelopes)};
  {
    base::MutexLock lk(impl_->queue_mu);
    if (impl_->role != StoreRole::kReplica) {
      return base::Status{base::ErrorCode::kConflict, base::MessageId::kStoreNotReplica};
    }
    if (impl_->stopping) {
      return base::Status{base::ErrorCode::kClosed, base::MessageId::kStoreClosing};
    }
    impl_->queue.push_back(std::move(p));
    impl_->queue_cv.notify_one();
  }
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
    bool resume = false;
    std::shared_ptr<BatchReplicator> replicating;
    base::Status failed_before;  // appends queued before a replication failed
    {
      base::MutexLock lk(queue_mu);
      queue_cv.wait(lk, [this]() HOYO_REQUIRES(queue_mu) {
        return stopping || !queue.empty() || resume_wanted;
      });
      if (resume_wanted) {
        resume_wanted = false;
        resume = true;
      } else if (queue.empty()) {
        return;  // stopping, and everything queued was answered
      }
      std::size_t events = 0;
      while (!resume && !queue.empty()) {
        std::size_t n = queue.front().replicated.size();
        for (const auto& req : queue.front().requests) n += req.events.size();
        if (!batch.empty() && events + n > options.max_batch_events) break;
        events += n;
        batch.push_back(std::move(queue.front()));
        queue.pop_front();
      }
      deciding = !batch.empty();
      // (Only own appends: a replica's batches came from the stream.)
      if (role == StoreRole::kWriter) replicating = replicator;
      failed_before = replication_failed;
    }
    if (resume) {
      try_resume();
      {
        base::MutexLock lk(resume_mu);
        ++resume_attempts;
        needs_resume = condition_now() == StoreCondition::kNoSpace;
      }
      resume_cv.notify_all();
      continue;
    }
    const auto started = std::chrono::steady_clock::now();
    const std::uint64_t next_before = next_position;
    const Hash hash_before = last_hash;
    Decided decided = decide_batch(batch, replicating != nullptr);
    stat_decide_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::steady_clock::now() - started)
                                     .count(),
                                 std::memory_order_relaxed);
    batch.clear();
    if (replicating && decided.wrote) {
      replicate(*replicating, failed_before, decided, next_before, hash_before);
    }
    apply(decided);
    hand_to_syncer(std::move(decided));
  }
}

void EventStore::Impl::replicate(BatchReplicator& replicator, const base::Status& failed_before,
                                 Decided& d, std::uint64_t next_before, const Hash& hash_before) {
  // Appends queued before an earlier failure are refused with it, unsent.
  const auto started = std::chrono::steady_clock::now();
  const base::Status why = failed_before.ok() ? replicator.replicate(d.replicated) : failed_before;
  stat_replicate_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(
                                      std::chrono::steady_clock::now() - started)
                                      .count(),
                                  std::memory_order_relaxed);
  d.replicated = {};
  if (why.ok()) return;
  // A batch the replicator refused before sending anything (kInvalidArgument:
  // an append too large for one stream message) fails alone; anything else
  // stops own appends.
  const bool sticky = !why.is(base::ErrorCode::kInvalidArgument);
  if (failed_before.ok()) {
    base::log_line("error",
                   sticky ? "event store: a batch could not be replicated; own appends stop"
                          : "event store: a batch was refused by its replicator",
                   {{"error", why.to_string()}});
  }
  for (auto& r : d.results) {
    if (r && r->ok()) r = why;  // a duplicate too: its first may be in this batch
  }
  d.wrote = false;
  d.events = 0;
  d.wb.Clear();
  next_position = next_before;
  last_hash = hash_before;
  version_cache.clear();  // it holds the refused batch's versions
  d.head = next_before - 1;
  d.hash = hash_before;
  if (!sticky) return;
  base::MutexLock lk(queue_mu);
  replication_failed = why;
}

void EventStore::Impl::hand_to_syncer(Decided d) {
  {
    // The batch moves to the syncer and `deciding` ends in one step (queue_mu,
    // then sync_mu: the one order). Cleared after, the syncer could answer
    // the batch first, and a caller acting on that answer (set_role) would
    // still find the writer "deciding" and be refused as busy.
    base::MutexLock q(queue_mu);
    base::MutexLock lk(sync_mu);
    sync_queue.push_back(std::move(d));
    deciding = false;
  }
  // All: set_role's when_idle waits on sync_cv too, and a single wake-up
  // taken by it would leave the syncer asleep with this batch queued.
  sync_cv.notify_all();
}

void EventStore::Impl::apply(Decided& d) {
  if (!d.wrote) return;
  const auto started = std::chrono::steady_clock::now();
  const base::Status why = write_unsynced(&d.wb, "writing a batch");
  stat_write_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count(),
                              std::memory_order_relaxed);
  if (!why.ok()) {
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

base::Status EventStore::Impl::write_unsynced(rocksdb::WriteBatch* wb, const char* what) {
  base::MutexLock lk(wal_mu);
  if (failed.load()) return failure_status();  // set with it; cleared only under wal_mu
  rocksdb::WriteOptions wo;
  wo.sync = false;  // the syncer writes the WAL buffer out and syncs it
  rocksdb::Status s = db->Write(wo, wb);
  return s.ok() ? base::ok_status() : fail(s, what);
}

base::Status EventStore::Impl::write_durably(rocksdb::WriteBatch* wb, const char* what) {
  if (base::Status w = write_unsynced(wb, what); !w.ok()) return w;
  return wait_synced(what);
}

base::Status EventStore::Impl::wait_synced(const char* what) {
  if (std::this_thread::get_id() == syncer.get_id()) {
    // From an append's callback: the syncer cannot wait for itself.
    rocksdb::Status s;
    {
      base::MutexLock lk(wal_mu);
      s = failed.load() ? rocksdb::Status::Aborted("store failed") : db->FlushWAL(/*sync=*/false);
      if (!s.ok() && !s.IsAborted()) return fail(s, what);
    }
    if (s.ok()) s = db->SyncWAL();
    if (s.IsAborted()) return failure_status();
    return s.ok() ? base::ok_status() : fail(s, what);
  }
  // Durable with the syncer's next WAL flush and sync: it joins the group commit.
  auto promise = std::make_shared<std::promise<base::Status>>();
  auto future = promise->get_future();
  Decided d;
  d.wrote = true;
  d.batch.push_back({{},
                     [promise](base::Result<std::vector<AppendResult>> r) {
                       promise->set_value(r.ok() ? base::ok_status() : r.status());
                     },
                     {}});
  d.results.emplace_back(std::vector<AppendResult>{});
  {
    base::MutexLock lk(sync_mu);
    if (sync_stopping) return {base::ErrorCode::kClosed, base::MessageId::kStoreClosing};
    sync_queue.push_back(std::move(d));
  }
  sync_cv.notify_all();
  return future.get();
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
      syncing = true;
    }
    sync_and_answer(group);
    group.clear();
    {
      base::MutexLock lk(sync_mu);
      syncing = false;
    }
    sync_cv.notify_all();  // try_resume waits for every batch to be answered
  }
}

void EventStore::Impl::sync_and_answer(std::deque<Decided>& group) {
  bool wrote = false;
  for (const auto& d : group) wrote = wrote || d.wrote;
  base::Status why;
  if (wrote) {
    const auto started = std::chrono::steady_clock::now();
    // The WAL buffer goes to the file under wal_mu, so that a failed write
    // marks the store failed before anyone appends or syncs again (RocksDB's
    // WAL writer must not be used after a failed write); the sync, the long
    // wait, runs while the writer writes the next batch.
    rocksdb::Status s;
    {
      base::MutexLock lk(wal_mu);
      s = failed.load() ? rocksdb::Status::Aborted("store failed") : db->FlushWAL(/*sync=*/false);
      if (!s.ok() && !s.IsAborted()) why = fail(s, "writing the WAL");
    }
    if (s.ok() && options.sync) {
      s = db->SyncWAL();
      if (!s.ok()) why = fail(s, "syncing the WAL");
    }
    const auto took = std::chrono::steady_clock::now() - started;
    stat_syncs.fetch_add(1, std::memory_order_relaxed);
    stat_sync_micros.fetch_add(std::chrono::duration_cast<std::chrono::microseconds>(took).count(),
                               std::memory_order_relaxed);
    sync_seconds.record(std::chrono::duration<double>(took).count());
    if (why.ok() && (!s.ok() || failed.load())) why = failure_status();
  }
  if (why.ok()) {
    std::uint64_t events = 0;
    const Decided* last = nullptr;  // the last batch of events (side writes have none)
    for (const auto& d : group) {
      events += d.events;
      if (d.head > 0 && (!last || d.head > last->head)) last = &d;
    }
    stat_events.fetch_add(events, std::memory_order_relaxed);
    if (wrote && last) publish(last->head, last->hash);
  }
  for (auto& d : group) {
    for (std::size_t r = 0; r < d.batch.size(); ++r) {
      // After a failed sync nothing written since the last good one is acknowledged.
      if (!why.ok() && d.results[r]->ok()) d.results[r] = why;
      d.batch[r].done(std::move(*d.results[r]));
    }
  }
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
