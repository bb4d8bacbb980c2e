// The batch and epoch messages without a server: round trips, the cut at the
// size limit, and damaged or truncated input refused with its code.
#include "cluster/batch_message.h"

#include <gtest/gtest.h>
#include <openssl/sha.h>

#include "cluster/epoch_message.h"
#include "test_envelopes.h"

namespace hoyo::cluster {
namespace {

using base::MessageId;
using testing::make_envelopes;

Batch batch_of(std::uint64_t first, std::size_t count, std::uint64_t epoch = 3) {
  eventstore::Hash previous{};
  previous[0] = 0x42;
  testing::EnvelopeRun run = make_envelopes(first, previous, count);
  return Batch{epoch, first, previous, std::move(run.envelopes), run.last_hash};
}

// Each envelope its own append.
std::vector<std::vector<std::string>> singles(const std::vector<std::string>& envelopes) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& e : envelopes) out.push_back({e});
  return out;
}

// Recomputes the trailing SHA-256, so that a change gets past the checksum
// and meets the checks behind it.
void reseal(std::string& bytes) {
  unsigned char sum[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size() - 32, sum);
  bytes.replace(bytes.size() - 32, 32, reinterpret_cast<const char*>(sum), 32);
}

MessageId failure_of(std::string_view bytes) {
  base::Result<Batch> b = decode_batch(bytes);
  EXPECT_FALSE(b.ok());
  if (b.ok()) return MessageId::kInvalidInput;
  EXPECT_EQ(b.code(), base::ErrorCode::kCorruption);
  return b.error().message;
}

TEST(BatchMessage, RoundTrips) {
  const Batch in = batch_of(5, 4);
  base::Result<Batch> out = decode_batch(encode_batch(in));
  ASSERT_TRUE(out.ok()) << out.error();
  EXPECT_EQ(out->epoch, 3u);
  EXPECT_EQ(out->first_position, 5u);
  EXPECT_EQ(out->last_position(), 8u);
  EXPECT_EQ(out->previous_hash, in.previous_hash);
  EXPECT_EQ(out->envelopes, in.envelopes);
  EXPECT_EQ(out->last_hash, in.last_hash);
  EXPECT_EQ(in.message_id(), "3:5");
}

TEST(BatchMessage, EveryTruncationIsRefused) {
  const std::string bytes = encode_batch(batch_of(1, 3));
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    base::Result<Batch> b = decode_batch(std::string_view(bytes).substr(0, size));
    ASSERT_FALSE(b.ok()) << size;
    EXPECT_EQ(b.code(), base::ErrorCode::kCorruption);
  }
  // Past the header, the lengths run out before the checksum is looked at.
  EXPECT_EQ(failure_of(std::string_view(bytes).substr(0, bytes.size() - 1)),
            MessageId::kClusterBatchTruncated);
  EXPECT_EQ(failure_of(std::string_view(bytes).substr(0, 70)), MessageId::kClusterBatchTruncated);
  EXPECT_EQ(failure_of(std::string_view(bytes).substr(0, 20)), MessageId::kClusterBatchTruncated);
}

// A count of 2^32 - 1 in a short message: refused as truncated before
// anything is reserved (it asked for 64 GiB, and bad_alloc ended the node).
TEST(BatchMessage, ACountTheBytesCannotHoldIsRefusedBeforeAnythingIsReserved) {
  std::string bytes = encode_batch(batch_of(1, 1));
  constexpr std::size_t kCountAt = 56;  // magic, version, 0, epoch, first position, hash
  ASSERT_EQ(bytes.substr(kCountAt, 4), std::string("\0\0\0\1", 4));
  bytes.replace(kCountAt, 4, "\xff\xff\xff\xff");
  EXPECT_EQ(failure_of(bytes), MessageId::kClusterBatchTruncated);
}

TEST(BatchMessage, EveryFlippedByteIsRefused) {
  const std::string bytes = encode_batch(batch_of(1, 2));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    std::string damaged = bytes;
    damaged[i] = static_cast<char>(damaged[i] ^ 0x01);
    base::Result<Batch> b = decode_batch(damaged);
    ASSERT_FALSE(b.ok()) << "byte " << i;
    EXPECT_EQ(b.code(), base::ErrorCode::kCorruption);
  }
}

