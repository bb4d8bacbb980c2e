// Private state of EventStore. Only eventstore/*.cc include this.
#pragma once

#include <rocksdb/db.h>
#include <rocksdb/env.h>
#include <rocksdb/write_batch.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "eventstore/event_store.h"
#include "eventstore/internal/keys.h"

namespace hoyo::eventstore {

struct EventStore::Impl {
  // One atomic append: one or more requests, accepted or refused together.
  struct Pending {
    std::vector<AppendRequest> requests;
    GroupCallback done;
    // Set instead of `requests` for append_replicated: stored envelopes.
    std::vector<std::string> replicated;
  };
  struct BatchContext;
  // A decided batch waiting for the WAL sync that makes it durable.
  struct Decided {
    rocksdb::WriteBatch wb;  // the accepted events and their index entries
    std::vector<Pending> batch;
    std::vector<std::optional<base::Result<std::vector<AppendResult>>>> results;
    bool wrote = false;      // put events into the memtable and WAL buffer
    std::uint64_t head = 0;  // the last position once this batch is durable
    Hash hash{};
    std::uint64_t events = 0;
    // With a replicator: what it is given (positions, chain, envelopes).
    DecidedBatch replicated;
  };

  StoreOptions options;
  std::unique_ptr<rocksdb::Env> env;  // set only when faults are injected
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::ColumnFamilyHandle* events = nullptr;
  rocksdb::ColumnFamilyHandle* streams = nullptr;
  rocksdb::ColumnFamilyHandle* event_ids = nullptr;
  rocksdb::ColumnFamilyHandle* blobs = nullptr;
  rocksdb::ColumnFamilyHandle* side[kSideTableCount] = {};

  // Writer-thread state: the next position to assign, the chain so far.
  std::uint64_t next_position = 1;
  Hash last_hash{};
  std::unordered_map<std::string, std::uint64_t> version_cache;

  // Published state, read by any thread.
  std::atomic<std::uint64_t> head{0};
  mutable base::Mutex head_mu;
  mutable base::CondVar head_cv;
  Hash head_hash HOYO_GUARDED_BY(head_mu){};

  // The queue of appends waiting for the writer.
  base::Mutex queue_mu;
  base::CondVar queue_cv;
  std::deque<Pending> queue HOYO_GUARDED_BY(queue_mu);
  bool stopping HOYO_GUARDED_BY(queue_mu) = false;
  StoreRole role HOYO_GUARDED_BY(queue_mu) = StoreRole::kWriter;
  // Cluster mode: the writer thread's, changed only while it is idle.
  std::shared_ptr<BatchReplicator> replicator HOYO_GUARDED_BY(queue_mu);
  // Why own appends are refused after a replication failed (ok: they are not).
  base::Status replication_failed HOYO_GUARDED_BY(queue_mu);
  // The writer thread took appends from the queue and has not handed them to
  // the syncer yet.
  bool deciding HOYO_GUARDED_BY(queue_mu) = false;
  std::thread writer;

  // Decided batches waiting for the syncer, in position order.
  base::Mutex sync_mu;
  base::CondVar sync_cv;
  std::deque<Decided> sync_queue HOYO_GUARDED_BY(sync_mu);
  bool sync_stopping HOYO_GUARDED_BY(sync_mu) = false;
  bool syncing HOYO_GUARDED_BY(sync_mu) = false;  // a group taken, not yet answered
  std::thread syncer;

  // Recovery from kNoSpace: the resumer thread waits out the backoff, then has
  // the writer thread (which owns the writer state a resume rereads) try it.
  base::Mutex resume_mu;
  base::CondVar resume_cv;
  bool needs_resume HOYO_GUARDED_BY(resume_mu) = false;
  bool resume_stopping HOYO_GUARDED_BY(resume_mu) = false;
  std::uint64_t resume_attempts HOYO_GUARDED_BY(resume_mu) = 0;
  bool resume_wanted HOYO_GUARDED_BY(queue_mu) = false;  // the writer's next job
  std::atomic<std::uint64_t> recoveries{0};
  std::thread resumer;

  std::atomic<std::uint64_t> stat_batches{0};
  std::atomic<std::uint64_t> stat_events{0};
  std::atomic<std::uint64_t> stat_decide_micros{0};
  std::atomic<std::uint64_t> stat_write_micros{0};
  std::atomic<std::uint64_t> stat_replicate_micros{0};  // cluster mode: publishing, acks awaited
  std::atomic<std::uint64_t> stat_syncs{0};
  std::atomic<std::uint64_t> stat_sync_micros{0};
  base::Histogram sync_seconds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005,
                               0.01,   0.025,   0.05,   0.1,   0.25,   1};
  base::Histogram batch_events{1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096};

  // Held while writing to RocksDB (memtables, WAL buffer) and while writing
  // the WAL buffer to its file: RocksDB's WAL writer must not be appended to
  // or synced after one of its writes failed (its debug builds abort), so a
  // failure marks the store failed before anyone writes again. Also held
  // while resuming.
  base::Mutex wal_mu;

