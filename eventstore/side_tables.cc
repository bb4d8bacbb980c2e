// Side tables: keyed records in their own column families, written with a
// synced WAL flush (the WAL is flushed by hand, see manual_wal_flush).
#include <rocksdb/write_batch.h>

#include <algorithm>

#include "eventstore/internal/keys.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {
namespace {

rocksdb::Slice slice(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace

bool side_table_replicated(SideTable table) {
  return table != SideTable::kProjections && table != SideTable::kSettings;
}

const char* side_table_name(SideTable table) { return internal::kSideCfs[static_cast<int>(table)]; }

std::optional<SideTable> side_table_named(std::string_view name) {
  for (int i = 0; i < kSideTableCount; ++i) {
    if (name == internal::kSideCfs[i]) return static_cast<SideTable>(i);
  }
  return std::nullopt;
}

base::Status EventStore::Impl::write_side(const std::vector<SideWrite>& writes, bool erase,
                                          bool replicated) {
  if (failed.load()) return failure_status();
  rocksdb::WriteBatch wb;
  std::vector<SideWrite> to_replicate;
  for (const SideWrite& w : writes) {
    rocksdb::ColumnFamilyHandle* cf = side[static_cast<int>(w.table)];
    rocksdb::Status s =
        w.value ? wb.Put(cf, slice(w.key), slice(*w.value)) : wb.Delete(cf, slice(w.key));
    if (!s.ok()) return from_rocksdb(s, "building a side-table batch");
    if (!replicated && side_table_replicated(w.table)) to_replicate.push_back(w);
  }
  {
    base::MutexLock lk(side_mu);
    if (side_replicator && !to_replicate.empty()) {
      // Replicated, then put in the memtable before the next replicated write
      // is handed over: the local order is the replicas' order. The sync is
      // waited for outside, with the group commit.
      if (base::Status r = side_replicator->replicate(to_replicate, erase); !r.ok()) return r;
      if (base::Status w = write_unsynced(&wb, "writing a side table"); !w.ok()) return w;
      wb.Clear();
    }
  }
  base::Status done = wb.Count() == 0 ? wait_synced("writing a side table")
                                      : write_durably(&wb, "writing a side table");
  if (!done.ok() || !erase) return done;
  for (const SideWrite& w : writes) {
    if (base::Status c = compact_away(w.table, w.key); !c.ok()) return c;
  }
  return base::ok_status();
}

base::Status EventStore::side_write(const std::vector<SideWrite>& writes) {
  return impl_->write_side(writes, /*erase=*/false, /*replicated=*/false);
}

base::Status EventStore::side_apply_replicated(const std::vector<SideWrite>& writes, bool erase) {
  return impl_->write_side(writes, erase, /*replicated=*/true);
}

void EventStore::set_side_replicator(std::shared_ptr<SideReplicator> replicator) {
  base::MutexLock lk(impl_->side_mu);
  impl_->side_replicator = std::move(replicator);
}

base::Status EventStore::side_put(SideTable table, std::string_view key, std::string_view value) {
  return side_write({{table, std::string(key), std::string(value)}});
}

base::Result<std::optional<std::string>> EventStore::side_get(SideTable table,
                                                              std::string_view key) const {
  std::string value;
  rocksdb::Status s = impl_->db->Get(rocksdb::ReadOptions(), impl_->side[static_cast<int>(table)],
                                     slice(key), &value);
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return from_rocksdb(s, "reading a side table");
  return std::optional<std::string>(std::move(value));
}

base::Status EventStore::side_scan(SideTable table, std::string_view prefix,
                                   const SideVisitor& visit, std::string_view after) const {
  std::unique_ptr<rocksdb::Iterator> it(
      impl_->db->NewIterator(rocksdb::ReadOptions(), impl_->side[static_cast<int>(table)]));
  for (it->Seek(slice(std::max(prefix, after))); it->Valid(); it->Next()) {
    const std::string_view key(it->key().data(), it->key().size());
    if (!after.empty() && key == after) continue;
    if (key.substr(0, prefix.size()) != prefix) break;
    if (!visit(key, std::string_view(it->value().data(), it->value().size()))) break;
  }
  return from_rocksdb(it->status(), "scanning a side table");
}

base::Status EventStore::side_compact(SideTable table) {
  rocksdb::FlushOptions flush;
  flush.wait = true;
  rocksdb::Status s = impl_->db->Flush(flush, impl_->handles);
  if (!s.ok()) return from_rocksdb(s, "flushing before a compaction");
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  s = impl_->db->CompactRange(compact, impl_->side[static_cast<int>(table)], nullptr, nullptr);
  return from_rocksdb(s, "compacting a side table");
}

base::Status EventStore::side_shred(SideTable table, std::string_view key) {
  return impl_->write_side({{table, std::string(key), std::nullopt}}, /*erase=*/true,
                           /*replicated=*/false);
}

base::Status EventStore::Impl::compact_away(SideTable table, std::string_view key) {
  // Every column family shares the WAL: flushing them all lets RocksDB delete
  // the WAL files that still hold the old value.
  rocksdb::FlushOptions flush;
  flush.wait = true;
  rocksdb::Status s = db->Flush(flush, handles);
  if (!s.ok()) return from_rocksdb(s, "flushing before a shred");
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  const std::string end = std::string(key) + '\xff';
  rocksdb::Slice begin_slice = slice(key), end_slice = slice(end);
  s = db->CompactRange(compact, side[static_cast<int>(table)], &begin_slice, &end_slice);
  return from_rocksdb(s, "compacting a shredded key");
}

}  // namespace hoyo::eventstore
