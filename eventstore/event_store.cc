// Opening the store, reads, verification and health. The writer (group commit)
// lives in group_commit.cc, subscriptions in subscription.cc, blobs in blob_store.cc.
#include "eventstore/event_store.h"

#include <pthread.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>

#include <chrono>
#include <cstring>
#include <unordered_map>

#include "base/mutex.h"
#include "base/thread.h"
#include "eventstore/internal/envelope_codec.h"
#include "eventstore/internal/fault_fs.h"
#include "eventstore/internal/keys.h"
#include "eventstore/internal/resume_listener.h"
#include "eventstore/internal/store_impl.h"
#include "eventstore/internal/stream_prefix.h"

namespace hoyo::eventstore {

using internal::EnvelopeDecoder;
using internal::get_u64_be;
using internal::position_key;
using internal::stream_key;

base::Status from_rocksdb(const rocksdb::Status& s, const char* what) {
  if (s.ok()) return base::ok_status();
  const base::ErrorCode code = s.IsNotFound()     ? base::ErrorCode::kNotFound
                               : s.IsCorruption() ? base::ErrorCode::kCorruption
                                                  : base::ErrorCode::kIoError;
  return {
      code, base::MessageId::kStoreOperationFailed, {{"operation", what}, {"cause", s.ToString()}}};
}

namespace {

using internal::kBlobsCf;
using internal::kEventIdsCf;
using internal::kEventsCf;
using internal::kStreamsCf;

rocksdb::ColumnFamilyOptions table_options(bool bloom, std::size_t block_size) {
  rocksdb::ColumnFamilyOptions cf;
  rocksdb::BlockBasedTableOptions t;
  t.block_size = block_size;
  if (bloom) t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  cf.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  // Lookups of absent keys (new ids, new streams) skip the memtable's skip list.
  cf.memtable_prefix_bloom_size_ratio = bloom ? 0.05 : 0;
  cf.memtable_whole_key_filtering = bloom;
  // Flushes and upper-level compactions stay cheap; the bulk at the bottom is compressed.
  cf.compression = rocksdb::kNoCompression;
  cf.bottommost_compression = rocksdb::kLZ4Compression;
  return cf;
}

std::vector<rocksdb::ColumnFamilyDescriptor> column_families() {
  rocksdb::ColumnFamilyOptions events = table_options(false, 64 * 1024);
  // Memtables are kept small: freed memtable memory is reused while it is still
  // mapped and cached, where a large one keeps faulting in fresh pages (measured:
  // 2.7 us per event insert at 128 MiB, 1.7 us at 32 MiB).
  events.write_buffer_size = 32 << 20;
  events.max_write_buffer_number = 4;
  rocksdb::ColumnFamilyOptions streams = table_options(true, 16 * 1024);
  streams.write_buffer_size = 4 << 20;  // random keys: a shallow skip list is cheaper
  streams.max_write_buffer_number = 4;
  rocksdb::ColumnFamilyOptions ids = table_options(true, 4 * 1024);
  ids.write_buffer_size = 4 << 20;
  ids.max_write_buffer_number = 4;
  auto stream_prefix = std::make_shared<internal::StreamPrefixTransform>();
  streams.memtable_insert_with_hint_prefix_extractor = stream_prefix;
  streams.prefix_extractor = stream_prefix;  // prefix blooms: unknown streams cost no disk read
  rocksdb::ColumnFamilyOptions blobs = table_options(true, 16 * 1024);
  blobs.enable_blob_files = true;
  blobs.min_blob_size = 4096;
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {kEventsCf, events},
      {kStreamsCf, streams},
      {kEventIdsCf, ids},
      {kBlobsCf, blobs},
  };
  for (const char* name : internal::kSideCfs) {
    rocksdb::ColumnFamilyOptions side = table_options(true, 4 * 1024);
    side.write_buffer_size = 1 << 20;
    cfs.push_back({name, side});
  }
  return cfs;
}

}  // namespace

const char* condition_name(StoreCondition c) {
  switch (c) {
    case StoreCondition::kHealthy:
      return "ok";
    case StoreCondition::kNoSpace:
      return "no_space";
    case StoreCondition::kReadOnly:
      return "io_error";
  }
  return "io_error";
}

EventId time_ordered_event_id(std::int64_t unix_micros, std::uint64_t random_bits) {
  const auto us = static_cast<std::uint64_t>(unix_micros);
  const std::uint64_t ms = us / 1000;
  const std::uint64_t sub = (us % 1000) * 4096 / 1000;  // 12 bits of the millisecond
  EventId id;
  for (int i = 0; i < 6; ++i) id[i] = static_cast<std::uint8_t>(ms >> (40 - 8 * i));
  id[6] = static_cast<std::uint8_t>(0x70 | (sub >> 8));
  id[7] = static_cast<std::uint8_t>(sub);
  id[8] = static_cast<std::uint8_t>(0x80 | ((random_bits >> 56) & 0x3f));
  for (int i = 9; i < 16; ++i) id[i] = static_cast<std::uint8_t>(random_bits >> (8 * (15 - i)));
  return id;
}

