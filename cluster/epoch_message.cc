#include "cluster/epoch_message.h"

#include "cluster/internal/wire.h"

namespace hoyo::cluster {
namespace {

constexpr std::string_view kMagic = "HOYE";
constexpr std::uint16_t kVersion = 1;

}  // namespace

std::string encode_epoch(const WriterEpochStarted& e) {
  std::string out(kMagic);
  internal::put_be<std::uint16_t>(out, kVersion);
  internal::put_be<std::uint16_t>(out, 0);
  internal::put_be<std::uint64_t>(out, e.epoch);
  internal::put_be<std::uint32_t>(out, static_cast<std::uint32_t>(e.node.size()));
  out.append(e.node);
  return out;
}

base::Result<WriterEpochStarted> decode_epoch(std::string_view bytes) {
  const base::Status bad{base::ErrorCode::kCorruption, base::MessageId::kClusterBadEpochMessage};
  if (bytes.substr(0, kMagic.size()) != kMagic) return bad;
  std::size_t at = kMagic.size();
  std::uint16_t version = 0, zero = 1;
  std::uint32_t length = 0;
  WriterEpochStarted e;
  if (!internal::get_be(bytes, at, version) || !internal::get_be(bytes, at, zero) ||
      !internal::get_be(bytes, at, e.epoch) || !internal::get_be(bytes, at, length) ||
      version != kVersion || zero != 0 || e.epoch == 0 || bytes.size() - at != length) {
    return bad;
  }
  e.node.assign(bytes.substr(at));
  return e;
}

}  // namespace hoyo::cluster
