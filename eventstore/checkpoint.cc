// Online copies of the store (RocksDB checkpoints) and reading the head of a
// store that is not open.
#include <rocksdb/utilities/checkpoint.h>

#include "eventstore/internal/envelope_codec.h"
#include "eventstore/internal/keys.h"
#include "eventstore/internal/store_impl.h"

namespace hoyo::eventstore {

base::Result<CheckpointInfo> EventStore::checkpoint(const std::string& dir) const {
  rocksdb::Checkpoint* raw = nullptr;
  rocksdb::Status s = rocksdb::Checkpoint::Create(impl_->db.get(), &raw);
  if (!s.ok()) return from_rocksdb(s, "preparing a checkpoint");
  std::unique_ptr<rocksdb::Checkpoint> cp(raw);
  // log_size_for_flush 0: every memtable is flushed first, so the copy holds
  // table files and only the WAL written since.
  s = cp->CreateCheckpoint(dir, /*log_size_for_flush=*/0);
  if (!s.ok()) return from_rocksdb(s, "making a checkpoint");
  return read_head(dir);
}

base::Result<CheckpointInfo> EventStore::read_head(const std::string& dir) {
  std::vector<std::string> names;
  rocksdb::DBOptions options;
  rocksdb::Status s = rocksdb::DB::ListColumnFamilies(options, dir, &names);
  if (!s.ok()) return from_rocksdb(s, "listing a store's tables");
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  std::size_t events_index = names.size();
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names[i] == internal::kEventsCf) events_index = i;
    cfs.emplace_back(names[i], rocksdb::ColumnFamilyOptions());
  }
  if (events_index == names.size()) {
    return base::Status{base::ErrorCode::kCorruption,
                        base::MessageId::kStoreOperationFailed,
                        {{"operation", "finding the log"}, {"cause", dir}}};
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  s = rocksdb::DB::OpenForReadOnly(options, dir, cfs, &handles, &raw);
  if (!s.ok()) return from_rocksdb(s, "opening a store to read its head");
  std::unique_ptr<rocksdb::DB> db(raw);
  CheckpointInfo info;
  base::Status result;
  {
    std::unique_ptr<rocksdb::Iterator> it(
        db->NewIterator(rocksdb::ReadOptions(), handles[events_index]));
    it->SeekToLast();
    if (it->Valid()) {
      internal::EnvelopeDecoder decoder;
      EventView last;
      result = decoder.decode(std::string_view(it->value().data(), it->value().size()), last);
      if (result.ok() &&
          (it->key().size() != 8 || last.position != internal::get_u64_be(it->key().data()))) {
        result = {base::ErrorCode::kCorruption, base::MessageId::kStoreBadLastEvent};
      }
      info = {last.position, last.chain_hash};
    } else {
      result = from_rocksdb(it->status(), "reading the last event");
    }
  }
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  db->Close();
  if (!result.ok()) return result;
  return info;
}

}  // namespace hoyo::eventstore