StoredEvent StoredEvent::from(const EventView& v) {
  return {v.position,          std::string(v.stream_id), v.stream_version,     v.id,
          std::string(v.type), v.recorded_at_us,         std::string(v.actor), v.correlation_id,
          v.causation_id,      std::string(v.payload),   v.chain_hash};
}

EventView StoredEvent::view() const {
  return {position, stream_id,      stream_version, id,      type,      recorded_at_us,
          actor,    correlation_id, causation_id,   payload, chain_hash};
}

EventStore::Impl::~Impl() {
  if (db) {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
    db->Close();
  }
}

base::Status EventStore::Impl::recover_head() {
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), events));
  it->SeekToLast();
  if (!it->Valid()) {
    next_position = 1;
    last_hash = Hash{};
    return from_rocksdb(it->status(), "reading the last event");
  }
  if (it->key().size() != 8)
    return {base::ErrorCode::kCorruption, base::MessageId::kStoreBadEventKey};
  EnvelopeDecoder decoder;
  EventView last;
  base::Status s = decoder.decode(std::string_view(it->value().data(), it->value().size()), last);
  if (!s.ok()) return s;
  if (last.position != get_u64_be(it->key().data())) {
    return {base::ErrorCode::kCorruption, base::MessageId::kStoreBadLastEvent};
  }
  next_position = last.position + 1;
  last_hash = last.chain_hash;
  base::MutexLock lk(head_mu);  // alone at open, but the hash is published state
  head.store(last.position);
  head_hash = last.chain_hash;
  return base::ok_status();
}

base::Result<std::unique_ptr<EventStore>> EventStore::open(const std::string& dir,
                                                           StoreOptions options) {
  auto impl = std::make_unique<Impl>();
  if (!options.clock) {
    options.clock = [] {
      return std::chrono::duration_cast<std::chrono::microseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
          .count();
    };
  }
  if (options.max_batch_events == 0) options.max_batch_events = 1;
  impl->options = options;

  rocksdb::DBOptions db_options;
  db_options.create_if_missing = true;
  db_options.create_missing_column_families = true;
  db_options.max_background_jobs = 2;
  db_options.bytes_per_sync = 1 << 20;
  db_options.allow_concurrent_memtable_write = false;  // there is one writer thread
  // Writes fill the WAL buffer; the sync thread flushes and syncs it for a whole
  // group of batches (FlushWAL), so the next batch is decided meanwhile.
  db_options.manual_wal_flush = true;
  db_options.listeners.push_back(internal::make_resume_listener());
  if (options.faults) {
    impl->env = rocksdb::NewCompositeEnv(
        internal::make_fault_fs(rocksdb::FileSystem::Default(), options.faults));
    db_options.env = impl->env.get();
  }
  rocksdb::DB* raw = nullptr;
  rocksdb::Status s = rocksdb::DB::Open(db_options, dir, column_families(), &impl->handles, &raw);
  if (!s.ok()) return from_rocksdb(s, "opening the event store");
  impl->db.reset(raw);
  impl->events = impl->handles[1];
  impl->streams = impl->handles[2];
  impl->event_ids = impl->handles[3];
  impl->blobs = impl->handles[4];
  for (int i = 0; i < kSideTableCount; ++i) impl->side[i] = impl->handles[5 + i];

  base::Status rs = impl->recover_head();
  if (!rs.ok()) return rs;
  Impl* p = impl.get();
  impl->writer = base::start_thread("hoyo-writer", [p] { p->run_writer(); });
  impl->syncer = base::start_thread("hoyo-syncer", [p] { p->run_syncer(); });
  impl->resumer = base::start_thread("hoyo-resumer", [p] { p->run_resumer(); });
  return std::unique_ptr<EventStore>(new EventStore(std::move(impl)));
}

EventStore::EventStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

EventStore::~EventStore() {
  {
    base::MutexLock lk(impl_->resume_mu);
    impl_->resume_stopping = true;
  }
  impl_->resume_cv.notify_all();
  if (impl_->resumer.joinable()) impl_->resumer.join();
  {
    base::MutexLock lk(impl_->queue_mu);
    impl_->stopping = true;
  }
  impl_->queue_cv.notify_all();
  if (impl_->writer.joinable()) impl_->writer.join();
  {
    base::MutexLock lk(impl_->sync_mu);
    impl_->sync_stopping = true;
  }
  impl_->sync_cv.notify_all();
  if (impl_->syncer.joinable()) impl_->syncer.join();
}

std::uint64_t EventStore::head() const { return impl_->head.load(std::memory_order_acquire); }

