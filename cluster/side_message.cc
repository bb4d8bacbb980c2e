#include "cluster/side_message.h"

#include "base/hex.h"
#include "cluster/internal/wire.h"

namespace hoyo::cluster {
namespace {

constexpr std::string_view kMagic = "HOYS";
constexpr std::string_view kChunkMagic = "HOYC";
constexpr std::uint16_t kVersion = 1;
constexpr std::string_view kBlobs = ".blobs.k";

base::Status bad_message(std::uint64_t sequence) {
  return {base::ErrorCode::kCorruption,
          base::MessageId::kClusterSideBadMessage,
          {{"sequence", static_cast<std::int64_t>(sequence)}}};
}

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
  const base::Status bad = bad_message(sequence);
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

std::string encode_blob_chunk(const BlobChunk& c) {
  std::string out(kChunkMagic);
  internal::put_be<std::uint16_t>(out, kVersion);
  out.push_back(static_cast<char>(c.operation));
  out.push_back('\0');
  internal::put_be<std::uint64_t>(out, c.epoch);
  internal::put_be<std::uint32_t>(out, c.index);
  internal::put_be<std::uint32_t>(out, c.count);
  return out + c.bytes;
}

base::Result<BlobChunk> decode_blob_chunk(std::string_view bytes, std::uint64_t sequence) {
  std::size_t at = kChunkMagic.size();
  std::uint16_t version = 0;
  BlobChunk c;
  if (bytes.substr(0, kChunkMagic.size()) != kChunkMagic || !internal::get_be(bytes, at, version) ||
      version != kVersion || bytes.size() < at + 2 || bytes[at + 1] != '\0') {
    return bad_message(sequence);
  }
  c.operation = static_cast<SideOperation>(static_cast<std::uint8_t>(bytes[at]));
  at += 2;
  if (!internal::get_be(bytes, at, c.epoch) || !internal::get_be(bytes, at, c.index) ||
      !internal::get_be(bytes, at, c.count) || c.epoch == 0) {
    return bad_message(sequence);
  }
  c.bytes.assign(bytes.substr(at));
  const bool put = c.operation == SideOperation::kPut && c.index < c.count;
  const bool erase =
      c.operation == SideOperation::kErase && c.index == 0 && c.count == 0 && c.bytes.empty();
  if (!put && !erase) return bad_message(sequence);
  return c;
}

std::string blob_subject(const std::string& stream, const eventstore::Hash& key,
                         std::uint32_t index) {
  return stream + std::string(kBlobs) + base::to_hex(key) + "." + std::to_string(index);
}

std::optional<BlobChunkKey> blob_chunk_of(const std::string& stream, std::string_view subject) {
  if (subject.substr(0, stream.size()) != stream ||
      subject.substr(stream.size(), kBlobs.size()) != kBlobs) {
    return std::nullopt;
  }
  const std::string_view rest = subject.substr(stream.size() + kBlobs.size());
  const std::size_t dot = rest.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::optional<eventstore::Hash> key = base::from_hex_array<32>(rest.substr(0, dot));
  const std::string_view index = rest.substr(dot + 1);
  if (!key || index.empty() || index.size() > 9 ||
      index.find_first_not_of("0123456789") != std::string_view::npos) {
    return std::nullopt;
  }
  return BlobChunkKey{*key, static_cast<std::uint32_t>(std::stoul(std::string(index)))};
}

}  // namespace hoyo::cluster
