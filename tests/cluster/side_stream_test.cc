// The side tables replicated through the side stream, on three real
// nats-servers: a writer's side writes reach every follower's store; an erase
// leaves every store and every server's files; a new writer catches up with
// every acknowledged side write and fences the old one.
#include <random>
#include <thread>

#include "cluster/side_message.h"
#include "eventually.h"
#include "files_containing.h"
#include "side_env.h"

namespace hoyo::cluster {
namespace {

using eventstore::SideTable;
using testing::TempDir;

class SideStreamTest : public testing::SideTest {};

TEST_F(SideStreamTest, AWritersSideWritesReachEveryFollower) {
  ThreeNodes n;
  ASSERT_TRUE(n.writer);
  // Written before the followers start, and after.
  ASSERT_TRUE(n.a->side_write({{SideTable::kCredentials, "user:10000012", "argon2id$hash"},
                               {SideTable::kProjections, "vacancy", "checkpoint"}})
                  .ok());
  auto fb = follow(*n.side_b, *n.b);
  auto fc = follow(*n.side_c, *n.c);
  ASSERT_TRUE(n.a->side_write({{SideTable::kSessions, "id:abc", "session"},
                               {SideTable::kSessions, std::string("acct:\x01\xff.*>", 11), ""},
                               {SideTable::kOutbox, "mail:1", "reset-link"},
                               {SideTable::kSettings, "clock", "1"}})
                  .ok());
  ASSERT_TRUE(n.a->side_put(SideTable::kCredentials, "user:10000012", "argon2id$changed").ok());
  ASSERT_TRUE(n.a->side_write({{SideTable::kOutbox, "mail:1", std::nullopt}}).ok());
  for (eventstore::EventStore* s : {n.b.get(), n.c.get()}) {
    EXPECT_TRUE(testing::eventually([&] {
      return get(*s, SideTable::kCredentials, "user:10000012") == "argon2id$changed" &&
             get(*s, SideTable::kSessions, "id:abc") == "session" &&
             get(*s, SideTable::kSessions, std::string("acct:\x01\xff.*>", 11)) == "" &&
             !get(*s, SideTable::kOutbox, "mail:1");
    }));
    // What stays with its node never left it.
    EXPECT_EQ(get(*s, SideTable::kProjections, "vacancy"), std::nullopt);
    EXPECT_EQ(get(*s, SideTable::kSettings, "clock"), std::nullopt);
  }
  EXPECT_TRUE(fb->status().ok()) << fb->status().to_string();
  EXPECT_TRUE(fc->status().ok()) << fc->status().to_string();
  EXPECT_EQ(get(*n.a, SideTable::kProjections, "vacancy"), "checkpoint");
}

TEST_F(SideStreamTest, AnEraseLeavesEveryStoreAndEveryServersFiles) {
  ThreeNodes n;
  ASSERT_TRUE(n.writer);
  auto fb = follow(*n.side_b, *n.b);
  auto fc = follow(*n.side_c, *n.c);
  const std::string marker = "wrapped-data-key-" + n.side_a->stream() + "-7f3a9c1e55d2";
  ASSERT_TRUE(n.a->side_put(SideTable::kDataKeys, "user:10000012", marker).ok());
  ASSERT_TRUE(n.a->side_put(SideTable::kDataKeys, "user:10000020", "another key").ok());
  for (eventstore::EventStore* s : {n.b.get(), n.c.get()}) {
    ASSERT_TRUE(testing::eventually(
        [&] { return get(*s, SideTable::kDataKeys, "user:10000012") == marker; }));
  }
  // The proof below would prove nothing if the bytes were never there.
  ASSERT_FALSE(testing::files_containing(n.db.path(), marker).empty());
  for (int i = 0; i < 3; ++i) {
    ASSERT_FALSE(testing::files_containing(nats_->store_dir(i), marker).empty()) << i;
  }

  ASSERT_TRUE(n.a->side_shred(SideTable::kDataKeys, "user:10000012").ok());
  for (eventstore::EventStore* s : {n.b.get(), n.c.get()}) {
    EXPECT_TRUE(testing::eventually(
        [&] { return !get(*s, SideTable::kDataKeys, "user:10000012").has_value(); }));
    EXPECT_EQ(get(*s, SideTable::kDataKeys, "user:10000020"), "another key");
  }
  for (const TempDir* d : {&n.da, &n.db, &n.dc}) {
    EXPECT_TRUE(testing::eventually([&] {
      return testing::files_containing(d->path(), marker).empty();
    })) << d->path();
  }
  // The stream's message files no longer hold the value (js_EraseMsg
  // overwrote it); each server's Raft log of the stream still does until its
  // next compaction, which nats-server 2.9 runs every 2 to 3 minutes or once
  // the log holds 8 MB: 10 MB of later writes make it compact now.
  for (int i = 0; i < 3; ++i) {
    for (const std::string& f : testing::files_containing(nats_->store_dir(i), marker)) {
      EXPECT_NE(f.find("/_js_/"), std::string::npos) << f;
    }
  }
  // (Random bytes: the Raft log stores its entries compressed.)
  std::mt19937_64 random(42);
  std::string filler(kMaxSideValueBytes, '\0');
  for (int i = 0; i < 20; ++i) {
    for (char& ch : filler) ch = static_cast<char>(random());
    ASSERT_TRUE(n.a->side_put(SideTable::kOutbox, "filler", filler).ok());
  }
  ASSERT_TRUE(n.a->side_write({{SideTable::kOutbox, "filler", std::nullopt}}).ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(testing::eventually([&] {
      return testing::files_containing(nats_->store_dir(i), marker).empty();
    })) << "server "
        << i << ": " << testing::files_containing(nats_->store_dir(i), marker).front();
  }
  // A store that starts from the stream now never sees the value.
  TempDir dd;
  auto d = open_store(dd);
  ASSERT_TRUE(side_catch_up(*n.side_b, *d).ok());
  EXPECT_EQ(get(*d, SideTable::kDataKeys, "user:10000012"), std::nullopt);
  EXPECT_EQ(get(*d, SideTable::kDataKeys, "user:10000020"), "another key");
}

TEST_F(SideStreamTest, ANewWriterCatchesUpWithEveryAcknowledgedWrite) {
  auto side_a = fresh_side_stream("a");
  const std::string stream = side_a->stream();
  auto side_b = connect(stream, "b");
  TempDir da, db;
  auto a = open_store(da), b = open_store(db);
  auto old_writer = make_writer(*side_a, *a, 1);
  ASSERT_TRUE(old_writer);
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(a->side_put(SideTable::kSessions, "id:" + std::to_string(i), "s").ok());
  }
  ASSERT_TRUE(a->side_put(SideTable::kCredentials, "user:1", "password").ok());
  ASSERT_TRUE(a->side_put(SideTable::kDataKeys, "user:2", "key").ok());
  ASSERT_TRUE(a->side_shred(SideTable::kDataKeys, "user:2").ok());
  ASSERT_TRUE(a->side_write({{SideTable::kSessions, "id:7", std::nullopt}}).ok());
  // B was never a follower: its term's begin catches it up.
  auto new_writer = make_writer(*side_b, *b, 2);
  ASSERT_TRUE(new_writer);
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(get(*b, SideTable::kSessions, "id:" + std::to_string(i)),
              i == 7 ? std::nullopt : std::optional<std::string>("s"))
        << i;
  }
  EXPECT_EQ(get(*b, SideTable::kCredentials, "user:1"), "password");
  EXPECT_EQ(get(*b, SideTable::kDataKeys, "user:2"), std::nullopt);
}

