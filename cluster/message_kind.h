// What a message of the replicated stream holds, told by its header
// Hoyo-Kind: the genesis message, a writer's epoch message, a batch, or (in
// the side tables' stream) a side-table write.
#pragma once

#include <string_view>

namespace hoyo::cluster {

inline constexpr const char* kKindHeader = "Hoyo-Kind";

enum class MessageKind { kGenesis, kEpoch, kBatch, kSide, kUnknown };

// "genesis", "epoch", "batch", "side" (and "unknown", never sent).
inline const char* kind_name(MessageKind k) {
  switch (k) {
    case MessageKind::kGenesis:
      return "genesis";
    case MessageKind::kEpoch:
      return "epoch";
    case MessageKind::kBatch:
      return "batch";
    case MessageKind::kSide:
      return "side";
    case MessageKind::kUnknown:
      break;
  }
  return "unknown";
}

// The kind a header value names; kUnknown for anything else (or no header).
inline MessageKind kind_of(std::string_view header) {
  for (MessageKind k :
       {MessageKind::kGenesis, MessageKind::kEpoch, MessageKind::kBatch, MessageKind::kSide}) {
    if (header == kind_name(k)) return k;
  }
  return MessageKind::kUnknown;
}

}  // namespace hoyo::cluster