Hash EventStore::head_hash() const {
  base::MutexLock lk(impl_->head_mu);
  return impl_->head_hash;
}

bool EventStore::wait_for_position(std::uint64_t position,
                                   std::chrono::milliseconds timeout) const {
  base::MutexLock lk(impl_->head_mu);
  return impl_->head_cv.wait_for(lk, timeout, [&] { return head() >= position; });
}

base::Status EventStore::health() const {
  if (!impl_->failed.load()) return base::ok_status();
  return impl_->failure_status();
}

StoreCondition EventStore::condition() const { return impl_->condition_now(); }

std::uint64_t EventStore::recoveries() const { return impl_->recoveries.load(); }

StoreStats EventStore::stats() const {
  return {impl_->stat_batches.load(),         impl_->stat_events.load(),
          impl_->stat_decide_micros.load(),   impl_->stat_write_micros.load(),
          impl_->stat_syncs.load(),           impl_->stat_sync_micros.load(),
          impl_->stat_replicate_micros.load()};
}

const base::Histogram& EventStore::sync_latency() const { return impl_->sync_seconds; }
const base::Histogram& EventStore::batch_sizes() const { return impl_->batch_events; }

base::Result<std::uint64_t> EventStore::read_all(std::uint64_t from, std::uint64_t limit,
                                                 const EventVisitor& visit) const {
  const std::uint64_t last = head();
  if (from == 0) from = 1;
  if (from > last || limit == 0) return std::uint64_t{0};
  const std::string start = position_key(from);
  const std::string end = position_key(last + 1);
  rocksdb::Slice upper(end);
  rocksdb::ReadOptions ro;
  ro.iterate_upper_bound = &upper;
  const bool long_scan = limit > 4096 && last - from > 4096;
  if (long_scan) {
    ro.readahead_size = 4 << 20;
    ro.fill_cache = false;
  }
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->events));
  EnvelopeDecoder decoder;
  EventView ev;
  std::uint64_t n = 0;
  std::uint64_t expected = from;
  for (it->Seek(start); it->Valid() && n < limit; it->Next()) {
    base::Status s = decoder.decode(std::string_view(it->value().data(), it->value().size()), ev);
    if (!s.ok()) return s;
    if (ev.position != expected) {
      return base::Status{base::ErrorCode::kCorruption,
                          base::MessageId::kStoreLogGap,
                          {{"position", static_cast<std::int64_t>(expected)}}};
    }
    ++expected;
    ++n;
    if (!visit(ev)) break;
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading the log");
  return n;
}

base::Result<StoredEvent> EventStore::read_at(std::uint64_t position) const {
  if (position == 0 || position > head()) {
    return base::Status{base::ErrorCode::kNotFound,
                        base::MessageId::kStoreNoEvent,
                        {{"position", static_cast<std::int64_t>(position)}}};
  }
  if (impl_->options.faults && impl_->options.faults->reads_failing()) {
    return base::Status{base::ErrorCode::kIoError, base::MessageId::kStoreInjectedReadFailure};
  }
  rocksdb::PinnableSlice value;
  rocksdb::Status s =
      impl_->db->Get(rocksdb::ReadOptions(), impl_->events, position_key(position), &value);
  if (!s.ok()) return from_rocksdb(s, "reading an event");
  EnvelopeDecoder decoder;
  EventView ev;
  base::Status ds = decoder.decode(std::string_view(value.data(), value.size()), ev);
  if (!ds.ok()) return ds;
  return StoredEvent::from(ev);
}

base::Result<std::uint64_t> EventStore::Impl::last_stream_version(
    std::string_view stream, std::uint64_t max_position) const {
  rocksdb::ReadOptions ro;
  ro.prefix_same_as_start = true;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro, streams));
  const std::size_t key_size = stream.size() + 9;
  for (it->SeekForPrev(stream_key(stream, UINT64_MAX)); it->Valid(); it->Prev()) {
    const rocksdb::Slice k = it->key();
    if (k.size() != key_size || std::memcmp(k.data(), stream.data(), stream.size()) != 0 ||
        k[stream.size()] != '\0') {
      break;
    }
    if (it->value().size() != 8)
      return base::Status{base::ErrorCode::kCorruption, base::MessageId::kStoreBadStreamIndex};
    if (get_u64_be(it->value().data()) <= max_position) {
      return get_u64_be(k.data() + stream.size() + 1);
    }
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading the stream index");
  return std::uint64_t{0};
}

base::Result<std::uint64_t> EventStore::stream_version(std::string_view stream_id) const {
  return impl_->last_stream_version(stream_id, head());
}