// A catch-up of many keys writes them in batches (SideApplier's batch), a
// few syncs for 3,000 keys: every key's last value arrives, deletes and an erase among the puts
// included, in stream order (a batch ends before the erase).
TEST_F(SideStreamTest, ACatchUpOfManyKeysAppliesEachKeysLastValue) {
  auto side_a = fresh_side_stream("a");
  TempDir da, dd;
  auto a = open_store(da), d = open_store(dd);
  auto writer = make_writer(*side_a, *a, 1);
  ASSERT_TRUE(writer);
  constexpr int kKeys = 3000;
  for (int first = 0; first < kKeys; first += 100) {
    std::vector<eventstore::SideWrite> writes;
    for (int i = first; i < first + 100; ++i) {
      writes.push_back(
          {SideTable::kOutbox, "mail:" + std::to_string(i), "notice " + std::to_string(i)});
    }
    ASSERT_TRUE(a->side_write(writes).ok()) << first;
  }
  ASSERT_TRUE(a->side_put(SideTable::kDataKeys, "user:2", "key").ok());
  ASSERT_TRUE(a->side_write({{SideTable::kOutbox, "mail:10", std::nullopt}}).ok());
  ASSERT_TRUE(a->side_put(SideTable::kOutbox, "mail:20", "sending").ok());
  ASSERT_TRUE(a->side_shred(SideTable::kDataKeys, "user:2").ok());
  ASSERT_TRUE(a->side_put(SideTable::kDataKeys, "user:2", "a new key").ok());
  const std::uint64_t syncs_before = d->stats().syncs;
  const auto started = std::chrono::steady_clock::now();
  base::Result<std::uint64_t> caught = side_catch_up(*side_a, *d);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - started);
  ASSERT_TRUE(caught.ok()) << caught.error();
  RecordProperty("catch_up_ms", static_cast<int>(took.count()));
  // Written in batches: a few syncs, not one per key (3,000 keys one at a
  // time took 6.5-15 s on a busy machine, in batches 61-80 ms).
  EXPECT_LT(d->stats().syncs - syncs_before, 100u);
  EXPECT_EQ(caught.value(), writer->last_sequence());
  for (int i = 0; i < kKeys; ++i) {
    const std::string key = "mail:" + std::to_string(i);
    const std::optional<std::string> want =
        i == 10   ? std::nullopt
        : i == 20 ? std::optional<std::string>("sending")
                  : std::optional<std::string>("notice " + std::to_string(i));
    ASSERT_EQ(get(*d, SideTable::kOutbox, key), want) << key;
  }
  EXPECT_EQ(get(*d, SideTable::kDataKeys, "user:2"), "a new key");
}

