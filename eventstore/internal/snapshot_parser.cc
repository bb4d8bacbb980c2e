#include "eventstore/internal/snapshot_parser.h"

#include <algorithm>
#include <cstring>

namespace hoyo::eventstore::internal {
namespace {

constexpr std::string_view kMagic = "HOYOSNAP";
constexpr std::size_t kHeaderSize = 4 + 8 + 32 + 4;  // format, position, chain, sections
constexpr std::size_t kSectionHeadSize = 4 + 8;      // id, size

std::uint64_t fixed(std::string_view in, std::size_t at, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) {
    v |= static_cast<std::uint64_t>(static_cast<std::uint8_t>(in[at + i])) << (8 * i);
  }
  return v;
}

}  // namespace

void SnapshotParser::feed(std::string_view in) {
  while (!in.empty()) {
    switch (stage_) {
      case Stage::kNotASnapshot:
        return;
      case Stage::kDone:
        trailing_ = true;
        return;
      case Stage::kBody: {
        const std::size_t n = std::min<std::uint64_t>(in.size(), body_left_);
        body_->append(in.data(), n);
        sha_.update(in.data(), n);
        in.remove_prefix(n);
        if ((body_left_ -= n) == 0) next_section();
        break;
      }
      default: {
        const std::size_t n = std::min(in.size(), need_ - pending_.size());
        pending_.append(in.data(), n);
        in.remove_prefix(n);
        if (pending_.size() == need_) {
          field();
          pending_.clear();
        }
      }
    }
  }
}

void SnapshotParser::field() {
  if (stage_ != Stage::kSum) sha_.update(pending_);
  switch (stage_) {
    case Stage::kMagic:
      if (pending_ != kMagic) {
        stage_ = Stage::kNotASnapshot;
        return;
      }
      stage_ = Stage::kHeader;
      need_ = kHeaderSize;
      return;
    case Stage::kHeader:
      s_.format = static_cast<std::uint32_t>(fixed(pending_, 0, 4));
      s_.position = fixed(pending_, 4, 8);
      std::memcpy(s_.chain.data(), pending_.data() + 12, s_.chain.size());
      sections_left_ = fixed(pending_, 44, 4);
      next_section();
      return;
    case Stage::kSectionHead: {
      body_ = &s_.sections[static_cast<std::uint32_t>(fixed(pending_, 0, 4))];
      body_left_ = fixed(pending_, 4, 8);
      body_->clear();  // a repeated id: the last one counts
      body_->reserve(std::min<std::uint64_t>(body_left_, size_hint_));
      stage_ = Stage::kBody;
      if (body_left_ == 0) next_section();
      return;
    }
    case Stage::kSum: {
      const Hash sum = sha_.finish();
      sum_ok_ = std::memcmp(sum.data(), pending_.data(), sum.size()) == 0;
      stage_ = Stage::kDone;
      return;
    }
    default:
      return;
  }
}

void SnapshotParser::next_section() {
  if (sections_left_ == 0) {
    stage_ = Stage::kSum;
    need_ = 32;
    return;
  }
  --sections_left_;
  stage_ = Stage::kSectionHead;
  need_ = kSectionHeadSize;
}

SnapshotFault SnapshotParser::finish(Snapshot& out) {
  if (stage_ == Stage::kNotASnapshot) return SnapshotFault::kNotASnapshot;
  if (stage_ != Stage::kDone) return SnapshotFault::kTruncated;
  if (trailing_) return SnapshotFault::kNotASnapshot;
  if (!sum_ok_) return SnapshotFault::kChecksum;
  out = std::move(s_);
  return SnapshotFault::kNone;
}

}  // namespace hoyo::eventstore::internal