base::Result<std::uint64_t> EventStore::read_stream(std::string_view stream_id, std::uint64_t from,
                                                    std::uint64_t limit, bool forward,
                                                    const EventVisitor& visit) const {
  const std::uint64_t last = head();
  std::string prefix(stream_id);
  prefix.push_back('\0');
  rocksdb::ReadOptions ro;
  ro.prefix_same_as_start = true;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->streams));
  const std::string start = stream_key(stream_id, from);
  if (forward) {
    it->Seek(start);
  } else {
    it->SeekForPrev(start);
  }
  EnvelopeDecoder decoder;
  std::uint64_t n = 0;
  for (; it->Valid() && n < limit; forward ? it->Next() : it->Prev()) {
    rocksdb::Slice k = it->key();
    if (k.size() != prefix.size() + 8 || !k.starts_with(prefix)) break;
    if (it->value().size() != 8)
      return base::Status{base::ErrorCode::kCorruption, base::MessageId::kStoreBadStreamIndex};
    const std::uint64_t position = get_u64_be(it->value().data());
    if (position > last) {
      if (forward) break;  // written by a batch not yet published
      continue;
    }
    rocksdb::PinnableSlice value;
    rocksdb::Status s =
        impl_->db->Get(rocksdb::ReadOptions(), impl_->events, position_key(position), &value);
    if (!s.ok()) return from_rocksdb(s, "reading a stream's event");
    EventView ev;
    base::Status ds = decoder.decode(std::string_view(value.data(), value.size()), ev);
    if (!ds.ok()) return ds;
    ++n;
    if (!visit(ev)) break;
  }
  if (!it->status().ok()) return from_rocksdb(it->status(), "reading a stream");
  return n;
}

VerifyReport EventStore::verify(
    std::uint64_t from, const std::function<void(std::uint64_t, std::uint64_t)>& progress) const {
  VerifyReport report;
  auto fault = [&report](std::uint64_t position, std::string why) {
    report.ok = false;
    report.first_bad_position = position;
    report.reason = std::move(why);
    return report;
  };
  if (from == 0) from = 1;
  const std::uint64_t last = head();
  if (from > last + 1) return fault(from, "the log ends before that position");
  const std::uint64_t total = last + 1 - from;
  Hash previous{};
  if (from > 1) {
    base::Result<StoredEvent> before = read_at(from - 1);
    if (!before.ok()) return fault(from - 1, before.status().to_string());
    previous = before->view().chain_hash;
  }
  rocksdb::ReadOptions ro;
  ro.fill_cache = false;
  ro.readahead_size = 4 << 20;
  std::unique_ptr<rocksdb::Iterator> it(impl_->db->NewIterator(ro, impl_->events));
  EnvelopeDecoder decoder;
  std::string scratch;
  std::unordered_map<std::string, std::uint64_t> versions;
  std::uint64_t expected = from;
  for (it->Seek(position_key(from)); it->Valid() && expected <= last; it->Next(), ++expected) {
    if (it->key().size() != 8 || get_u64_be(it->key().data()) != expected) {
      return fault(expected, "missing event (gap in positions)");
    }
    EventView ev;
    base::Status s = decoder.decode(std::string_view(it->value().data(), it->value().size()), ev);
    if (!s.ok()) return fault(expected, s.to_string());
    if (ev.position != expected) return fault(expected, "envelope position differs from key");
    auto [seen, first] = versions.try_emplace(std::string(ev.stream_id), 0);
    if (first && from > 1 && ev.stream_version > 1) {
      // The stream began before `from`: its previous version must lie there.
      std::uint64_t before = 0;
      auto read =
          read_stream(ev.stream_id, ev.stream_version - 1, 1, true, [&](const EventView& p) {
            if (p.stream_version == ev.stream_version - 1) before = p.position;
            return false;
          });
      if (!read.ok() || before == 0 || before >= from) {
        return fault(expected, "stream version gap");
      }
      seen->second = ev.stream_version - 1;
    }
    if (ev.stream_version != seen->second + 1) return fault(expected, "stream version gap");
    seen->second = ev.stream_version;
    if (internal::chain_hash(previous, ev, scratch) != ev.chain_hash) {
      return fault(expected, "chain hash does not match the event's bytes");
    }
    previous = ev.chain_hash;
    ++report.checked;
    if (progress && report.checked % 4096 == 0) progress(report.checked, total);
  }
  if (!it->status().ok()) return fault(expected, it->status().ToString());
  if (report.checked != total) return fault(expected, "log ends before its head");
  for (const auto& [stream, version] : versions) {
    // As of `last`: writes go on while a served verify runs, and a stream's
    // later events are not this walk's business.
    base::Result<std::uint64_t> indexed = impl_->last_stream_version(stream, last);
    if (!indexed.ok() || indexed.value() != version) {
      return fault(last, "the stream index disagrees with the log for stream " + stream);
    }
  }
  if (progress) progress(report.checked, total);
  return report;
}

}  // namespace hoyo::eventstore
