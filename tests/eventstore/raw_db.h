// A store's RocksDB opened directly, as a disk fault or a tamperer would:
// for the suites that alter stored events and expect a check to catch it.
#pragma once

#include <gtest/gtest.h>
#include <rocksdb/db.h>

#include <memory>
#include <string>
#include <vector>

#include "eventstore/internal/keys.h"

namespace hoyo::eventstore::testing {

// Opens the store's RocksDB directly, as a disk fault or a tamperer would.
struct RawDb {
  explicit RawDb(const std::string& path) {
    std::vector<std::string> names;
    EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const auto& n : names) cfs.emplace_back(n, rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    EXPECT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), path, cfs, &handles, &raw).ok());
    db.reset(raw);
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == internal::kEventsCf) events = handles[i];
    }
  }
  ~RawDb() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h);
  }
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::ColumnFamilyHandle* events = nullptr;
};

// Changes one byte of the stored event at `position` (the last byte of the
// first occurrence of `text` in its envelope), keeping it decodable.
inline void alter_event(const std::string& store_dir, std::uint64_t position,
                        const std::string& text) {
  RawDb raw(store_dir);
  std::string value;
  const std::string key = internal::position_key(position);
  ASSERT_TRUE(raw.db->Get(rocksdb::ReadOptions(), raw.events, key, &value).ok());
  const auto at = value.find(text);
  ASSERT_NE(at, std::string::npos) << text;
  value[at + text.size() - 1] ^= 1;
  ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.events, key, value).ok());
}

}  // namespace hoyo::eventstore::testing
