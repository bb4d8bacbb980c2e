// Content-addressed blobs in their own column family (RocksDB blob files hold
// the large values). Writes bypass the event writer: a blob is referenced by an
// event only after put_blob has returned, so it is durable first.
#include <rocksdb/write_batch.h>

#include "eventstore/internal/sha256.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {

base::Result<Hash> EventStore::put_blob(std::string_view bytes) {
  if (base::Status h = health(); !h.ok()) return h;
  const Hash key = internal::Sha256::of(bytes);
  const rocksdb::Slice k(reinterpret_cast<const char*>(key.data()), key.size());
  rocksdb::PinnableSlice existing;
  rocksdb::Status g = impl_->db->Get(rocksdb::ReadOptions(), impl_->blobs, k, &existing);
  if (g.ok()) return key;  // already stored: idempotent
  if (!g.IsNotFound()) return from_rocksdb(g, "reading a blob");
  {
    base::MutexLock lk(impl_->side_mu);
    if (impl_->side_replicator) {
      if (base::Status r = impl_->side_replicator->replicate_blob(key, bytes); !r.ok()) return r;
    }
  }
  rocksdb::WriteBatch wb;
  rocksdb::Status s = wb.Put(impl_->blobs, k, rocksdb::Slice(bytes.data(), bytes.size()));
  if (!s.ok()) return from_rocksdb(s, "building a blob write");
  if (base::Status w = impl_->write_durably(&wb, "writing a blob"); !w.ok()) return w;
  return key;
}

base::Result<std::string> EventStore::get_blob(const Hash& key) const {
  std::string value;
  rocksdb::Status s =
      impl_->db->Get(rocksdb::ReadOptions(), impl_->blobs,
                     rocksdb::Slice(reinterpret_cast<const char*>(key.data()), key.size()), &value);
  if (!s.ok()) return from_rocksdb(s, "reading a blob");
  return value;
}

base::Status EventStore::shred_blob(const Hash& key) {
  if (base::Status h = health(); !h.ok()) return h;
  {
    base::MutexLock lk(impl_->side_mu);
    if (impl_->side_replicator) {
      if (base::Status r = impl_->side_replicator->erase_blob(key); !r.ok()) return r;
    }
  }
  const rocksdb::Slice k(reinterpret_cast<const char*>(key.data()), key.size());
  rocksdb::WriteBatch wb;
  rocksdb::Status s = wb.Delete(impl_->blobs, k);
  if (!s.ok()) return from_rocksdb(s, "building a blob delete");
  if (base::Status w = impl_->write_durably(&wb, "deleting a blob"); !w.ok()) return w;
  // As side_shred: flush every memtable so no live WAL file holds the bytes,
  // then rewrite the key's range and its blob files without them.
  rocksdb::FlushOptions flush;
  flush.wait = true;
  s = impl_->db->Flush(flush, impl_->handles);
  if (!s.ok()) return from_rocksdb(s, "flushing before a blob shred");
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  compact.blob_garbage_collection_policy = rocksdb::BlobGarbageCollectionPolicy::kForce;
  compact.blob_garbage_collection_age_cutoff = 1.0;
  s = impl_->db->CompactRange(compact, impl_->blobs, nullptr, nullptr);
  return from_rocksdb(s, "compacting the shredded blob away");
}

}  // namespace hoyo::eventstore
