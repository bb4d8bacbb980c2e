// The append-only event log on RocksDB.
//
// One EventStore owns one data directory. Appends from any thread go through a
// single writer thread that batches every request arriving while it was busy
// (group commit) into one WriteBatch; a second thread syncs the WAL and answers
// the callers, so deciding the next batch overlaps the fsync of the last one.
// An append completes only once its events are durable. Positions are global,
// start at 1 and have no gaps; each event extends a SHA-256 hash chain.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/histogram.h"
#include "base/status.h"
#include "eventstore/event.h"
#include "eventstore/side_table.h"

namespace hoyo::eventstore {

class FaultInjector;

struct StoreOptions {
  // Clock for events appended with recorded_at_us == 0 (microseconds, UTC).
  std::function<std::int64_t()> clock;
  // Largest number of events put into one WriteBatch.
  std::size_t max_batch_events = 8192;
  // When false, appends are acknowledged before fsync (benchmark set-up only).
  bool sync = true;
  // Tests: route file I/O through this injector to fail writes or syncs, fill
  // the disk, and fail read_at.
  std::shared_ptr<FaultInjector> faults;
  // Out of space, the store tries DB::Resume() after the first delay, then
  // after twice as long each time, up to the last (docs/operations.md).
  std::chrono::milliseconds resume_first_delay{100};
  std::chrono::milliseconds resume_max_delay{2000};
};

// A group-commit batch as the writer decided it, before it is written: its
// atomic appends' stored envelopes (eventstore/envelope_bytes.h), at
// consecutive positions from first_position.
struct DecidedBatch {
  std::uint64_t first_position = 0;
  Hash previous_hash{};  // the chain hash before first_position
  std::vector<std::vector<std::string>> appends;
  Hash last_hash{};
};

// Cluster mode (docs/cluster.md, "The write path"): makes each batch the
// writer decided durable elsewhere (the replicated stream) before the store
// writes it. Runs on the store's writer thread, one batch at a time; while it
// runs, the next batch gathers in the queue.
class BatchReplicator {
 public:
  virtual ~BatchReplicator() = default;
  // Ok: the batch is replicated, and the store writes and syncs it. An
  // error: nothing of it is written, its callers get the error, and the
  // store refuses every later append with it (a fenced writer, or one that
  // cannot know whether the batch got in, must not go on deciding), appends
  // queued meanwhile included. kInvalidArgument says that nothing was sent
  // (an append too large to replicate): then only this batch is refused.
  virtual base::Status replicate(const DecidedBatch& batch) = 0;
};

// Cluster mode (docs/cluster.md, "Side tables"): makes side-table writes
// durable on the other nodes (the side stream) before the store applies
// them. The store calls it with the writes of replicated tables only
// (side_table_replicated), one call at a time, and applies them in the order
// the calls returned: the replicas' order.
class SideReplicator {
 public:
  virtual ~SideReplicator() = default;
  // Ok: every write is replicated, and the store applies the whole batch.
  // An error: the store applies nothing of it and answers the error (writes
  // of the batch that got out before it stay replicated: the node must catch
  // up from the replicas). `erase`: the writes are deletions whose earlier
  // values must leave the replicas' files too (side_shred), not only be
  // marked deleted.
  virtual base::Status replicate(const std::vector<SideWrite>& writes, bool erase) = 0;
  // The blob store's writes, alike: put_blob hands over a blob it does not
  // hold yet and stores it only on success; shred_blob hands over the erase
  // (its bytes must leave the replicas' files too) and shreds locally only
  // on success.
  virtual base::Status replicate_blob(const Hash& key, std::string_view bytes) = 0;
  virtual base::Status erase_blob(const Hash& key) = 0;
};

// Which of the two write paths a store takes (docs/cluster.md): its own
// writer's appends (append*, the default), or, on a cluster follower, the
// events another node decided (append_replicated). Never both: their
// positions would interleave.
enum class StoreRole { kWriter, kReplica };

// Whether the store takes writes (EventStore::condition()).
enum class StoreCondition {
  kHealthy,
  // A write found the disk full. Appends, side-table and blob writes are
  // refused (kUnavailable) while the store retries DB::Resume() with backoff;
  // once it succeeds the store rereads its head from the log (which may then
  // hold batches that were refused: they were never acknowledged) and is
  // kHealthy again.
  kNoSpace,
  // A write or a sync failed otherwise: what reached the disk cannot be
  // trusted, so writes are refused until the store is closed and reopened.
  kReadOnly,
};
// "ok", "no_space", "io_error": stable, for /api/health and the logs.
const char* condition_name(StoreCondition c);

using AppendCallback = std::function<void(base::Result<AppendResult>)>;
using GroupCallback = std::function<void(base::Result<std::vector<AppendResult>>)>;
// Return false to stop the read early.
using EventVisitor = std::function<bool(const EventView&)>;

struct VerifyReport {
  bool ok = true;
  std::uint64_t checked = 0;
  std::uint64_t first_bad_position = 0;  // 0 when ok
  std::string reason;
};

class Subscription;

// What a checkpoint holds: the position and chain hash of its last event.
struct CheckpointInfo {
  std::uint64_t position = 0;  // 0 for an empty log
  Hash chain_hash{};
};

// Counters since open, for metrics and for tests of group commit.
struct StoreStats {
  std::uint64_t batches = 0;        // WriteBatches written
  std::uint64_t events = 0;         // events appended and durable
  std::uint64_t decide_micros = 0;  // time deciding batches (checks, encoding, hashing)
  std::uint64_t write_micros = 0;   // time in Write (memtable and WAL buffer)
  std::uint64_t syncs = 0;          // WAL flush+sync calls; each covers one or more batches
  std::uint64_t sync_micros = 0;    // time in those calls
  // Cluster mode: time the writer spent replicating its batches (publishing
  // each and awaiting the stream's acknowledgement) before writing them.
  std::uint64_t replicate_micros = 0;
};

class EventStore {
 public:
  // Opens (creating if needed) the store in `dir`.
  static base::Result<std::unique_ptr<EventStore>> open(const std::string& dir,
                                                        StoreOptions options = {});
  ~EventStore();  // drains the writer: queued appends complete or fail with kClosed
  EventStore(const EventStore&) = delete;
  EventStore& operator=(const EventStore&) = delete;

