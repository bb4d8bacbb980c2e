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

}  // namespace hoyo::cluster
