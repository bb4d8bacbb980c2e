// A side-table write as the side tables' stream holds it (docs/cluster.md,
// "Side tables"). The table and key are in the subject,
// NAME.<table>.k<key in hex> (hex: any key bytes, the empty key too, make
// one subject token); the
// message's Hoyo-Kind header is "side" and its bytes are
//   "HOYS", u16 version (1), u8 operation (1 put, 2 delete, 3 erase), u8 zero,
//   u64 the writer's epoch, then the value (a put only)
// (integers big-endian). A delete and an erase are tombstones: the last
// message of the key says it is gone; an erase also made the servers erase
// the value's earlier message (js_EraseMsg), and makes each follower compact
// it out of its store.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "eventstore/event.h"
#include "eventstore/side_table.h"

namespace hoyo::cluster {

// The largest value one side message carries (nats-server's max_payload is
// 1 MiB by default; the headers and the subject need room too).
inline constexpr std::size_t kMaxSideValueBytes = 512 * 1024;

enum class SideOperation : std::uint8_t { kPut = 1, kDelete = 2, kErase = 3 };

struct SideMessage {
  SideOperation operation = SideOperation::kPut;
  std::uint64_t epoch = 0;
  std::string value;  // a put's
};

std::string encode_side(const SideMessage& m);
// kCorruption (kClusterSideBadMessage, naming `sequence`) unless `bytes` is
// one well-formed message.
base::Result<SideMessage> decode_side(std::string_view bytes, std::uint64_t sequence);

// "NAME.<table>.k<hex key>" in the side stream `stream`.
std::string side_subject(const std::string& stream, eventstore::SideTable table,
                         std::string_view key);
// The table and key a side subject of `stream` names; nullopt for any other
// subject (the genesis and epoch messages', another table's, a bad key).
struct SideKey {
  eventstore::SideTable table;
  std::string key;
};
std::optional<SideKey> side_key_of(const std::string& stream, std::string_view subject);

// Blobs (the blob store's proof documents) travel in chunks of at most
// kMaxSideValueBytes, chunk N of the blob whose SHA-256 is HEX on subject
// NAME.blobs.kHEX.N, header Hoyo-Kind "side", bytes
//   "HOYC", u16 version (1), u8 operation (1 put, 3 erase), u8 zero,
//   u64 the writer's epoch, u32 N, u32 the number of chunks, then the chunk
// (an erase: a tombstone on chunk 0's subject, 0 chunks, no bytes).
struct BlobChunk {
  SideOperation operation = SideOperation::kPut;
  std::uint64_t epoch = 0;
  std::uint32_t index = 0;
  std::uint32_t count = 0;
  std::string bytes;
};
std::string encode_blob_chunk(const BlobChunk& c);
// kCorruption (kClusterSideBadMessage, naming `sequence`) unless `bytes` is
// one well-formed chunk (a put's index below its count).
base::Result<BlobChunk> decode_blob_chunk(std::string_view bytes, std::uint64_t sequence);

// "NAME.blobs.k<hex key>.<index>".
std::string blob_subject(const std::string& stream, const eventstore::Hash& key,
                         std::uint32_t index);
// The blob key and chunk index a blob subject of `stream` names; nullopt
// for any other subject.
struct BlobChunkKey {
  eventstore::Hash key;
  std::uint32_t index;
};
std::optional<BlobChunkKey> blob_chunk_of(const std::string& stream, std::string_view subject);

}  // namespace hoyo::cluster
