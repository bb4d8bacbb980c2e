// Snapshots of several side-table chunks: stored and loaded chunk by chunk
// (internal/snapshot_parser.h), with the same checks and faults as the bytes
// decoded whole.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "eventstore/event_store.h"
#include "eventstore/internal/snapshot_parser.h"
#include "eventstore/snapshots.h"
#include "test_dir.h"

namespace hoyo::eventstore {
namespace {

using testing::TempDir;

constexpr std::size_t kChunk = 4 << 20;  // snapshots.cc: bytes per side-table value

// Bytes that differ from one position to the next, so a misplaced run shows.
std::string pattern(std::size_t n, unsigned seed) {
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>((i * 131 + seed) >> 3);
  return out;
}

Snapshot big_snapshot() {
  Snapshot s;
  s.format = 3;
  s.position = 0;                                       // no event needed for the log's checks
  s.sections[1] = pattern(kChunk + kChunk / 2 + 7, 1);  // across the first chunk boundary
  s.sections[2] = "";
  s.sections[7] = pattern(kChunk + 3, 2);  // across the second
  return s;
}

std::string chunk_key(std::uint64_t position, std::uint64_t i) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "snap:big/%020llu/%08llu",
                static_cast<unsigned long long>(position), static_cast<unsigned long long>(i));
  return buf;
}

// What load_snapshot made of the stored snapshot: the fault, and the snapshot taken.
SnapshotFault load(const EventStore& store, Snapshot* taken = nullptr) {
  std::vector<SnapshotRejection> rejected;
  auto at = load_snapshot(
      store, "big", 3,
      [&](const Snapshot& s) {
        if (taken) *taken = s;
        return true;
      },
      &rejected);
  if (at) return SnapshotFault::kNone;
  return rejected.empty() ? SnapshotFault::kUnreadable : rejected.front().fault;
}

TEST(SnapshotChunks, ASnapshotOfSeveralChunksLoadsAsItWasSaved) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  const Snapshot s = big_snapshot();
  ASSERT_TRUE(save_snapshot(*store, "big", s).ok());
  const auto bytes = get_snapshot_bytes(*store, "big", 0);
  ASSERT_TRUE(bytes.ok());
  ASSERT_GT(bytes->size(), 2 * kChunk);  // three chunks
  Snapshot taken;
  ASSERT_EQ(load(*store, &taken), SnapshotFault::kNone);
  EXPECT_EQ(taken.format, s.format);
  EXPECT_EQ(taken.sections, s.sections);
}

TEST(SnapshotChunks, ADamagedOrMissingChunkIsCaught) {
  TempDir dir;
  auto store = std::move(EventStore::open(dir.path())).value();
  const Snapshot s = big_snapshot();
  ASSERT_TRUE(save_snapshot(*store, "big", s).ok());
  const std::string bytes = *get_snapshot_bytes(*store, "big", 0);

  std::string flipped = bytes;
  flipped[kChunk + 10] ^= 0x01;  // in the second chunk, inside section 1
  ASSERT_TRUE(put_snapshot_bytes(*store, "big", 0, flipped).ok());
  EXPECT_EQ(load(*store), SnapshotFault::kChecksum);

  ASSERT_TRUE(put_snapshot_bytes(*store, "big", 0, bytes).ok());
  ASSERT_EQ(load(*store), SnapshotFault::kNone);
  ASSERT_TRUE(store->side_write({{SideTable::kProjections, chunk_key(0, 1), std::nullopt}}).ok());
  EXPECT_EQ(load(*store), SnapshotFault::kTruncated);  // a middle one missing

  ASSERT_TRUE(put_snapshot_bytes(*store, "big", 0, bytes).ok());
  ASSERT_TRUE(store->side_write({{SideTable::kProjections, chunk_key(0, 2), std::nullopt}}).ok());
  EXPECT_EQ(load(*store), SnapshotFault::kTruncated);  // the last one missing

  ASSERT_TRUE(put_snapshot_bytes(*store, "big", 0, bytes + "x").ok());
  EXPECT_EQ(load(*store), SnapshotFault::kNotASnapshot);  // bytes after the checksum
}

// The same bytes, fed whole or in pieces of any size, give the same answer.
TEST(SnapshotChunks, BytesFedInPiecesDecodeAsWhole) {
  Snapshot s;
  s.format = 2;
  s.position = 42;
  s.chain[3] = 9;
  s.sections[1] = "booking";
  s.sections[4] = std::string(300, 'w');
  s.sections[9] = "";
  const std::string bytes = encode_snapshot(s);
  for (const std::string& b : {bytes, bytes.substr(0, bytes.size() - 1), bytes + "!",
                               std::string("HOYOSNAX") + bytes.substr(8), bytes.substr(0, 5)}) {
    Snapshot whole;
    const SnapshotFault expected = decode_snapshot(b, whole);
    for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{13}, std::size_t{64}}) {
      internal::SnapshotParser parser(b.size());
      for (std::size_t at = 0; at < b.size(); at += piece)
        parser.feed(std::string_view(b).substr(at, piece));
      Snapshot fed;
      EXPECT_EQ(parser.finish(fed), expected) << piece;
      if (expected == SnapshotFault::kNone) {
        EXPECT_EQ(fed.position, s.position);
        EXPECT_EQ(fed.chain, s.chain);
        EXPECT_EQ(fed.sections, s.sections);
      }
    }
  }
  Snapshot whole;
  EXPECT_EQ(decode_snapshot(bytes, whole), SnapshotFault::kNone);
  EXPECT_EQ(decode_snapshot(bytes.substr(0, bytes.size() - 1), whole), SnapshotFault::kTruncated);
  EXPECT_EQ(decode_snapshot(bytes + "!", whole), SnapshotFault::kNotASnapshot);
  EXPECT_EQ(decode_snapshot(std::string("HOYOSNAX") + bytes.substr(8), whole),
            SnapshotFault::kNotASnapshot);
  EXPECT_EQ(decode_snapshot(bytes.substr(0, 5), whole), SnapshotFault::kTruncated);
}

}  // namespace
}  // namespace hoyo::eventstore