  // Cluster mode: the side tables' replicator. Held for a whole replicated
  // side write (handing over and applying), so that writes are applied in
  // the order they were replicated.
  base::Mutex side_mu;
  std::shared_ptr<SideReplicator> side_replicator HOYO_GUARDED_BY(side_mu);

  // Set after an I/O error; the store then refuses appends.
  std::atomic<bool> failed{false};
  mutable base::Mutex failure_mu;
  base::Status failure HOYO_GUARDED_BY(failure_mu);
  StoreCondition condition HOYO_GUARDED_BY(failure_mu) = StoreCondition::kHealthy;

  ~Impl();
  base::Status recover_head();
  void run_writer();
  void run_syncer();
  // Decides a batch: every request accepted (its events in the WriteBatch) or
  // rejected; advances the writer's view as if the batch were written.
  // Runs `change` (under queue_mu) once the writer is idle: nothing queued or
  // being decided (else kConflict, kStoreRoleBusy), and every decided batch
  // answered by the syncer (waited for).
  base::Status when_idle(const std::function<void()>& change);
  // `capture`: keep the accepted appends' envelopes for the replicator.
  Decided decide_batch(std::vector<Pending>& batch, bool capture = false);
  // With a replicator: hands it the decided batch (unless an earlier one
  // failed: then that failure answers it); when it fails, nothing of the
  // batch is written, the writer's view goes back to before it, and later
  // appends are refused, but for kInvalidArgument (refused before anything
  // was sent: this batch only).
  void replicate(BatchReplicator& replicator, const base::Status& failed_before, Decided& d,
                 std::uint64_t next_before, const Hash& hash_before);
  // Decides one atomic group against what the batch has decided so far.
  base::Result<std::vector<AppendResult>> decide_group(const std::vector<AppendRequest>& group,
                                                       BatchContext& ctx);
  // Decides a replicated append (append_replicated): checks the envelopes
  // against the batch so far and puts them in as given.
  base::Result<std::vector<AppendResult>> decide_replicated(
      const std::vector<std::string>& envelopes, BatchContext& ctx);
  // Writes a decided batch into RocksDB (memtables, the WAL file unsynced).
  void apply(Decided& d);
  // Puts `wb` into the memtables and the WAL buffer (under wal_mu; the syncer
  // writes the buffer out). Ok, or what the refused write answers.
  base::Status write_unsynced(rocksdb::WriteBatch* wb, const char* what);
  // write_unsynced, then wait_synced: for side-table and blob writes,
  // durable on return.
  base::Status write_durably(rocksdb::WriteBatch* wb, const char* what);
  // Waits until what was written so far is durable: the syncer's next WAL
  // flush and sync (on the syncer's own thread, in an append's callback: a
  // sync of its own).
  base::Status wait_synced(const char* what);
  // A side-table batch: handed to the side replicator first unless
  // `replicated` (a follower applying what it received); then applied and
  // synced; `erase`: each key's earlier value is then compacted away.
  base::Status write_side(const std::vector<SideWrite>& writes, bool erase, bool replicated);
  // Flushes every memtable and compacts `key`'s range of `table` to the last
  // level, so that its deleted values leave the data directory.
  base::Status compact_away(SideTable table, std::string_view key);
  // On the writer thread: queues `d` for the syncer and ends `deciding`,
  // atomically with respect to set_role (takes queue_mu, then sync_mu).
  void hand_to_syncer(Decided d);
  // Makes every handed-over batch durable with one WAL flush and sync, then
  // publishes the new head and answers the callers in order.
  void sync_and_answer(std::deque<Decided>& group);
  // Refuses writes from now on: kNoSpace when `s` is a full disk (recovered
  // by the resumer), else kReadOnly. A kReadOnly store stays so. Returns what
  // the failed write answers (never ok).
  base::Status fail(const rocksdb::Status& s, const char* what);
  void run_resumer();
  // On the writer thread: once every handed-over batch is answered, resumes
  // RocksDB, rereads the head and clears kNoSpace. True when it did.
  bool try_resume();
  base::Status failure_status() const;
  StoreCondition condition_now() const;
  void publish(std::uint64_t new_head, const Hash& hash);
  // Marks the batch's streams that have no events yet as version 0 in the cache.
  void prefetch_new_streams(const std::vector<Pending>& batch);
  // The writer's view of a stream's version: cached, else from the index.
  base::Result<std::uint64_t> lookup_stream_version(const std::string& stream);
  // The stream's last version among events at positions <= max_position.
  base::Result<std::uint64_t> last_stream_version(std::string_view stream,
                                                  std::uint64_t max_position) const;
};

// Converts a RocksDB status at the store's edge.
base::Status from_rocksdb(const rocksdb::Status& s, const char* what);

}  // namespace hoyo::eventstore
