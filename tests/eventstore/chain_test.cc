#include <gtest/gtest.h>
#include <openssl/sha.h>

#include "base/hex.h"
#include "eventstore/event_store.h"
#include "eventstore/internal/keys.h"
#include "raw_db.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::alter_event;
using testing::make_event;
using testing::RawDb;
using testing::TempDir;

void fill(const TempDir& dir, int n) {
  auto store = std::move(EventStore::open(dir.path())).value();
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(store
                    ->append({"s" + std::to_string(i % 3),
                              ExpectedVersion::any(),
                              {make_event("T", "payload number " + std::to_string(i))}})
                    .ok());
  }
}

TEST(Chain, IntactLogVerifies) {
  TempDir dir;
  fill(dir, 50);
  auto store = std::move(EventStore::open(dir.path())).value();
  VerifyReport r = store->verify();
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 50u);
}

TEST(Chain, HashFollowsTheDocumentedCanonicalBytes) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  NewEvent e = make_event("Booked", "xy");
  e.actor = "system";
  e.recorded_at_us = 0x0102030405060708;
  ASSERT_TRUE(store->append({"st", ExpectedVersion::any(), {e}}).ok());

  // Recompute by hand: zeros ‖ u64 pos ‖ len+stream ‖ u64 version ‖ id ‖ len+type ‖
  // i64 at ‖ len+actor ‖ correlation ‖ causation ‖ len+payload.
  std::string b(32, '\0');
  b += std::string("\0\0\0\0\0\0\0\x01", 8);
  b += std::string("\0\0\0\x02", 4) + "st";
  b += std::string("\0\0\0\0\0\0\0\x01", 8);
  b += std::string(reinterpret_cast<const char*>(e.id.data()), 16);
  b += std::string("\0\0\0\x06", 4) + "Booked";
  b += std::string("\x01\x02\x03\x04\x05\x06\x07\x08", 8);
  b += std::string("\0\0\0\x06", 4) + "system";
  b += std::string(32, '\0');
  b += std::string("\0\0\0\x02", 4) + "xy";
  Hash expected;
  SHA256(reinterpret_cast<const unsigned char*>(b.data()), b.size(), expected.data());
  EXPECT_EQ(base::to_hex(store->head_hash()), base::to_hex(expected));
}

TEST(Chain, OneAlteredStoredByteIsCaught) {
  TempDir dir;
  fill(dir, 30);
  {
    RawDb raw(dir.path());
    std::string value;
    const std::string key = internal::position_key(17);
    ASSERT_TRUE(raw.db->Get(rocksdb::ReadOptions(), raw.events, key, &value).ok());
    const auto at = value.find("payload number 16");
    ASSERT_NE(at, std::string::npos);
    value[at + 15] = '7';  // "16" -> "17": same size, still decodes
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.events, key, value).ok());
  }
  auto store = std::move(EventStore::open(dir.path())).value();
  VerifyReport r = store->verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_position, 17u);
  EXPECT_EQ(r.checked, 16u);
}

TEST(Chain, AMissingEventIsCaught) {
  TempDir dir;
  fill(dir, 10);
  {
    RawDb raw(dir.path());
    ASSERT_TRUE(
        raw.db->Delete(rocksdb::WriteOptions(), raw.events, internal::position_key(4)).ok());
  }
  auto store = std::move(EventStore::open(dir.path())).value();
  VerifyReport r = store->verify();
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.first_bad_position, 4u);
}

TEST(Chain, VerifyFromAPositionChecksOnlyTheRestAndTrustsWhatLiesBefore) {
  TempDir dir;
  fill(dir, 30);
  alter_event(dir.path(), 5, "payload number 4");
  alter_event(dir.path(), 22, "payload number 21");
  auto store = std::move(EventStore::open(dir.path())).value();
  std::uint64_t last_progress = 0;
  VerifyReport tail = store->verify(10, [&](std::uint64_t checked, std::uint64_t total) {
    EXPECT_EQ(total, 21u);
    last_progress = checked;
  });
  EXPECT_FALSE(tail.ok);
  EXPECT_EQ(tail.first_bad_position, 22u);
  EXPECT_EQ(tail.checked, 12u);  // 10..21
  VerifyReport after = store->verify(23);
  EXPECT_TRUE(after.ok) << after.reason;  // the faults lie before 23
  EXPECT_EQ(after.checked, 8u);
  EXPECT_EQ(store->verify(1).first_bad_position, 5u);
  EXPECT_FALSE(store->verify(32).ok);  // past the head
  EXPECT_EQ(last_progress, 0u);        // stopped at the fault before the final call
}

// hoyod serves verify while it writes: an event appended to a stream the
// walk has seen, after the walk's last position, is not a disagreement
// between the stream index and the log (it was reported as one).
TEST(Chain, WritesDuringAVerifyAreNotFaults) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  for (int chunk = 0; chunk < 9; ++chunk) {
    std::vector<NewEvent> events;
    for (int i = 0; i < 500; ++i) events.push_back(make_event("T", "p" + std::to_string(i)));
    ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), std::move(events)}).ok());
  }
  bool appended = false;
  VerifyReport r = store->verify(1, [&](std::uint64_t, std::uint64_t) {
    if (appended) return;
    appended = true;  // at the first progress call, 4,096 events in
    ASSERT_TRUE(store->append({"s", ExpectedVersion::any(), {make_event("T", "late")}}).ok());
  });
  EXPECT_TRUE(appended);
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 4500u);
  EXPECT_TRUE(store->verify().ok);
}

TEST(Chain, VerifyFromAPositionFollowsStreamsThatBeganBefore) {
  TempDir dir;
  fill(dir, 12);
  auto store = std::move(EventStore::open(dir.path())).value();
  std::uint64_t calls = 0;
  VerifyReport r = store->verify(7, [&](std::uint64_t checked, std::uint64_t total) {
    ++calls;
    EXPECT_EQ(checked, 6u);
    EXPECT_EQ(total, 6u);
  });
  EXPECT_TRUE(r.ok) << r.reason;
  EXPECT_EQ(r.checked, 6u);
  EXPECT_EQ(calls, 1u);
}

}  // namespace
}  // namespace hoyo::eventstore