  // Appends atomically to one stream. `done` runs on the store's sync thread once
  // the events are durable (or rejected); it must be quick and must not block
  // (it may call append_async, never the blocking append).
  // A request whose event ids were all appended before completes with the
  // original positions and `duplicate` set; some seen and some not, or a seen id
  // with other content, is kIdempotencyConflict.
  void append_async(AppendRequest request, AppendCallback done);
  // Blocking form of append_async.
  base::Result<AppendResult> append(AppendRequest request);
  std::future<base::Result<AppendResult>> append_future(AppendRequest request);

  // Appends to several streams atomically: every request is accepted (in one
  // WriteBatch, consecutive positions, in the given order) or the whole group
  // is refused with the first reason. Idempotency covers the whole group: all of
  // its event ids seen before returns the original results with `duplicate`.
  // The results follow the order of the requests.
  void append_group_async(std::vector<AppendRequest> group, GroupCallback done);
  base::Result<std::vector<AppendResult>> append_group(std::vector<AppendRequest> group);

  // The write path the store takes now (kWriter when opened).
  StoreRole role() const;
  // Switches the write path: a follower that wins the election becomes the
  // writer, a fenced writer a replica. Only while no append is queued or
  // being decided (kConflict, kStoreRoleBusy, otherwise: try again); it
  // waits until the appends already decided are durable and answered. An append of the other path
  // is refused from then on: append* on a replica answers kConflict (kStoreNotWriter),
  // append_replicated on a writer kConflict (kStoreNotReplica); neither
  // writes anything.
  base::Status set_role(StoreRole role);

  // Cluster mode: every later batch of the store's own appends goes through
  // `replicator` before it is written (null: none, as in single-node mode).
  // Clears a refusal a failed replication left. Like set_role, only while no
  // append is queued or being decided (kConflict, kStoreRoleBusy); it waits
  // until the appends already decided are answered. `replicator` must outlive
  // its use.
  base::Status set_replicator(std::shared_ptr<BatchReplicator> replicator);

  // For cluster followers (docs/cluster.md): appends events another node
  // decided, given as their stored envelopes (eventstore/envelope_bytes.h),
  // in position order. The first must be at head() + 1 and each next one at
  // the position after (kStoreReplicatedGap), each chain hash must follow
  // from the one before, the first from head_hash() (kStoreReplicatedChain),
  // and each stream version from its stream's last (kStoreReplicatedVersion);
  // an envelope that does not decode is kStoreBadEnvelope. All are
  // kCorruption and write nothing. Otherwise the envelopes are written as
  // given, with their index entries, atomically, and durable (fsync) before
  // it returns; the result spans them (stream_version is 0). Only on a
  // replica (set_role).
  base::Result<AppendResult> append_replicated(std::vector<std::string> envelopes);

  // The last durable position (0 for an empty log).
  std::uint64_t head() const;
  // The chain hash of the event at head() (zeros for an empty log).
  Hash head_hash() const;
  // Blocks until head() >= position or the timeout passes; returns head() >= position.
  bool wait_for_position(std::uint64_t position, std::chrono::milliseconds timeout) const;

  // Visits events with position >= from, in order, at most `limit` of them.
  // Returns how many were visited. Only durable events are visible.
  base::Result<std::uint64_t> read_all(std::uint64_t from, std::uint64_t limit,
                                       const EventVisitor& visit) const;
  // Visits a stream's events from version `from` upward (forward) or downward.
  base::Result<std::uint64_t> read_stream(std::string_view stream_id, std::uint64_t from,
                                          std::uint64_t limit, bool forward,
                                          const EventVisitor& visit) const;
  // The stream's last version, 0 if it has no events.
  base::Result<std::uint64_t> stream_version(std::string_view stream_id) const;
  // The event at a position.
  base::Result<StoredEvent> read_at(std::uint64_t position) const;