TEST(BatchMessage, HeaderDamageIsABadFormat) {
  std::string bytes = encode_batch(batch_of(1, 2));
  std::string magic = bytes;
  magic[0] = 'X';
  EXPECT_EQ(failure_of(magic), MessageId::kClusterBatchBadFormat);
  std::string version = bytes;
  version[5] = 2;
  EXPECT_EQ(failure_of(version), MessageId::kClusterBatchBadFormat);
  std::string trailing = bytes;
  trailing.insert(trailing.size() - 32, "x");
  EXPECT_EQ(failure_of(trailing), MessageId::kClusterBatchBadFormat);
  std::string unsealed = bytes;
  unsealed[10] ^= 1;  // the epoch, which only the checksum covers
  EXPECT_EQ(failure_of(unsealed), MessageId::kClusterBatchChecksum);
}

TEST(BatchMessage, ResealedDamageMeetsTheChainAndPositionChecks) {
  const Batch in = batch_of(10, 3);
  // Another previous hash: the first event no longer follows it.
  Batch other_previous = in;
  other_previous.previous_hash[5] ^= 1;
  EXPECT_EQ(failure_of(encode_batch(other_previous)), MessageId::kClusterBatchChainBroken);
  // Another first position.
  Batch shifted = in;
  shifted.first_position = 11;
  EXPECT_EQ(failure_of(encode_batch(shifted)), MessageId::kClusterBatchPositionMismatch);
  // Events out of order.
  Batch swapped = in;
  std::swap(swapped.envelopes[1], swapped.envelopes[2]);
  EXPECT_EQ(failure_of(encode_batch(swapped)), MessageId::kClusterBatchPositionMismatch);
  // A changed payload byte (the last byte of the first envelope's payload
  // region), the checksum made to match: the chain hash no longer does.
  std::string bytes = encode_batch(in);
  const std::size_t payload_at = 64 + 4 + in.envelopes[0].find(std::string(16, 'k'));
  ASSERT_NE(in.envelopes[0].find(std::string(16, 'k')), std::string::npos);
  bytes[payload_at] = 'z';
  reseal(bytes);
  EXPECT_EQ(failure_of(bytes), MessageId::kClusterBatchChainBroken);
  // An envelope that is not Cap'n Proto.
  Batch garbage = in;
  garbage.envelopes[1] = "not an envelope";
  EXPECT_EQ(failure_of(encode_batch(garbage)), MessageId::kClusterBatchBadEnvelope);
}

TEST(BatchMessage, CutsAtTheLimitAndLinksTheParts) {
  eventstore::Hash previous{};
  testing::EnvelopeRun run = make_envelopes(1, previous, 100, 1000);
  const std::size_t limit = 10 * 1024;
  base::Result<std::vector<Batch>> parts = cut_batches(7, previous, singles(run.envelopes), limit);
  ASSERT_TRUE(parts.ok()) << parts.error();
  ASSERT_GT(parts->size(), 1u);
  std::uint64_t next = 1;
  eventstore::Hash chain = previous;
  for (const Batch& b : parts.value()) {
    const std::string bytes = encode_batch(b);
    EXPECT_LE(bytes.size(), limit);
    base::Result<Batch> decoded = decode_batch(bytes);
    ASSERT_TRUE(decoded.ok()) << decoded.error();
    EXPECT_EQ(decoded->epoch, 7u);
    EXPECT_EQ(decoded->first_position, next);
    EXPECT_EQ(decoded->previous_hash, chain);
    next = decoded->last_position() + 1;
    chain = decoded->last_hash;
  }
  EXPECT_EQ(next, 101u);
  EXPECT_EQ(chain, run.last_hash);
  // Each part but the last is as full as it can be: its successor's first
  // envelope would not have fitted.
  for (std::size_t i = 0; i + 1 < parts->size(); ++i) {
    EXPECT_GT(encode_batch((*parts)[i]).size() + 4 + (*parts)[i + 1].envelopes[0].size(), limit);
  }
}

