// Deciding a replicated append (EventStore::append_replicated): events
// decided on another node, checked against the log so far and written as
// given. Runs on the writer thread only.
#include <string>
#include <unordered_map>
#include <vector>

#include "eventstore/internal/batch_context.h"
#include "eventstore/internal/envelope_codec.h"

namespace hoyo::eventstore {

base::Result<std::vector<AppendResult>> EventStore::Impl::decide_replicated(
    const std::vector<std::string>& envelopes, BatchContext& ctx) {
  if (envelopes.empty()) {
    return base::Status{base::ErrorCode::kInvalidArgument, base::MessageId::kStoreEmptyAppend};
  }
  // Everything is checked before anything goes into the WriteBatch.
  internal::EnvelopeDecoder decoder;
  std::vector<StoredEvent> decoded;
  decoded.reserve(envelopes.size());
  std::unordered_map<std::string, std::uint64_t> local;
  Hash chain = ctx.hash;
  std::uint64_t next = ctx.next;
  for (const std::string& bytes : envelopes) {
    EventView v;
    if (base::Status s = decoder.decode(bytes, v); !s.ok()) return s;
    const auto arg = [](std::uint64_t n) { return static_cast<std::int64_t>(n); };
    if (v.position != next) {
      return base::Status{base::ErrorCode::kCorruption,
                          base::MessageId::kStoreReplicatedGap,
                          {{"expected", arg(next)}, {"found", arg(v.position)}}};
    }
    if (internal::chain_hash(chain, v, ctx.scratch) != v.chain_hash) {
      return base::Status{base::ErrorCode::kCorruption,
                          base::MessageId::kStoreReplicatedChain,
                          {{"position", arg(v.position)}}};
    }
    const std::string stream(v.stream_id);
    std::uint64_t current;
    if (auto it = local.find(stream); it != local.end()) {
      current = it->second;
    } else if (auto bt = ctx.versions.find(stream); bt != ctx.versions.end()) {
      current = bt->second;
    } else {
      base::Result<std::uint64_t> found = lookup_stream_version(stream);
      if (!found.ok()) return found.status();
      current = found.value();
    }
    if (v.stream_version != current + 1) {
      return base::Status{
          base::ErrorCode::kCorruption,
          base::MessageId::kStoreReplicatedVersion,
          {{"stream", stream}, {"version", arg(current + 1)}, {"found", arg(v.stream_version)}}};
    }
    local[stream] = v.stream_version;
    chain = v.chain_hash;
    ++next;
    decoded.push_back(StoredEvent::from(v));
  }
  for (std::size_t i = 0; i < decoded.size(); ++i) {
    const StoredEvent& e = decoded[i];
    ctx.wb->Put(events, internal::position_key(e.position), envelopes[i]);
    ctx.replicated_streams.push_back(e.stream_id);
    ctx.stream_entries.push_back({&ctx.replicated_streams.back(), e.stream_version, e.position});
    internal::IdRecord rec;
    rec.position = e.position;
    rec.stream_version = e.stream_version;
    NewEvent content;
    content.type = e.type;
    content.payload = e.payload;
    content.actor = e.actor;
    internal::content_digest(e.stream_id, content, rec.digest);
    ctx.ids[e.id] = rec;
  }
  for (auto& [stream, version] : local) ctx.versions[stream] = version;
  const AppendResult result{ctx.next, next - 1, 0, false};
  ctx.next = next;
  ctx.hash = chain;
  return std::vector<AppendResult>{result};
}

}  // namespace hoyo::eventstore
