// Side tables: keyed records in their own column families, written with a
// synced WAL flush (the WAL is flushed by hand, see manual_wal_flush).
#include <rocksdb/write_batch.h>

#include <algorithm>

#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {
namespace {

rocksdb::Slice slice(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace

base::Status EventStore::side_write(const std::vector<SideWrite>& writes) {
  if (base::Status h = health(); !h.ok()) return h;
  rocksdb::WriteBatch wb;
  for (const SideWrite& w : writes) {
    rocksdb::ColumnFamilyHandle* cf = impl_->side[static_cast<int>(w.table)];
    rocksdb::Status s =
        w.value ? wb.Put(cf, slice(w.key), slice(*w.value)) : wb.Delete(cf, slice(w.key));
    if (!s.ok()) return from_rocksdb(s, "building a side-table batch");
  }
  return impl_->write_durably(&wb, "writing a side table");
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
  if (base::Status s = side_write({{table, std::string(key), std::nullopt}}); !s.ok()) return s;
  // Every column family shares the WAL: flushing them all lets RocksDB delete
  // the WAL files that still hold the old value.
  rocksdb::FlushOptions flush;
  flush.wait = true;
  rocksdb::Status s = impl_->db->Flush(flush, impl_->handles);
  if (!s.ok()) return from_rocksdb(s, "flushing before a shred");
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  const std::string end = std::string(key) + '\xff';
  rocksdb::Slice begin_slice = slice(key), end_slice = slice(end);
  s = impl_->db->CompactRange(compact, impl_->side[static_cast<int>(table)], &begin_slice,
                              &end_slice);
  return from_rocksdb(s, "compacting a shredded key");
}

}  // namespace hoyo::eventstore