// An append is atomic: the cut falls between appends, never inside one. Two
// appends of two 1,000-byte events each, with room for three events in a
// message: the second append goes whole into a second message.
TEST(BatchMessage, AnAppendIsNeverCutBetweenTwoMessages) {
  eventstore::Hash previous{};
  testing::EnvelopeRun run = make_envelopes(1, previous, 4, 1000);
  const std::size_t one = run.envelopes[0].size() + 4;
  const std::size_t limit = 64 + 32 + 3 * one + 16;
  std::vector<std::vector<std::string>> appends = {{run.envelopes[0], run.envelopes[1]},
                                                   {run.envelopes[2], run.envelopes[3]}};
  base::Result<std::vector<Batch>> parts = cut_batches(1, previous, appends, limit);
  ASSERT_TRUE(parts.ok()) << parts.error();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].envelopes.size(), 2u);
  EXPECT_EQ((*parts)[1].first_position, 3u);
  EXPECT_EQ((*parts)[1].previous_hash, (*parts)[0].last_hash);
  EXPECT_EQ((*parts)[1].last_hash, run.last_hash);
  // As single events, the same four fill the first message to three.
  base::Result<std::vector<Batch>> loose = cut_batches(1, previous, singles(run.envelopes), limit);
  ASSERT_TRUE(loose.ok());
  EXPECT_EQ((*loose)[0].envelopes.size(), 3u);
  // An append that cannot fit in any message is refused.
  base::Result<std::vector<Batch>> whole = cut_batches(
      1, previous, {{run.envelopes[0], run.envelopes[1], run.envelopes[2], run.envelopes[3]}},
      limit);
  ASSERT_FALSE(whole.ok());
  EXPECT_EQ(whole.error().message, MessageId::kClusterEnvelopeTooLarge);
}

TEST(BatchMessage, TheDefaultLimitIsHalfAMebibyte) {
  eventstore::Hash previous{};
  testing::EnvelopeRun run = make_envelopes(1, previous, 40, 30 * 1024);
  base::Result<std::vector<Batch>> parts = cut_batches(1, previous, singles(run.envelopes));
  ASSERT_TRUE(parts.ok()) << parts.error();
  EXPECT_GT(parts->size(), 1u);
  for (const Batch& b : parts.value()) EXPECT_LE(encode_batch(b).size(), 512u * 1024);
}

TEST(BatchMessage, AnEnvelopeTooLargeForOneMessageIsRefused) {
  eventstore::Hash previous{};
  testing::EnvelopeRun run = make_envelopes(1, previous, 2, 600 * 1024);
  base::Result<std::vector<Batch>> parts = cut_batches(1, previous, singles(run.envelopes));
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.code(), base::ErrorCode::kInvalidArgument);
  EXPECT_EQ(parts.error().message, MessageId::kClusterEnvelopeTooLarge);
}

TEST(BatchMessage, EnvelopesThatSkipAPositionAreRefused) {
  eventstore::Hash previous{};
  testing::EnvelopeRun run = make_envelopes(1, previous, 4);
  run.envelopes.erase(run.envelopes.begin() + 2);
  base::Result<std::vector<Batch>> parts = cut_batches(1, previous, singles(run.envelopes));
  ASSERT_FALSE(parts.ok());
  EXPECT_EQ(parts.error().message, MessageId::kClusterEnvelopesNotContiguous);
}

TEST(EpochMessage, RoundTripsAndRefusesDamage) {
  const std::string bytes = encode_epoch({12, "node-b"});
  base::Result<WriterEpochStarted> e = decode_epoch(bytes);
  ASSERT_TRUE(e.ok()) << e.error();
  EXPECT_EQ(e->epoch, 12u);
  EXPECT_EQ(e->node, "node-b");
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    EXPECT_FALSE(decode_epoch(std::string_view(bytes).substr(0, size)).ok()) << size;
  }
  EXPECT_FALSE(decode_epoch(bytes + "x").ok());
  EXPECT_FALSE(decode_epoch(encode_epoch({0, "n"})).ok());
  EXPECT_EQ(decode_epoch("HOYB").error().message, MessageId::kClusterBadEpochMessage);
  // A batch is not an epoch message.
  EXPECT_FALSE(decode_epoch(encode_batch(batch_of(1, 1))).ok());
}

}  // namespace
}  // namespace hoyo::cluster
