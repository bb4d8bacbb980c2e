// The key-encryption key: every data key and server secret is wrapped under
// a key kept in a file outside the data directory; a directory whose keys are
// wrapped refuses to open without its own key file; an older directory is
// wrapped on its first start, and its unwrapped key bytes leave its files.
// Proof images are stored sealed.
#include "accounts/key_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "account_fixture.h"
#include "accounts/key_wrap.h"
#include "accounts/personal_data.h"
#include "accounts/proof_image.h"
#include "base/hex.h"
#include "images.h"

namespace hoyo::accounts {
namespace {

using eventstore::SideTable;
using testing::AccountTest;

// Every byte of every file under `dir`.
std::string all_files(const std::string& dir) {
  std::string out;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::ifstream in(e.path(), std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    out += s.str();
  }
  return out;
}

class KeyFile : public AccountTest {
 protected:
  std::vector<std::pair<std::string, std::string>> data_keys() {
    std::vector<std::pair<std::string, std::string>> out;
    (void)store_->side_scan(SideTable::kDataKeys, "", [&](std::string_view k, std::string_view v) {
      out.emplace_back(std::string(k), std::string(v));
      return true;
    });
    return out;
  }
};

TEST_F(KeyFile, ANewDirectoryGetsAKeyFileOfItsOwnAndEveryKeyIsWrapped) {
  const std::string path = default_key_file(dir_);
  EXPECT_EQ(path, dir_ + ".key");
  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::ifstream in(path);
  std::string hex_key;
  in >> hex_key;
  EXPECT_EQ(hex_key.size(), 64u);
  register_resident();  // a data key, the identity secret
  const auto keys = data_keys();
  ASSERT_GE(keys.size(), 3u);
  for (const auto& [name, value] : keys) {
    EXPECT_TRUE(is_wrapped(value)) << name;
    EXPECT_NE(value.size(), 32u) << name;  // never a bare 256-bit key
  }
}

TEST_F(KeyFile, AWrappedDirectoryRefusesToOpenWithoutItsOwnKeyFile) {
  register_resident();
  const std::string path = default_key_file(dir_);
  close();
  std::filesystem::rename(path, path + ".saved");
  store_ = std::move(eventstore::EventStore::open(dir_)).value();
  auto missing = prepare_key_file(*store_, path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error().message, base::MessageId::kKeyFileUnreadable)
      << missing.status().to_string();
  EXPECT_EQ(base::arg_text(missing.status().error().args, "path"), path);
  EXPECT_FALSE(std::filesystem::exists(path));  // nothing was made in its place
  // Another directory's key does not open it either.
  {
    std::ofstream other(path);
    other << std::string(64, 'a') << "\n";
  }
  auto wrong = prepare_key_file(*store_, path);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.status().error().message, base::MessageId::kKeyFileForeign);
  // Its own key does.
  std::filesystem::remove(path);
  std::filesystem::rename(path + ".saved", path);
  store_.reset();
  open();
  EXPECT_TRUE(service_->login(snapshot().accounts.users.begin()->first, "19800401", "a").ok());
}

TEST_F(KeyFile, CheckingAKeyFileChangesNothingAndSaysWhyItDoesNotOpen) {
  register_resident();
  const std::string path = default_key_file(dir_);
  EXPECT_TRUE(check_key_file(*store_, path).ok());
  std::filesystem::rename(path, path + ".saved");
  base::Status missing = check_key_file(*store_, path);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, base::MessageId::kKeyFileUnreadable);
  EXPECT_FALSE(std::filesystem::exists(path));  // not made in its place
  {
    std::ofstream other(path);
    other << std::string(64, 'a') << "\n";
  }
  base::Status foreign = check_key_file(*store_, path);
  ASSERT_FALSE(foreign.ok());
  EXPECT_EQ(foreign.error().message, base::MessageId::kKeyFileForeign);
  // A directory with no wrapped keys needs none.
  ::hoyo::testing::TempDir empty;
  auto fresh = std::move(eventstore::EventStore::open(empty.path())).value();
  EXPECT_TRUE(check_key_file(*fresh, empty.path() + "/none.key").ok());
}

TEST_F(KeyFile, AnOlderDirectoryIsWrappedOnItsFirstStartAndItsBareKeysLeaveItsFiles) {
  close();
  // A directory from before keys were wrapped: bare keys, no check value.
  const std::string bare = std::string("BARE-KEY-") + std::string(23, 'k');
  {
    auto store = std::move(eventstore::EventStore::open(dir_ + "-old")).value();
    ASSERT_TRUE(store->side_put(SideTable::kDataKeys, "key:0123", bare).ok());
    ASSERT_TRUE(store->side_put(SideTable::kDataKeys, "server:identity-hmac", bare).ok());
  }
  ASSERT_NE(all_files(dir_ + "-old").find(bare), std::string::npos);
  {
    auto store = std::move(eventstore::EventStore::open(dir_ + "-old")).value();
    auto kek = prepare_key_file(*store, dir_ + "-old.key");
    ASSERT_TRUE(kek.ok()) << kek.status().to_string();
    auto stored = store->side_get(SideTable::kDataKeys, "key:0123");
    ASSERT_TRUE(stored.ok() && *stored);
    EXPECT_TRUE(is_wrapped(**stored));
    EXPECT_EQ(unwrap_key(*kek, "key:0123", **stored), bare);
    // Moved to another name, a wrapped key does not open.
    EXPECT_FALSE(unwrap_key(*kek, "key:9999", **stored));
    // Opening again with the file now made works and changes nothing.
    auto again = prepare_key_file(*store, dir_ + "-old.key");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *kek);
  }
  EXPECT_EQ(all_files(dir_ + "-old").find(bare), std::string::npos);
  std::filesystem::remove_all(dir_ + "-old");
  std::filesystem::remove(dir_ + "-old.key");
  open();
}

TEST_F(KeyFile, ProofImagesAreStoredSealedAndErasedWithTheirKey) {
  const std::string png = testing::make_png(40, 30);
  auto r = service_->register_online(testing::worker_form(), png);
  ASSERT_TRUE(r.ok()) << r.error().message;
  auto proof = service_->proof(r->registration_id);
  ASSERT_TRUE(proof.ok());
  EXPECT_EQ(proof->media_type, "image/png");
  // The blob store holds no image: neither the upload nor its re-encoding.
  std::string blobs;
  const std::string hash = snapshot().accounts.registrations.at(r->registration_id).submitted.proof;
  const auto key = base::from_hex_array<32>(hash);
  ASSERT_TRUE(key);
  auto stored = store_->get_blob(*key);
  ASSERT_TRUE(stored.ok());
  EXPECT_TRUE(sniff_image(*stored)[0] == '\0');
  EXPECT_EQ(stored->find(proof->bytes.substr(16, 64)), std::string::npos);
  ASSERT_TRUE(service_->erase(domain::Actor::op("ops"), "", r->registration_id, "request").ok());
  EXPECT_FALSE(service_->proof(r->registration_id).ok());
}

}  // namespace
}  // namespace hoyo::accounts
