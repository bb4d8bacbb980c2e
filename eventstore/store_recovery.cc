// The store's failure states and its recovery from a full disk (issue 14):
//   fail()        records the first failed write and decides kNoSpace (the
//                 resumer will try) or kReadOnly (until a restart);
//   run_resumer() the resumer thread: waits out a backoff, then asks the
//                 writer thread to try;
//   try_resume()  on the writer thread: RocksDB's Resume(), then the head is
//                 read again from the log.
// RocksDB's own rating of background errors is adjusted by
// internal/resume_listener.
#include <rocksdb/db.h>

#include <algorithm>
#include <chrono>

#include "base/log.h"
#include "base/mutex.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {

base::Status EventStore::Impl::failure_status() const {
  base::MutexLock lk(failure_mu);
  return failure;
}

StoreCondition EventStore::Impl::condition_now() const {
  base::MutexLock lk(failure_mu);
  return condition;
}

base::Status EventStore::Impl::fail(const rocksdb::Status& s, const char* what) {
  const bool no_space = s.IsNoSpace();
  base::Status answer;
  {
    base::MutexLock lk(failure_mu);
    // The first failure decides: the errors that follow it (a write refused
    // because RocksDB stopped, a WAL writer that saw the error) are its echoes.
    // (Should the store have recovered meanwhile, the write still failed.)
    if (condition != StoreCondition::kHealthy || failed.load()) {
      return failure.ok() ? from_rocksdb(s, what) : failure;
    }
    condition = no_space ? StoreCondition::kNoSpace : StoreCondition::kReadOnly;
    failure =
        base::Status{base::ErrorCode::kUnavailable,
                     no_space ? base::MessageId::kStoreNoSpace : base::MessageId::kStoreReadOnly,
                     {{"cause", from_rocksdb(s, what).to_string()}}};
    failed.store(true);
    answer = failure;
  }
  base::log_line("error",
                 no_space ? "event store: the disk is full; writes are refused until it resumes"
                          : "event store: a write failed; the store is read-only until restarted",
                 {{"cause", answer.to_string()}});
  if (no_space) {
    {
      base::MutexLock lk(resume_mu);
      needs_resume = true;
    }
    resume_cv.notify_all();
  }
  return answer;
}

void EventStore::Impl::run_resumer() {
  std::chrono::milliseconds delay = options.resume_first_delay;
  base::MutexLock lk(resume_mu);
  for (;;) {
    resume_cv.wait(lk,
                   [this]() HOYO_REQUIRES(resume_mu) { return resume_stopping || needs_resume; });
    if (resume_stopping) return;
    if (resume_cv.wait_for(lk, delay,
                           [this]() HOYO_REQUIRES(resume_mu) { return resume_stopping; })) {
      return;
    }
    const std::uint64_t attempt = resume_attempts;
    {
      base::MutexLock q(queue_mu);
      resume_wanted = true;
    }
    queue_cv.notify_all();
    resume_cv.wait(lk, [this, attempt]() HOYO_REQUIRES(resume_mu) {
      return resume_stopping || resume_attempts != attempt;
    });
    if (resume_stopping) return;
    delay =
        needs_resume ? std::min(delay * 2, options.resume_max_delay) : options.resume_first_delay;
  }
}

bool EventStore::Impl::try_resume() {
  {
    base::MutexLock lk(sync_mu);
    sync_cv.wait(lk, [this]() HOYO_REQUIRES(sync_mu) { return sync_queue.empty() && !syncing; });
  }
  base::MutexLock wal(wal_mu);  // no write while RocksDB resumes
  if (condition_now() != StoreCondition::kNoSpace) return false;
  // RocksDB flushes every memtable (batches that were refused among them) and
  // starts a new WAL. The writer's view (next position, chain, stream
  // versions) ran ahead over refused batches: it is read again from the log.
  if (rocksdb::Status r = db->Resume(); !r.ok()) {
    // Still full, or RocksDB busy: try again later. Anything else (a sync of
    // the flushed memtables failed, say) cannot be trusted: read-only.
    const bool retry = r.IsNoSpace() || r.IsBusy();
    base::log_line(retry ? "warn" : "error",
                   retry ? "event store: resuming after a full disk failed; trying again later"
                         : "event store: resuming after a full disk failed; the store is read-only",
                   {{"cause", r.ToString()}});
    if (!retry) {
      base::MutexLock lk(failure_mu);
      condition = StoreCondition::kReadOnly;
      failure =
          base::Status{base::ErrorCode::kUnavailable,
                       base::MessageId::kStoreReadOnly,
                       {{"cause", from_rocksdb(r, "resuming after a full disk").to_string()}}};
    }
    return false;
  }
  version_cache.clear();
  if (base::Status h = recover_head(); !h.ok()) {
    base::log_line("warn",
                   "event store: rereading the head after a resume failed; trying again later",
                   {{"cause", h.to_string()}});
    return false;
  }
  publish(next_position - 1, last_hash);
  {
    base::MutexLock lk(failure_mu);
    if (condition != StoreCondition::kNoSpace) return false;
    condition = StoreCondition::kHealthy;
    failure = base::ok_status();
    failed.store(false);
  }
  recoveries.fetch_add(1);
  base::log_line("info", "event store: resumed after a full disk",
                 {{"head", std::to_string(next_position - 1)}});
  return true;
}

}  // namespace hoyo::eventstore