// Once a new term began, the old writer can neither write (its next
// message's fence is gone) nor erase (the stream moved past its last
// message), and an older term cannot begin again.
TEST_F(SideStreamTest, TheOldWriterIsFencedOnceANewTermBegan) {
  for (const bool erase : {false, true}) {
    SCOPED_TRACE(erase ? "erase" : "put");
    ThreeNodes n;
    ASSERT_TRUE(n.writer);
    TempDir dd;
    auto d = open_store(dd);
    ASSERT_TRUE(n.a->side_put(SideTable::kCredentials, "user:1", "old-password").ok());
    auto new_writer = make_writer(*n.side_b, *n.b, 2);
    ASSERT_TRUE(new_writer);
    ASSERT_TRUE(n.b->side_put(SideTable::kCredentials, "user:1", "new-password").ok());

    const base::Status refused =
        erase ? n.a->side_shred(SideTable::kCredentials, "user:1")
              : n.a->side_put(SideTable::kCredentials, "user:1", "stale-password");
    EXPECT_TRUE(refused.is(base::ErrorCode::kFenced)) << refused.to_string();
    EXPECT_TRUE(n.writer->failure().is(base::ErrorCode::kFenced));
    EXPECT_EQ(get(*n.a, SideTable::kCredentials, "user:1"), "old-password");
    ASSERT_TRUE(side_catch_up(*n.side_c, *n.c).ok());
    EXPECT_EQ(get(*n.c, SideTable::kCredentials, "user:1"), "new-password");
    base::Result<std::shared_ptr<SideStreamReplicator>> late =
        SideStreamReplicator::begin(*n.side_c, *d, {1, "node1", 0});
    EXPECT_TRUE(late.is(base::ErrorCode::kFenced)) << late.status().to_string();
  }
}

