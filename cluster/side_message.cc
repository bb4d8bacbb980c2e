#include "cluster/side_message.h"

#include "base/hex.h"
#include "cluster/internal/wire.h"

namespace hoyo::cluster {
namespace {

constexpr std::string_view kMagic = "HOYS";
constexpr std::uint16_t kVersion = 1;

}  // namespace

std::string encode_side(const SideMessage& m) {
  std::string out(kMagic);
  internal::put_be<std::uint16_t>(out, kVersion);
  out.push_back(static_cast<char>(m.operation));
  out.push_back('\0');
  internal::put_be<std::uint64_t>(out, m.epoch);
  if (m.operation == SideOperation::kPut) out += m.value;
  return out;
}

base::Result<SideMessage> decode_side(std::string_view bytes, std::uint64_t sequence) {
  const base::Status bad{base::ErrorCode::kCorruption,
                         base::MessageId::kClusterSideBadMessage,
                         {{"sequence", static_cast<std::int64_t>(sequence)}}};
  std::size_t at = kMagic.size();
  std::uint16_t version = 0;
  std::uint64_t epoch = 0;
  if (bytes.substr(0, kMagic.size()) != kMagic || !internal::get_be(bytes, at, version) ||
      version != kVersion || bytes.size() < at + 2) {
    return bad;
  }
  const auto op = static_cast<SideOperation>(static_cast<std::uint8_t>(bytes[at]));
  if ((op != SideOperation::kPut && op != SideOperation::kDelete && op != SideOperation::kErase) ||
      bytes[at + 1] != '\0') {
    return bad;
  }
  at += 2;
  if (!internal::get_be(bytes, at, epoch) || epoch == 0) return bad;
  if (op != SideOperation::kPut && at != bytes.size()) return bad;
  return SideMessage{op, epoch, std::string(bytes.substr(at))};
}

std::string side_subject(const std::string& stream, eventstore::SideTable table,
                         std::string_view key) {
  return stream + "." + eventstore::side_table_name(table) + ".k" + base::to_hex(key);
}

std::optional<SideKey> side_key_of(const std::string& stream, std::string_view subject) {
  if (subject.size() <= stream.size() + 1 || subject.substr(0, stream.size()) != stream ||
      subject[stream.size()] != '.') {
    return std::nullopt;
  }
  const std::string_view rest = subject.substr(stream.size() + 1);
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::optional<eventstore::SideTable> table =
      eventstore::side_table_named(rest.substr(0, dot));
  if (!table || !eventstore::side_table_replicated(*table)) return std::nullopt;
  const std::string_view token = rest.substr(dot + 1);
  if (token.empty() || token[0] != 'k') return std::nullopt;
  std::optional<std::string> key = base::from_hex(token.substr(1));
  if (!key) return std::nullopt;
  return SideKey{*table, std::move(*key)};
}

}  // namespace hoyo::cluster
