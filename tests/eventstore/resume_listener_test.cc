// The store's RocksDB listener (eventstore/internal/resume_listener.h), on a
// bare RocksDB opened as the store opens it (manual WAL flush, the fault file
// system): a full disk met while RocksDB switches memtables must leave it
// resumable once space returns. Before the listener rated it so, RocksDB
// rated it fatal, DB::Resume() refused for good, and hoyod stayed at
// no_space with the disk empty again (issue 14: load_disk_faults).
#include "eventstore/internal/resume_listener.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <rocksdb/env.h>

#include <memory>
#include <string>

#include "eventstore/fault_injection.h"
#include "eventstore/internal/fault_fs.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::TempDir;

struct FaultyDb {
  std::shared_ptr<FaultInjector> faults = std::make_shared<FaultInjector>();
  std::unique_ptr<rocksdb::Env> env;
  std::unique_ptr<rocksdb::DB> db;

  rocksdb::Status open(const std::string& dir) {
    env = rocksdb::NewCompositeEnv(internal::make_fault_fs(rocksdb::FileSystem::Default(), faults));
    rocksdb::Options options;
    options.create_if_missing = true;
    options.manual_wal_flush = true;  // as the store: writes fill the WAL buffer
    options.env = env.get();
    options.listeners.push_back(internal::make_resume_listener());
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(options, dir, &raw);
    db.reset(raw);
    return s;
  }
};

std::string get(rocksdb::DB& db, const std::string& key) {
  std::string value;
  rocksdb::Status s = db.Get(rocksdb::ReadOptions(), key, &value);
  return s.ok() ? value : s.ToString();
}

TEST(ResumeListener, AFullDiskMetAtAMemtableSwitchIsResumedOnceSpaceReturns) {
  TempDir dir;
  {
    FaultyDb f;
    ASSERT_TRUE(f.open(dir.path()).ok());
    ASSERT_TRUE(f.db->Put(rocksdb::WriteOptions(), "synced", "1").ok());
    ASSERT_TRUE(f.db->FlushWAL(/*sync=*/true).ok());
    // In the WAL buffer, not written out yet, when the disk fills up (the
    // writer's batch before the syncer's next FlushWAL).
    ASSERT_TRUE(f.db->Put(rocksdb::WriteOptions(), "buffered", "2").ok());
    f.faults->no_space(true);
    // A flush switches memtables, and writes the WAL buffer out first.
    rocksdb::Status flushed = f.db->Flush(rocksdb::FlushOptions());
    ASSERT_TRUE(flushed.IsNoSpace()) << flushed.ToString();
    EXPECT_LE(flushed.severity(), rocksdb::Status::Severity::kHardError) << flushed.ToString();
    EXPECT_FALSE(f.db->Put(rocksdb::WriteOptions(), "refused", "3").ok()) << "writes go on";

    f.faults->no_space(false);
    rocksdb::Status resumed = f.db->Resume();
    ASSERT_TRUE(resumed.ok()) << resumed.ToString() << " (severity "
                              << static_cast<int>(resumed.severity()) << ")";
    EXPECT_TRUE(f.db->Put(rocksdb::WriteOptions(), "after", "4").ok());
    ASSERT_TRUE(f.db->FlushWAL(/*sync=*/true).ok());
    EXPECT_EQ(get(*f.db, "buffered"), "2");
  }
  // What the resume flushed from the memtables is on the disk.
  FaultyDb again;
  ASSERT_TRUE(again.open(dir.path()).ok());
  EXPECT_EQ(get(*again.db, "synced"), "1");
  EXPECT_EQ(get(*again.db, "buffered"), "2");
  EXPECT_EQ(get(*again.db, "after"), "4");
}

}  // namespace
}  // namespace hoyo::eventstore
