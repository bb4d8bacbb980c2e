// WriterEpochStarted: the message a candidate publishes to become the writer
// (election.h). It lives in the stream only: it is no log event, takes no
// position, and followers skip it. Its header Hoyo-Kind is "epoch"
// (message_kind.h); its bytes:
//   "HOYE", u16 version (1), u16 zero, u64 epoch, u32 node length, node
// (integers big-endian).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace hoyo::cluster {

struct WriterEpochStarted {
  std::uint64_t epoch = 0;  // 1 for the first writer, then the highest so far + 1
  std::string node;         // the winner's node name
};

std::string encode_epoch(const WriterEpochStarted& e);
// kCorruption (kClusterBadEpochMessage) unless `bytes` is exactly one
// well-formed message with an epoch of at least 1.
base::Result<WriterEpochStarted> decode_epoch(std::string_view bytes);

}  // namespace hoyo::cluster
