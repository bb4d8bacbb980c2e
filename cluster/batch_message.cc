#include "cluster/batch_message.h"

#include <openssl/evp.h>

#include <cstring>

#include "cluster/internal/wire.h"
#include "eventstore/envelope_bytes.h"

namespace hoyo::cluster {
namespace {

using internal::get_be;
using internal::put_be;

constexpr char kMagic[4] = {'H', 'O', 'Y', 'B'};
constexpr std::uint16_t kVersion = 1;
constexpr std::size_t kHeaderBytes = 64;
constexpr std::size_t kChecksumBytes = 32;
constexpr std::size_t kLengthBytes = 4;

eventstore::Hash sha256(std::string_view bytes) {
  eventstore::Hash out{};
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), out.data(), &size, EVP_sha256(), nullptr);
  return out;
}

base::Status corrupt(base::MessageId id, base::Args args = {}) {
  return {base::ErrorCode::kCorruption, id, std::move(args)};
}

std::int64_t as_arg(std::uint64_t v) { return static_cast<std::int64_t>(v); }

}  // namespace

std::string Batch::message_id() const {
  return std::to_string(epoch) + ":" + std::to_string(first_position);
}

std::string encode_batch(const Batch& batch) {
  std::size_t size = kHeaderBytes + kChecksumBytes;
  for (const auto& e : batch.envelopes) size += kLengthBytes + e.size();
  std::string out;
  out.reserve(size);
  out.append(kMagic, sizeof kMagic);
  put_be<std::uint16_t>(out, kVersion);
  put_be<std::uint16_t>(out, 0);
  put_be<std::uint64_t>(out, batch.epoch);
  put_be<std::uint64_t>(out, batch.first_position);
  out.append(reinterpret_cast<const char*>(batch.previous_hash.data()), batch.previous_hash.size());
  put_be<std::uint32_t>(out, static_cast<std::uint32_t>(batch.envelopes.size()));
  put_be<std::uint32_t>(out, 0);
  for (const auto& e : batch.envelopes) {
    put_be<std::uint32_t>(out, static_cast<std::uint32_t>(e.size()));
    out.append(e);
  }
  const eventstore::Hash sum = sha256(out);
  out.append(reinterpret_cast<const char*>(sum.data()), sum.size());
  return out;
}

base::Result<Batch> decode_batch(std::string_view bytes) {
  if (bytes.size() < kHeaderBytes + kChecksumBytes) {
    return corrupt(base::MessageId::kClusterBatchTruncated);
  }
  Batch batch;
  std::size_t at = sizeof kMagic;
  std::uint16_t version = 0, zero16 = 1;
  std::uint32_t count = 0, zero32 = 1;
  get_be(bytes, at, version);
  get_be(bytes, at, zero16);
  get_be(bytes, at, batch.epoch);
  get_be(bytes, at, batch.first_position);
  std::memcpy(batch.previous_hash.data(), bytes.data() + at, batch.previous_hash.size());
  at += batch.previous_hash.size();
  get_be(bytes, at, count);
  get_be(bytes, at, zero32);
  if (std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0 || version != kVersion || zero16 != 0 ||
      zero32 != 0 || count == 0 || batch.first_position == 0) {
    return corrupt(base::MessageId::kClusterBatchBadFormat);
  }
  // The lengths first: a message cut short runs out of bytes here, whatever
  // its last 32 bytes hold.
  const std::string_view body = bytes.substr(0, bytes.size() - kChecksumBytes);
  // Each envelope takes at least its 4-byte length: a count the bytes cannot
  // hold is refused before anything is reserved for it (a damaged or hostile
  // count must not ask for gigabytes).
  if (count > (body.size() - at) / kLengthBytes) {
    return corrupt(base::MessageId::kClusterBatchTruncated);
  }
  std::vector<std::string_view> envelopes;
  envelopes.reserve(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    std::uint32_t length = 0;
    if (!get_be(body, at, length) || body.size() - at < length) {
      return corrupt(base::MessageId::kClusterBatchTruncated);
    }
    envelopes.push_back(body.substr(at, length));
    at += length;
  }
  if (at != body.size()) return corrupt(base::MessageId::kClusterBatchBadFormat);
  const eventstore::Hash sum = sha256(body);
  if (std::memcmp(sum.data(), bytes.data() + body.size(), sum.size()) != 0) {
    return corrupt(base::MessageId::kClusterBatchChecksum);
  }
  eventstore::Hash chain = batch.previous_hash;
  std::uint64_t position = batch.first_position;
  batch.envelopes.reserve(count);
  for (std::string_view bytes_of_one : envelopes) {
    base::Result<eventstore::StoredEvent> e = eventstore::decode_envelope(bytes_of_one);
    if (!e.ok()) {
      return corrupt(base::MessageId::kClusterBatchBadEnvelope, {{"position", as_arg(position)}});
    }
    if (e->position != position) {
      return corrupt(base::MessageId::kClusterBatchPositionMismatch,
                     {{"expected", as_arg(position)}, {"found", as_arg(e->position)}});
    }
    if (eventstore::chain_hash_after(chain, e->view()) != e->chain_hash) {
      return corrupt(base::MessageId::kClusterBatchChainBroken, {{"position", as_arg(position)}});
    }
    chain = e->chain_hash;
    ++position;
    batch.envelopes.emplace_back(bytes_of_one);
  }
  batch.last_hash = chain;
  return batch;
}

base::Result<std::vector<Batch>> cut_batches(std::uint64_t epoch,
                                             const eventstore::Hash& previous_hash,
                                             std::vector<std::vector<std::string>> appends,
                                             std::size_t max_bytes) {
  std::vector<Batch> out;
  eventstore::Hash chain = previous_hash;
  std::size_t size = 0;
  std::uint64_t last_position = 0;
  for (std::vector<std::string>& append : appends) {
    // The append's envelopes are checked and measured first: it goes into a
    // message whole, never cut between two messages.
    std::size_t grows = 0;
    std::uint64_t first = 0;
    std::vector<eventstore::Hash> hashes;
    for (const std::string& bytes : append) {
      base::Result<eventstore::StoredEvent> e = eventstore::decode_envelope(bytes);
      if (!e.ok()) return e.status();
      if (last_position != 0 && e->position != last_position + 1) {
        return base::Status{base::ErrorCode::kInvalidArgument,
                            base::MessageId::kClusterEnvelopesNotContiguous,
                            {{"position", as_arg(last_position)}, {"next", as_arg(e->position)}}};
      }
      if (first == 0) first = e->position;
      last_position = e->position;
      hashes.push_back(e->chain_hash);
      grows += kLengthBytes + bytes.size();
    }
    if (append.empty()) continue;
    if (kHeaderBytes + kChecksumBytes + grows > max_bytes) {
      return base::Status{base::ErrorCode::kInvalidArgument,
                          base::MessageId::kClusterEnvelopeTooLarge,
                          {{"position", as_arg(first)},
                           {"events", as_arg(append.size())},
                           {"bytes", as_arg(grows)},
                           {"limit", as_arg(max_bytes)}}};
    }
    if (out.empty() || size + grows > max_bytes) {
      out.push_back(Batch{epoch, first, chain, {}, {}});
      size = kHeaderBytes + kChecksumBytes;
    }
    size += grows;
    for (std::string& bytes : append) out.back().envelopes.push_back(std::move(bytes));
    chain = hashes.back();
    out.back().last_hash = chain;
  }
  return out;
}

}  // namespace hoyo::cluster