  // Walks the whole log: gap-free positions, decodable envelopes, stream
  // versions consistent with the stream index, and the hash chain.
  VerifyReport verify() const { return verify(1); }
  // The same check from position `from` to the head, trusting what lies
  // before it: the chain continues from the stored hash of event from - 1, and
  // a stream's first event past `from` must follow its previous version, which
  // must lie before `from`. `checked` counts the events from `from`.
  // `progress(checked, total)` is called every few thousand events and at the end.
  VerifyReport verify(std::uint64_t from,
                      const std::function<void(std::uint64_t, std::uint64_t)>& progress = {}) const;

  // Catches up from `after` (exclusive), then delivers new events live, in order,
  // on its own thread. Appends never wait for a subscriber.
  std::unique_ptr<Subscription> subscribe(std::uint64_t after, EventVisitor on_event);

  // Content-addressed blobs (uploaded documents): the key is SHA-256 of the
  // bytes; putting the same bytes twice is a no-op. Durable on return. With
  // a side replicator, put_blob and shred_blob go through it first (its
  // error is answered and nothing is done locally otherwise).
  base::Result<Hash> put_blob(std::string_view bytes);
  base::Result<std::string> get_blob(const Hash& key) const;
  // Deletes a blob so that its bytes leave the data directory (as side_shred:
  // flush, then compact the blobs and their blob files). For an erased
  // applicant's proof document; slow, for rare operator actions.
  base::Status shred_blob(const Hash& key);

  // Side tables (side_table.h). Writes are synced before they return, and a
  // batch is applied atomically. A missing key reads as nullopt. With a side
  // replicator (set_side_replicator), the writes of replicated tables are
  // handed to it first and the batch is applied only once it succeeded; its
  // error is answered and nothing is applied otherwise.
  base::Status side_write(const std::vector<SideWrite>& writes);
  base::Status side_put(SideTable table, std::string_view key, std::string_view value);
  base::Result<std::optional<std::string>> side_get(SideTable table, std::string_view key) const;
  // Visits the keys starting with `prefix` in order; with `after`, only those
  // past it (a cursor for work done a slice at a time).
  base::Status side_scan(SideTable table, std::string_view prefix, const SideVisitor& visit,
                         std::string_view after = {}) const;
  // Erases a key so that its bytes leave the data directory: deletes it, then
  // flushes every memtable (so no live WAL file still holds the value) and
  // compacts the key's range down to the last level. For data keys: after
  // this, what they encrypted is unreadable. Slow; for rare operator actions.
  base::Status side_shred(SideTable table, std::string_view key);
  // Makes overwritten and deleted values of `table` leave the data directory
  // (flushes every memtable, compacts the whole table to the last level):
  // after keys are rewritten in another form, the old form is gone. Slow.
  base::Status side_compact(SideTable table);

  // Cluster mode, the writer: every later side_write, side_put and
  // side_shred of a replicated table goes through `replicator` before it is
  // applied (null: none, as in single-node mode). Replicated side writes are
  // applied one at a time, in the order the replicator took them; this waits
  // for the one under way. `replicator` must outlive its use.
  void set_side_replicator(std::shared_ptr<SideReplicator> replicator);
  // Cluster mode, a follower: applies side writes another node replicated,
  // without a replicator, atomically and synced. `erase`: as side_shred,
  // each key's earlier value leaves the data directory (flush, compaction).
  base::Status side_apply_replicated(const std::vector<SideWrite>& writes, bool erase);

  // Makes a consistent copy of the whole store in `dir` (which must not
  // exist): the log, its indexes, the blobs and every side table, as of one
  // moment. Safe while appends and side writes continue; the copy holds a
  // prefix of the log with at least every event durable before the call (and
  // perhaps some written but not yet synced). Files are hard-linked when `dir`
  // is on the store's file system, copied otherwise. Returns the position and
  // chain hash of the copy's last event, read from the copy itself.
  base::Result<CheckpointInfo> checkpoint(const std::string& dir) const;
  // The last position and chain hash of the store in `dir`, read without
  // opening it for writing (it must not be open elsewhere for writing).
  static base::Result<CheckpointInfo> read_head(const std::string& dir);

  // Ok while kHealthy; otherwise kUnavailable with kStoreNoSpace or
  // kStoreReadOnly and the I/O error as `cause`: the answer every write gets.
  base::Status health() const;
  StoreCondition condition() const;
  // Successful recoveries from kNoSpace since open (the head may have moved
  // past refused batches at each: see kNoSpace).
  std::uint64_t recoveries() const;
  StoreStats stats() const;
  // Seconds per WAL flush+sync, and events per write batch (group commit),
  // since open; for /metrics.
  const base::Histogram& sync_latency() const;
  const base::Histogram& batch_sizes() const;

  struct Impl;

 private:
  explicit EventStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// A live subscription; destroying it stops delivery (waits for an in-flight callback).
class Subscription {
 public:
  virtual ~Subscription() = default;
  // The last position delivered.
  virtual std::uint64_t position() const = 0;
};

}  // namespace hoyo::eventstore
