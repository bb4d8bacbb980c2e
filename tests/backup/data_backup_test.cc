// Copies of a data directory: what a backup holds and its manifest says, what
// it refuses, and the copy a restore starts from.
#include "backup/data_backup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "base/hex.h"
#include "temp_dir.h"

namespace hoyo::backup {
namespace {

namespace fs = std::filesystem;
using hoyo::testing::TempDir;

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

eventstore::NewEvent event() {
  static std::uint64_t n = 0;
  eventstore::NewEvent e;
  e.id = eventstore::time_ordered_event_id(1700000000000000, ++n);
  e.type = "Tested";
  e.payload = "payload";
  e.actor = "test";
  return e;
}

class DataBackup : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = dir_.sub("data");
    fs::create_directories(data_);
    store_ = std::move(eventstore::EventStore::open(data_ + "/events")).value();
    for (int i = 0; i < 20; ++i) {
      ASSERT_TRUE(store_->append({"s", eventstore::ExpectedVersion::any(), {event()}}).ok());
    }
    ASSERT_TRUE(store_->side_put(eventstore::SideTable::kCredentials, "who", "hash").ok());
    write(data_ + "/mail/m1.eml", "Subject: one\r\n");
    write(data_ + "/mail/m2.eml.tmp", "half written");
  }
  TempDir dir_;
  std::string data_;
  std::unique_ptr<eventstore::EventStore> store_;
};

TEST_F(DataBackup, HoldsTheLogAndTheOtherFilesWithAManifestOfBoth) {
  auto m = make_backup(*store_, data_, dir_.sub("b1"));
  ASSERT_TRUE(m.ok()) << m.status().to_string();
  EXPECT_EQ(m->name, "b1");
  EXPECT_EQ(m->position, 20u);
  EXPECT_EQ(m->chain_hash, base::to_hex(store_->head_hash()));
  ASSERT_NE(m->find("mail/m1.eml"), nullptr);
  EXPECT_EQ(m->find("mail/m1.eml")->bytes, 14u);
  EXPECT_EQ(m->find("mail/m2.eml.tmp"), nullptr);  // half-written files stay out
  EXPECT_NE(m->find("events/CURRENT"), nullptr);
  // The manifest on disk says the same, and lists every file there.
  auto read = read_manifest(dir_.sub("b1"));
  ASSERT_TRUE(read.ok()) << read.status().to_string();
  EXPECT_EQ(read->files, m->files);
  EXPECT_EQ(read->files, list_files(dir_.sub("b1")));
  EXPECT_EQ(read->position, 20u);
  // Not where one exists already.
  auto again = make_backup(*store_, data_, dir_.sub("b1"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().error().message, base::MessageId::kBackupDestinationExists);
}

TEST_F(DataBackup, RefusesADirectoryWithAnotherDatabaseAndLeavesNothing) {
  write(data_ + "/other/CURRENT", "MANIFEST-000001\n");
  auto m = make_backup(*store_, data_, dir_.sub("b2"));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().error().message, base::MessageId::kBackupUnknownDatabase);
  EXPECT_FALSE(fs::exists(dir_.sub("b2")));
}

TEST_F(DataBackup, ABackupDirectoryInsideTheDataDirectoryIsNotCopiedIntoItself) {
  ASSERT_TRUE(make_backup(*store_, data_, data_ + "/backups/b1").ok());
  auto m = make_backup(*store_, data_, data_ + "/backups/b2");
  ASSERT_TRUE(m.ok()) << m.status().to_string();
  for (const BackupFile& f : m->files) EXPECT_NE(f.path.rfind("backups/", 0), 0u) << f.path;
}

TEST_F(DataBackup, ARestoreCopyIsADataDirectoryAndChecksEveryFilesSize) {
  ASSERT_TRUE(make_backup(*store_, data_, dir_.sub("b3")).ok());
  std::uint64_t last = 0, total = 0;
  auto m = copy_backup(dir_.sub("b3"), dir_.sub("restored"), [&](std::uint64_t d, std::uint64_t t) {
    last = d;
    total = t;
  });
  ASSERT_TRUE(m.ok()) << m.status().to_string();
  EXPECT_EQ(last, m->bytes());
  EXPECT_EQ(total, m->bytes());
  EXPECT_FALSE(fs::exists(dir_.sub("restored") + "/" + kManifestFile));
  {
    auto copy = std::move(eventstore::EventStore::open(dir_.sub("restored") + "/events")).value();
    EXPECT_EQ(copy->head(), 20u);
    EXPECT_TRUE(copy->verify().ok);
    EXPECT_EQ(copy->side_get(eventstore::SideTable::kCredentials, "who").value(), "hash");
  }
  // Not into a directory with something in it.
  auto busy = copy_backup(dir_.sub("b3"), dir_.sub("restored"));
  ASSERT_FALSE(busy.ok());
  EXPECT_EQ(busy.status().error().message, base::MessageId::kRestoreTargetNotEmpty);
  // A file cut short is found, and what was copied is removed.
  write(dir_.sub("b3") + "/mail/m1.eml", "Subj");
  auto cut = copy_backup(dir_.sub("b3"), dir_.sub("second"));
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(cut.status().error().message, base::MessageId::kBackupFileMismatch);
  EXPECT_FALSE(fs::exists(dir_.sub("second")));
}

TEST(Manifest, RefusesPathsOutsideTheBackup) {
  const std::string good =
      R"({"format":"hoyo-backup/1","name":"n","createdAt":"t","position":1,"chainHash":"00",)"
      R"("files":[{"path":"events/CURRENT","bytes":16}]})";
  EXPECT_TRUE(parse_manifest(good, "x").ok());
  for (const char* bad :
       {"../etc/passwd", "/etc/passwd", "events/../../x", "events//x", "./x", "hoyo-backup.json"}) {
    std::string text = good;
    text.replace(text.find("events/CURRENT"), 14, bad);
    EXPECT_FALSE(parse_manifest(text, "x").ok()) << bad;
  }
  EXPECT_FALSE(parse_manifest(R"({"format":"other"})", "x").ok());
}

}  // namespace
}  // namespace hoyo::backup
