#include "eventstore/internal/envelope_codec.h"

#include <capnp/message.h>

#include <cstring>

#include "eventstore/envelope.capnp.h"
#include "eventstore/internal/keys.h"
#include "eventstore/internal/sha256.h"

namespace hoyo::eventstore::internal {
namespace {

capnp::Data::Reader data_of(const EventId& id) { return {id.data(), id.size()}; }
capnp::Data::Reader data_of(std::string_view s) {
  return {reinterpret_cast<const capnp::byte*>(s.data()), s.size()};
}
capnp::Text::Reader text_of(std::string_view s) { return {s.data(), s.size()}; }

std::string_view view_of(capnp::Text::Reader t) { return {t.cStr(), t.size()}; }
std::string_view view_of(capnp::Data::Reader d) {
  return {reinterpret_cast<const char*>(d.begin()), d.size()};
}

template <std::size_t N>
bool copy_fixed(capnp::Data::Reader d, std::array<std::uint8_t, N>& out) {
  if (d.size() != N) return false;
  std::memcpy(out.data(), d.begin(), N);
  return true;
}

void put_u32_be(std::string& out, std::uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                     static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(b, 4);
}
void put_bytes(std::string& out, std::string_view s) {
  put_u32_be(out, static_cast<std::uint32_t>(s.size()));
  out.append(s);
}

}  // namespace

void encode_envelope(const EventView& e, std::string& out) {
  // One first segment large enough for a typical event avoids a second segment.
  // Build in a reused, zeroed first segment large enough for the whole envelope.
  const std::size_t words =
      40 + (e.stream_id.size() + e.type.size() + e.actor.size() + e.payload.size()) / 8 + 8;
  thread_local std::vector<capnp::word> first_segment;
  if (first_segment.size() < words) first_segment.resize(words);
  std::memset(first_segment.data(), 0, words * sizeof(capnp::word));
  capnp::MallocMessageBuilder message(kj::arrayPtr(first_segment.data(), words));
  auto env = message.initRoot<schema::Envelope>();
  env.setPosition(e.position);
  env.setStreamId(text_of(e.stream_id));
  env.setStreamVersion(e.stream_version);
  env.setEventId(data_of(e.id));
  env.setType(text_of(e.type));
  env.setRecordedAt(e.recorded_at_us);
  env.setActor(text_of(e.actor));
  env.setCorrelationId(data_of(e.correlation_id));
  env.setCausationId(data_of(e.causation_id));
  env.setPayload(data_of(e.payload));
  env.setChainHash({e.chain_hash.data(), e.chain_hash.size()});

  // Flat serialization: segment table (count-1, sizes, padding) then segments.
  auto segments = message.getSegmentsForOutput();
  std::string table;
  auto put_u32_le = [&table](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) table.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  };
  put_u32_le(static_cast<std::uint32_t>(segments.size() - 1));
  for (auto seg : segments) put_u32_le(static_cast<std::uint32_t>(seg.size()));
  if (table.size() % 8 != 0) put_u32_le(0);
  out.append(table);
  for (auto seg : segments) {
    out.append(reinterpret_cast<const char*>(seg.begin()), seg.size() * sizeof(capnp::word));
  }
}

base::Status EnvelopeDecoder::decode(std::string_view bytes, EventView& out) {
  if (bytes.size() % sizeof(capnp::word) != 0 || bytes.empty()) {
    return {base::ErrorCode::kCorruption, base::MessageId::kStoreBadEnvelope};
  }
  const std::size_t words = bytes.size() / sizeof(capnp::word);
  const capnp::word* start;
  if (reinterpret_cast<std::uintptr_t>(bytes.data()) % alignof(capnp::word) == 0) {
    start = reinterpret_cast<const capnp::word*>(bytes.data());
  } else {
    if (scratch_.size() < words) scratch_.resize(words);
    std::memcpy(scratch_.data(), bytes.data(), bytes.size());
    start = scratch_.data();
  }
  try {
    capnp::ReaderOptions options;
    options.traversalLimitInWords = words * 2 + 64;
    capnp::FlatArrayMessageReader reader(kj::ArrayPtr<const capnp::word>(start, words), options);
    auto env = reader.getRoot<schema::Envelope>();
    out.position = env.getPosition();
    out.stream_id = view_of(env.getStreamId());
    out.stream_version = env.getStreamVersion();
    out.type = view_of(env.getType());
    out.recorded_at_us = env.getRecordedAt();
    out.actor = view_of(env.getActor());
    out.payload = view_of(env.getPayload());
    if (!copy_fixed(env.getEventId(), out.id) ||
        !copy_fixed(env.getCorrelationId(), out.correlation_id) ||
        !copy_fixed(env.getCausationId(), out.causation_id) ||
        !copy_fixed(env.getChainHash(), out.chain_hash)) {
      return {base::ErrorCode::kCorruption, base::MessageId::kStoreBadEnvelope};
    }
  } catch (const kj::Exception& ex) {
    return {base::ErrorCode::kCorruption,
            base::MessageId::kStoreBadEnvelope,
            {{"cause", std::string(ex.getDescription().cStr())}}};
  }
  return base::ok_status();
}

void append_canonical_bytes(const EventView& e, std::string& out) {
  put_u64_be(out, e.position);
  put_bytes(out, e.stream_id);
  put_u64_be(out, e.stream_version);
  out.append(reinterpret_cast<const char*>(e.id.data()), e.id.size());
  put_bytes(out, e.type);
  put_u64_be(out, static_cast<std::uint64_t>(e.recorded_at_us));
  put_bytes(out, e.actor);
  out.append(reinterpret_cast<const char*>(e.correlation_id.data()), e.correlation_id.size());
  out.append(reinterpret_cast<const char*>(e.causation_id.data()), e.causation_id.size());
  put_bytes(out, e.payload);
}

Hash chain_hash(const Hash& previous, const EventView& e, std::string& scratch) {
  scratch.clear();
  scratch.append(reinterpret_cast<const char*>(previous.data()), previous.size());
  append_canonical_bytes(e, scratch);
  return Sha256::of(scratch);
}

void content_digest(std::string_view stream, const NewEvent& e, unsigned char out[16]) {
  thread_local std::string buf;
  buf.clear();
  put_bytes(buf, stream);
  put_bytes(buf, e.type);
  put_bytes(buf, e.actor);
  put_bytes(buf, e.payload);
  const Hash full = Sha256::of(buf);
  std::memcpy(out, full.data(), 16);
}

}  // namespace hoyo::eventstore::internal
