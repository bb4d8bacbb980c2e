// The side stream's messages, without a server: writes and blob chunks
// round-trip, anything malformed is refused, and subjects carry any key.
#include "cluster/side_message.h"

#include <gtest/gtest.h>

namespace hoyo::cluster {
namespace {

using eventstore::SideTable;

TEST(SideMessage, WritesRoundTripAndDamageIsRefused) {
  for (const SideMessage& m :
       {SideMessage{SideOperation::kPut, 3, "value"}, SideMessage{SideOperation::kPut, 1, ""},
        SideMessage{SideOperation::kDelete, 2, ""}, SideMessage{SideOperation::kErase, 9, ""}}) {
    const std::string bytes = encode_side(m);
    base::Result<SideMessage> back = decode_side(bytes, 1);
    ASSERT_TRUE(back.ok()) << back.error();
    EXPECT_EQ(back->operation, m.operation);
    EXPECT_EQ(back->epoch, m.epoch);
    EXPECT_EQ(back->value, m.value);
    for (std::size_t cut = 0; cut < 16; ++cut) {
      EXPECT_FALSE(decode_side(bytes.substr(0, cut), 1).ok()) << cut;
    }
  }
  std::string bad_op = encode_side({SideOperation::kPut, 1, "v"});
  bad_op[6] = 7;
  EXPECT_EQ(decode_side(bad_op, 5).status().error().message,
            base::MessageId::kClusterSideBadMessage);
  EXPECT_FALSE(decode_side(encode_side({SideOperation::kPut, 0, "v"}), 1).ok());  // epoch 0
  EXPECT_FALSE(decode_side(encode_side({SideOperation::kDelete, 1, ""}) + "x", 1).ok());
}

TEST(SideMessage, BlobChunksRoundTripAndDamageIsRefused) {
  const BlobChunk c{SideOperation::kPut, 2, 1, 3, "chunk"};
  base::Result<BlobChunk> back = decode_blob_chunk(encode_blob_chunk(c), 1);
  ASSERT_TRUE(back.ok()) << back.error();
  EXPECT_EQ(back->index, 1u);
  EXPECT_EQ(back->count, 3u);
  EXPECT_EQ(back->bytes, "chunk");
  EXPECT_TRUE(decode_blob_chunk(encode_blob_chunk({SideOperation::kErase, 2, 0, 0, ""}), 1).ok());
  EXPECT_FALSE(decode_blob_chunk(encode_blob_chunk({SideOperation::kPut, 2, 3, 3, "x"}), 1).ok());
  EXPECT_FALSE(decode_blob_chunk(encode_blob_chunk({SideOperation::kErase, 2, 0, 0, "x"}), 1).ok());
  EXPECT_FALSE(decode_blob_chunk(encode_side({SideOperation::kPut, 2, "v"}), 1).ok());
}

TEST(SideMessage, SubjectsCarryAnyKeyAndNameOnlyReplicatedTables) {
  const std::string key("acct:\x00\xff.* >", 11);
  const std::string subject = side_subject("HOYO_SIDE", SideTable::kSessions, key);
  EXPECT_EQ(subject.find_first_of(" *>", 0), std::string::npos);
  std::optional<SideKey> back = side_key_of("HOYO_SIDE", subject);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->table, SideTable::kSessions);
  EXPECT_EQ(back->key, key);
  EXPECT_EQ(side_key_of("HOYO_SIDE", side_subject("HOYO_SIDE", SideTable::kCredentials, ""))->key,
            "");
  EXPECT_FALSE(side_key_of("HOYO_SIDE", "HOYO_SIDE.projections.k61"));
  EXPECT_FALSE(side_key_of("HOYO_SIDE", "HOYO_SIDE.epoch"));
  EXPECT_FALSE(side_key_of("HOYO_SIDE", "HOYO_SIDE.sessions.61"));
  EXPECT_FALSE(side_key_of("OTHER", subject));

  eventstore::Hash h{};
  h[0] = 0xab;
  const std::string chunk = blob_subject("HOYO_SIDE", h, 12);
  std::optional<BlobChunkKey> k = blob_chunk_of("HOYO_SIDE", chunk);
  ASSERT_TRUE(k);
  EXPECT_EQ(k->key, h);
  EXPECT_EQ(k->index, 12u);
  EXPECT_FALSE(side_key_of("HOYO_SIDE", chunk));
  EXPECT_FALSE(blob_chunk_of("HOYO_SIDE", subject));
  EXPECT_FALSE(blob_chunk_of("HOYO_SIDE", "HOYO_SIDE.blobs.kab.1"));
}

}  // namespace
}  // namespace hoyo::cluster