TEST_F(SideStreamTest, AValueTooLargeForOneMessageIsRefusedAndNothingIsSent) {
  auto side_a = fresh_side_stream("a");
  TempDir da;
  auto a = open_store(da);
  auto writer = make_writer(*side_a, *a, 1);
  ASSERT_TRUE(writer);
  const std::uint64_t before = writer->last_sequence();
  const base::Status s =
      a->side_write({{SideTable::kSessions, "id:1", "small"},
                     {SideTable::kOutbox, "m", std::string(kMaxSideValueBytes + 1, 'x')}});
  EXPECT_TRUE(s.is(base::ErrorCode::kInvalidArgument)) << s.to_string();
  EXPECT_EQ(s.error().message, base::MessageId::kClusterSideValueTooLarge);
  EXPECT_EQ(get(*a, SideTable::kSessions, "id:1"), std::nullopt);
  EXPECT_EQ(writer->last_sequence(), before);
  // Only that batch: the writer goes on.
  EXPECT_TRUE(a->side_put(SideTable::kSessions, "id:1", "small").ok());
}

// A begin whose answer was lost is tried again: it finds its own epoch
// message last and begins there, not fenced by itself.
TEST_F(SideStreamTest, BeginningTheSameTermAgainFindsItsOwnEpochMessage) {
  auto side_a = fresh_side_stream("a");
  TempDir da;
  auto a = open_store(da);
  auto first = make_writer(*side_a, *a, 4);
  ASSERT_TRUE(first);
  auto again = make_writer(*side_a, *a, 4);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->last_sequence(), first->last_sequence());
  EXPECT_TRUE(a->side_put(SideTable::kSessions, "id:1", "s").ok());
}

// A proof document larger than one message: it travels in chunks, every
// follower stores it once the last chunk came, and its erase takes every
// chunk out of the stream's message files and out of every store.
TEST_F(SideStreamTest, ABlobTravelsInChunksAndItsEraseLeavesEveryStore) {
  ThreeNodes n;
  ASSERT_TRUE(n.writer);
  auto fb = follow(*n.side_b, *n.b);
  std::mt19937_64 random(7);
  std::string blob(2 * kMaxSideValueBytes + 1000, '\0');
  for (char& ch : blob) ch = static_cast<char>(random());
  // A marker in each chunk, to find its bytes in files.
  const std::string marker = "proof-" + n.side_a->stream() + "-c41d";
  for (std::size_t at : {std::size_t{0}, kMaxSideValueBytes, 2 * kMaxSideValueBytes}) {
    blob.replace(at, marker.size(), marker);
  }
  base::Result<eventstore::Hash> key = n.a->put_blob(blob);
  ASSERT_TRUE(key.ok()) << key.status().to_string();
  EXPECT_TRUE(testing::eventually([&] {
    base::Result<std::string> held = n.b->get_blob(key.value());
    return held.ok() && held.value() == blob;
  }));
  ASSERT_TRUE(side_catch_up(*n.side_b, *n.c).ok());
  EXPECT_EQ(n.c->get_blob(key.value()).value(), blob);
  for (int i = 0; i < 3; ++i) {
    ASSERT_FALSE(testing::files_containing(nats_->store_dir(i), marker).empty()) << i;
  }

  ASSERT_TRUE(n.a->shred_blob(key.value()).ok());
  EXPECT_FALSE(n.a->get_blob(key.value()).ok());
  EXPECT_TRUE(testing::eventually([&] { return !n.b->get_blob(key.value()).ok(); }));
  ASSERT_TRUE(side_catch_up(*n.side_b, *n.c).ok());
  EXPECT_FALSE(n.c->get_blob(key.value()).ok());
  for (const TempDir* d : {&n.da, &n.db, &n.dc}) {
    EXPECT_EQ(testing::files_containing(d->path(), marker), std::vector<std::string>{})
        << d->path();
  }
  // Out of the stream's message files at once (the Raft log's copy goes at
  // its next compaction, as for a key: AnEraseLeavesEveryStoreAndEveryServersFiles).
  for (int i = 0; i < 3; ++i) {
    for (const std::string& f : testing::files_containing(nats_->store_dir(i), marker)) {
      EXPECT_NE(f.find("/_js_/"), std::string::npos) << f;
    }
  }
  // A store that starts from the stream now never sees it.
  TempDir dd;
  auto d = open_store(dd);
  ASSERT_TRUE(side_catch_up(*n.side_b, *d).ok());
  EXPECT_FALSE(d->get_blob(key.value()).ok());
}

}  // namespace
}  // namespace hoyo::cluster
